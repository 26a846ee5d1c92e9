import { HTTPError, TimeoutError } from 'ky';
import { describe, expect, test } from 'vitest';
import {
  backoffDelay,
  retryAfterMs,
  shouldRetryAttempt,
} from '../src/retry-policy.js';

const retry = {
  limit: 2,
  delay: 100,
  backoffLimit: 1_000,
  maxRetryAfter: 60_000,
  retryWrites: false,
  retryableCodes: [],
};

function httpError(
  status: number,
  headers: Record<string, string> = {},
): HTTPError {
  const request = new Request('http://127.0.0.1/webservice.php', {
    method: 'POST',
  });
  return new HTTPError(
    new Response('', { status, headers }),
    request,
    {} as never,
  );
}

function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error(code), { code }),
  });
}

describe('retryAfterMs', () => {
  test('reads Retry-After seconds and dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      retryAfterMs(
        new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }),
        now,
      ),
    ).toBe(5000);
  });

  test('reads X-FloodControl-Reset', () => {
    expect(retryAfterMs(new Headers({ 'x-floodcontrol-reset': '7' }))).toBe(
      7000,
    );
    const now = 1_800_000_000_000;
    expect(
      retryAfterMs(new Headers({ 'x-floodcontrol-reset': '1800000004' }), now),
    ).toBe(4000);
  });

  test('returns undefined without headers', () => {
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  test('stays within the doubled ceiling', () => {
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const delay = backoffDelay(attempt, retry);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(
        Math.min(1_000, 100 * 2 ** (attempt - 1)),
      );
    }
  });
});

describe('shouldRetryAttempt', () => {
  const read = { idempotent: true, retry, signal: undefined };
  const write = { idempotent: false, retry, signal: undefined };

  test('reads retry on 5xx, timeouts and resets', () => {
    expect(shouldRetryAttempt(httpError(500), read)).toBeUndefined();
    expect(
      shouldRetryAttempt(
        new TimeoutError(new Request('http://127.0.0.1/')),
        read,
      ),
    ).toBeUndefined();
    expect(
      shouldRetryAttempt(fetchFailure('ECONNRESET'), read),
    ).toBeUndefined();
  });

  test('writes retry only when the server did not run them', () => {
    expect(shouldRetryAttempt(httpError(429), write)).toBeUndefined();
    expect(shouldRetryAttempt(httpError(503), write)).toBeUndefined();
    expect(
      shouldRetryAttempt(fetchFailure('ECONNREFUSED'), write),
    ).toBeUndefined();
    expect(shouldRetryAttempt(httpError(500), write)).toBe(false);
    expect(shouldRetryAttempt(httpError(504), write)).toBe(false);
    expect(shouldRetryAttempt(fetchFailure('ECONNRESET'), write)).toBe(false);
    expect(
      shouldRetryAttempt(
        new TimeoutError(new Request('http://127.0.0.1/')),
        write,
      ),
    ).toBe(false);
  });

  test('writes retry when the caller opts in', () => {
    const optedIn = { ...write, retry: { ...retry, retryWrites: true } };
    expect(
      shouldRetryAttempt(fetchFailure('ECONNRESET'), optedIn),
    ).toBeUndefined();
    expect(shouldRetryAttempt(httpError(500), optedIn)).toBeUndefined();
  });

  test('a too long Retry-After stops', () => {
    expect(
      shouldRetryAttempt(httpError(429, { 'retry-after': '3600' }), read),
    ).toBe(false);
  });

  test('aborted calls and other errors stop', () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      shouldRetryAttempt(httpError(500), {
        ...read,
        signal: controller.signal,
      }),
    ).toBe(false);
    expect(shouldRetryAttempt(new RangeError('bug'), read)).toBe(false);
  });
});
