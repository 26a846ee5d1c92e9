/**
 * A literal in a WHERE clause or IN list.
 *
 * @example
 * ```ts
 * // 'O''Neil \\ 5' in VTQL reads as:
 * const value: VtqlValue = { kind: 'string', raw: "O'Neil \\\\ 5", value: "O'Neil \\ 5" };
 * ```
 */
export interface VtqlValue {
  /** `string` for a single-quoted literal, `number` for a bare number. */
  readonly kind: 'string' | 'number';
  /** The literal between its quotes, with doubled quotes made single and backslashes untouched. */
  readonly raw: string;
  /**
   * The value MySQL compares: doubled quotes are single and backslash escapes
   * are applied, except `\%` and `\_`, which stay escaped for LIKE.
   */
  readonly value: string;
}

/** Comparison operators of VTQL. `<>` is read as `!=`. */
export type VtqlOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE';

/** `field <op> value`. */
export interface VtqlComparison {
  readonly type: 'comparison';
  readonly field: string;
  readonly operator: VtqlOperator;
  readonly value: VtqlValue;
}

/** `field IN (value, ...)`. */
export interface VtqlIn {
  readonly type: 'in';
  readonly field: string;
  readonly values: readonly VtqlValue[];
}

/** Conditions joined by AND (binds tighter) or OR, as MySQL reads them. */
export interface VtqlLogical {
  readonly type: 'and' | 'or';
  readonly conditions: readonly VtqlCondition[];
}

/**
 * A WHERE condition tree.
 *
 * @example
 * ```ts
 * // a = '1' OR b = '2' AND c IN ('3') reads as:
 * const tree: VtqlCondition = {
 *   type: 'or',
 *   conditions: [
 *     { type: 'comparison', field: 'a', operator: '=', value: { kind: 'string', raw: '1', value: '1' } },
 *     {
 *       type: 'and',
 *       conditions: [
 *         { type: 'comparison', field: 'b', operator: '=', value: { kind: 'string', raw: '2', value: '2' } },
 *         { type: 'in', field: 'c', values: [{ kind: 'string', raw: '3', value: '3' }] },
 *       ],
 *     },
 *   ],
 * };
 * ```
 */
export type VtqlCondition = VtqlComparison | VtqlIn | VtqlLogical;

/** `ORDER BY a, b [ASC|DESC]`: one direction for the whole list. */
export interface VtqlOrderBy {
  readonly fields: readonly string[];
  readonly direction: 'ASC' | 'DESC';
}

/** `LIMIT count` or `LIMIT offset, count`. */
export interface VtqlLimit {
  readonly offset: number;
  readonly count: number;
}

/**
 * A parsed `SELECT` statement.
 *
 * @example
 * ```ts
 * import { parseVtql } from '@vtiger/emulator';
 *
 * parseVtql('SELECT id, city FROM Leads ORDER BY city DESC LIMIT 10, 5;');
 * //=> { type: 'select', columns: ['id', 'city'], module: 'Leads', where: null,
 * //     orderBy: { fields: ['city'], direction: 'DESC' }, limit: { offset: 10, count: 5 } }
 * ```
 */
export interface VtqlQuery {
  readonly type: 'select';
  /** `'*'`, `'count'` for `count(*)`, or the listed field names. */
  readonly columns: '*' | 'count' | readonly string[];
  readonly module: string;
  readonly where: VtqlCondition | null;
  readonly orderBy: VtqlOrderBy | null;
  readonly limit: VtqlLimit | null;
}
