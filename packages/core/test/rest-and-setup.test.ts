import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  Vtiger,
  VtigerApiError,
  VtigerAuthError,
  VtigerUnsupportedOperationError,
} from '../src/index.js';
import { FakeVtiger, fail, ok } from './helpers/fake-vtiger.js';

let fake: FakeVtiger;
beforeEach(async () => {
  fake = await FakeVtiger.start('/crm');
});
afterEach(async () => {
  await fake.close();
});

const rest = (options: { accessKey?: string } = {}): Vtiger =>
  new Vtiger({
    url: fake.url,
    username: fake.username,
    accessKey: options.accessKey ?? fake.accessKey,
    api: 'rest',
    retry: { limit: 1, delay: 1 },
  });

describe('Cloud REST', () => {
  test('sends HTTP Basic to the REST path', async () => {
    fake.on('query', () => ok([{ id: '10x1' }]));
    await rest().query('SELECT id FROM Leads;');
    const [query] = fake.seen('query');
    expect(query?.path).toBe('/crm/restapi/v1/vtiger/default/query');
    expect(query?.method).toBe('GET');
    expect(query?.params.get('operation')).toBeNull();
    expect(query?.params.get('sessionName')).toBeNull();
    expect(query?.headers.authorization).toMatch(/^Basic /u);
    expect(fake.seen('getchallenge')).toHaveLength(0);
  });

  test('me works on REST', async () => {
    await expect(rest().me()).resolves.toMatchObject({
      id: '19x1',
      user_name: 'admin',
    });
  });

  test('HTTP 400 reason phrase becomes an API error', async () => {
    fake.on('retrieve', () => ({
      raw: '',
      status: 400,
      statusText: 'Permission to perform the operation is denied',
    }));
    const error = await rest()
      .retrieve('10x1')
      .catch((caught: unknown) => caught as VtigerApiError);
    expect(error).toBeInstanceOf(VtigerApiError);
    expect(error.code).toBe('HTTP_400');
    expect(error.status).toBe(400);
    expect(error.apiMessage).toBe(
      'Permission to perform the operation is denied',
    );
    expect(fake.seen('retrieve')).toHaveLength(1);
  });

  test('JSON success false on REST is an API error', async () => {
    fake.on('describe', () => ({
      ...fail(
        'ACCESS_DENIED',
        'Permission to perform the operation is denied for name : leads',
      ),
      status: 400,
    }));
    const error = await rest()
      .describe('leads')
      .catch((caught: unknown) => caught as VtigerApiError);
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.status).toBe(400);
  });

  test('HTTP 401 is an auth error', async () => {
    const error = await rest({ accessKey: 'nopenopenopenope' })
      .me()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VtigerAuthError);
  });

  test('write tags and lookup use REST operations', async () => {
    fake.on('tags_add', () => ok({ message: 'done' }));
    fake.on('lookup', () => ok([{ id: '12x1', email: 'jane@example.com' }]));
    const vtiger = rest();
    await vtiger.addTags('10x1', ['vip', 'fair']);
    const [tags] = fake.seen('tags_add');
    expect(tags?.method).toBe('POST');
    expect(tags?.params.get('tags')).toBe('["vip","fair"]');
    await vtiger.lookup('email', 'jane@example.com', { Contacts: ['email'] });
    const [lookup] = fake.seen('lookup');
    expect(lookup?.method).toBe('GET');
    expect(lookup?.params.get('searchIn')).toBe('{"Contacts":["email"]}');
  });

  test('webservice-only operations are rejected', async () => {
    const vtiger = rest();
    await expect(vtiger.logout()).rejects.toBeInstanceOf(
      VtigerUnsupportedOperationError,
    );
    await expect(vtiger.call('extendsession')).rejects.toThrow(
      /exists only on the webservice.php API/u,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('api auto detection', () => {
  test('picks REST when me works, once', async () => {
    fake.on('listtypes', () => ok({ types: [], information: {} }));
    const vtiger = new Vtiger(fake.url, fake.username, fake.accessKey);
    await Promise.all([vtiger.listTypes(), vtiger.listTypes()]);
    expect(await vtiger.detectApi()).toBe('rest');
    expect(fake.seen('me')).toHaveLength(1);
    expect(
      fake
        .seen('listtypes')
        .every((request) => request.path.includes('/restapi/')),
    ).toBe(true);
  });

  test('retries a passing 503 before deciding', async () => {
    let first = true;
    fake.on('me', () => {
      if (!first) return undefined;
      first = false;
      return { raw: '', status: 503, statusText: 'Service Unavailable' };
    });
    const vtiger = new Vtiger({
      url: fake.url,
      username: fake.username,
      accessKey: fake.accessKey,
      retry: { limit: 2, delay: 1 },
    });
    expect(await vtiger.detectApi()).toBe('rest');
    expect(fake.seen('me')).toHaveLength(2);
  });

  test('falls back to webservice.php', async () => {
    fake.on('me', () => ({ raw: '<html>Not Found</html>', status: 404 }));
    fake.on('listtypes', () => ok({ types: ['Leads'], information: {} }));
    const vtiger = new Vtiger(fake.url, fake.username, fake.accessKey);
    await vtiger.listTypes();
    expect(await vtiger.detectApi()).toBe('webservice');
    expect(fake.seen('listtypes')[0]?.path).toBe('/crm/webservice.php');
    await expect(vtiger.me()).rejects.toBeInstanceOf(
      VtigerUnsupportedOperationError,
    );
  });
});

describe('base URL', () => {
  test.each([
    ['', '/crm/webservice.php'],
    ['/', '/crm/webservice.php'],
    ['/webservice.php', '/crm/webservice.php'],
  ])('url suffix %j', async (suffix, path) => {
    fake.on('listtypes', () => ok({ types: [], information: {} }));
    const vtiger = new Vtiger({
      url: fake.url + suffix,
      username: fake.username,
      accessKey: fake.accessKey,
      api: 'webservice',
    });
    await vtiger.listTypes();
    expect(fake.seen('listtypes')[0]?.path).toBe(path);
  });

  test('invalid options name the value', () => {
    expect(
      () =>
        new Vtiger({ url: 'crm.example.com', username: 'a', accessKey: 'b' }),
    ).toThrow(/absolute http\(s\) URL/u);
    expect(
      () => new Vtiger({ url: 'ftp://x', username: 'a', accessKey: 'b' }),
    ).toThrow(/http or https/u);
    expect(
      () => new Vtiger({ url: 'http://x', username: '', accessKey: 'b' }),
    ).toThrow(/`username`.*empty string/u);
    expect(
      () =>
        new Vtiger({
          url: 'http://x',
          username: 'a',
          accessKey: 'b',
          concurrency: 0,
        }),
    ).toThrow(RangeError);
    expect(
      () =>
        new Vtiger({
          url: 'http://x',
          username: 'a',
          accessKey: 'b',
          api: 'soap' as never,
        }),
    ).toThrow(/`api`/u);
    expect(
      () =>
        new Vtiger({
          url: 'http://x',
          username: 'a',
          accessKey: 'b',
          timeout: -1,
        }),
    ).toThrow(/`timeout`/u);
  });
});
