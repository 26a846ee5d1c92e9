import type { VtigerEventListener } from './events.js';

/** Retry settings. A number sets `limit` only. */
export interface RetryOptions {
  /** Retries after the first attempt. Minimum: `0`. @default 2 */
  limit?: number;
  /** First backoff delay in milliseconds, doubled on each retry, with full jitter. @default 300 */
  delay?: number;
  /** Maximum backoff delay in milliseconds. @default 10000 */
  backoffLimit?: number;
  /**
   * Maximum wait that a `Retry-After` or `X-FloodControl-Reset` header may
   * request, in milliseconds. A longer one fails the call at once.
   * @default 60000
   */
  maxRetryAfter?: number;
  /**
   * Whether to send a non-idempotent write (create, update, revise, delete,
   * convertlead, add_related, …) again when its outcome is unknown: after a
   * timeout, a reset connection, a cut-off body or HTTP 500/502/504. Such a
   * retry may apply the write twice. A write that the server did not run
   * (HTTP 429 or 503, a refused connection, an expired session) is always
   * retried. @default false
   */
  retryWrites?: boolean;
  /**
   * Vtiger error codes of `success:false` responses worth retrying for
   * idempotent operations. @default ['DATABASE_QUERY_ERROR']
   */
  retryableCodes?: readonly string[];
}

/** Options of `new Vtiger()`. */
export interface VtigerOptions {
  /**
   * Base URL of the CRM, such as `https://crm.example.com` or
   * `https://example.com/vtigercrm/`; a trailing slash is optional.
   */
  url: string | URL;
  /** Vtiger user name. */
  username: string;
  /** The user's access key (My Preferences > Access Key), not the password. */
  accessKey: string;
  /**
   * API flavour: `'rest'` (Cloud REST, `/restapi/v1/vtiger/default`, HTTP
   * Basic), `'webservice'` (`/webservice.php` with sessions) or `'auto'`
   * (try Cloud REST `me` once, else webservice.php; the result is cached).
   * @default 'auto'
   */
  api?: 'rest' | 'webservice' | 'auto';
  /**
   * Maximum requests in flight, and the size of the webservice.php session
   * pool (the server runs requests on one session one after another).
   * Minimum: `1`. @default 4
   */
  concurrency?: number;
  /** Timeout of each HTTP attempt in milliseconds, or `false`. @default 30000 */
  timeout?: number | false;
  /** Retry settings, or the number of retries. @default 2 */
  retry?: RetryOptions | number;
  /**
   * Client-side limit in requests per minute, shared by all concurrent calls
   * of this client and counting retries and logins. Default: no limit.
   */
  rateLimit?: number;
  /** Receives every {@link VtigerEvent}; same as calling `subscribe()`. */
  onEvent?: VtigerEventListener;
}

/** Options after defaults, with nothing optional. */
export interface NormalizedOptions {
  baseUrl: URL;
  username: string;
  accessKey: string;
  api: 'rest' | 'webservice' | 'auto';
  concurrency: number;
  timeout: number | false;
  retry: Required<RetryOptions>;
  rateLimit: number | undefined;
}

const defaultRetry: Required<RetryOptions> = {
  limit: 2,
  delay: 300,
  backoffLimit: 10_000,
  maxRetryAfter: 60_000,
  retryWrites: false,
  retryableCodes: ['DATABASE_QUERY_ERROR'],
};

function describeValue(value: unknown): string {
  return `\`${String(value)}\` (${typeof value})`;
}

function checkInteger(name: string, value: unknown, minimum: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(
      `Expected \`${name}\` to be a finite number >= ${minimum}, got ${describeValue(value)}.`,
    );
  }
  if (value < minimum || !Number.isInteger(value)) {
    throw new RangeError(
      `Expected \`${name}\` to be an integer >= ${minimum}, got ${value}.`,
    );
  }
  return value;
}

/** Checks a timeout option: a positive number of milliseconds or `false`. */
export function checkTimeout(name: string, value: unknown): number | false {
  if (value === false) return false;
  const timeout = checkInteger(name, value, 1);
  if (timeout > 2_147_483_647) {
    throw new RangeError(
      `Expected \`${name}\` to be at most 2147483647 ms, got ${timeout}.`,
    );
  }
  return timeout;
}

/** Returns the timeout of one call: its own `timeout`, else the client's. */
export function resolveTimeout(
  defaults: NormalizedOptions,
  options: { timeout?: number | false | undefined },
): number | false {
  return options.timeout === undefined
    ? defaults.timeout
    : checkTimeout('timeout', options.timeout);
}

function checkString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(
      `Expected \`${name}\` to be a non-empty string, got ${value === '' ? 'an empty string' : `a value of type ${typeof value}`}.`,
    );
  }
  return value;
}

/** Turns a base URL into one whose path ends with `/`, for `new URL(path, base)`. */
export function normalizeBaseUrl(value: unknown): URL {
  let url: URL;
  try {
    url = new URL(
      value instanceof URL ? value.href : checkString('url', value),
    );
  } catch (error) {
    if (
      error instanceof TypeError &&
      !String(error.message).startsWith('Expected')
    ) {
      throw new TypeError(
        `Expected \`url\` to be an absolute http(s) URL such as https://crm.example.com, got ${describeValue(value)}.`,
      );
    }
    throw error;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `Expected \`url\` to use http or https, got ${JSON.stringify(url.protocol)}.`,
    );
  }
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  url.pathname = url.pathname.replace(/\/(?:webservice\.php)?$/u, '') + '/';
  return url;
}

/** Applies defaults to the constructor options and validates them. */
export function normalizeOptions(options: VtigerOptions): NormalizedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `Expected the options to be an object with url, username and accessKey, got ${describeValue(options)}.`,
    );
  }
  const api = options.api ?? 'auto';
  if (!['rest', 'webservice', 'auto'].includes(api)) {
    throw new TypeError(
      `Expected \`api\` to be 'rest', 'webservice' or 'auto', got ${describeValue(api)}.`,
    );
  }
  const retryInput =
    typeof options.retry === 'number'
      ? { limit: options.retry }
      : (options.retry ?? {});
  const retry = { ...defaultRetry, ...retryInput };
  checkInteger('retry.limit', retry.limit, 0);
  checkInteger('retry.delay', retry.delay, 0);
  checkInteger('retry.backoffLimit', retry.backoffLimit, 0);
  checkInteger('retry.maxRetryAfter', retry.maxRetryAfter, 0);
  const rateLimit =
    options.rateLimit === undefined
      ? undefined
      : checkInteger('rateLimit', options.rateLimit, 1);
  return {
    baseUrl: normalizeBaseUrl(options.url),
    username: checkString('username', options.username),
    accessKey: checkString('accessKey', options.accessKey),
    api,
    concurrency: checkInteger('concurrency', options.concurrency ?? 4, 1),
    timeout: checkTimeout('timeout', options.timeout ?? 30_000),
    retry,
    rateLimit,
  };
}
