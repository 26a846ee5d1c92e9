import { brandErrorClass, VtigerError } from './vtiger-error.js';

/**
 * Error for a query that `queryAll()` cannot page without risking a wrong
 * record set, such as `count(*)` or an `ORDER BY` on a field other than id.
 *
 * @example
 * ```ts
 * import { VtigerQueryPagingError } from '@vtiger/core';
 *
 * try {
 *   for await (const lead of client.queryAll('SELECT * FROM Leads ORDER BY lastname;')) {
 *     console.log(lead.id);
 *   }
 * } catch (error) {
 *   if (error instanceof VtigerQueryPagingError) console.log(error.query);
 * }
 * ```
 */
export class VtigerQueryPagingError extends VtigerError {
  override name: string = 'VtigerQueryPagingError';
  /** Query text that could not be paged. */
  readonly query: string;

  constructor(query: string, reason: string) {
    super(`queryAll cannot page ${JSON.stringify(query)}: ${reason}`, {
      operation: 'query',
    });
    this.query = query;
  }
}

brandErrorClass(VtigerQueryPagingError, 'VtigerQueryPagingError');
