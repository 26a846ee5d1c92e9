import { VtigerHttpError } from './errors/http-error.js';
import { VtigerResponseError } from './errors/response-error.js';
import { specFor, type VtigerApi } from './operations.js';
import { resolveTimeout, type NormalizedOptions } from './options.js';
import type { Transport } from './transport.js';
import type { CallOptions } from './types.js';

/**
 * Probes the API flavour with a Cloud REST `me`: success means `'rest'`,
 * and a `success:false` envelope, a {@link VtigerHttpError} or a
 * {@link VtigerResponseError} means `'webservice'`. Any other failure, such
 * as a network error, is thrown.
 */
export async function probeApi(
  transport: Transport,
  defaults: NormalizedOptions,
  options: CallOptions,
): Promise<VtigerApi> {
  try {
    const { envelope } = await transport.send({
      api: 'rest',
      operation: 'me',
      spec: specFor('me'),
      params: {},
      signal: options.signal,
      timeout: resolveTimeout(defaults, options),
      // Retried like any read: a reset or a passing 5xx must neither fail
      // the caller's first call nor be cached as "not Cloud REST".
    });
    return envelope.success ? 'rest' : 'webservice';
  } catch (error) {
    if (
      error instanceof VtigerHttpError ||
      error instanceof VtigerResponseError
    )
      return 'webservice';
    throw error;
  }
}
