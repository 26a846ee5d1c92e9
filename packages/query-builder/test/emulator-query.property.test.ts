import { createHash } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { select, type Operator } from '@vtiger/query-builder';
import { hostileString } from './hostile-strings.js';

type Row = Record<string, string | null>;

let emulator: RunningEmulator;
let sessionName = '';
let userId = '';

/** Calls webservice.php; GET for reads, a form POST for writes. */
async function call(
  method: 'GET' | 'POST',
  params: Record<string, string>,
): Promise<unknown> {
  const body = new URLSearchParams(params);
  const url = `${emulator.url}/webservice.php`;
  const response =
    method === 'GET'
      ? await fetch(`${url}?${body.toString()}`)
      : await fetch(url, { method, body });
  if (response.status !== 200) {
    throw new Error(
      `${params.operation} returned HTTP ${response.status}: ` +
        `${(await response.text()).slice(0, 300)} (query: ${params.query})`,
    );
  }
  const json = (await response.json()) as {
    success: boolean;
    result?: unknown;
    error?: { code: string; message: string };
  };
  if (!json.success) {
    throw new Error(
      `${params.operation} failed: ${json.error?.code} ${json.error?.message}`,
    );
  }
  return json.result;
}

async function createLead(lastname: string): Promise<Row> {
  return (await call('POST', {
    operation: 'create',
    sessionName,
    elementType: 'Leads',
    element: JSON.stringify({ lastname, assigned_user_id: userId }),
  })) as Row;
}

async function query(vtql: string): Promise<Row[]> {
  return (await call('GET', {
    operation: 'query',
    sessionName,
    query: vtql,
  })) as Row[];
}

beforeAll(async () => {
  emulator = await startEmulator({ leads: 20, contacts: 2, accounts: 2 });
  const challenge = (await call('GET', {
    operation: 'getchallenge',
    username: emulator.username,
  })) as { token: string };
  const login = (await call('POST', {
    operation: 'login',
    username: emulator.username,
    accessKey: createHash('md5')
      .update(challenge.token + emulator.accessKey)
      .digest('hex'),
  })) as { sessionName: string; userId: string };
  sessionName = login.sessionName;
  userId = login.userId;
});

afterAll(async () => {
  await emulator?.close();
});

describe('queries through the emulator over HTTP', () => {
  test('hostile value finds exactly its record', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(hostileString, async (hostile) => {
        serial += 1;
        // A unique tag keeps values of earlier runs from matching, also
        // under the server's case-insensitive comparison.
        // NOTE: '-' is replaced because the emulator's LIKE matcher builds
        // a RegExp with the u flag and escapes '-', which is invalid there
        // (HTTP 500). Use `hostile` unchanged once the emulator accepts it.
        const value = `${hostile.replace(/-/g, '=')}~${serial}~`;
        const record = await createLead(value);
        const stored = record.lastname ?? '';
        // The server stores text outside the BMP as '?', so the query
        // uses the value as stored.
        expect(stored.endsWith(`~${serial}~`)).toBe(true);

        // A decoy that a wildcard left unescaped would also match.
        const decoy = value.replace(/[%_]/g, 'Z');
        if (decoy !== value) await createLead(decoy);

        const cases: [Operator, string | string[]][] = [
          ['=', stored],
          ['in', [stored]],
          ['startsWith', stored],
          ['endsWith', stored],
          ['contains', stored],
        ];
        for (const [operator, operand] of cases) {
          const vtql = select('id', 'lastname')
            .from('Leads')
            .where('lastname', operator, operand)
            .toVTQL();
          const rows = await query(vtql);
          expect(rows.map((row) => row.id)).toEqual([record.id]);
          expect(rows[0]?.lastname).toBe(stored);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
