/**
 * Default budget for the URL-encoded query text, in characters.
 *
 * A Vtiger 8.4.0 server behind Apache returned HTTP 414 for a GET URL longer
 * than about 8,160 characters, and a query cannot be sent by POST. There an
 * IN list of 500 ids such as `'10x1234'` fitted (8,039 characters encoded)
 * and 1,000 did not. The budget leaves 110 characters for the rest of the
 * URL (`/webservice.php?operation=query&sessionName=...&query=`).
 * NOTE: the 8,160 figure is one server's Apache default; lower the budget
 * (`maxQueryLength`) for a long base path or a stricter proxy.
 *
 * @example
 * ```ts
 * import { createQueryBuilder, DEFAULT_MAX_QUERY_LENGTH } from '@vtiger/query-builder';
 *
 * createQueryBuilder({ maxQueryLength: DEFAULT_MAX_QUERY_LENGTH - 200 });
 * ```
 */
export const DEFAULT_MAX_QUERY_LENGTH = 8_050;

/**
 * Returns the length of `query` once URL-encoded as a query-string value:
 * the larger of form encoding (what `URLSearchParams` writes) and
 * `encodeURIComponent`, so the budget is safe for either encoding.
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
