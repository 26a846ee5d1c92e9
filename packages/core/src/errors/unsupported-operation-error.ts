import { brandErrorClass, VtigerError } from './vtiger-error.js';

/**
 * Error for an operation that the selected API flavour does not offer, such
 * as `me` on webservice.php or `logout` on Cloud REST.
 *
 * @example
 * ```ts
 * import { VtigerUnsupportedOperationError } from '@vtiger/core';
 *
 * try {
 *   await client.me();
 * } catch (error) {
 *   if (error instanceof VtigerUnsupportedOperationError) console.log(error.api);
 * }
 * ```
 */
export class VtigerUnsupportedOperationError extends VtigerError {
  override name: string = 'VtigerUnsupportedOperationError';
  declare readonly operation: string;
  /** API flavour in use. */
  readonly api: 'rest' | 'webservice';

  constructor(operation: string, api: 'rest' | 'webservice') {
    const other = api === 'rest' ? 'webservice' : 'rest';
    const names = { rest: 'Cloud REST', webservice: 'webservice.php' };
    super(
      `Vtiger operation ${operation} exists only on the ${names[other]} API, but this client uses ${names[api]}. Create the client with \`api: '${other}'\` if the server offers it.`,
      { operation },
    );
    this.api = api;
  }
}

brandErrorClass(
  VtigerUnsupportedOperationError,
  'VtigerUnsupportedOperationError',
);
