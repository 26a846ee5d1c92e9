import { HTTPError, TimeoutError } from 'ky';
import { operationSpecs } from './operations.js';
import type { Redactor } from './redact.js';
import { networkErrorCode, retryAfterMs } from './retry-policy.js';
import { onAbort } from './abort-listeners.js';

/** Copies `X-FloodControl-Reset` into `Retry-After` so ky waits for it. */
export function withRetryAfter(response: Response): Response | undefined {
  if (response.status !== 429 || response.headers.has('retry-after'))
    return undefined;
  const wait = retryAfterMs(response.headers);
  if (wait === undefined) return undefined;
  const headers = new Headers(response.headers);
  headers.set('retry-after', String(Math.ceil(wait / 1000)));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** Returns the redirect target without its query string, which may hold a session id. */
export function redirectTarget(
  response: Response,
  redactor: Redactor,
): string | undefined {
  const location = response.headers.get('location');
  if (location === null) return undefined;
  try {
    const target = new URL(location, response.url || 'http://unknown.invalid/');
    return redactor.redact(`${target.origin}${target.pathname}`);
  } catch {
    return undefined;
  }
}

/** Returns a failed attempt's reason for a retry event, such as `ECONNREFUSED`. */
export function describeFailure(error: Error): string {
  if (error instanceof HTTPError) return `HTTP ${error.response.status}`;
  if (error instanceof TimeoutError) return 'timeout';
  return networkErrorCode(error) ?? error.name;
}

/**
 * Joins the messages of an error and its causes, such as
 * `fetch failed: connect ECONNREFUSED 127.0.0.1:8080`, because fetch's own
 * message does not name the failure.
 */
export function causeMessages(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current.message !== '') messages.push(current.message);
    current = current.cause;
  }
  return messages.length === 0 ? String(error) : messages.join(': ');
}

/** Returns `port N` of a target such as `GET http://host:N/path`. */
function portOf(target: string): string {
  try {
    const url = new URL(target.slice(target.indexOf(' ') + 1));
    return url.port === '' ? 'the default port' : `port ${url.port}`;
  } catch {
    return 'the port';
  }
}

/** Returns the next step for a network error code, when one is known. */
export function networkHint(
  code: string | undefined,
  target: string,
): string | undefined {
  if (code === 'BAD_PORT') {
    return `fetch does not connect to ${portOf(target)}, because the Fetch standard blocks it (ports such as 1, 25 and 6000). Run the server on another port.`;
  }
  if (code === 'ECONNREFUSED') {
    return 'Check the `url` option and that the server is running.';
  }
  return undefined;
}

export function httpHint(
  status: number,
  operation: string,
  body: string,
  url: URL,
  location: string | undefined,
): string | undefined {
  if (status === 414) {
    return `The request URL was ${url.href.length} characters, and Apache rejects URLs over about 8,160. Shorten the query, for example by splitting a long IN list.`;
  }
  if (status === 429) {
    return 'The server rate-limited the client and retries ran out (or it asked to wait longer than `retry.maxRetryAfter`); lower `concurrency` or set the `rateLimit` option.';
  }
  if (status >= 300 && status < 400) {
    return `The server redirects to ${location ?? 'another address'}; set the \`url\` option to the final address (for example with https).`;
  }
  if (status === 404) {
    return 'Check the `url` option and the `api` option: no Vtiger API answers at this address.';
  }
  if (status === 500 && body === '' && operation === 'sync') {
    return "Stock Vtiger 8.4.0 fails every sync call this way because the operation's syncType parameter is not registered. Use queryAll() with a modifiedtime condition instead.";
  }
  if (
    status === 500 &&
    body === '' &&
    !Object.hasOwn(operationSpecs, operation)
  ) {
    return `Vtiger 8.4.0 answers an unknown operation name this way; check the spelling of ${JSON.stringify(operation)}.`;
  }
  if (status === 500 && body === '') {
    return 'An empty HTTP 500 is a PHP fatal error on the server; its PHP error log has the cause.';
  }
  return undefined;
}

/**
 * Aborts `controller` when `signal` aborts, with the same reason, and
 * returns a function that removes the link. Unlike `AbortSignal.any()`,
 * nothing stays attached to `signal` after the returned function runs,
 * and exchanges in flight on one signal share one listener.
 */
export function followAbort(
  signal: AbortSignal | undefined,
  controller: AbortController,
): () => void {
  if (signal === undefined) return () => undefined;
  return onAbort(signal, () => controller.abort(signal.reason));
}
