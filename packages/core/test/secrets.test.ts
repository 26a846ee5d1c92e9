import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Vtiger, type VtigerEvent, type VtigerOptions } from '../src/index.js';
import {
  FakeVtiger,
  fail,
  ok,
  type SeenRequest,
} from './helpers/fake-vtiger.js';

let fake: FakeVtiger;
beforeEach(async () => {
  fake = await FakeVtiger.start();
});
afterEach(async () => {
  await fake.close();
});

/** Everything a caller or a log could see of an error. */
function renderings(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (
    let depth = 0;
    depth < 5 && current !== undefined && current !== null;
    depth += 1
  ) {
    texts.push(
      String(current),
      inspect(current, { depth: 5 }),
      JSON.stringify(current) ?? '',
    );
    if (current instanceof Error)
      texts.push(current.message, current.stack ?? '');
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

function secretsOf(fake: FakeVtiger, requests: SeenRequest[]): string[] {
  const credential = Buffer.from(`${fake.username}:${fake.accessKey}`).toString(
    'base64',
  );
  const secrets = new Set([fake.accessKey, credential]);
  for (let index = 1; index <= fake.challenges; index += 1) {
    const token = `t${String(index).padStart(12, '0')}`;
    secrets.add(
      createHash('md5')
        .update(token + fake.accessKey)
        .digest('hex'),
    );
  }
  for (const request of requests) {
    const session = request.params.get('sessionName');
    if (session !== null) secrets.add(session);
    const key = request.params.get('accessKey');
    if (key !== null) secrets.add(key);
  }
  return [...secrets];
}

describe('secrets', () => {
  test('no error path or event reveals a secret', async () => {
    const events: VtigerEvent[] = [];
    const options: VtigerOptions = {
      url: fake.url,
      username: fake.username,
      accessKey: fake.accessKey,
      api: 'webservice',
      retry: { limit: 1, delay: 1 },
      onEvent: (event) => events.push(event),
    };
    const vtiger = new Vtiger(options);
    const leak = (request: SeenRequest): string =>
      `Warning in /webservice.php?operation=${request.operation}&sessionName=${request.params.get('sessionName') ?? ''} key ${fake.accessKey}`;
    fake.on('query', (request) => {
      const query = request.params.get('query') ?? '';
      if (query.includes('notjson')) return { raw: leak(request) };
      if (query.includes('truncated'))
        return { raw: `{"success":true,"result":"${leak(request)}` };
      if (query.includes('html500')) return { raw: leak(request), status: 500 };
      if (query.includes('html414')) return { raw: leak(request), status: 414 };
      if (query.includes('apierror'))
        return fail('ACCESS_DENIED', leak(request));
      if (query.includes('session'))
        return fail('INVALID_SESSIONID', leak(request));
      if (query.includes('reset')) return { destroy: true };
      if (query.includes('cut'))
        return { raw: `{"x":"${leak(request)}`, declaredLength: 9999 };
      if (query.includes('hang')) return { hang: true };
      return ok([]);
    });
    const errors: unknown[] = [];
    for (const name of [
      'notjson',
      'truncated',
      'html500',
      'html414',
      'apierror',
      'session',
      'reset',
      'cut',
    ]) {
      errors.push(
        await vtiger
          .query(`SELECT * FROM ${name};`)
          .catch((error: unknown) => error),
      );
    }
    errors.push(
      await vtiger
        .query('SELECT * FROM hang;', { timeout: 50 })
        .catch((error: unknown) => error),
    );
    const controller = new AbortController();
    const aborted = vtiger.query('SELECT * FROM hang;', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    errors.push(await aborted.catch((error: unknown) => error));

    const wrongKey = new Vtiger({
      ...options,
      accessKey: `${fake.accessKey}x`,
    });
    fake.on('login', (request) =>
      fail(
        'INVALID_USER_CREDENTIALS',
        `bad ${request.params.get('accessKey')}`,
      ),
    );
    errors.push(await wrongKey.listTypes().catch((error: unknown) => error));

    const restClient = new Vtiger({ ...options, api: 'rest' });
    fake.on('describe', () => ({
      raw: `<p>${fake.accessKey}</p>`,
      status: 400,
      statusText: `Denied for ${fake.accessKey}`,
    }));
    errors.push(
      await restClient.describe('Leads').catch((error: unknown) => error),
    );
    errors.push(await restClient.logout().catch((error: unknown) => error));

    expect(errors.filter((error) => error instanceof Error)).toHaveLength(
      errors.length,
    );
    const secrets = secretsOf(fake, fake.requests);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const outputs = [
      ...errors.flatMap(renderings),
      JSON.stringify(events),
      inspect(vtiger),
      JSON.stringify(vtiger),
      inspect(restClient, { showHidden: true }),
    ];
    for (const output of outputs) {
      for (const secret of secrets) {
        expect(
          output.includes(secret),
          `${secret} in ${output.slice(0, 300)}`,
        ).toBe(false);
      }
    }
  });
});
