import { outcomeSentence } from './outcome.js';
import { brandErrorClass, VtigerError } from './vtiger-error.js';

/**
 * Error for a request that got no response within the `timeout` option.
 * The server may still have run it, so `outcomeUnknown` is always true.
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
  /** Always true: the server may have run the request after the timeout. */
  readonly outcomeUnknown: boolean = true;

  constructor(options: {
    operation: string;
    target: string;
    timeout: number;
    /**
     * Whether sending the operation twice has the same effect as once;
     * taken from the known operations when omitted.
     */
    idempotent?: boolean | undefined;
  }) {
    const outcome = outcomeSentence(
      options.operation,
      true,
      options.idempotent,
    );
    super(
      `Vtiger operation ${options.operation} timed out after ${options.timeout} ms: ${options.target}. Raise the \`timeout\` option or check the server.${outcome}`,
      { operation: options.operation },
    );
    this.timeout = options.timeout;
  }
}

brandErrorClass(VtigerTimeoutError, 'VtigerTimeoutError');
