import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { login, rest, wsGet, wsPost } from './helpers.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ leads: 50 });
});

afterAll(async () => {
  await emulator.close();
});

/** Sends raw bytes and returns the status line, or the socket error. */
function rawRequest(
  emulator: RunningEmulator,
  path: string,
  body: string,
  contentType: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(emulator.url);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'content-type': contentType },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP edges', () => {
  it('sends raw UTF-8, slashes unescaped', async () => {
    const session = await login(emulator);
    const created = await wsPost(emulator, {
      operation: 'create',
      sessionName: session,
      elementType: 'Leads',
      element: JSON.stringify({
        lastname: 'Müller/Łukasz',
        assigned_user_id: '19x1',
      }),
    });
    expect(created.json.success).toBe(true);
    // Vtiger 8 encodes with Zend_Json_Encoder, which escapes only the
    // backslash, the quote and \n \t \r \b \f.
    expect(created.text).toContain('"lastname":"Müller/Łukasz"');
  });

  it('answers 414 with an HTML page for long URLs', async () => {
    const session = await login(emulator);
    const ids = Array.from({ length: 1000 }, (_, i) => `'10x${i + 1000}'`).join(
      ',',
    );
    const answer = await wsGet(emulator, {
      operation: 'query',
      sessionName: session,
      query: `SELECT id FROM Leads WHERE id IN (${ids});`,
    });
    expect(answer.status).toBe(414);
    expect(answer.headers.get('content-type')).toContain('text/html');
  });

  it('accepts an IN list of 500 ids', async () => {
    const session = await login(emulator);
    const ids = Array.from({ length: 500 }, (_, i) => `'10x${i + 1}'`).join(
      ',',
    );
    const answer = await wsGet(emulator, {
      operation: 'query',
      sessionName: session,
      query: `SELECT id FROM Leads WHERE id IN (${ids});`,
    });
    expect(answer.status).toBe(200);
    expect(answer.json.success).toBe(true);
  });

  it('answers unknown operations with an empty 500', async () => {
    const answer = await wsGet(emulator, { operation: 'nosuchop' });
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('');
  });

  it('survives malformed form bodies', async () => {
    const status = await rawRequest(
      emulator,
      '/webservice.php',
      'operation=%ZZ&&&=&sessionName=%&query=%E0%A4%A',
      'application/x-www-form-urlencoded',
    );
    expect(status).toBe(500);
    const followUp = await wsGet(emulator, {
      operation: 'getchallenge',
      username: 'admin',
    });
    expect(followUp.json.success).toBe(true);
  });

  it('reads multipart form bodies', async () => {
    const challenge = await fetch(
      `${emulator.url}/webservice.php?operation=getchallenge&username=admin`,
    );
    const token = (await challenge.json()).result.token as string;
    const { digest } = await import('./helpers.js');
    const login = new FormData();
    login.set('operation', 'login');
    login.set('username', 'admin');
    login.set('accessKey', digest(token, emulator.accessKey));
    const response = await fetch(`${emulator.url}/webservice.php`, {
      method: 'POST',
      body: login,
    });
    const body = await response.json();
    expect(body.success).toBe(true);
    expect(body.result.sessionName).toMatch(/^[0-9a-f]{20}$/);
  });

  it('ignores JSON bodies on webservice.php', async () => {
    const response = await fetch(`${emulator.url}/webservice.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'listtypes' }),
    });
    await response.text();
    expect(response.status).toBe(500);
  });

  it('answers unknown paths with 404', async () => {
    const response = await fetch(`${emulator.url}/index.php`);
    await response.text();
    expect(response.status).toBe(404);
  });

  it('rejects a query sent by POST', async () => {
    const session = await login(emulator);
    const answer = await wsPost(emulator, {
      operation: 'query',
      sessionName: session,
      query: 'SELECT id FROM Leads;',
    });
    expect(answer.json.error).toEqual({
      message: 'Permission to perform the operation is denied for query',
      code: 'ACCESS_DENIED',
    });
  });

  it('keeps a session alive after logout sent as GET', async () => {
    const session = await login(emulator);
    const logout = await wsGet(emulator, {
      operation: 'logout',
      sessionName: session,
    });
    expect(logout.json.error.code).toBe('OPERATION_NOT_SUPPORTED');
    const after = await wsGet(emulator, {
      operation: 'listtypes',
      sessionName: session,
    });
    expect(after.json.success).toBe(true);
  });

  it('expires challenge tokens after 300 seconds', async () => {
    const challenge = await wsGet(emulator, {
      operation: 'getchallenge',
      username: 'admin',
    });
    emulator.advanceTime(301);
    const { digest } = await import('./helpers.js');
    const answer = await wsPost(emulator, {
      operation: 'login',
      username: 'admin',
      accessKey: digest(challenge.json.result.token, emulator.accessKey),
    });
    expect(answer.json.error.code).toBe('INVALID_AUTH_TOKEN');
  });
});

describe('rate limit', () => {
  it('answers 429 with flood-control headers', async () => {
    const limited = await startEmulator({ leads: 5, rateLimit: 2 });
    try {
      const first = await rest(limited, 'me', {});
      expect(first.headers.get('x-floodcontrol-minutelimit')).toBe('2');
      await rest(limited, 'me', {});
      const third = await rest(limited, 'me', {});
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(third.headers.get('x-floodcontrol-remaining')).toBe('0');
    } finally {
      await limited.close();
    }
  });
});

describe('faults', () => {
  async function outcomes(seed: number): Promise<string[]> {
    const faulty = await startEmulator({
      leads: 5,
      seed,
      faults: {
        serverError: 0.15,
        rateLimited: 0.15,
        reset: 0.1,
        truncated: 0.4,
      },
    });
    const results: string[] = [];
    try {
      for (let i = 0; i < 40; i++) {
        try {
          const answer = await rest(faulty, 'me', {});
          results.push(
            `${answer.status}:${answer.json === undefined ? 'no-json' : 'json'}`,
          );
        } catch {
          results.push('reset');
        }
      }
      expect(faulty.stats.faults.serverError).toBeGreaterThan(0);
    } finally {
      await faulty.close();
    }
    return results;
  }

  it('injects the same faults for the same seed', async () => {
    const first = await outcomes(11);
    const second = await outcomes(11);
    expect(second).toEqual(first);
    expect(first).toContain('500:no-json');
    expect(first).toContain('429:json');
    expect(first).toContain('reset');
    expect(first).toContain('200:no-json');
    expect(first).toContain('200:json');
  });

  it('expires sessions every N requests', async () => {
    const faulty = await startEmulator({
      leads: 5,
      faults: { sessionExpiryEvery: 5 },
    });
    try {
      const session = await login(faulty); // requests 1 and 2
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await wsGet(faulty, {
          operation: 'listtypes',
          sessionName: session,
        });
        codes.push(
          answer.json.success === true ? 'ok' : answer.json.error.code,
        );
      }
      expect(codes).toEqual(['ok', 'ok', 'INVALID_SESSIONID']);
    } finally {
      await faulty.close();
    }
  });

  it('delays replies by the latency', async () => {
    const session = await login(emulator);
    emulator.setLatency(80);
    try {
      const started = performance.now();
      const answers = await Promise.all(
        ['SELECT * FROM Leads LIMIT 5;', 'SELECT id FROM Leads;'].map((query) =>
          wsGet(emulator, { operation: 'query', sessionName: session, query }),
        ),
      );
      const elapsed = performance.now() - started;
      expect(answers.map((answer) => answer.json.success)).toEqual([
        true,
        true,
      ]);
      // One session: the two requests are served one after the other, each
      // for at least 80 ms (less 2 ms for timer rounding).
      expect(elapsed).toBeGreaterThanOrEqual(158);
    } finally {
      emulator.setLatency(0);
    }
  });
});
