import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, PhpFatalError } from '../operations/api-error.js';
import type { OperationCall, OperationContext } from '../operations/context.js';
import {
  OPERATIONS,
  type OperationDefinition,
} from '../operations/registry.js';
import type { EmulatorStats } from './emulator-stats.js';
import type { FaultPlan } from './fault-plan.js';
import {
  reasonPhrase,
  sendHtml,
  encodeJson,
  sendJson,
  sendPhpFatal,
} from './http-responses.js';
import type { RateLimiter } from './rate-limiter.js';
import {
  BodyTooLargeError,
  parseBody,
  readBody,
  readCookie,
} from './request-body.js';
import type { Session } from './session-manager.js';
import type { SessionLock } from './session-lock.js';

/** Longest path + query Apache accepts with its default LimitRequestLine (measured: 8,162 passed, 8,182 failed). */
export const MAX_URL_LENGTH = 8162;

const REST_PREFIX = '/restapi/v1/vtiger/default/';

/** Everything a request needs; `latency` may change while running. */
export interface ServerState {
  readonly context: OperationContext;
  readonly stats: EmulatorStats;
  readonly lock: SessionLock;
  readonly faults: FaultPlan;
  readonly limiter: RateLimiter | null;
  latency: number;
  sequence: number;
  inFlight: number;
  readonly sessionActive: Map<string, number>;
}

interface Reply {
  status: number;
  body?: unknown;
  /** `body` encoded, once `settle()` has run. */
  bytes?: Buffer;
  reason?: string;
  fatal?: boolean;
}

/** Creates the `request` listener of the HTTP server. It never throws. */
export function createRequestHandler(
  state: ServerState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(state, req, res).catch(() => {
      // An unexpected failure is a PHP crash to the client.
      if (!res.headersSent) sendPhpFatal(res);
      else res.destroy();
    });
  };
}

async function handle(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { stats } = state;
  stats.requests++;
  const sequence = ++state.sequence;
  state.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, state.inFlight);
  res.once('close', () => {
    state.inFlight--;
  });
  res.once('finish', () => {
    stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
  });

  const rawUrl = req.url ?? '/';
  if (rawUrl.length > MAX_URL_LENGTH) {
    req.resume();
    sendHtml(res, 414);
    return;
  }
  let bodyText = '';
  try {
    bodyText = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    throw error;
  }

  if (state.faults.expiresSessions(sequence)) {
    state.context.sessions.expireAll();
    stats.faults.sessionExpiry++;
  }
  const decision = state.faults.decide(sequence);
  if (decision === 'reset') {
    stats.faults.reset++;
    req.socket.destroy();
    return;
  }
  if (decision === 'serverError') {
    stats.faults.serverError++;
    sendPhpFatal(res);
    return;
  }
  const headers: Record<string, string> = {};
  if (decision === 'rateLimited') {
    stats.faults.rateLimited++;
    sendRateLimited(res, { ...headers, 'retry-after': '1' });
    return;
  }
  if (state.limiter !== null) {
    const limit = state.limiter.take();
    headers['x-floodcontrol-minutelimit'] = String(limit.limit);
    headers['x-floodcontrol-remaining'] = String(Math.max(0, limit.remaining));
    headers['x-floodcontrol-reset'] = String(limit.resetSeconds);
    headers['x-ratelimit-dailylimit'] = String(limit.limit * 1440);
    headers['x-ratelimit-remaining'] = String(limit.limit * 1440 - 1);
    if (!limit.allowed) {
      sendRateLimited(res, {
        ...headers,
        'retry-after': String(limit.resetSeconds),
      });
      return;
    }
  }

  let url: URL;
  try {
    url = new URL(rawUrl, 'http://emulator.invalid');
  } catch {
    sendHtml(res, 404, headers);
    return;
  }
  const body =
    req.method === 'POST'
      ? parseBody(
          bodyText,
          req.headers['content-type'],
          url.pathname.startsWith(REST_PREFIX),
        )
      : new URLSearchParams();
  const truncate = state.faults.truncates(sequence);
  if (truncate) stats.faults.truncated++;

  if (url.pathname === '/webservice.php') {
    const reply = await serveWebservice(state, req, url.searchParams, body);
    sendReply(res, reply, headers, truncate);
    return;
  }
  if (url.pathname.startsWith(REST_PREFIX)) {
    const reply = await serveRest(state, req, url, body);
    if (reply.status === 401) {
      headers['www-authenticate'] = 'Basic realm="Vtiger"';
    }
    sendReply(res, reply, headers, truncate);
    return;
  }
  sendHtml(res, 404, headers);
}

const RATE_LIMITED_BODY = encodeJson({
  success: false,
  error: {
    code: 'TOO_MANY_REQUESTS',
    message: 'Too many requests, retry later',
  },
});

function sendRateLimited(
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  sendJson(res, 429, RATE_LIMITED_BODY, { headers });
}

function sendReply(
  res: ServerResponse,
  reply: Reply,
  headers: Record<string, string>,
  truncate: boolean,
): void {
  if (reply.fatal === true) {
    sendPhpFatal(res, headers);
    return;
  }
  const options: Parameters<typeof sendJson>[3] = { headers, truncate };
  if (reply.reason !== undefined) options.reason = reply.reason;
  sendJson(res, reply.status, reply.bytes ?? encodeJson(reply.body), options);
}

function errorBody(error: ApiError): unknown {
  return {
    success: false,
    error: { message: error.message, code: error.code },
  };
}

/** Runs an operation, turning its outcome into a reply. */
function runOperation(
  definition: OperationDefinition,
  call: OperationCall,
  context: OperationContext,
): Reply {
  try {
    const result = definition.handler(call, context);
    return { status: 200, body: { success: true, result } };
  } catch (error) {
    if (error instanceof ApiError)
      return { status: 200, body: errorBody(error) };
    if (error instanceof PhpFatalError) return { status: 500, fatal: true };
    throw error;
  }
}

