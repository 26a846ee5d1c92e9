import { brandErrorClass, VtigerError } from './vtiger-error.js';

/** Details of an error that the Vtiger server reported. */
export interface VtigerApiErrorOptions {
  operation: string;
  /** Error code from the server; duplicates are reported with the number `0`. */
  code: string | number;
  /** Message from the server, already stripped of secrets. */
  apiMessage: string;
  /** HTTP status of the response (200 for webservice.php errors). */
  status: number;
  /** Whether sending the same request again may succeed. */
  retryable?: boolean;
  /** Extra sentence with the next step for the caller. */
  hint?: string;
  cause?: unknown;
}

/**
 * Error that the Vtiger server reported: a `success:false` envelope or a
 * Cloud REST HTTP 400 with the reason in the status line.
 *
 * @example
 * ```ts
 * import { VtigerApiError } from '@vtiger/core';
 *
 * try {
 *   await client.retrieve('10x999999');
 * } catch (error) {
 *   if (error instanceof VtigerApiError && error.code === 'ACCESS_DENIED') {
 *     console.log('no such record or no permission');
 *   }
 * }
 * ```
 */
export class VtigerApiError extends VtigerError {
  override name: string = 'VtigerApiError';
  declare readonly operation: string;
  /** Error code from the server, such as `QUERY_SYNTAX_ERROR`. */
  readonly code: string | number;
  /** The server's own message. */
  readonly apiMessage: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;

  constructor(options: VtigerApiErrorOptions) {
    const hint = options.hint === undefined ? '' : ` ${options.hint}`;
    super(
      `Vtiger operation ${options.operation} failed with ${String(options.code)}${asSentence(options.apiMessage)}${hint}`,
      { operation: options.operation, cause: options.cause },
    );
    this.code = options.code;
    this.apiMessage = options.apiMessage;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

brandErrorClass(VtigerApiError, 'VtigerApiError');

/**
 * Formats the server's message as `: message.` so that a hint after it
 * reads as the next sentence. Vtiger's messages mostly lack the full stop
 * ("Id specified is incorrect").
 */
function asSentence(apiMessage: string): string {
  const text = apiMessage.trim();
  if (text === '') return '.';
  return /[.!?]$/u.test(text) ? `: ${text}` : `: ${text}.`;
}
