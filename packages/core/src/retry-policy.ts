import { HTTPError, TimeoutError } from 'ky';
import type { NormalizedOptions } from './options.js';

/** System error codes that mean the request never reached the server. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'BAD_PORT',
]);

/**
 * Codes after which a retry cannot succeed. `BAD_PORT` is this package's code
 * for a port that fetch does not connect to: undici (Node.js 20) fails such
 * a fetch with the cause message "bad port" and no code.
 */
const permanentCodes = new Set(['BAD_PORT']);

/** HTTP statuses after which the server did not run the request. */
const notRunStatuses = new Set([429, 503]);

/** HTTP statuses worth retrying for an idempotent request. */
export const retryStatuses = [408, 429, 500, 502, 503, 504];

/**
 * Returns the system error code of a failed fetch, such as `ECONNRESET`,
 * from the error or its chain of causes (fetch wraps it in a TypeError).
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (
    let depth = 0;
    depth < 4 && typeof current === 'object' && current !== null;
    depth += 1
  ) {
    const { code, message, errors } = current as {
      code?: unknown;
      message?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string') return code;
    if (message === 'bad port') return 'BAD_PORT';
    // Happy eyeballs reports each failed address in an AggregateError.
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = networkErrorCode(errors[0]);
      if (inner !== undefined) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Tells whether an error is a failed fetch (connection refused, reset, …). */
export function isNetworkError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    (error.message === 'fetch failed' ||
      error.message === 'terminated' ||
      networkErrorCode(error) !== undefined)
  );
}

/** Tells whether a failed fetch may have reached the server and run. */
export function isOutcomeUnknown(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code === undefined || !notSentCodes.has(code);
}

/**
 * Reads the wait the server requests, in milliseconds, from
 * `Retry-After` (seconds or an HTTP date) or `X-FloodControl-Reset`
 * (seconds, or a Unix time in seconds when it is larger than one year).
 */
export function retryAfterMs(
  headers: Headers,
  now = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('x-floodcontrol-reset') ?? Number.NaN);
  if (Number.isFinite(reset)) {
    const oneYear = 365 * 24 * 3600;
    return Math.max(0, reset > oneYear ? reset * 1000 - now : reset * 1000);
  }
  return undefined;
}

/** Backoff delay before retry number `retry` (1-based), with full jitter. */
export function backoffDelay(
  retry: number,
  options: NormalizedOptions['retry'],
): number {
  const ceiling = Math.min(
    options.backoffLimit,
    options.delay * 2 ** (retry - 1),
  );
  return Math.round(Math.random() * ceiling);
}

/**
 * Decides whether ky may retry a failed HTTP attempt. Returns `false` to
 * stop, or `undefined` to let ky apply its status list and `Retry-After`.
 */
export function shouldRetryAttempt(
  error: Error,
  context: {
    idempotent: boolean;
    retry: NormalizedOptions['retry'];
    signal: AbortSignal | undefined;
  },
): false | undefined {
  if (context.signal?.aborted === true || error.name === 'AbortError')
    return false;
  const safe = context.idempotent || context.retry.retryWrites;
  if (error instanceof HTTPError) {
    const { status } = error.response;
    if (!safe && !notRunStatuses.has(status)) return false;
    const wait = retryAfterMs(error.response.headers);
    if (wait !== undefined && wait > context.retry.maxRetryAfter) return false;
    return undefined;
  }
  if (error instanceof TimeoutError) return safe ? undefined : false;
  if (isNetworkError(error)) {
    if (permanentCodes.has(networkErrorCode(error) ?? '')) return false;
    return safe || !isOutcomeUnknown(error) ? undefined : false;
  }
  return false;
}
