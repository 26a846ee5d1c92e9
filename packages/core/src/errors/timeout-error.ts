import { brandErrorClass, VtigerError } from './vtiger-error.js';

/**
 * Error for a request that got no response within the `timeout` option.
 * The server may still have run it.
 *
 * @example
 * ```ts
 * import { VtigerTimeoutError } from '@vtiger/core';
 *
 * try {
 *   await client.query('SELECT * FROM Leads;', { timeout: 5_000 });
 * } catch (error) {
 *   if (error instanceof VtigerTimeoutError) console.log(error.timeout);
 * }
 * ```
 */
export class VtigerTimeoutError extends VtigerError {
  override name: string = 'VtigerTimeoutError';
  declare readonly operation: string;
  /** Timeout that expired, in milliseconds. */
  readonly timeout: number;

  constructor(options: { operation: string; target: string; timeout: number }) {
    super(
      `Vtiger operation ${options.operation} timed out after ${options.timeout} ms: ${options.target}. Raise the \`timeout\` option or check the server.`,
      { operation: options.operation },
    );
    this.timeout = options.timeout;
  }
}

brandErrorClass(VtigerTimeoutError, 'VtigerTimeoutError');
