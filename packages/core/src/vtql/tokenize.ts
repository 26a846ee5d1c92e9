/** Kind of a VTQL token. */
export type VtqlTokenKind = 'word' | 'string' | 'number' | 'symbol';

/** One VTQL token with its position in the source text. */
export interface VtqlToken {
  kind: VtqlTokenKind;
  /** Source text of the token, quotes included for strings. */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** Error for text that cannot be split into VTQL tokens. */
export class VtqlTokenizeError extends Error {
  override name = 'VtqlTokenizeError';
}

const twoCharacterSymbols = new Set(['!=', '<>', '<=', '>=']);

/**
 * Splits VTQL text into tokens, skipping whitespace.
 *
 * Strings are single-quoted with an embedded quote doubled (`'O''Neil'`). A
 * backslash does not escape a quote, because the VTQL lexer of Vtiger 8.4.0
 * ends the string at `\'`. Double-quoted strings are kept as string tokens so
 * that keywords inside them are never taken for clauses.
 */
export function tokenizeVtql(text: string): VtqlToken[] {
  const tokens: VtqlToken[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (/\s/u.test(character)) {
      index += 1;
      continue;
    }
    const start = index;
    if (character === "'" || character === '"') {
      index = skipString(text, index, character);
      tokens.push({
        kind: 'string',
        text: text.slice(start, index),
        start,
        end: index,
      });
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(text.slice(index));
    if (word !== null) {
      index += word[0].length;
      tokens.push({ kind: 'word', text: word[0], start, end: index });
      continue;
    }
    const number = /^\d+(?:\.\d+)?/u.exec(text.slice(index));
    if (number !== null) {
      index += number[0].length;
      tokens.push({ kind: 'number', text: number[0], start, end: index });
      continue;
    }
    const pair = text.slice(index, index + 2);
    index += twoCharacterSymbols.has(pair) ? 2 : 1;
    tokens.push({
      kind: 'symbol',
      text: text.slice(start, index),
      start,
      end: index,
    });
  }
  return tokens;
}

function skipString(text: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === quote) {
      if (text[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  throw new VtqlTokenizeError(
    `the string starting at character ${start + 1} has no closing quote`,
  );
}
