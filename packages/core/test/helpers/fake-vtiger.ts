import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  operation: string;
  params: URLSearchParams;
  /** Raw query string, to check where parameters were sent. */
  search: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/** What a handler returns: a JSON body, or control over the raw response. */
export type Reply =
  | {
      json: unknown;
      status?: number;
      headers?: Record<string, string>;
      statusText?: string;
    }
  | {
      raw: string;
      status?: number;
      headers?: Record<string, string>;
      statusText?: string;
      declaredLength?: number;
      /** Keep the connection open after a short body instead of closing it. */
      stall?: boolean;
    }
  | { destroy: true }
  | { hang: true };

export type Handler = (
  request: SeenRequest,
  fake: FakeVtiger,
) => Reply | undefined | Promise<Reply | undefined>;

export const ok = (result: unknown): Reply => ({
  json: { success: true, result },
});
export const fail = (code: string | number, message: string): Reply => ({
  json: { success: false, error: { code, message } },
});

/**
 * Small webservice.php and Cloud REST server on 127.0.0.1 for faults the
 * emulator cannot produce on demand. Handlers per operation override the
 * built-in getchallenge, login, logout and me.
 */
export class FakeVtiger {
  readonly username = 'admin';
  readonly accessKey = 'Zq7pLm2Xv9Rt4Kb8Nw3Hs1';
  url = '';
  readonly requests: SeenRequest[] = [];
  readonly handlers = new Map<string, Handler>();
  readonly sessions = new Set<string>();
  token = '';
  challenges = 0;
  logins = 0;
  /** Requests in flight per session, and the most seen at once. */
  readonly inFlight = new Map<string, number>();
  maxInFlightPerSession = 0;
  readonly #sockets = new Set<Socket>();
  readonly #server = createServer((request, response) => {
    void this.#handle(request, response);
  });

  static async start(prefix = ''): Promise<FakeVtiger> {
    const fake = new FakeVtiger();
    fake.#server.on('connection', (socket) => {
      fake.#sockets.add(socket);
      socket.on('close', () => fake.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) =>
      fake.#server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = fake.#server.address() as AddressInfo;
    fake.url = `http://127.0.0.1:${port}${prefix}`;
    return fake;
  }

  on(operation: string, handler: Handler): this {
    this.handlers.set(operation, handler);
    return this;
  }

  /** Requests for one operation. */
  seen(operation: string): SeenRequest[] {
    return this.requests.filter((request) => request.operation === operation);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const params = new URLSearchParams(url.search);
    for (const [key, value] of new URLSearchParams(
      Buffer.concat(chunks).toString('utf8'),
    )) {
      params.set(key, value);
    }
    const restMatch = /\/restapi\/v1\/vtiger\/default\/([^/]+)$/u.exec(
      url.pathname,
    );
    const operation = restMatch?.[1] ?? params.get('operation') ?? '';
    const seen: SeenRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      operation,
      params,
      search: url.search,
      headers: request.headers,
      at: Date.now(),
    };
    this.requests.push(seen);
    const session = params.get('sessionName') ?? '';
    const count = (this.inFlight.get(session) ?? 0) + 1;
    this.inFlight.set(session, count);
    if (session !== '')
      this.maxInFlightPerSession = Math.max(this.maxInFlightPerSession, count);
    try {
      const handler = this.handlers.get(operation);
      const reply =
        (await handler?.(seen, this)) ??
        this.#builtIn(seen, restMatch !== null);
      this.#send(response, reply);
    } finally {
      this.inFlight.set(session, (this.inFlight.get(session) ?? 1) - 1);
    }
  }

  #builtIn(request: SeenRequest, rest: boolean): Reply {
    const { operation, params } = request;
    if (rest) {
      const expected = `Basic ${Buffer.from(`${this.username}:${this.accessKey}`).toString('base64')}`;
      if (request.headers.authorization !== expected) {
        return { raw: '', status: 401, statusText: 'Unauthorized' };
      }
      if (operation === 'me')
        return ok({ id: '19x1', user_name: this.username });
      return { raw: 'not found', status: 404, statusText: 'Not Found' };
    }
    if (operation === 'getchallenge') {
      this.challenges += 1;
      this.token = `t${String(this.challenges).padStart(12, '0')}`;
      return ok({ token: this.token, serverTime: 1000, expireTime: 1300 });
    }
    if (operation === 'login') {
      const digest = createHash('md5')
        .update(this.token + this.accessKey)
        .digest('hex');
      if (
        params.get('accessKey') !== digest ||
        params.get('username') !== this.username
      ) {
        return fail('INVALID_USER_CREDENTIALS', 'Invalid username or password');
      }
      this.logins += 1;
      const sessionName = `sess${String(this.logins).padStart(16, '0')}`;
      this.sessions.add(sessionName);
      return ok({
        sessionName,
        userId: '19x1',
        version: '0.22',
        vtigerVersion: '8.4.0',
      });
    }
    const session = params.get('sessionName');
    if (session === null)
      return fail('AUTHENTICATION_REQUIRED', 'Authencation required');
    if (!this.sessions.has(session)) {
      return fail(
        'INVALID_SESSIONID',
        'Session Identifier provided is Invalid',
      );
    }
    if (operation === 'logout') {
      this.sessions.delete(session);
      return ok({ message: 'successfull' });
    }
    return { raw: '', status: 500, statusText: 'Internal Server Error' };
  }

  #send(response: ServerResponse, reply: Reply): void {
    if ('destroy' in reply) {
      response.socket?.destroy();
      return;
    }
    if ('hang' in reply) return;
    const body = 'json' in reply ? JSON.stringify(reply.json) : reply.raw;
    const headers: Record<string, string> = {
      'content-type':
        'json' in reply ? 'application/json' : 'text/html; charset=UTF-8',
      ...reply.headers,
    };
    const declared = 'raw' in reply ? reply.declaredLength : undefined;
    headers['content-length'] = String(declared ?? Buffer.byteLength(body));
    response.writeHead(reply.status ?? 200, reply.statusText ?? '', headers);
    if (declared !== undefined && declared > Buffer.byteLength(body)) {
      response.write(body);
      // Close the socket before the declared length arrives.
      if (!('stall' in reply && reply.stall === true)) {
        setImmediate(() => response.socket?.destroy());
      }
      return;
    }
    response.end(body);
  }
}
