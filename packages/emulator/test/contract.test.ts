import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { type Answer, digest, login, wsGet, wsPost } from './helpers.js';

// Replays every recording of a real Vtiger 8.4.0 server against the
// emulator and compares status, success, error code and message, and the
// shape of the result (keys and value kinds). Adding a file adds a test.

interface Recording {
  request?: {
    method: 'GET' | 'POST';
    path: string;
    query?: Record<string, string>;
    form?: Record<string, string>;
  };
  status: number;
  body: unknown;
}

const DIRECTORY = fileURLToPath(new URL('./recordings/', import.meta.url));
const FILES = readdirSync(DIRECTORY)
  .filter((file) => file.endsWith('.json'))
  .sort();

function load(file: string): Recording {
  return JSON.parse(readFileSync(`${DIRECTORY}${file}`, 'utf8')) as Recording;
}

/** Why a recording cannot be replayed, or null. */
function skipReason(file: string, recording: Recording): string | null {
  if (recording.request === undefined) return 'no request in the file';
  if (file.startsWith('display_errors_on_')) return 'needs display_errors=On';
  return null;
}

function operationOf(recording: Recording): string {
  const request = recording.request;
  return request?.form?.operation ?? request?.query?.operation ?? '';
}

/** Stock 8.4.0 crashes on every sync; PATCHED_ files had sync repaired. */
function needsBrokenSync(file: string, recording: Recording): boolean {
  return operationOf(recording) === 'sync' && !file.startsWith('PATCHED_');
}

type Shape = string | Shape[] | { [key: string]: Shape };

/** Describes a value by structure: keys in order and value kinds, not contents. */
function shapeOf(value: unknown): Shape {
  if (value === null || typeof value === 'string') return 'text-or-null';
  if (Array.isArray(value))
    return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    const shape: Record<string, Shape> = {};
    for (const key of Object.keys(value as object)) {
      shape[key] = shapeOf((value as Record<string, unknown>)[key]);
    }
    return shape;
  }
  return typeof value;
}

/** Compares shapes; an empty array on either side matches any array. */
function sameShape(actual: Shape, expected: Shape): boolean {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return false;
    if (expected.length === 0 || actual.length === 0) return true;
    return sameShape(actual[0] as Shape, expected[0] as Shape);
  }
  if (typeof expected === 'string' || typeof actual === 'string')
    return actual === expected;
  const keys = Object.keys(expected);
  if (keys.join(',') !== Object.keys(actual).join(',')) return false;
  return keys.every((key) =>
    sameShape(actual[key] as Shape, expected[key] as Shape),
  );
}

interface Fixtures {
  ids: Map<string, string>;
}

async function createRecord(
  emulator: RunningEmulator,
  session: string,
  elementType: string,
  element: Record<string, unknown>,
): Promise<string> {
  const answer = await wsPost(emulator, {
    operation: 'create',
    sessionName: session,
    elementType,
    element: JSON.stringify({ assigned_user_id: '19x1', ...element }),
  });
  if (answer.json?.success !== true)
    throw new Error(`fixture create failed: ${answer.text}`);
  return answer.json.result.id as string;
}

/** Creates the records the recordings refer to and maps their ids. */
async function createFixtures(emulator: RunningEmulator): Promise<Fixtures> {
  const session = await login(emulator);
  const recordedLead = await createRecord(emulator, session, 'Leads', {
    lastname: 'Recorded Lead',
    firstname: "Zoë O'Test",
    company: 'Recording, "Quoted" Co.',
    email: 'recorded.lead@example.com',
    city: 'São Paulo',
    leadstatus: 'Hot',
    annualrevenue: '12345.5',
    noofemployees: '42',
  });
  const deletedLead = await createRecord(emulator, session, 'Leads', {
    lastname: 'Gone',
  });
  await wsPost(emulator, {
    operation: 'delete',
    sessionName: session,
    id: deletedLead,
  });
  const htmlLead = await createRecord(emulator, session, 'Leads', {
    lastname: 'Html <b>Lead</b> & Co',
    description: '<b>bold</b> & "q" \'s\' <script>x</script>',
  });
  const relatedContact = await createRecord(emulator, session, 'Contacts', {
    lastname: 'Related Via add_related',
  });
  const emptyDateContact = await createRecord(emulator, session, 'Contacts', {
    lastname: 'Birthday invalid',
    birthday: '1990-13-45',
  });
  const leads = emulator.query('SELECT id FROM Leads ORDER BY id LIMIT 3;');
  const account = emulator.query(
    "SELECT account_id FROM Contacts WHERE account_id > '11x0' LIMIT 1;",
  );
  const ids = new Map<string, string>([
    ['10x2904', recordedLead],
    ['10x2911', deletedLead],
    ['10x2909', htmlLead],
    ['12x2912', relatedContact],
    ['12x2920', emptyDateContact],
    ['12x2904', `12x${recordedLead.split('x')[1]}`],
    ['10x2', leads[0]?.id as string],
    ['10x3', leads[1]?.id as string],
    ['10x404', leads[2]?.id as string],
    ['11x6', account[0]?.account_id as string],
  ]);
  return { ids };
}

