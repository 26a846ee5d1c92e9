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

  constructor(options: VtigerHttpErrorOptions) {
    const body =
      options.excerpt === ''
        ? 'an empty body'
        : `body starting ${JSON.stringify(options.excerpt)}`;
    const hint = options.hint === undefined ? '' : ` ${options.hint}`;
    super(
      `Vtiger operation ${options.operation} failed with HTTP ${options.status} ${options.statusText} and ${body}: ${options.target}.${hint}`,
      { operation: options.operation },
    );
    this.status = options.status;
    this.excerpt = options.excerpt;
    this.retryable = options.retryable;
  }
}

brandErrorClass(VtigerHttpError, 'VtigerHttpError');
