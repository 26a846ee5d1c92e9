import { compileCondition } from './compiler.js';
import { QueryBuildError } from './errors.js';
import { describe, parseIdentifier } from './identifier.js';
import {
  node,
  type ComparisonNode,
  type ConjunctionNode,
  type DisjunctionNode,
  type ScalarValueNode,
} from './nodes.js';
import { parseOperator, type Operator } from './operators.js';
import {
  escapeLikeText,
  parseScalarValue,
  parseStringValue,
} from './values.js';

/**
 * Maximum number of OR terms a condition may have. AND-ing two OR groups
 * multiplies their terms (VTQL has no parentheses, so the AND is distributed
 * over every term), and this bound stops that growth early with a clear error.
 *
 * @example
 * ```ts
 * import { condition, MAX_OR_TERMS } from '@vtiger/query-builder';
 *
 * const eight = (field: string) =>
 *   [1, 2, 3, 4, 5, 6, 7, 8].map((n) => condition(field, '=', n)).reduce((a, b) => a.or(b));
 * eight('a').and(eight('b')).node.terms.length === MAX_OR_TERMS; //=> true (8 × 8 = 64)
 * ```
 */
export const MAX_OR_TERMS = 64;

/**
 * An immutable WHERE condition, kept as an OR of AND-terms: the only shape
 * VTQL can express, since it has no parentheses and AND binds tighter than OR.
 *
 * `and` distributes over every OR term; `or` adds terms. Conditions are
 * values: build one, pass it to `where`, or combine it with another.
 *
 * @example
 * ```ts
 * import { condition } from '@vtiger/query-builder';
 *
 * condition('city', '=', 'Boston').or('city', '=', 'Denver')
 *   .and('id', '>', '10x500')
 *   .toVTQL();
 * //=> "city = 'Boston' AND id > '10x500' OR city = 'Denver' AND id > '10x500'"
 * ```
 */
export interface Condition {
  /**
   * The condition's frozen tree in normal form.
   *
   * @example
   * ```ts
   * condition('a', '=', 1).or('b', '=', 2).node.terms.length; //=> 2
   * ```
   */
  readonly node: DisjunctionNode;

  /**
   * Returns `(this) AND (other)`, distributing over every OR term.
   *
   * @example
   * ```ts
   * condition('a', '=', 1).or('b', '=', 2).and('c', '=', 3).toVTQL();
   * //=> 'a = 1 AND c = 3 OR b = 2 AND c = 3'
   * ```
   */
  and(other: Condition): Condition;
  and(field: string, operator: Operator, value: unknown): Condition;

  /**
   * Returns `(this) OR (other)`.
   *
   * @example
   * ```ts
   * condition('a', '=', 1).and('b', '=', 2).or('c', '=', 3).toVTQL();
   * //=> 'a = 1 AND b = 2 OR c = 3'
   * ```
   */
  or(other: Condition): Condition;
  or(field: string, operator: Operator, value: unknown): Condition;

  /**
   * Returns the condition as VTQL text, without `WHERE`.
   *
   * @example
   * ```ts
   * condition('lastname', 'startsWith', "O'Ne").toVTQL();
   * //=> "lastname LIKE 'O''Ne%'"
   * ```
   */
  toVTQL(): string;
}

class ConditionImpl implements Condition {
  readonly node: DisjunctionNode;

  constructor(disjunction: DisjunctionNode) {
    this.node = disjunction;
    Object.freeze(this);
  }

  and(...args: ConditionArgs): Condition {
    return new ConditionImpl(andNodes(this.node, toCondition(args).node));
  }

  or(...args: ConditionArgs): Condition {
    return new ConditionImpl(orNodes(this.node, toCondition(args).node));
  }

  toVTQL(): string {
    return compileCondition(this.node);
  }

  toString(): string {
    return this.toVTQL();
  }
}

/** Arguments of the overloaded `and` / `or` / `where` methods. */
export type ConditionArgs =
  [other: Condition] | [field: string, operator: Operator, value: unknown];

/**
 * Builds a condition from one comparison.
 *
 * Strings are quoted with `'` and `\` doubled. Safe integers are bare and
 * other numbers quoted. Booleans are `1`/`0`, and Dates ISO text in UTC.
 * `in` takes a non-empty array. `startsWith`, `endsWith` and
 * `contains` take literal text and escape `%`, `_` and `\` in it.
 *
 * @example
 * ```ts
 * import { condition } from '@vtiger/query-builder';
 *
 * condition('city', 'in', ['Boston', 'München']).toVTQL();
 * //=> "city IN ('Boston','München')"
 * condition('lastname', 'contains', '50%').toVTQL();
 * // VTQL text, two backslashes before the %: lastname LIKE '%50\\%%'
 * ```
 */
export function condition(
  field: string,
  operator: Operator,
  value: unknown,
): Condition {
  const comparison = parseComparison(field, operator, value);
  return new ConditionImpl(
    node({
      kind: 'or',
      terms: [node({ kind: 'and', terms: [comparison] })],
    }),
  );
}

/**
 * Joins conditions with AND, distributing over OR terms.
 *
 * @example
 * ```ts
 * import { and, condition } from '@vtiger/query-builder';
 *
 * and(
 *   condition('city', '=', 'Boston').or('city', '=', 'Denver'),
 *   condition('id', '>', '10x100'),
 *   condition('id', '<=', '10x200'),
 * ).toVTQL();
 * //=> "city = 'Boston' AND id > '10x100' AND id <= '10x200' OR city = 'Denver' AND id > '10x100' AND id <= '10x200'"
 * ```
 */
export function and(first: Condition, ...rest: Condition[]): Condition {
  return rest.reduce((acc, next) => acc.and(next), checkCondition(first));
}

