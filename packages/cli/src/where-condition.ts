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
 * Parses one `--where` value: `field<op>value` with `= != < > <= >=`,
 * `field~pattern` or `field like pattern` for LIKE (`%` and `_` are
 * wildcards), and `field in a,b,c` for IN.
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
    const value = word[3]!.trim();
    if (word[2]!.toLowerCase() === 'in') {
      const items = value.split(',').map((item) => item.trim());
      return { field, operator: 'in', value: items };
    }
    return { field, operator: 'like', value };
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
    return { field, operator, value: symbol[3]! };
  }
  throw new UsageError(
    `Invalid --where condition "${text}": expected field<op>value with one of = != < > <= >=, field~pattern for LIKE, or "field in a,b,c", for example --where city=Chicago.`,
  );
}
