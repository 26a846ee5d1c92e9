import { outcomeSentence } from './outcome.js';
import { brandErrorClass, VtigerError } from './vtiger-error.js';

/** Problem found in a response body. */
export type VtigerResponseProblem = 'not-json' | 'truncated' | 'invalid-shape';

/** Details of a response that could not be used. */
export interface VtigerResponseErrorOptions {
  operation: string;
  target: string;
  status: number;
  problem: VtigerResponseProblem;
  /** Start of the response body, already stripped of secrets. */
  excerpt: string;
  /** Explanation of the mismatch, such as a zod issue summary. */
  detail?: string | undefined;
  /**
   * Whether sending the operation twice has the same effect as once; taken
   * from the known operations when omitted.
   */
  idempotent?: boolean | undefined;
}

/**
 * Error for a successful HTTP status whose body is not a valid Vtiger
 * response: not JSON (a PHP warning, an HTML page, an empty body), JSON cut
 * off in the middle, or JSON of an unexpected shape. The server sent a response,
 * so it ran the request: `outcomeUnknown` is always true, and a write may have
 * been applied.
 *
 * @example
 * ```ts
 * import { VtigerResponseError } from '@vtiger/core';
 *
 * try {
 *   await client.describe('Leads');
 * } catch (error) {
 *   if (error instanceof VtigerResponseError) console.log(error.problem, error.excerpt);
 * }
 * ```
 */
export class VtigerResponseError extends VtigerError {
  override name: string = 'VtigerResponseError';
  declare readonly operation: string;
  /** HTTP status code of the response. */
  readonly status: number;
  /** Problem found in the body. */
  readonly problem: VtigerResponseProblem;
  /** Start of the response body (at most 200 characters). */
  readonly excerpt: string;
  /** Always true: the server ran the request, but its result is unknown. */
  readonly outcomeUnknown: boolean = true;

  constructor(options: VtigerResponseErrorOptions) {
    const what = {
      'not-json': 'a body that is not JSON',
      truncated: 'a truncated JSON body',
      'invalid-shape': 'JSON of an unexpected shape',
    }[options.problem];
    const detail = options.detail === undefined ? '' : ` (${options.detail})`;
    const body =
      options.excerpt === ''
        ? 'The body was empty.'
        : `The body starts ${JSON.stringify(options.excerpt)}.`;
    const outcome = outcomeSentence(
      options.operation,
      true,
      options.idempotent,
    );
    super(
      `Vtiger operation ${options.operation} returned HTTP ${options.status} with ${what}${detail}: ${options.target}. ${body}${outcome}`,
      { operation: options.operation },
    );
    this.status = options.status;
    this.problem = options.problem;
    this.excerpt = options.excerpt;
  }
}

brandErrorClass(VtigerResponseError, 'VtigerResponseError');
