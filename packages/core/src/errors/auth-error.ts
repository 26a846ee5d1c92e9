import { VtigerApiError } from './api-error.js';
import { brandErrorClass } from './vtiger-error.js';

/**
 * Error for a failed login or rejected credentials: a wrong user name or
 * access key, an expired challenge that kept failing, or HTTP 401 from
 * Cloud REST.
 *
 * @example
 * ```ts
 * import { VtigerAuthError } from '@vtiger/core';
 *
 * try {
 *   await client.listTypes();
 * } catch (error) {
 *   if (error instanceof VtigerAuthError) console.error('check the access key');
 * }
 * ```
 */
export class VtigerAuthError extends VtigerApiError {
  override name: string = 'VtigerAuthError';
}

brandErrorClass(VtigerAuthError, 'VtigerAuthError');
