/**
 * Fault injection rates and schedules; decisions are reproducible from the seed.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@vtiger/emulator';
 *
 * const emulator = await startEmulator({
 *   seed: 42,
 *   faults: { serverError: 0.05, reset: 0.01, sessionExpiryEvery: 200 },
 * });
 * ```
 */
export interface FaultOptions {
  /** Share (0..1) of requests that get HTTP 500 with an empty body, as a PHP crash. */
  serverError?: number;
  /** Share (0..1) of requests that get HTTP 429 with Retry-After. */
  rateLimited?: number;
  /** Share (0..1) of requests whose connection is destroyed without a response. */
  reset?: number;
  /** Share (0..1) of requests whose JSON body is cut in half. */
  truncated?: number;
  /** Every N-th request first expires all sessions (INVALID_SESSIONID). */
  sessionExpiryEvery?: number;
}

/**
 * Options of {@link startEmulator}.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@vtiger/emulator';
 *
 * const emulator = await startEmulator({
 *   leads: 1_000_000,
 *   latency: 10,
 *   countStyle: 'number',
 *   rateLimit: 60,
 * });
 * ```
 */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Seed of the generated data and of fault decisions. @default 1 */
  seed?: number;
  /** Generated Leads. @default 250 */
  leads?: number;
  /** Generated Contacts. @default 100 */
  contacts?: number;
  /** Generated Accounts. @default 50 */
  accounts?: number;
  /** Generated Products. @default 10 */
  products?: number;
  /**
   * Milliseconds each request takes, counted from when the emulator starts
   * on it (inside the session lock). Its own work counts toward this time,
   * as a server's processing counts toward the time a client waits, so
   * `latency: 20` replies after 20 ms, not 20 ms plus the query. @default 0
   */
  latency?: number;
  /** Maximum rows per query. @default 100 */
  pageCap?: number;
  /** `count(*)` answer: `[]` as 8.4.0 returns, or `[{"count":"N"}]`. @default 'empty' */
  countStyle?: 'empty' | 'number';
  /** Requests per minute before HTTP 429; unset means no limit. */
  rateLimit?: number;
  /** Fault injection. */
  faults?: FaultOptions;
  /** Answer every `sync` with HTTP 500, as stock Vtiger 8.4.0 does. @default false */
  syncBroken?: boolean;
  /** @default 'admin' */
  username?: string;
  /** @default 'vtigerEmulatorKey00001' */
  accessKey?: string;
}

/**
 * Options after defaults; what the running emulator uses. Each field is the
 * {@link EmulatorOptions} field of the same name. `port` stays as given
 * (`0` for a free port), so read the port from `url`, and `rateLimit` is
 * `null` when there is no limit.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * emulator.options.pageCap; //=> 100
 * ```
 */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly leads: number;
  readonly contacts: number;
  readonly accounts: number;
  readonly products: number;
  readonly latency: number;
  readonly pageCap: number;
  readonly countStyle: 'empty' | 'number';
  readonly rateLimit: number | null;
  readonly faults: FaultOptions;
  readonly syncBroken: boolean;
  readonly username: string;
  readonly accessKey: string;
}

/**
 * The access key used when none is given: 22 characters, like a real one.
 *
 * @example
 * ```ts
 * import { DEFAULT_ACCESS_KEY, startEmulator } from '@vtiger/emulator';
 *
 * (await startEmulator()).accessKey === DEFAULT_ACCESS_KEY; //=> true
 * ```
 */
export const DEFAULT_ACCESS_KEY = 'vtigerEmulatorKey00001';

function count(
  name: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(
      `Invalid ${name}: expected a whole number >= 0, got ${String(value)}.`,
    );
  }
  return value;
}

function rate(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(value >= 0 && value <= 1)) {
    throw new TypeError(
      `Invalid faults.${name}: expected a rate from 0 to 1, got ${String(value)}.`,
    );
  }
  return value;
}

/** Applies defaults and checks every option, naming the bad value. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const pageCap = count('pageCap', options.pageCap, 100);
  if (pageCap === 0)
    throw new TypeError('Invalid pageCap: expected at least 1, got 0.');
  const countStyle = options.countStyle ?? 'empty';
  if (countStyle !== 'empty' && countStyle !== 'number') {
    throw new TypeError(
      `Invalid countStyle: expected 'empty' or 'number', got ${String(countStyle)}.`,
    );
  }
  const rateLimit =
    options.rateLimit === undefined
      ? null
      : count('rateLimit', options.rateLimit, 0);
  if (rateLimit === 0)
    throw new TypeError(
      'Invalid rateLimit: expected at least 1 request a minute, got 0.',
    );
  const faults = options.faults ?? {};
  const resolvedFaults: FaultOptions = {};
  for (const key of [
    'serverError',
    'rateLimited',
    'reset',
    'truncated',
  ] as const) {
    const value = rate(key, faults[key]);
    if (value !== undefined) resolvedFaults[key] = value;
  }
  if (faults.sessionExpiryEvery !== undefined) {
    resolvedFaults.sessionExpiryEvery = count(
      'faults.sessionExpiryEvery',
      faults.sessionExpiryEvery,
      0,
    );
  }
  const latency = options.latency ?? 0;
  if (!(latency >= 0) || !Number.isFinite(latency)) {
    throw new TypeError(
      `Invalid latency: expected milliseconds >= 0, got ${String(latency)}.`,
    );
  }
  return {
    port: count('port', options.port, 0),
    host: options.host ?? '127.0.0.1',
    seed: Math.trunc(options.seed ?? 1),
    leads: count('leads', options.leads, 250),
    contacts: count('contacts', options.contacts, 100),
    accounts: count('accounts', options.accounts, 50),
    products: count('products', options.products, 10),
    latency,
    pageCap,
    countStyle,
    rateLimit,
    faults: resolvedFaults,
    syncBroken: options.syncBroken ?? false,
    username: options.username ?? 'admin',
    accessKey: options.accessKey ?? DEFAULT_ACCESS_KEY,
  };
}
