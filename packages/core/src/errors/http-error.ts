import { outcomeSentence } from './outcome.js';
import { brandErrorClass, VtigerError } from './vtiger-error.js';

/** Details of an HTTP error status without a Vtiger error envelope. */
export interface VtigerHttpErrorOptions {
  operation: string;
  target: string;
  status: number;
  statusText: string;
  /** Start of the response body, already stripped of secrets. */
  excerpt: string;
  retryable: boolean;
  hint?: string | undefined;
  /**
   * Whether the server may have run the request. Default: true for HTTP 5xx
   * except 503, because a server sends 503 without running the request.
   */
  outcomeUnknown?: boolean | undefined;
  /**
   * Whether sending the operation twice has the same effect as once; taken
   * from the known operations when omitted.
   */
  idempotent?: boolean | undefined;
}

/**
 * Error for an HTTP error status that carries no Vtiger error envelope: an
 * empty HTTP 500 from a PHP fatal error, an HTML 414 page for a URL that is
 * too long, a 502 from a proxy.
 *
 * @example
 * ```ts
 * import { VtigerHttpError } from '@vtiger/core';
 *
 * try {
 *   await client.sync('Leads', new Date(Date.now() - 3_600_000));
 * } catch (error) {
 *   if (error instanceof VtigerHttpError) console.log(error.status, error.excerpt);
 * }
 * ```
 */
export class VtigerHttpError extends VtigerError {
  override name: string = 'VtigerHttpError';
  declare readonly operation: string;
  /** HTTP status code. */
  readonly status: number;
  /** Start of the response body (at most 200 characters). */
  readonly excerpt: string;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  /**
   * Whether the server may have run the request: true after an HTTP 5xx
   * other than 503. A write is then not sent again unless
   * `retry.retryWrites` is set, so check whether it was applied.
   */
  readonly outcomeUnknown: boolean;

  constructor(options: VtigerHttpErrorOptions) {
    const outcomeUnknown =
      options.outcomeUnknown ??
      (options.status >= 500 && options.status !== 503);
    const body =
      options.excerpt === ''
        ? 'an empty body'
        : `body starting ${JSON.stringify(options.excerpt)}`;
    const hint = options.hint === undefined ? '' : ` ${options.hint}`;
    const outcome = outcomeSentence(
      options.operation,
      outcomeUnknown,
      options.idempotent,
    );
    super(
      `Vtiger operation ${options.operation} failed with HTTP ${options.status} ${options.statusText} and ${body}: ${options.target}.${hint}${outcome}`,
      { operation: options.operation },
    );
    this.status = options.status;
    this.excerpt = options.excerpt;
    this.retryable = options.retryable;
    this.outcomeUnknown = outcomeUnknown;
  }
}

brandErrorClass(VtigerHttpError, 'VtigerHttpError');
