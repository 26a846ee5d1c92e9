/**
 * Default budget for the URL-encoded query text, in characters.
 *
 * A Vtiger server behind Apache answers HTTP 414 when the whole GET URL is
 * longer than about 8,160 characters (measured on Vtiger 8.4.0: an IN list of
 * 500 ids fits, 1,000 does not), and a query cannot be sent by POST. The
 * rest of the URL (scheme, host, path, `operation=query`, `sessionName`) gets
 * 260 characters of that.
 */
export const DEFAULT_MAX_QUERY_LENGTH = 7_900;

/**
 * Returns the length of `query` once URL-encoded as a query-string value:
 * the larger of form encoding (what `URLSearchParams` writes) and
 * `encodeURIComponent`, so the budget holds whichever the client uses.
 *
 * @example
 * ```ts
 * import { encodedQueryLength } from '@vtiger/query-builder';
 *
 * encodedQueryLength("SELECT * FROM Leads WHERE city = 'Köln';"); //=> 63
 * ```
 */
export function encodedQueryLength(query: string): number {
  const form = new URLSearchParams({ q: query }).toString().length - 2;
  return Math.max(form, encodeURIComponent(query).length);
}
