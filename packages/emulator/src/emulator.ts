import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationContext } from './operations/context.js';
import {
  type EmulatorOptions,
  type FaultOptions,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { executeQuery, type Row } from './query/execute-query.js';
import { parseVtql } from './vtql/parse-vtql.js';
import {
  createStats,
  type EmulatorStats,
  resetStats,
} from './server/emulator-stats.js';
import { FaultPlan } from './server/fault-plan.js';
import { RateLimiter } from './server/rate-limiter.js';
import {
  createRequestHandler,
  type ServerState,
} from './server/request-handler.js';
import { SessionLock } from './server/session-lock.js';
import { SessionManager } from './server/session-manager.js';
import { RecordStore } from './store/record-store.js';

/**
 * A running emulator and its test controls.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@vtiger/emulator';
 *
 * const emulator = await startEmulator();
 * emulator.setLatency(20); // slow every request down by 20 ms
 * emulator.setFaults({ serverError: 0.1 }); // one request in ten gets HTTP 500
 * emulator.expireSessions(); // the next call of every session fails
 * emulator.advanceTime(1801); // sessions now fail with SESSION_LEFT_IDLE
 * emulator.query('SELECT id FROM Leads ORDER BY id DESC LIMIT 1;');
 * //=> [ { id: '10x401' } ]
 * console.log(emulator.stats.logins, emulator.stats.byOperation);
 * emulator.resetStats();
 * await emulator.close();
 * ```
 */
export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43211`. */
  readonly url: string;
  /** User name that logs in, `admin` unless the options set another. */
  readonly username: string;
  /** Access key that logs in, `DEFAULT_ACCESS_KEY` unless the options set another. */
  readonly accessKey: string;
  /** The options in effect, defaults applied. */
  readonly options: ResolvedOptions;
  /** Live counters; the same object for the emulator's lifetime. */
  readonly stats: EmulatorStats;
  /** Number of open webservice.php sessions. */
  readonly openSessions: number;
  /** Makes every session fail with INVALID_SESSIONID on its next request. */
  expireSessions(): void;
  /**
   * Moves the clock of challenge tokens and sessions forward, so tests can
   * reach token expiry (300 s), SESSION_LEFT_IDLE (1,800 s idle) and
   * SESSION_EXPIRED (86,400 s) without waiting.
   */
  advanceTime(seconds: number): void;
  /** Replaces the fault settings from the next request on. */
  setFaults(faults: FaultOptions): void;
  /** Changes the delay added to each request, in milliseconds. */
  setLatency(milliseconds: number): void;
  /** Zeroes the counters in `stats`. */
  resetStats(): void;
  /**
   * Runs VTQL directly against the data, without HTTP, session or page cap
   * changes; for checking what a client should have received.
   */
  query(vtql: string): Row[];
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts a local Vtiger 8.4.0 look-alike serving `/webservice.php` and the
 * Cloud REST API under `/restapi/v1/vtiger/default/`.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@vtiger/emulator';
 *
 * const emulator = await startEmulator({ leads: 1000, seed: 7 });
 * const response = await fetch(
 *   `${emulator.url}/webservice.php?operation=getchallenge&username=${emulator.username}`,
 * );
 * console.log(await response.json()); //=> { success: true, result: { token, ... } }
 * console.log(emulator.stats.challenges); //=> 1
 * await emulator.close();
 * ```
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const stats = createStats();
  const store = new RecordStore(
    resolved.seed,
    {
      leads: resolved.leads,
      contacts: resolved.contacts,
      accounts: resolved.accounts,
      products: resolved.products,
    },
    resolved.username,
  );
  const sessions = new SessionManager();
  const context: OperationContext = {
    store,
    seed: resolved.seed,
    sessions,
    pageCap: resolved.pageCap,
    countStyle: resolved.countStyle,
    username: resolved.username,
    accessKey: resolved.accessKey,
    syncBroken: resolved.syncBroken,
    tags: new Map(),
    relations: new Set(),
    convertedLeads: new Set(),
    onLogin: () => {
      stats.logins++;
    },
    onChallenge: () => {
      stats.challenges++;
    },
  };
  const state: ServerState = {
    context,
    stats,
    lock: new SessionLock(),
    faults: new FaultPlan(resolved.seed, resolved.faults),
    limiter:
      resolved.rateLimit === null ? null : new RateLimiter(resolved.rateLimit),
    latency: resolved.latency,
    sequence: 0,
    inFlight: 0,
    sessionActive: new Map(),
  };

  const server = createServer(
    { maxHeaderSize: 256 * 1024 },
    createRequestHandler(state),
  );
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;

  return {
    url: `http://${host}:${address.port}`,
    username: resolved.username,
    accessKey: resolved.accessKey,
    options: resolved,
    stats,
    get openSessions() {
      return sessions.size;
    },
    expireSessions: () => sessions.expireAll(),
    advanceTime: (seconds) => {
      if (!(seconds >= 0)) {
        throw new TypeError(
          `Invalid seconds: expected a number >= 0, got ${String(seconds)}.`,
        );
      }
      sessions.advance(seconds);
    },
    setFaults: (faults) => state.faults.set(resolveOptions({ faults }).faults),
    setLatency: (milliseconds) => {
      state.latency = resolveOptions({ latency: milliseconds }).latency;
    },
    resetStats: () => resetStats(stats),
    query: (vtql) => executeQuery(parseVtql(vtql), context),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
