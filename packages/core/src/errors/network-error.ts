import { brandErrorClass, VtigerError } from './vtiger-error.js';

/** Details of a failed connection. */
export interface VtigerNetworkErrorOptions {
  operation: string;
  /** Method and URL without the query string. */
  target: string;
  /** System error code such as `ECONNRESET`, when known. */
  code: string | undefined;
  /** Whether the server may have received and run the request. */
  outcomeUnknown: boolean;
  cause?: unknown;
}

/**
 * Error for a request that got no complete HTTP response: a refused or reset
 * connection, or a body cut off while it was read.
 *
 * @example
 * ```ts
 * import { VtigerNetworkError } from '@vtiger/core';
 *
 * try {
 *   await client.create('Leads', { lastname: 'Doe' });
 * } catch (error) {
 *   if (error instanceof VtigerNetworkError && error.outcomeUnknown) {
 *     // The lead may exist now: look it up before creating it again.
 *   }
 * }
 * ```
 */
export class VtigerNetworkError extends VtigerError {
  override name: string = 'VtigerNetworkError';
  declare readonly operation: string;
  /** System error code such as `ECONNRESET`, when known. */
  readonly code: string | undefined;
  /** Whether the server may have received and run the request. */
  readonly outcomeUnknown: boolean;

  constructor(options: VtigerNetworkErrorOptions) {
    const code = options.code === undefined ? '' : ` (${options.code})`;
    const outcome = options.outcomeUnknown
      ? ' The server may have run the request; check before sending a write again.'
      : '';
    super(
      `Network error${code} during Vtiger operation ${options.operation}: ${options.target}.${outcome}`,
      { operation: options.operation, cause: options.cause },
    );
    this.code = options.code;
    this.outcomeUnknown = options.outcomeUnknown;
  }
}

brandErrorClass(VtigerNetworkError, 'VtigerNetworkError');