/** Values that replace the placeholders of one recording. */
async function placeholders(
  emulator: RunningEmulator,
  file: string,
): Promise<{ values: Map<string, string>; headers: Record<string, string> }> {
  const values = new Map<string, string>();
  const headers: Record<string, string> = {};
  const challenge = async (): Promise<string> =>
    (
      await wsGet(emulator, {
        operation: 'getchallenge',
        username: emulator.username,
      })
    ).json.result.token as string;

  if (file === 'session_file_removed.json') {
    values.set('<SESSION_NAME_3>', await login(emulator));
    emulator.expireSessions();
  }
  if (file === 'session_idle_simulated.json') {
    values.set('<SESSION_NAME_4>', await login(emulator));
    emulator.advanceTime(7200);
  }
  if (file === 'session_expired_simulated.json') {
    values.set('<SESSION_NAME_5>', await login(emulator));
    emulator.advanceTime(25 * 3600);
  }
  values.set('<SESSION_NAME>', await login(emulator));
  const second = await login(emulator);
  if (file !== 'logout_ok.json') {
    await wsPost(emulator, { operation: 'logout', sessionName: second });
  }
  values.set('<SESSION_NAME_2>', second);
  if (file === 'extendsession_with_phpsessid_cookie.json') {
    const cookieSession = await login(emulator);
    headers.cookie = `PHPSESSID=${cookieSession}`;
  }
  if (file === 'login_with_superseded_challenge.json') {
    const first = await challenge();
    await challenge();
    values.set('<MD5(token1+accessKey)>', digest(first, emulator.accessKey));
  }
  values.set(
    '<MD5(token+accessKey)>',
    digest(await challenge(), emulator.accessKey),
  );
  values.set('<ACCESS_KEY>', emulator.accessKey);
  return { values, headers };
}

function substitute(
  params: Record<string, string> | undefined,
  values: Map<string, string>,
  ids: Map<string, string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, raw] of Object.entries(params ?? {})) {
    let value = values.get(raw) ?? raw;
    value = value.replace(/<(\d+) ASCII digits>/g, (_match, size: string) =>
      '0123456789'.repeat(Math.ceil(Number(size) / 10)).slice(0, Number(size)),
    );
    value = value.replace(/\b\d+x\d+\b/g, (id) => ids.get(id) ?? id);
    result[key] = value;
  }
  return result;
}

async function replay(
  emulator: RunningEmulator,
  fixtures: Fixtures,
  file: string,
  recording: Recording,
): Promise<Answer> {
  const request = recording.request as NonNullable<Recording['request']>;
  const { values, headers } = await placeholders(emulator, file);
  const ids = new Map(fixtures.ids);
  if (file === 'delete_ok.json') {
    const session = values.get('<SESSION_NAME>') as string;
    ids.set(
      '10x2911',
      await createRecord(emulator, session, 'Leads', { lastname: 'To delete' }),
    );
  }
  const query = substitute(request.query, values, ids);
  const form = substitute(request.form, values, ids);
  if (file === 'query_post_with_params_in_url.json') {
    return wsPost(emulator, {}, headers, form);
  }
  if (request.method === 'GET') return wsGet(emulator, query, headers);
  return wsPost(emulator, form, headers, query);
}

const working = {
  emulator: undefined as unknown as RunningEmulator,
  fixtures: { ids: new Map() } as Fixtures,
};
const brokenSync = {
  emulator: undefined as unknown as RunningEmulator,
  fixtures: { ids: new Map() } as Fixtures,
};

beforeAll(async () => {
  working.emulator = await startEmulator();
  working.fixtures = await createFixtures(working.emulator);
  brokenSync.emulator = await startEmulator({ syncBroken: true });
  brokenSync.fixtures = await createFixtures(brokenSync.emulator);
});

afterAll(async () => {
  await working.emulator.close();
  await brokenSync.emulator.close();
});

describe('recordings of Vtiger 8.4.0', () => {
  for (const file of FILES) {
    const recording = load(file);
    const reason = skipReason(file, recording);
    if (reason !== null) {
      it.skip(`${file} (${reason})`, () => {});
      continue;
    }
    it(file, async () => {
      const target = needsBrokenSync(file, recording) ? brokenSync : working;
      const answer = await replay(
        target.emulator,
        target.fixtures,
        file,
        recording,
      );
      expect(answer.status).toBe(recording.status);
      if (typeof recording.body === 'string') {
        expect(answer.text).toBe(recording.body);
        return;
      }
      const expected = recording.body as {
        success: boolean;
        error?: { code: unknown; message: string };
        result?: unknown;
      };
      expect(answer.json?.success).toBe(expected.success);
      if (expected.success === false) {
        expect(answer.json.error.code).toBe(expected.error?.code);
        expect(answer.json.error.message).toBe(expected.error?.message);
        return;
      }
      const actualShape = shapeOf(answer.json.result);
      const expectedShape = shapeOf(expected.result);
      if (!sameShape(actualShape, expectedShape)) {
        expect(actualShape).toEqual(expectedShape);
      }
    });
  }
});
