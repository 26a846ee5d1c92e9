/** Error codes a Vtiger 8.4.0 server returns for a query it cannot parse. */
export type VtqlErrorCode =
  'QUERY_SYNTAX_ERROR' | 'INTERNAL_SERVER_ERROR' | 'DATABASE_QUERY_ERROR';

/**
 * Error thrown by {@link parseVtql} for text a Vtiger server rejects.
 *
 * `code` and `message` are what the server sends in its error envelope:
 * grammar errors are `QUERY_SYNTAX_ERROR` ("Syntax Error on line 1: ..."),
 * input the VTQL lexer cannot read (an empty literal `''`, a double-quoted
 * string, an unknown character) is `INTERNAL_SERVER_ERROR`.
 *
 * @example
 * ```ts
 * import { parseVtql, VtqlSyntaxError } from '@vtiger/emulator';
 *
 * try {
 *   parseVtql('SELECT id FROM Leads');
 * } catch (error) {
 *   if (error instanceof VtqlSyntaxError) console.log(error.code);
 *   //=> 'QUERY_SYNTAX_ERROR'
 * }
 * ```
 */
export class VtqlSyntaxError extends Error {
  override readonly name = 'VtqlSyntaxError';
  readonly code: VtqlErrorCode;

  constructor(code: VtqlErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The server's message for input its lexer cannot read. */
export const UNKNOWN_ERROR_MESSAGE = 'Unknown Error while processing request';
