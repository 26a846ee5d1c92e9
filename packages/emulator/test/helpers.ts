import { createHash } from 'node:crypto';
import type { RunningEmulator } from '../src/index.js';

/** A decoded HTTP answer. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  json: any;
}

async function decode(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    text,
    json,
  };
}

/** GET /webservice.php with query parameters. */
export async function wsGet(
  emulator: RunningEmulator,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const query = new URLSearchParams(params).toString();
  return decode(
    await fetch(`${emulator.url}/webservice.php?${query}`, { headers }),
  );
}

/** POST /webservice.php with a form body. */
export async function wsPost(
  emulator: RunningEmulator,
  form: Record<string, string>,
  headers: Record<string, string> = {},
  urlParams: Record<string, string> = {},
): Promise<Answer> {
  const query = new URLSearchParams(urlParams).toString();
  return decode(
    await fetch(`${emulator.url}/webservice.php${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

/** md5(token + access key), the login digest. */
export function digest(token: string, accessKey: string): string {
  return createHash('md5')
    .update(token + accessKey)
    .digest('hex');
}

/** Logs in and returns the session name. */
export async function login(emulator: RunningEmulator): Promise<string> {
  const challenge = await wsGet(emulator, {
    operation: 'getchallenge',
    username: emulator.username,
  });
  const answer = await wsPost(emulator, {
    operation: 'login',
    username: emulator.username,
    accessKey: digest(challenge.json.result.token, emulator.accessKey),
  });
  if (answer.json?.success !== true)
    throw new Error(`login failed: ${answer.text}`);
  return answer.json.result.sessionName as string;
}

/** Calls a REST operation with Basic auth. */
export async function rest(
  emulator: RunningEmulator,
  operation: string,
  params: Record<string, string>,
  method: 'GET' | 'POST' = 'GET',
  credentials = `${emulator.username}:${emulator.accessKey}`,
): Promise<Answer> {
  const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  const base = `${emulator.url}/restapi/v1/vtiger/default/${operation}`;
  if (method === 'GET') {
    const query = new URLSearchParams(params).toString();
    return decode(
      await fetch(`${base}?${query}`, { headers: { authorization } }),
    );
  }
  return decode(
    await fetch(base, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(params).toString(),
    }),
  );
}
