import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { VtigerAuthError } from './errors/auth-error.js';
import { VtigerResponseError } from './errors/response-error.js';
import type { EventHub } from './events.js';
import { specFor } from './operations.js';
import type { NormalizedOptions } from './options.js';
import type { SessionSlot } from './pool.js';
import type { Redactor } from './redact.js';
import { challengeSchema, loginSchema } from './schemas.js';
import type { Transport } from './transport.js';

/** Login attempts, each with a fresh challenge after the first. */
const loginAttempts = 3;
/** Margin before a challenge token's expiry at which it is no longer used. */
const tokenMarginMs = 30_000;

interface CachedToken {
  token: string;
  usableUntil: number;
  /** Set once a login with this token succeeded. */
  proven: boolean;
  /**
   * Outcome of the first login rejected with this token. It settles when
   * that login ends, with its auth error or empty when the others may retry.
   */
  rejected?: Promise<LoginOutcome>;
}

interface LoginOutcome {
  error?: VtigerAuthError;
}

/** Waits for `promise`, or rejects when `signal` aborts first. */
async function untilSettled<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return promise;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort as () => void);
  }
}

/** Codes that a new challenge may fix: the token was superseded or expired. */
const challengeCodes = new Set([
  'INVALID_USER_CREDENTIALS',
  'INVALID_AUTH_TOKEN',
]);

/**
 * Logs webservice.php session slots in. All logins share one challenge
 * token, because a new getchallenge for a user invalidates the previous
 * token (Vtiger 8.4.0) while one token allows several logins. Logins run
 * one at a time until one succeeds with the current token, so a wrong
 * access key is sent once. After that, further slots log in in parallel.
 * When the key stops working later, the first of those parallel logins to
 * be rejected retries alone and the others share its result.
 */
export class SessionManager {
  readonly #options: NormalizedOptions;
  readonly #transport: Transport;
  readonly #redactor: Redactor;
  readonly #events: EventHub;
  #token: CachedToken | undefined;
  /** Counts finished logins, to tell which callers queued before a failure. */
  #epoch = 0;
  #failure: { epoch: number; error: VtigerAuthError } | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The getchallenge in flight, shared by every login that needs a token. */
  #challenging:
    | { request: Promise<CachedToken>; signal: AbortSignal | undefined }
    | undefined;
  #sessionCount = 0;

  constructor(
    options: NormalizedOptions,
    transport: Transport,
    redactor: Redactor,
    events: EventHub,
  ) {
    this.#options = options;
    this.#transport = transport;
    this.#redactor = redactor;
    this.#events = events;
  }

