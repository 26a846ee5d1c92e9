import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  Vtiger,
  VtigerAuthError,
  type VtigerEvent,
  type VtigerOptions,
} from '../src/index.js';
import { FakeVtiger, fail, ok } from './helpers/fake-vtiger.js';

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

describe('webservice.php sessions', () => {
  test('login sends md5 of token and key', async () => {
    fake.on('listtypes', () => ok({ types: ['Leads'], information: {} }));
    const vtiger = client();
    const result = await vtiger.listTypes();
    expect(result.types).toEqual(['Leads']);
    const [challenge] = fake.seen('getchallenge');
    expect(challenge?.method).toBe('GET');
    const [login] = fake.seen('login');
    expect(login?.method).toBe('POST');
    expect(login?.search).toBe('');
    expect(login?.params.get('accessKey')).toMatch(/^[0-9a-f]{32}$/u);
    const [listtypes] = fake.seen('listtypes');
    expect(listtypes?.method).toBe('GET');
    expect(listtypes?.search).toContain('sessionName=sess');
  });

  test('write operations are POSTed as a form', async () => {
    fake.on('create', (request) =>
      ok({ ...JSON.parse(request.params.get('element')!), id: '10x1' }),
    );
    const vtiger = client();
    const lead = await vtiger.create('Leads', {
      lastname: 'Doe',
      noofemployees: 7,
    });
    expect(lead.id).toBe('10x1');
    const [create] = fake.seen('create');
    expect(create?.method).toBe('POST');
    expect(create?.search).toBe('');
    expect(create?.headers['content-type']).toMatch(
      /^application\/x-www-form-urlencoded/u,
    );
    expect(create?.params.get('elementType')).toBe('Leads');
    expect(create?.params.get('element')).toBe(
      '{"lastname":"Doe","noofemployees":7}',
    );
  });

  test('expired session logs in again and replays', async () => {
    let expired = false;
    fake.on('retrieve', (request) => {
      if (!expired) {
        expired = true;
        fake.sessions.delete(request.params.get('sessionName')!);
        return fail(
          'SESSION_EXPIRED',
          'Session has life span over please login again',
        );
      }
      return ok({ id: '10x5', lastname: 'Doe' });
    });
    const events: VtigerEvent[] = [];
    const vtiger = client({ onEvent: (event) => events.push(event) });
    await expect(vtiger.retrieve('10x5')).resolves.toMatchObject({
      id: '10x5',
    });
    expect(fake.logins).toBe(2);
    expect(fake.seen('retrieve')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'relogin')).toEqual([
      { type: 'relogin', operation: 'retrieve', code: 'SESSION_EXPIRED' },
    ]);
  });

  test('a write is replayed once after INVALID_SESSIONID', async () => {
    let first = true;
    fake.on('revise', () => {
      if (first) {
        first = false;
        return fail(
          'INVALID_SESSIONID',
          'Session Identifier provided is Invalid',
        );
      }
      return ok({ id: '10x5', leadstatus: 'Cold' });
    });
    await expect(
      client().revise({ id: '10x5', leadstatus: 'Cold' }),
    ).resolves.toMatchObject({
      leadstatus: 'Cold',
    });
    expect(fake.seen('revise')).toHaveLength(2);
  });

  test('every fresh session rejected is an auth error', async () => {
    fake.on('query', () =>
      fail('INVALID_SESSIONID', 'Session Identifier provided is Invalid'),
    );
    const error = await client()
      .query('SELECT * FROM Leads;')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VtigerAuthError);
    expect((error as VtigerAuthError).code).toBe('INVALID_SESSIONID');
    // The first session, then three fresh ones.
    expect(fake.seen('query')).toHaveLength(4);
    expect(fake.logins).toBe(4);
  });

  test('repeated expiry renews the session again', async () => {
    let expiries = 0;
    fake.on('query', (request) => {
      if (expiries < 2) {
        expiries += 1;
        fake.sessions.delete(request.params.get('sessionName')!);
        return fail(
          'SESSION_EXPIRED',
          'Session has life span over please login again',
        );
      }
      return ok([{ id: '10x1' }]);
    });
    await expect(client().query('SELECT id FROM Leads;')).resolves.toEqual([
      { id: '10x1' },
    ]);
    expect(fake.logins).toBe(3);
  });

  test('superseded challenge retries with a fresh token', async () => {
    let superseded = false;
    fake.on('login', () => {
      if (!superseded) {
        superseded = true;
        // Another client asked for a challenge between ours and our login.
        fake.token = 'other-client';
        return fail('INVALID_USER_CREDENTIALS', 'Invalid username or password');
      }
      return undefined;
    });
    fake.on('describe', () =>
      ok({ name: 'Leads', label: 'Leads', idPrefix: '10', fields: [] }),
    );
    await expect(client().describe('Leads')).resolves.toMatchObject({
      idPrefix: '10',
    });
    expect(fake.challenges).toBe(2);
    expect(fake.seen('login')).toHaveLength(2);
  });

  test('wrong access key fails with an auth error', async () => {
    const vtiger = new Vtiger({
      url: fake.url,
      username: fake.username,
      accessKey: 'wrongwrongwrongwrong12',
      api: 'webservice',
    });
    const error = await vtiger.listTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VtigerAuthError);
    expect((error as Error).message).toMatch(
      /INVALID_USER_CREDENTIALS.*after 3 attempt/u,
    );
    expect(fake.seen('login')).toHaveLength(3);
  });

  test('wrong key fails once for queued callers', async () => {
    const vtiger = new Vtiger({
      url: fake.url,
      username: fake.username,
      accessKey: 'wrongwrongwrongwrong12',
      api: 'webservice',
      concurrency: 4,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => vtiger.listTypes()),
    );
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(fake.seen('login')).toHaveLength(3);
  });

  test('revoked key is retried by one login', async () => {
    let revoked = false;
    fake.on('login', () =>
      revoked
        ? fail('INVALID_USER_CREDENTIALS', 'Invalid username or password')
        : undefined,
    );
    // Known sessions get a row, and the built-in handler rejects the others.
    fake.on('query', (request) =>
      fake.sessions.has(request.params.get('sessionName') ?? '')
        ? ok([{ id: '10x1' }])
        : undefined,
    );

    const vtiger = client({ concurrency: 4 });
    const calls = () =>
      Promise.allSettled(
        Array.from({ length: 8 }, () =>
          vtiger.query('SELECT id FROM Leads LIMIT 1;'),
        ),
      );
    await calls();
    expect(fake.logins).toBe(4);

    // The key stops working and every session expires, so all four slots
    // log in again at the same time with the token that worked before.
    revoked = true;
    fake.sessions.clear();
    const before = fake.seen('login').length;
    const results = await calls();

    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    // Four logins at once, then the first one rejected retries twice while
    // the other three wait for it.
    expect(fake.seen('login').length - before).toBe(6);
  });

  test('later pool logins run in parallel', async () => {
    let active = 0;
    let maxActive = 0;
    fake.on('login', async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 30));
      active -= 1;
      return undefined;
    });
    fake.on('query', () => ok([{ id: '10x1' }]));
    const vtiger = client({ concurrency: 4 });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        vtiger.query('SELECT id FROM Leads LIMIT 1;'),
      ),
    );
    expect(fake.challenges).toBe(1);
    expect(fake.logins).toBe(4);
    // The first login alone, then the other three together.
    expect(maxActive).toBe(3);
  });

  test('update accepts a retrieved record', async () => {
    fake.on('retrieve', () =>
      ok({ id: '10x5', lastname: 'Doe', LineItems: [{ productid: '14x1' }] }),
    );
    fake.on('update', (request) =>
      ok(JSON.parse(request.params.get('element')!)),
    );
    const vtiger = client();
    const lead = await vtiger.retrieve('10x5');
    const updated = await vtiger.update({ ...lead, city: 'Boston' });
    expect(updated).toEqual({
      id: '10x5',
      lastname: 'Doe',
      LineItems: [{ productid: '14x1' }],
      city: 'Boston',
    });
  });

  test('concurrent calls share a pool of sessions', async () => {
    fake.on('query', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return ok([{ id: '10x1' }]);
    });
    const vtiger = client({ concurrency: 4 });
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        vtiger.query('SELECT id FROM Leads LIMIT 1;'),
      ),
    );
    expect(results).toHaveLength(100);
    expect(fake.challenges).toBe(1);
    expect(fake.logins).toBeLessThanOrEqual(4);
    expect(fake.maxInFlightPerSession).toBe(1);
  });

  test('after every session expires, each slot logs in again', async () => {
    fake.on('query', async (request) => {
      if (!fake.sessions.has(request.params.get('sessionName') ?? '')) {
        return fail(
          'INVALID_SESSIONID',
          'Session Identifier provided is Invalid',
        );
      }
      await new Promise((resolve) => setImmediate(resolve));
      return ok([{ id: '10x1' }]);
    });
    const vtiger = client({ concurrency: 2 });
    const batch = () =>
      Promise.all(
        Array.from({ length: 6 }, () =>
          vtiger.query('SELECT id FROM Leads LIMIT 1;'),
        ),
      );
    await batch();
    expect(fake.logins).toBe(2);
    fake.sessions.clear();
    // A replay must run on the slot it renewed; taking the other, still
    // stale slot would fail with "rejected a fresh session too".
    await expect(batch()).resolves.toHaveLength(6);
    expect(fake.logins).toBe(4);
  });

  test('close logs every session out', async () => {
    fake.on('query', () => ok([]));
    const vtiger = client({ concurrency: 2 });
    await Promise.all([
      vtiger.query('SELECT id FROM Leads;'),
      vtiger.query('SELECT id FROM Leads;'),
    ]);
    await vtiger.close();
    expect(fake.seen('logout').length).toBe(fake.logins);
    expect(
      fake.seen('logout').every((request) => request.method === 'POST'),
    ).toBe(true);
    expect(fake.sessions.size).toBe(0);
    await expect(vtiger.query('SELECT id FROM Leads;')).rejects.toThrow(
      /client is closed/u,
    );
  });

  test('logout keeps the client usable', async () => {
    fake.on('query', () => ok([]));
    const vtiger = client();
    await vtiger.query('SELECT id FROM Leads;');
    await vtiger.logout();
    await vtiger.query('SELECT id FROM Leads;');
    expect(fake.logins).toBe(2);
  });
});