/**
 * Joins conditions with OR.
 *
 * @example
 * ```ts
 * import { condition, or } from '@vtiger/query-builder';
 *
 * or(condition('city', '=', 'Boston'), condition('city', '=', 'Denver')).toVTQL();
 * //=> "city = 'Boston' OR city = 'Denver'"
 * ```
 */
export function or(first: Condition, ...rest: Condition[]): Condition {
  return rest.reduce((acc, next) => acc.or(next), checkCondition(first));
}

/**
 * Tells whether a value is a {@link Condition} made by this package.
 *
 * @example
 * ```ts
 * import { condition, isCondition } from '@vtiger/query-builder';
 *
 * isCondition(condition('a', '=', 1)); //=> true
 * isCondition("a = 1"); //=> false
 * ```
 */
export function isCondition(value: unknown): value is Condition {
  return value instanceof ConditionImpl;
}

/** Wraps a normal-form node as a {@link Condition}. */
export function conditionFromNode(disjunction: DisjunctionNode): Condition {
  return new ConditionImpl(disjunction);
}

/** Resolves the overloaded `(condition)` / `(field, op, value)` arguments. */
export function toCondition(args: readonly unknown[]): Condition {
  if (args.length === 1) return checkCondition(args[0]);
  if (args.length === 3) {
    return condition(args[0] as string, args[1] as Operator, args[2]);
  }
  throw new QueryBuildError(
    'UNSUPPORTED',
    `Expected a Condition or (field, operator, value), got ` +
      `${args.length} arguments.`,
  );
}

function checkCondition(value: unknown): Condition {
  if (isCondition(value)) return value;
  throw new QueryBuildError(
    'UNSUPPORTED',
    `Expected a Condition made by condition(), and() or or(), got ` +
      `${describe(value)}.`,
  );
}

/** `(a) AND (b)` in normal form: every term of `a` joined with every term of `b`. */
export function andNodes(
  a: DisjunctionNode,
  b: DisjunctionNode,
): DisjunctionNode {
  const size = a.terms.length * b.terms.length;
  if (size > MAX_OR_TERMS) {
    throw new QueryBuildError(
      'UNSUPPORTED',
      `AND of a ${a.terms.length}-term OR group with a ${b.terms.length}-term ` +
        `OR group: VTQL has no parentheses, so the AND must be distributed ` +
        `over every OR term, which gives ${size} terms (max ${MAX_OR_TERMS}). ` +
        `Split the query into several queries, or use 'in' for alternatives ` +
        `on one field.`,
    );
  }
  const terms: ConjunctionNode[] = [];
  for (const left of a.terms) {
    for (const right of b.terms) {
      terms.push(node({ kind: 'and', terms: [...left.terms, ...right.terms] }));
    }
  }
  return node({ kind: 'or', terms });
}

/** `(a) OR (b)` in normal form. */
export function orNodes(
  a: DisjunctionNode,
  b: DisjunctionNode,
): DisjunctionNode {
  const size = a.terms.length + b.terms.length;
  if (size > MAX_OR_TERMS) {
    throw new QueryBuildError(
      'UNSUPPORTED',
      `OR with ${size} terms exceeds the maximum of ${MAX_OR_TERMS}. Use ` +
        `'in' for alternatives on one field, or split the query.`,
    );
  }
  return node({ kind: 'or', terms: [...a.terms, ...b.terms] });
}

/** Checks one comparison and returns its node. */
export function parseComparison(
  field: string,
  operator: Operator,
  value: unknown,
): ComparisonNode {
  const name = parseIdentifier(field, 'field');
  const op = parseOperator(operator, name);
  const context = `where ${name} ${op}`;
  switch (op) {
    case 'in':
      return node({
        kind: 'comparison',
        field: name,
        operator: 'IN',
        value: node({ kind: 'list', items: parseList(value, context) }),
      });
    case 'like':
      return like(name, parseStringValue(text(value, context), context));
    case 'startsWith':
      return like(name, likeText(value, context, '', '%'));
    case 'endsWith':
      return like(name, likeText(value, context, '%', ''));
    case 'contains':
      return like(name, likeText(value, context, '%', '%'));
    default:
      if (Array.isArray(value)) {
        throw new QueryBuildError(
          'INVALID_VALUE',
          `${context} ${describe(value)}: a list needs the 'in' operator.`,
        );
      }
      return node({
        kind: 'comparison',
        field: name,
        operator: op,
        value: parseScalarValue(value, context),
      });
  }
}

function like(field: string, value: ScalarValueNode): ComparisonNode {
  return node({ kind: 'comparison', field, operator: 'LIKE', value });
}

function likeText(
  value: unknown,
  context: string,
  prefix: string,
  suffix: string,
): ScalarValueNode {
  const literal = text(value, context);
  // Checked before escaping so that NUL, '' and lone surrogates are reported.
  parseStringValue(literal, context);
  return node({
    kind: 'string',
    value: `${prefix}${escapeLikeText(literal)}${suffix}`,
  });
}

function text(value: unknown, context: string): string {
  if (typeof value === 'string') return value;
  throw new QueryBuildError(
    'INVALID_VALUE',
    `${context} ${describe(value)}: expected a string.`,
  );
}

function parseList(value: unknown, context: string): ScalarValueNode[] {
  if (!Array.isArray(value)) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${context} ${describe(value)}: 'in' takes an array of values.`,
    );
  }
  if (value.length === 0) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${context} (): an empty IN list is a syntax error in VTQL and ` +
        `matches nothing. Skip the query when the list is empty.`,
    );
  }
  return value.map((item: unknown) => parseScalarValue(item, context));
}
