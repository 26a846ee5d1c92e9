const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  '%': '\\%',
  _: '\\_',
};

/**
 * Applies MySQL's backslash escapes to a string literal's content, because
 * Vtiger pastes VTQL literals into SQL unchanged. `\%` and `\_` keep their
 * backslash, as in MySQL, so LIKE still sees an escaped wildcard. Returns
 * null when the content ends in a lone backslash, which would escape the
 * closing quote in the SQL text.
 */
export function unescapeMysqlString(content: string): string | null {
  if (!content.includes('\\')) return content;
  let result = '';
  for (let index = 0; index < content.length; index++) {
    const char = content[index] as string;
    if (char !== '\\') {
      result += char;
      continue;
    }
    const next = content[index + 1];
    if (next === undefined) return null;
    result += ESCAPES[next] ?? next;
    index++;
  }
  return result;
}
