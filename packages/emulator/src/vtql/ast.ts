/** A literal in a WHERE clause or IN list. */
export interface VtqlValue {
  /** `string` for a single-quoted literal, `number` for a bare number. */
  readonly kind: 'string' | 'number';
  /** The literal as written, without the surrounding quotes. */
  readonly raw: string;
  /**
   * The value MySQL sees: doubled quotes are single and backslash escapes
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

/** A WHERE condition tree. */
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

/** A parsed `SELECT` statement. */
export interface VtqlQuery {
  readonly type: 'select';
  /** `'*'`, `'count'` for `count(*)`, or the listed field names. */
  readonly columns: '*' | 'count' | readonly string[];
  readonly module: string;
  readonly where: VtqlCondition | null;
  readonly orderBy: VtqlOrderBy | null;
  readonly limit: VtqlLimit | null;
}
