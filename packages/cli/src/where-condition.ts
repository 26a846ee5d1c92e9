import { UsageError } from './errors.js';

/** Comparison operators that `--where` accepts, as the builder names them. */
export type WhereOperator =
  '=' | '!=' | '<' | '>' | '<=' | '>=' | 'like' | 'in';

/** One parsed `--where` condition. */
export interface WhereCondition {
  field: string;
  operator: WhereOperator;
  value: string | string[];
}

const symbolForm =
  /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|!=|<>|=|<|>|~)\s*([\s\S]*)$/;
const wordForm = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(like|in)\s+([\s\S]*)$/i;

/**
 * Returns a `--where` value without the spaces around it. A value in
 * matching single or double quotes loses only the quotes, so `' Chicago '`
 * keeps its spaces and `'a,b'` in an IN list stays one item.
 */
function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(['"])([\s\S]*)\1$/.exec(trimmed);
  return quoted ? quoted[2]! : trimmed;
}

/** Splits an IN list at commas outside quotes and unquotes each item. */
function splitInList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const character of value) {
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === ',') {
      items.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  items.push(current);
  return items.map(unquote);
}

/**
 * Parses one `--where` value: `field<op>value` with `= != < > <= >=`,
 * `field~pattern` or `field like pattern` for LIKE (`%` and `_` are
 * wildcards), and `field in a,b,c` for IN. Spaces around the field, the
 * operator and the value are dropped; quote a value (`'...'` or `"..."`)
 * to keep its spaces.
 *
 * @example
 * ```ts
 * parseWhere('city=Chicago');     // { field: 'city', operator: '=', value: 'Chicago' }
 * parseWhere('lastname~Sm%');     // { field: 'lastname', operator: 'like', value: 'Sm%' }
 * parseWhere('industry in Banking,Retail');
 * ```
 */
export function parseWhere(text: string): WhereCondition {
  const word = wordForm.exec(text);
  if (word) {
    const field = word[1]!;
    if (word[2]!.toLowerCase() === 'in') {
      return { field, operator: 'in', value: splitInList(word[3]!) };
    }
    return { field, operator: 'like', value: unquote(word[3]!) };
  }
  const symbol = symbolForm.exec(text);
  if (symbol) {
    const field = symbol[1]!;
    const written = symbol[2]!;
    const operator: WhereOperator =
      written === '~'
        ? 'like'
        : written === '<>'
          ? '!='
          : (written as WhereOperator);
    return { field, operator, value: unquote(symbol[3]!) };
  }
  throw new UsageError(
    `Invalid --where condition "${text}": expected field<op>value with one of = != < > <= >=, field~pattern for LIKE, or "field in a,b,c", for example --where city=Chicago.`,
  );
}
