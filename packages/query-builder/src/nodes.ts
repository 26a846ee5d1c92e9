/**
 * The query tree. Every node is a frozen plain object tagged with `kind`.
 * Builders replace nodes and never change one in place, so a half-built
 * query can be shared. The compiler in `compiler.ts` turns a tree into text.
 */

/** A string literal; the compiler quotes and escapes `value`. */
export interface StringValueNode {
  readonly kind: 'string';
  readonly value: string;
}

/** An integer written bare, e.g. `42` or `-7`; `text` is already valid. */
export interface IntegerValueNode {
  readonly kind: 'integer';
  readonly text: string;
}

export type ScalarValueNode = StringValueNode | IntegerValueNode;

/** The parenthesised list of an IN comparison. Never empty. */
export interface ListValueNode {
  readonly kind: 'list';
  readonly items: readonly ScalarValueNode[];
}

export type ValueNode = ScalarValueNode | ListValueNode;

/** Comparison operators as written in VTQL. */
export type ComparisonOperator =
  '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

/** `field operator value`. IN always carries a list, others a scalar. */
export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly field: string;
  readonly operator: ComparisonOperator;
  readonly value: ValueNode;
}

/** Comparisons joined by AND. Never empty. */
export interface ConjunctionNode {
  readonly kind: 'and';
  readonly terms: readonly ComparisonNode[];
}

/**
 * Conjunctions joined by OR: the normal form of every WHERE clause. VTQL has
 * no parentheses and AND binds tighter than OR, so an OR of ANDs is exactly
 * what VTQL can express. Never empty.
 */
export interface DisjunctionNode {
  readonly kind: 'or';
  readonly terms: readonly ConjunctionNode[];
}

export type SelectionNode =
  | { readonly kind: 'all' }
  | { readonly kind: 'count' }
  | { readonly kind: 'fields'; readonly fields: readonly string[] };

/** `ORDER BY f1, f2 [ASC|DESC]`; VTQL takes one direction for the list. */
export interface OrderByNode {
  readonly kind: 'orderBy';
  readonly fields: readonly string[];
  readonly direction: 'ASC' | 'DESC' | undefined;
}

/** `LIMIT [offset,] count`. */
export interface LimitNode {
  readonly kind: 'limit';
  readonly count: number | undefined;
  readonly offset: number | undefined;
}

export interface SelectQueryNode {
  readonly kind: 'select';
  readonly selection: SelectionNode;
  readonly module: string;
  readonly where: DisjunctionNode | undefined;
  readonly orderBy: OrderByNode | undefined;
  readonly limit: LimitNode | undefined;
}

/** Freezes a node and returns it with its exact type. */
export function node<const T extends object>(value: T): T {
  return Object.freeze(value);
}