/**
 * Encodes the reply's body and delays the reply until `due`, a
 * `performance.now()` time. The emulator's own work counts toward the latency.
 */
async function settle(reply: Reply, due: number): Promise<Reply> {
  if (reply.body !== undefined && reply.fatal !== true) {
    reply.bytes = encodeJson(reply.body);
  }
  const remaining = due - performance.now();
  if (remaining > 0) await sleep(remaining);
  return reply;
}

function emptyToUndefined(
  value: string | null | undefined,
): string | undefined {
  return value === null || value === undefined || value === ''
    ? undefined
    : value;
}

async function serveWebservice(
  state: ServerState,
  req: IncomingMessage,
  query: URLSearchParams,
  body: URLSearchParams,
): Promise<Reply> {
  // PHP's $_REQUEST: the body wins over the URL.
  const request = (name: string): string | undefined =>
    body.get(name) ?? query.get(name) ?? undefined;
  const operation = request('operation') ?? '';
  const definition = OPERATIONS.get(operation);
  // Vtiger throws "Unknown operation requested" outside its try block: a PHP fatal.
  if (definition === undefined || !definition.flavours.includes('webservice')) {
    return { status: 500, fatal: true };
  }
  const { stats, context } = state;
  stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;

  const source = definition.method === 'GET' ? query : body;
  let sessionName = emptyToUndefined(request('sessionName'));
  if (sessionName?.toLowerCase() === 'null') sessionName = undefined;
  const cookieSession = emptyToUndefined(
    readCookie(req.headers.cookie, 'PHPSESSID'),
  );
  const lockKey =
    operation === 'extendsession'
      ? (sessionName ?? cookieSession)
      : sessionName;

  const serve = async (): Promise<Reply> => {
    const due = performance.now() + state.latency;
    let session: Session | null = null;
    try {
      session = openSession(
        operation,
        definition,
        sessionName,
        cookieSession,
        body,
        context,
      );
    } catch (error) {
      if (error instanceof ApiError)
        return settle({ status: 200, body: errorBody(error) }, due);
      throw error;
    }
    const call: OperationCall = {
      flavour: 'webservice',
      param: (name) => source.get(name) ?? undefined,
      session,
      sessionName,
      cookieSession,
    };
    return settle(runOperation(definition, call, context), due);
  };
  if (lockKey === undefined) return serve();
  return state.lock.run(lockKey, async () => {
    const active = (state.sessionActive.get(lockKey) ?? 0) + 1;
    state.sessionActive.set(lockKey, active);
    stats.maxSessionConcurrency = Math.max(stats.maxSessionConcurrency, active);
    try {
      return await serve();
    } finally {
      if (active === 1) state.sessionActive.delete(lockKey);
      else state.sessionActive.set(lockKey, active - 1);
    }
  });
}

/** Applies webservice.php's session rules; returns null for pre-login operations. */
function openSession(
  operation: string,
  definition: OperationDefinition,
  sessionName: string | undefined,
  cookieSession: string | undefined,
  body: URLSearchParams,
  context: OperationContext,
): Session | null {
  if (definition.preLogin === true) return null;
  if (operation === 'extendsession') {
    // extendsession reads its input from the POST body; sent as GET it has none.
    if (!body.has('operation'))
      throw new ApiError('AUTHENTICATION_REQUIRED', 'Authencation required');
    const name = sessionName ?? cookieSession;
    if (name === undefined)
      throw new ApiError('AUTHENTICATION_FAILURE', 'Authencation Failed');
    return context.sessions.resume(name);
  }
  if (sessionName === undefined)
    throw new ApiError('AUTHENTICATION_REQUIRED', 'Authencation required');
  return context.sessions.resume(sessionName);
}

function basicCredentials(header: string | undefined): [string, string] | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (match === null) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1
    ? null
    : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

async function serveRest(
  state: ServerState,
  req: IncomingMessage,
  url: URL,
  body: URLSearchParams,
): Promise<Reply> {
  const { context, stats } = state;
  let operation: string;
  try {
    operation = decodeURIComponent(url.pathname.slice(REST_PREFIX.length));
  } catch {
    operation = url.pathname.slice(REST_PREFIX.length);
  }
  const credentials = basicCredentials(req.headers.authorization);
  if (
    credentials === null ||
    credentials[0] !== context.username ||
    credentials[1] !== context.accessKey
  ) {
    const message =
      'Authentication required: send HTTP Basic auth with username and access key';
    return {
      status: 401,
      reason: 'Unauthorized',
      body: {
        success: false,
        error: { code: 'AUTHENTICATION_REQUIRED', message },
      },
    };
  }
  const due = performance.now() + state.latency;
  const definition = OPERATIONS.get(operation);
  if (definition === undefined || !definition.flavours.includes('rest')) {
    const error = new ApiError(
      'UNKNOWN_OPERATION',
      `Unknown operation requested: ${operation}`,
    );
    return settle(
      { status: 400, reason: error.message, body: errorBody(error) },
      due,
    );
  }
  stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  const call: OperationCall = {
    flavour: 'rest',
    param: (name) => body.get(name) ?? url.searchParams.get(name) ?? undefined,
    session: null,
    sessionName: undefined,
    cookieSession: undefined,
  };
  const reply = runOperation(definition, call, context);
  if (
    reply.status === 200 &&
    (reply.body as { success: boolean }).success === false
  ) {
    const error = (reply.body as { error: { message: string } }).error;
    return settle(
      { status: 400, reason: reasonPhrase(error.message), body: reply.body },
      due,
    );
  }
  return settle(reply, due);
}
