const marker = Symbol.for('@vtiger/query-builder/QueryBuildError');

/**
 * Machine-readable reason for a {@link QueryBuildError}.
 *
 * - `INVALID_IDENTIFIER`: a module or field name is not a plain name.
 * - `INVALID_OPERATOR`: an operator outside the VTQL set.
 * - `INVALID_VALUE`: a value VTQL cannot carry (empty string, `null`, NUL,
 *   NaN, an empty IN list, ...).
 * - `UNSUPPORTED`: a construct VTQL has no syntax for.
 * - `LIMIT_ABOVE_PAGE_CAP`: a LIMIT the server would silently cut.
 * - `QUERY_TOO_LONG`: the URL-encoded query exceeds the GET length budget.
 */
export type QueryBuildErrorCode =
  | 'INVALID_IDENTIFIER'
  | 'INVALID_OPERATOR'
  | 'INVALID_VALUE'
  | 'UNSUPPORTED'
  | 'LIMIT_ABOVE_PAGE_CAP'
  | 'QUERY_TOO_LONG';

/**
 * Error thrown while a query is built or compiled. The message names the
 * construct and the fix; `code` classifies it.
 *
 * @example
 * ```ts
 * import { select, isQueryBuildError } from '@vtiger/query-builder';
 *
 * try {
 *   select().from('Leads').where('city', '=', '');
 * } catch (error) {
 *   if (isQueryBuildError(error)) console.error(error.code, error.message);
 *   //=> INVALID_VALUE where city = '': the empty string cannot be ...
 * }
 * ```
 */
export class QueryBuildError extends Error {
  override readonly name = 'QueryBuildError';
  readonly code: QueryBuildErrorCode;

  constructor(code: QueryBuildErrorCode, message: string) {
    super(message);
    this.code = code;
    Object.defineProperty(this, marker, { value: true });
  }
}

/**
 * Tells whether a value is a {@link QueryBuildError}, also when it comes from
 * another copy of this package.
 *
 * @example
 * ```ts
 * import { isQueryBuildError } from '@vtiger/query-builder';
 *
 * isQueryBuildError(new Error('x')); //=> false
 * ```
 */
export function isQueryBuildError(value: unknown): value is QueryBuildError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}
