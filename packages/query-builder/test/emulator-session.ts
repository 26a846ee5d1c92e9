import { createHash } from 'node:crypto';
import { startEmulator } from '@vtiger/emulator';

/** A row as the query operation returns it. */
export type Row = Record<string, string | null>;

/** A started emulator with one logged-in webservice.php session. */
export interface EmulatorSession {
  createLead(element: Record<string, string>): Promise<Row>;
  query(vtql: string): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * Starts an emulator on 127.0.0.1 and logs in with plain fetch calls
 * (getchallenge, then login with md5(token + access key)).
 */
export async function openEmulatorSession(
  counts: { leads: number; contacts: number; accounts: number } = {
    leads: 20,
    contacts: 2,
    accounts: 2,
  },
): Promise<EmulatorSession> {
  const emulator = await startEmulator(counts);

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
        `${params.operation} failed: ${json.error?.code} ` +
          `${json.error?.message} (query: ${params.query})`,
      );
    }
    return json.result;
  }

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

  return {
    async createLead(element) {
      return (await call('POST', {
        operation: 'create',
        sessionName: login.sessionName,
        elementType: 'Leads',
        element: JSON.stringify({ assigned_user_id: login.userId, ...element }),
      })) as Row;
    },
    async query(vtql) {
      return (await call('GET', {
        operation: 'query',
        sessionName: login.sessionName,
        query: vtql,
      })) as Row[];
    },
    close: () => emulator.close(),
  };
}