  /** Login count so far; pass it to `ensure` as the time a call started. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * Returns the slot's session id, logging in first when it has none. A
   * call that started (at `startedAt`, an {@link epoch} value) before a
   * login was rejected gets that rejection instead of sending the same
   * credentials again.
   */
  async ensure(
    slot: SessionSlot,
    signal: AbortSignal | undefined,
    startedAt: number = this.#epoch,
  ): Promise<string> {
    if (slot.sessionName !== undefined) return slot.sessionName;
    const queuedAt = startedAt;
    const turn = this.#queue.then(() => {
      // Callers queued behind a rejected login share its error instead of
      // sending the same credentials again.
      const failure = this.#failure;
      if (failure !== undefined && failure.epoch > queuedAt) {
        throw failure.error;
      }
      const login = this.#login(signal);
      // With a token that already logged a session in, the next caller in
      // line need not wait for this login to finish.
      return this.#usableToken()?.proven === true
        ? { login }
        : login.then((name) => ({ login: Promise.resolve(name) }));
    });
    this.#queue = turn.catch(() => undefined);
    const sessionName = await (await turn).login;
    slot.sessionName = sessionName;
    return sessionName;
  }

  #usableToken(): CachedToken | undefined {
    const cached = this.#token;
    return cached !== undefined && Date.now() < cached.usableUntil
      ? cached
      : undefined;
  }

  async #login(signal: AbortSignal | undefined): Promise<string> {
    // Logins with a proven token run in parallel. When the key stopped
    // working, only the first one rejected retries, and the others wait for
    // its outcome instead of sending the same key again.
    let settleFollowers: ((outcome: LoginOutcome) => void) | undefined;
    let outcome: Promise<LoginOutcome> | undefined;
    try {
      const sessionName = await this.#loginAttempts(signal, (cached) => {
        if (cached.rejected !== undefined) return cached.rejected;
        outcome ??= new Promise<LoginOutcome>((resolve) => {
          settleFollowers = resolve;
        });
        cached.rejected = outcome;
        return undefined;
      });
      settleFollowers?.({});
      return sessionName;
    } catch (error) {
      settleFollowers?.(error instanceof VtigerAuthError ? { error } : {});
      throw error;
    }
  }

  /**
   * Runs the login attempts. `onRejected` is called when a token was
   * rejected: it returns the outcome to wait for when another login was
   * rejected with the same token first.
   */
  async #loginAttempts(
    signal: AbortSignal | undefined,
    onRejected: (cached: CachedToken) => Promise<LoginOutcome> | undefined,
  ): Promise<string> {
    const { username, accessKey } = this.#options;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      const cached = await this.#challenge(signal);
      const token = cached.token;
      const digest = createHash('md5')
        .update(token + accessKey)
        .digest('hex');
      this.#redactor.add(digest);
      const { status, envelope } = await this.#transport.send({
        api: 'webservice',
        operation: 'login',
        spec: { ...specFor('login'), idempotent: true },
        params: { username, accessKey: digest },
        signal,
        timeout: this.#options.timeout,
      });
      if (envelope.success) {
        const result = loginSchema.safeParse(envelope.result);
        if (!result.success) {
          throw new VtigerResponseError({
            operation: 'login',
            target: 'POST webservice.php',
            status,
            problem: 'invalid-shape',
            excerpt: '',
            detail: 'the login result has no sessionName',
            // A repeated login only opens another session.
            idempotent: true,
          });
        }
        this.#redactor.add(result.data.sessionName);
        cached.proven = true;
        this.#epoch += 1;
        this.#failure = undefined;
        this.#sessionCount += 1;
        this.#events.emit({
          type: 'login',
          username,
          userId: result.data.userId,
          sessions: this.#sessionCount,
          user: withoutSession(result.data),
        });
        return result.data.sessionName;
      }
      const { code, message } = envelope.error;
      if (challengeCodes.has(String(code)) && attempt < loginAttempts) {
        const first = onRejected(cached);
        if (first !== undefined) {
          const { error } = await untilSettled(first, signal);
          if (error !== undefined) throw error;
          continue;
        }
        // Another client may have requested a challenge for the same user
        // after ours; a fresh token fixes that. A wrong key fails again.
        // Only the first login rejected with a token requests a new one.
        if (this.#token === cached) this.#token = undefined;
        await sleep(
          Math.random() * 200 * attempt,
          undefined,
          signal === undefined ? {} : { signal },
        );
        continue;
      }
      const error = new VtigerAuthError({
        operation: 'login',
        code,
        apiMessage: message,
        status,
        hint: `Login as ${JSON.stringify(username)} failed after ${attempt} attempt(s) with fresh challenges. Check the user name and the access key (My Preferences > Access Key in Vtiger; it is not the password).`,
      });
      this.#epoch += 1;
      this.#failure = { epoch: this.#epoch, error };
      if (this.#token === cached) this.#token = undefined;
      throw error;
    }
  }

  /** Session count logged in so far, for events. */
  forget(count: number): void {
    this.#sessionCount = Math.max(0, this.#sessionCount - count);
  }

  /** Returns the cached token, or requests one shared by all callers. */
  async #challenge(signal: AbortSignal | undefined): Promise<CachedToken> {
    for (;;) {
      const cached = this.#usableToken();
      if (cached !== undefined) return cached;
      let shared = this.#challenging;
      if (shared === undefined) {
        const request = this.#requestChallenge(signal);
        shared = { request, signal };
        this.#challenging = shared;
        const clear = (): void => {
          if (this.#challenging === shared) this.#challenging = undefined;
        };
        request.then(clear, clear);
      }
      try {
        return await shared.request;
      } catch (error) {
        signal?.throwIfAborted();
        // The caller that sent the request gave up, so send it again.
        if (shared.signal?.aborted === true && shared.signal !== signal) {
          continue;
        }
        throw error;
      }
    }
  }

  async #requestChallenge(
    signal: AbortSignal | undefined,
  ): Promise<CachedToken> {
    const { status, envelope } = await this.#transport.send({
      api: 'webservice',
      operation: 'getchallenge',
      spec: specFor('getchallenge'),
      params: { username: this.#options.username },
      signal,
      timeout: this.#options.timeout,
    });
    if (!envelope.success) {
      throw new VtigerAuthError({
        operation: 'getchallenge',
        code: envelope.error.code,
        apiMessage: envelope.error.message,
        status,
        hint: `Check the user name ${JSON.stringify(this.#options.username)}.`,
      });
    }
    const result = challengeSchema.safeParse(envelope.result);
    if (!result.success) {
      throw new VtigerResponseError({
        operation: 'getchallenge',
        target: 'GET webservice.php',
        status,
        problem: 'invalid-shape',
        excerpt: '',
        detail: 'the challenge result has no token',
      });
    }
    this.#redactor.add(result.data.token);
    const lifetimeMs = (result.data.expireTime - result.data.serverTime) * 1000;
    const token: CachedToken = {
      token: result.data.token,
      usableUntil: Date.now() + lifetimeMs - tokenMarginMs,
      proven: false,
    };
    this.#token = token;
    return token;
  }
}

/** Copies a login result without its session id, which must never leak. */
function withoutSession(
  result: Record<string, unknown>,
): Readonly<Record<string, unknown>> {
  const { sessionName: _sessionName, ...user } = result;
  return Object.freeze(user);
}
