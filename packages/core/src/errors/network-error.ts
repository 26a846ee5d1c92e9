import { notSentSentence, outcomeSentence } from './outcome.js';
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
  /**
   * Whether sending the operation twice has the same effect as once; taken
   * from the known operations when omitted.
   */
  idempotent?: boolean | undefined;
  /** Extra sentence with the next step for the caller. */
  hint?: string | undefined;
  cause?: unknown;
}

/**
 * Error for a request that got no complete HTTP response: a refused or reset
 * connection, or a body cut off while it was read. `outcomeUnknown` is false
 * only when the request never reached the server (a refused connection, an
 * unknown host, a port that fetch blocks).
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
  /**
   * System error code such as `ECONNRESET`, when known. `BODY_TERMINATED`
   * means the body was cut off, and `BAD_PORT` that fetch does not connect
   * to the port (the Fetch standard blocks ports such as 1, 25 and 6000).
   */
  readonly code: string | undefined;
  /** Whether the server may have received and run the request. */
  readonly outcomeUnknown: boolean;

  constructor(options: VtigerNetworkErrorOptions) {
    const code = options.code === undefined ? '' : ` (${options.code})`;
    const outcome = options.outcomeUnknown
      ? outcomeSentence(
          options.operation,
          options.outcomeUnknown,
          options.idempotent,
        )
      : notSentSentence;
    const hint = options.hint === undefined ? '' : ` ${options.hint}`;
    super(
      `Network error${code} during Vtiger operation ${options.operation}: ${options.target}.${outcome}${hint}`,
      { operation: options.operation, cause: options.cause },
    );
    this.code = options.code;
    this.outcomeUnknown = options.outcomeUnknown;
  }
}

brandErrorClass(VtigerNetworkError, 'VtigerNetworkError');
