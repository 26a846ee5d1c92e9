/**
 * Compiles a MySQL LIKE pattern into a case-insensitive RegExp: `%` is any
 * run of characters, `_` one character, and a backslash makes the next
 * character literal.
 */
export function likeToRegExp(pattern: string): RegExp {
  let source = '^';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else if (char === '\\' && index + 1 < pattern.length) {
      index++;
      source += escapeRegExp(pattern[index] as string);
    } else source += escapeRegExp(char);
  }
  return new RegExp(`${source}$`, 'iu');
}

/** Escapes RegExp syntax characters; only these may be escaped under the `u` flag. */
function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}
