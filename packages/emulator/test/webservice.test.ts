import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { digest, login, rest, wsGet, wsPost } from './helpers.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ leads: 300, contacts: 40, accounts: 10 });
});

afterAll(async () => {
  await emulator.close();
});

describe('webservice.php sessions', () => {
  it('issues 20-hex session names', async () => {
    const session = await login(emulator);
    expect(session).toMatch(/^[0-9a-f]{20}$/);
  });

  it('rejects a superseded challenge token', async () => {
    const first = await wsGet(emulator, {
      operation: 'getchallenge',
      username: 'admin',
    });
    await wsGet(emulator, { operation: 'getchallenge', username: 'admin' });
    const answer = await wsPost(emulator, {
      operation: 'login',
      username: 'admin',
      accessKey: digest(first.json.result.token, emulator.accessKey),
    });
    expect(answer.json.error.code).toBe('INVALID_USER_CREDENTIALS');
  });

  it('reuses a token for several sessions', async () => {
    const challenge = await wsGet(emulator, {
      operation: 'getchallenge',
      username: 'admin',
    });
    const form = {
      operation: 'login',
      username: 'admin',
      accessKey: digest(challenge.json.result.token, emulator.accessKey),
    };
    const first = await wsPost(emulator, form);
    const second = await wsPost(emulator, form);
    expect(first.json.success).toBe(true);
    expect(second.json.success).toBe(true);
    expect(first.json.result.sessionName).not.toBe(
      second.json.result.sessionName,
    );
  });

  it('expires sessions on request', async () => {
    const session = await login(emulator);
    emulator.expireSessions();
    const answer = await wsGet(emulator, {
      operation: 'listtypes',
      sessionName: session,
    });
    expect(answer.json.error.code).toBe('INVALID_SESSIONID');
  });

  it('serves one request per session at a time', async () => {
    const session = await login(emulator);
    emulator.setLatency(5);
    emulator.resetStats();
    await Promise.all(
      Array.from({ length: 6 }, () =>
        wsGet(emulator, { operation: 'listtypes', sessionName: session }),
      ),
    );
    emulator.setLatency(0);
    expect(emulator.stats.maxSessionConcurrency).toBe(1);
    expect(emulator.stats.byOperation.listtypes).toBe(6);
  });
});

describe('webservice.php records', () => {
  let session: string;
  beforeAll(async () => {
    session = await login(emulator);
  });

  it('pages by id with keyset conditions', async () => {
    const first = await wsGet(emulator, {
      operation: 'query',
      sessionName: session,
      query: 'SELECT id FROM Leads ORDER BY id LIMIT 100;',
    });
    const rows = first.json.result as { id: string }[];
    expect(rows).toHaveLength(100);
    const last = rows[99]?.id as string;
    const next = await wsGet(emulator, {
      operation: 'query',
      sessionName: session,
      query: `SELECT id FROM Leads WHERE id > '${last}' ORDER BY id LIMIT 100;`,
    });
    const nextRows = next.json.result as { id: string }[];
    expect(nextRows).toHaveLength(100);
    expect(Number(nextRows[0]?.id.split('x')[1])).toBe(
      Number(last.split('x')[1]) + 1,
    );
  });

  it('creates, revises and deletes a lead', async () => {
    const created = await wsPost(emulator, {
      operation: 'create',
      sessionName: session,
      elementType: 'Leads',
      element: JSON.stringify({
        lastname: "O'Test",
        assigned_user_id: '19x1',
        city: 'Lyon',
      }),
    });
    expect(created.json.success).toBe(true);
    const id = created.json.result.id as string;
    expect(id).toMatch(/^10x\d+$/);
    const revised = await wsPost(emulator, {
      operation: 'revise',
      sessionName: session,
      element: JSON.stringify({ id, city: '' }),
    });
    expect(revised.json.result.city).toBe('');
    const deleted = await wsPost(emulator, {
      operation: 'delete',
      sessionName: session,
      id,
    });
    expect(deleted.json.result).toEqual({ status: 'successful' });
    const again = await wsGet(emulator, {
      operation: 'retrieve',
      sessionName: session,
      id,
    });
    expect(again.json.error.code).toBe('ACCESS_DENIED');
  });
});

describe('REST flavour', () => {
  it('answers with Basic auth', async () => {
    const answer = await rest(emulator, 'me', {});
    expect(answer.status).toBe(200);
    expect(answer.json.result.user_name).toBe('admin');
  });

  it('reports errors as HTTP 400 with the message as reason', async () => {
    const answer = await rest(emulator, 'query', {
      query: 'SELECT id FROM Leads',
    });
    expect(answer.status).toBe(400);
    expect(answer.statusText).toContain('Syntax Error');
    expect(answer.json.error.code).toBe('QUERY_SYNTAX_ERROR');
  });

  it('rejects a wrong access key with 401', async () => {
    const answer = await rest(emulator, 'me', {}, 'GET', 'admin:wrong');
    expect(answer.status).toBe(401);
  });
});
