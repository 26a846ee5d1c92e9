// Latin-1 entity names for U+00A0..U+00FF, as PHP's htmlentities writes them.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(
    ' ',
  );

/**
 * Encodes text like PHP's `htmlentities($text, ENT_QUOTES)` for ASCII and
 * Latin-1; other characters pass through. Vtiger stores record labels so.
 */
export function htmlEntities(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '&') result += '&amp;';
    else if (char === '<') result += '&lt;';
    else if (char === '>') result += '&gt;';
    else if (char === '"') result += '&quot;';
    else if (char === "'") result += '&#039;';
    else if (code >= 0xa0 && code <= 0xff)
      result += `&${LATIN1[code - 0xa0] as string};`;
    else result += char;
  }
  return result;
}

const DESCRIPTION_ENTITIES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/**
 * Encodes `<`, `>` and `"` as Vtiger 8.4.0 does when it stores a description
 * that contains markup; `&` and `'` stay as they are. Text without `<` or
 * `>` is stored unchanged, quotes included.
 */
export function encodeDescription(text: string): string {
  if (!/[<>]/.test(text)) return text;
  return text.replace(/[<>"]/g, (char) => DESCRIPTION_ENTITIES[char] ?? char);
}

/**
 * Replaces characters outside the Basic Multilingual Plane with `?` per
 * UTF-8 byte, as a MySQL `utf8` (3-byte) column stores an emoji.
 */
export function dropAstral(text: string): string {
  return text.replace(/[\u{10000}-\u{10FFFF}]/gu, '????');
}
