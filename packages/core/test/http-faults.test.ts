import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  Vtiger,
  VtigerApiError,
  VtigerHttpError,
  VtigerNetworkError,
  VtigerResponseError,
  VtigerTimeoutError,
  type VtigerEvent,
  type VtigerOptions,
} from '../src/index.js';
import { FakeVtiger, ok } from './helpers/fake-vtiger.js';

let fake: FakeVtiger;
beforeEach(async () => {
  fake = await FakeVtiger.start();
});
afterEach(async () => {
  await fake.close();
});

function client(options: Partial<VtigerOptions> = {}): Vtiger {
  return new Vtiger({
    url: fake.url,
    username: fake.username,
    accessKey: fake.accessKey,
    api: 'webservice',
    retry: { limit: 2, delay: 1 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

const leads = [{ id: '10x1', lastname: 'Doe' }];

describe('HTTP faults', () => {
  test('429 waits for Retry-After', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      return calls === 1
        ? {
            raw: '',
            status: 429,
            statusText: 'Too Many Requests',
            headers: { 'retry-after': '1' },
          }
        : ok(leads);
    });
    const events: VtigerEvent[] = [];
    await expect(
      client({ onEvent: (event) => events.push(event) }).query(
        'SELECT * FROM Leads;',
      ),
    ).resolves.toEqual(leads);
    const [first, second] = fake.seen('query');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    expect(events).toContainEqual({
      type: 'retry',
      operation: 'query',
      attempt: 1,
      reason: 'HTTP 429',
    });
  });

  test('429 waits for X-FloodControl-Reset', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      return calls === 1
        ? {
            raw: '',
            status: 429,
            headers: {
              'x-floodcontrol-reset': '1',
              'x-floodcontrol-remaining': '0',
            },
          }
        : ok(leads);
    });
    await expect(client().query('SELECT * FROM Leads;')).resolves.toEqual(
      leads,
    );
    const [first, second] = fake.seen('query');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  test('429 with a long Retry-After fails at once', async () => {
    fake.on('query', () => ({
      raw: '',
      status: 429,
      headers: { 'retry-after': '3600' },
    }));
    const error = await failure(client().query('SELECT * FROM Leads;'));
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect((error as VtigerHttpError).status).toBe(429);
    expect((error as VtigerHttpError).retryable).toBe(true);
    expect(error.message).toMatch(/retry\.maxRetryAfter/u);
    expect(fake.seen('query')).toHaveLength(1);
  });

  test('a write is retried after 429', async () => {
    let calls = 0;
    fake.on('delete', () => {
      calls += 1;
      return calls === 1
        ? { raw: '', status: 429, headers: { 'retry-after': '0' } }
        : ok({ status: 'successful' });
    });
    await expect(client().delete('10x1')).resolves.toEqual({
      status: 'successful',
    });
    expect(fake.seen('delete')).toHaveLength(2);
  });

  test('empty 500 is retried for reads, then reported', async () => {
    fake.on('sync', () => ({
      raw: '',
      status: 500,
      statusText: 'Internal Server Error',
    }));
    const error = await failure(
      client().sync('Leads', new Date('2026-01-01T00:00:00Z')),
    );
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect(error.message).toMatch(
      /HTTP 500 Internal Server Error and an empty body/u,
    );
    expect(error.message).toMatch(/syncType parameter is not registered/u);
    expect((error as VtigerHttpError).operation).toBe('sync');
    expect(fake.seen('sync')).toHaveLength(3);
    expect(fake.seen('sync')[0]!.params.get('modifiedTime')).toBe('1767225600');
  });

  test('empty 500 on a write is not retried', async () => {
    fake.on('create', () => ({ raw: '', status: 500 }));
    const error = await failure(client().create('Leads', { lastname: 'Doe' }));
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect((error as VtigerHttpError).outcomeUnknown).toBe(true);
    expect(error.message).toMatch(
      /The create may have been applied on the server, so check with retrieve\(\) or a query before sending it again\./u,
    );
    expect(fake.seen('create')).toHaveLength(1);
  });

  test('empty 500 on a read has no write advice', async () => {
    fake.on('describe', () => ({ raw: '', status: 500 }));
    const error = await failure(client({ retry: 0 }).describe('Leads'));
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect((error as VtigerHttpError).outcomeUnknown).toBe(true);
    expect(error.message).not.toMatch(/may have been applied/u);
  });

  test('503 on a write has a known outcome', async () => {
    fake.on('delete', () => ({ raw: '', status: 503 }));
    const error = await failure(client({ retry: 0 }).delete('10x1'));
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect((error as VtigerHttpError).outcomeUnknown).toBe(false);
    expect(error.message).not.toMatch(/may have been applied/u);
  });

  test('truncated create response has an unknown outcome', async () => {
    fake.on('create', () => ({
      raw: '{"success":true,"result":{"id":"10x7","lastname":"Do',
      headers: { 'content-type': 'application/json' },
    }));
    const error = await failure(client().create('Leads', { lastname: 'Doe' }));
    expect(error).toBeInstanceOf(VtigerResponseError);
    expect((error as VtigerResponseError).problem).toBe('truncated');
    expect((error as VtigerResponseError).outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/The create may have been applied/u);
    expect(fake.seen('create')).toHaveLength(1);
  });

  test('write timeout has an unknown outcome', async () => {
    fake.on('update', () => ({ hang: true }));
    const error = await failure(
      client().update({ id: '10x1', lastname: 'Doe' }, { timeout: 100 }),
    );
    expect(error).toBeInstanceOf(VtigerTimeoutError);
    expect((error as VtigerTimeoutError).outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/The update may have been applied/u);
    expect(fake.seen('update')).toHaveLength(1);
  });

  test('HTML 414 names the URL length', async () => {
    const page =
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN"><html><head><title>414 Request-URI Too Long</title></head></html>';
    fake.on('query', () => ({
      raw: page,
      status: 414,
      statusText: 'Request-URI Too Long',
    }));
    const error = await failure(
      client().query(
        `SELECT * FROM Leads WHERE id IN (${"'10x1',".repeat(10)}'10x2');`,
      ),
    );
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect((error as VtigerHttpError).status).toBe(414);
    expect((error as VtigerHttpError).excerpt).toContain(
      '414 Request-URI Too Long',
    );
    expect(error.message).toMatch(/Apache rejects URLs over about 8,160/u);
    expect(fake.seen('query')).toHaveLength(1);
  });

  test('truncated JSON is retried, then reported', async () => {
    fake.on('query', () => ({
      raw: '{"success":true,"result":[{"id":"10x1","las',
      headers: { 'content-type': 'application/json' },
    }));
    const error = await failure(client().query('SELECT * FROM Leads;'));
    expect(error).toBeInstanceOf(VtigerResponseError);
    expect((error as VtigerResponseError).problem).toBe('truncated');
    expect((error as VtigerResponseError).status).toBe(200);
    expect((error as VtigerResponseError).excerpt).toBe(
      '{"success":true,"result":[{"id":"10x1","las',
    );
    expect(fake.seen('query')).toHaveLength(3);
  });

  test('truncated JSON then a full body succeeds', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      return calls === 1 ? { raw: '{"success":true,"res' } : ok(leads);
    });
    await expect(client().query('SELECT * FROM Leads;')).resolves.toEqual(
      leads,
    );
  });

  test('body cut before Content-Length is a network error', async () => {
    fake.on('query', () => ({
      raw: '{"success":true,"result":[',
      declaredLength: 5000,
    }));
    const error = await failure(client().query('SELECT * FROM Leads;'));
    expect(error).toBeInstanceOf(VtigerNetworkError);
    expect((error as VtigerNetworkError).code).toBe('BODY_TERMINATED');
    expect(fake.seen('query')).toHaveLength(3);
  });

  test('non-JSON body is a response error', async () => {
    fake.on('describe', () => ({
      raw: '<br /><b>Warning</b>: Undefined index in /var/www/x.php',
    }));
    const error = await failure(client().describe('Leads'));
    expect(error).toBeInstanceOf(VtigerResponseError);
    expect((error as VtigerResponseError).problem).toBe('not-json');
    expect(error.message).toMatch(/<b>Warning/u);
    expect(fake.seen('describe')).toHaveLength(1);
  });

  test('wrong result shape is a response error', async () => {
    fake.on('describe', () => ok({ name: 'Leads' }));
    const error = await failure(client().describe('Leads'));
    expect(error).toBeInstanceOf(VtigerResponseError);
    expect((error as VtigerResponseError).problem).toBe('invalid-shape');
  });

  test('connection reset is retried for reads', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      return calls === 1 ? { destroy: true } : ok(leads);
    });
    await expect(client().query('SELECT * FROM Leads;')).resolves.toEqual(
      leads,
    );
    expect(fake.seen('query')).toHaveLength(2);
  });

  test('connection reset on a write is not re-sent', async () => {
    fake.on('create', () => ({ destroy: true }));
    const error = await failure(client().create('Leads', { lastname: 'Doe' }));
    expect(error).toBeInstanceOf(VtigerNetworkError);
    expect((error as VtigerNetworkError).outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/The create may have been applied/u);
    expect(fake.seen('create')).toHaveLength(1);
  });

  test('retryWrites re-sends a write after a reset', async () => {
    let calls = 0;
    fake.on('create', () => {
      calls += 1;
      return calls === 1 ? { destroy: true } : ok({ id: '10x9' });
    });
    const vtiger = client({ retry: { limit: 2, delay: 1, retryWrites: true } });
    await expect(vtiger.create('Leads', { lastname: 'Doe' })).resolves.toEqual({
      id: '10x9',
    });
    expect(fake.seen('create')).toHaveLength(2);
  });

  test('refused connection is a network error', async () => {
    const url = fake.url;
    await fake.close();
    fake = await FakeVtiger.start();
    const vtiger = new Vtiger({
      url,
      username: 'admin',
      accessKey: fake.accessKey,
      api: 'webservice',
      retry: 0,
    });
    const error = await failure(vtiger.listTypes());
    expect(error).toBeInstanceOf(VtigerNetworkError);
    expect((error as VtigerNetworkError).code).toBe('ECONNREFUSED');
    expect((error as VtigerNetworkError).outcomeUnknown).toBe(false);
    expect(error.message).toMatch(/did not reach the server/u);
    expect(error.message).not.toMatch(/may have/u);
    expect(String((error as Error).cause)).toMatch(/ECONNREFUSED/u);
  });

  test('refused write is retried with its cause code', async () => {
    const url = fake.url;
    await fake.close();
    fake = await FakeVtiger.start();
    const events: VtigerEvent[] = [];
    const vtiger = new Vtiger({
      url,
      username: 'admin',
      accessKey: fake.accessKey,
      api: 'rest',
      retry: { limit: 1, delay: 1 },
      onEvent: (event) => events.push(event),
    });
    const error = await failure(vtiger.create('Leads', { lastname: 'Doe' }));
    expect(error).toBeInstanceOf(VtigerNetworkError);
    expect((error as VtigerNetworkError).outcomeUnknown).toBe(false);
    expect(error.message).not.toMatch(/may have/u);
    const retries = events.filter((event) => event.type === 'retry');
    expect(retries).toEqual([
      {
        type: 'retry',
        operation: 'create',
        attempt: 1,
        reason: 'ECONNREFUSED',
      },
    ]);
  });

  test('port blocked by fetch is not sent or retried', async () => {
    const events: VtigerEvent[] = [];
    const vtiger = new Vtiger({
      url: 'http://127.0.0.1:1',
      username: 'admin',
      accessKey: fake.accessKey,
      api: 'rest',
      retry: { limit: 2, delay: 1 },
      onEvent: (event) => events.push(event),
    });
    const error = await failure(vtiger.create('Leads', { lastname: 'Doe' }));
    expect(error).toBeInstanceOf(VtigerNetworkError);
    expect((error as VtigerNetworkError).code).toBe('BAD_PORT');
    expect((error as VtigerNetworkError).outcomeUnknown).toBe(false);
    expect(error.message).toMatch(/did not reach the server/u);
    expect(error.message).toMatch(
      /fetch does not connect to port 1, .* Run the server on another port\./u,
    );
    expect(events.filter((event) => event.type === 'retry')).toEqual([]);
  });

  test('slow server times out', async () => {
    fake.on('query', () => ({ hang: true }));
    const error = await failure(
      client({ retry: 0 }).query('SELECT * FROM Leads;', { timeout: 100 }),
    );
    expect(error).toBeInstanceOf(VtigerTimeoutError);
    expect((error as VtigerTimeoutError).timeout).toBe(100);
  });

  test('redirect is reported, not followed', async () => {
    fake.on('create', () => ({
      raw: '',
      status: 301,
      headers: {
        location: 'https://crm.example.com/webservice.php?sessionName=abc',
      },
    }));
    const error = await failure(client().create('Leads', { lastname: 'Doe' }));
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect((error as VtigerHttpError).status).toBe(301);
    expect(error.message).toContain(
      'redirects to https://crm.example.com/webservice.php;',
    );
    expect(error.message).not.toContain('abc');
    expect(fake.seen('create')).toHaveLength(1);
  });

  test('stalled body times out', async () => {
    fake.on('query', () => ({
      raw: '{"success":true,"result":[',
      declaredLength: 5000,
      stall: true,
    }));
    const error = await failure(
      client({ retry: 0 }).query('SELECT * FROM Leads;', { timeout: 100 }),
    );
    expect(error).toBeInstanceOf(VtigerTimeoutError);
  });

  test('abort signal rejects a pending call', async () => {
    fake.on('query', () => ({ hang: true }));
    const controller = new AbortController();
    const pending = client().query('SELECT * FROM Leads;', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(pending);
    expect(error.name).toBe('AbortError');
  });

  test('abort during backoff leaves nothing unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', record);
    try {
      fake.on('query', (request) =>
        request.params.get('query')!.includes('cut')
          ? { raw: '{"success":true' }
          : { raw: '', status: 503 },
      );
      fake.on('listtypes', () => ok({ types: [], information: {} }));
      const vtiger = client({ retry: { limit: 5, delay: 200 } });
      await vtiger.listTypes();
      for (const query of ['SELECT * FROM Leads;', 'SELECT * FROM cut;']) {
        for (const wait of [20, 120]) {
          const controller = new AbortController();
          const pending = vtiger.query(query, { signal: controller.signal });
          setTimeout(() => controller.abort(), wait);
          const error = await failure(pending);
          expect(error.name).toBe('AbortError');
        }
      }
      for (let turn = 0; turn < 3; turn += 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  test('already aborted signal sends nothing', async () => {
    const error = await failure(
      client().listTypes(undefined, { signal: AbortSignal.abort() }),
    );
    expect(error.name).toBe('AbortError');
    expect(fake.requests).toHaveLength(0);
  });

  test('long-lived signal keeps no links', async () => {
    fake.on('query', () => ok([{ id: '10x1' }]));
    const controller = new AbortController();
    const vtiger = client();
    for (let call = 0; call < 20; call += 1) {
      await vtiger.query('SELECT id FROM Leads;', {
        signal: controller.signal,
      });
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // AbortSignal.any() adds every combined signal to a set on its sources,
    // which Node.js 20 keeps while the source lives.
    const key = Object.getOwnPropertySymbols(controller.signal).find(
      (symbol) => symbol.description === 'kDependantSignals',
    );
    const dependants =
      key === undefined
        ? undefined
        : (controller.signal as unknown as Record<symbol, Set<unknown>>)[key];
    expect(dependants?.size ?? 0).toBe(0);
  });

  // Node.js warns of a leak past 10 listeners on one signal. Twelve calls
  // either all send at once (concurrency 16) or mostly wait for one of two
  // sessions (concurrency 2).
  test.each([
    { calls: 'in flight', concurrency: 16, sent: 12 },
    { calls: 'queued', concurrency: 2, sent: 2 },
  ])('calls $calls share one listener', async ({ concurrency, sent }) => {
    const warnings: Error[] = [];
    const record = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on('warning', record);
    try {
      fake.on('query', () => ({ hang: true }));
      fake.on('listtypes', () => ok({ types: [], information: {} }));
      const vtiger = client({ concurrency });
      await vtiger.listTypes();
      const controller = new AbortController();
      const pending = Array.from({ length: 12 }, () =>
        failure(
          vtiger.query('SELECT * FROM Leads;', { signal: controller.signal }),
        ),
      );
      while (fake.seen('query').length < sent) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);

      const reason = new Error('stop');
      controller.abort(reason);
      for (const error of await Promise.all(pending))
        expect(error).toBe(reason);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(
        warnings.filter((w) => w.name === 'MaxListenersExceededWarning'),
      ).toEqual([]);
    } finally {
      process.off('warning', record);
    }
  });

  test('retryable API code is retried for reads', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      return calls === 1
        ? {
            json: {
              success: false,
              error: { code: 'DATABASE_QUERY_ERROR', message: 'Deadlock' },
            },
          }
        : ok(leads);
    });
    await expect(client().query('SELECT * FROM Leads;')).resolves.toEqual(
      leads,
    );
  });

  test('deterministic API errors are not retried', async () => {
    fake.on('query', () => ({
      json: {
        success: false,
        error: {
          code: 'QUERY_SYNTAX_ERROR',
          message: 'Syntax Error on line 1',
        },
      },
    }));
    const error = await failure(client().query('SELEC * FROM Leads;'));
    expect(error).toBeInstanceOf(VtigerApiError);
    expect((error as VtigerApiError).code).toBe('QUERY_SYNTAX_ERROR');
    expect((error as VtigerApiError).retryable).toBe(false);
    expect(error.message).toMatch(/ends with ';'/u);
    expect(fake.seen('query')).toHaveLength(1);
  });

  test('duplicate code 0 keeps the number', async () => {
    fake.on('create', () => ({
      json: {
        success: false,
        error: { code: 0, message: 'Duplicate(s) detected!' },
      },
    }));
    const error = await failure(
      client().create('Accounts', { accountname: 'Acme' }),
    );
    expect((error as VtigerApiError).code).toBe(0);
    expect(error.message).toMatch(/already exists/u);
  });

  test('callRaw returns the failed envelope', async () => {
    fake.on('query', () => ({
      json: {
        success: false,
        error: { code: 'ACCESS_DENIED', message: 'Permission denied' },
      },
    }));
    await expect(
      client().callRaw('query', { query: 'SELECT * FROM leads;' }),
    ).resolves.toEqual({
      success: false,
      error: { code: 'ACCESS_DENIED', message: 'Permission denied' },
    });
  });

  test('retries share one budget per call', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      if (calls === 2) return { raw: '{"success":true,"result":[' };
      return calls === 4 ? ok(leads) : { raw: '', status: 500 };
    });
    const error = await failure(client().query('SELECT * FROM Leads;'));
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect(fake.seen('query')).toHaveLength(3);
  });

  test('events describe each attempt without secrets', async () => {
    let calls = 0;
    fake.on('query', () => {
      calls += 1;
      return calls === 1 ? { raw: '', status: 503 } : ok(leads);
    });
    const events: VtigerEvent[] = [];
    const vtiger = client();
    const unsubscribe = vtiger.subscribe((event) => events.push(event));
    await vtiger.query('SELECT * FROM Leads');
    unsubscribe();
    await vtiger.query('SELECT * FROM Leads;');
    expect(events.map((event) => event.type)).toEqual([
      'request',
      'response',
      'request',
      'response',
      'login',
      'request',
      'response',
      'retry',
      'request',
      'response',
    ]);
    expect(events[0]).toEqual({
      type: 'request',
      operation: 'getchallenge',
      method: 'GET',
      url: `${fake.url}/webservice.php`,
      attempt: 0,
    });
    expect(events[4]).toEqual({
      type: 'login',
      username: 'admin',
      userId: '19x1',
      sessions: 1,
      user: { userId: '19x1', version: '0.22', vtigerVersion: '8.4.0' },
    });
    expect(events[7]).toEqual({
      type: 'retry',
      operation: 'query',
      attempt: 1,
      reason: 'HTTP 503',
    });
    expect(events[8]).toMatchObject({
      type: 'request',
      operation: 'query',
      attempt: 1,
    });
    expect(fake.seen('query')[0]?.params.get('query')).toBe(
      'SELECT * FROM Leads;',
    );
  });

  test('a throwing listener does not break calls', async () => {
    fake.on('query', () => ok(leads));
    const vtiger = client({
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    await expect(vtiger.query('SELECT * FROM Leads;')).resolves.toEqual(leads);
  });

  test('unknown operation names the spelling', async () => {
    fake.on('nosuchop', () => ({ raw: '', status: 500 }));
    const error = await failure(
      client({ retry: 0 }).call('nosuchop', { id: '1x1' }),
    );
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect(error.message).toMatch(/unknown operation name/u);
    expect(fake.seen('nosuchop')[0]?.method).toBe('GET');
  });

  test('rate limit spaces requests', async () => {
    fake.on('query', () => ok([]));
    const starts: number[] = [];
    const vtiger = client({
      rateLimit: 600,
      onEvent: (event) => {
        if (event.type === 'request') starts.push(performance.now());
      },
    });
    await Promise.all(
      Array.from({ length: 4 }, () => vtiger.query('SELECT id FROM Leads;')),
    );
    // getchallenge, 4 logins (one per pooled session) and 4 queries.
    expect(starts).toHaveLength(9);
    for (let index = 1; index < starts.length; index += 1) {
      // 600 a minute is one slot every 100 ms after the first request;
      // timers fire late, never early.
      expect(starts[index]! - starts[0]!).toBeGreaterThanOrEqual(
        index * 100 - 2,
      );
    }
  });
});
