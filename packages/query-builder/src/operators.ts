import { QueryBuildError } from './errors.js';
import { describe } from './identifier.js';

/**
 * Operators accepted by `where`, `and`, `or` and {@link condition}. The first
 * eight are VTQL's own; `startsWith`, `endsWith` and `contains` build a LIKE
 * pattern from literal text, escaping the wildcards `%` and `_` in it.
 * VTQL has no NOT LIKE, NOT IN, IS NULL or BETWEEN.
 *
 * @example
 * ```ts
 * import { operators } from '@vtiger/query-builder';
 *
 * operators.includes('like'); //=> true
 * ```
 */
export const operators = [
  '=',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  'like',
  'in',
  'startsWith',
  'endsWith',
  'contains',
] as const;

/** One of {@link operators}. */
export type Operator = (typeof operators)[number];

/** Operators whose value is a LIKE pattern or literal text. */
export type TextOperator = 'like' | 'startsWith' | 'endsWith' | 'contains';

const operatorSet: ReadonlySet<string> = new Set(operators);

/** Checks a run-time operator and returns it. */
export function parseOperator(operator: unknown, field: string): Operator {
  if (typeof operator === 'string' && operatorSet.has(operator)) {
    return operator as Operator;
  }
  const lower = typeof operator === 'string' ? operator.toLowerCase() : '';
  const hint =
    lower === 'not like' || lower === 'not in' || lower === 'is'
      ? ' VTQL has no NOT LIKE, NOT IN or IS NULL; filter on the client.'
      : lower === 'like' || lower === 'in' || lower === '<>'
        ? ` Write ${lower === '<>' ? "'!='" : `'${lower}'`}.`
        : '';
  throw new QueryBuildError(
    'INVALID_OPERATOR',
    `Invalid operator ${describe(operator)} for field ${field}: expected ` +
      `one of ${operators.map((op) => `'${op}'`).join(', ')}.${hint}`,
  );
}
