import fc from 'fast-check';

/** Characters and fragments that break naive escaping. */
const hostilePieces = [
  "'",
  "''",
  '\\',
  "\\'",
  '%',
  '_',
  '\\%',
  '\\_',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ';',
  '"',
  '(',
  ')',
  ',',
  ' ',
  ' OR ',
  ' AND ',
  "' OR '1'='1",
  '--',
  '#',
  '/*',
  '\u2028',
  '\uFEFF',
  '\x1a',
  '\b',
  'é',
  '東京',
  '😀',
  '\u{10FFFF}',
  '\u{1D11E}',
];

/**
 * Non-empty strings without NUL built from hostile pieces and code points
 * of every Unicode plane (well-formed UTF-16, no lone surrogates).
 */
export const hostileString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...hostilePieces) },
      {
        weight: 2,
        arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
      },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 5 }) },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((pieces) => pieces.join(''))
  .filter((text) => !text.includes('\0'));
