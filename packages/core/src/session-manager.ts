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
}

/** Codes that a new challenge may fix: the token was superseded or expired. */
const challengeCodes = new Set([
  'INVALID_USER_CREDENTIALS',
  'INVALID_AUTH_TOKEN',
]);

/**
 * Logs webservice.php session slots in. Logins run one at a time and share
 * one challenge token, because a new getchallenge for a user invalidates the
 * previous token (Vtiger 8.4.0) while one token allows several logins.
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
    const run = this.#queue.then(() => {
      // Callers queued behind a rejected login share its error instead of
      // sending the same credentials again.
      const failure = this.#failure;
      if (failure !== undefined && failure.epoch > queuedAt) {
        throw failure.error;
      }
      return this.#login(signal);
    });
    this.#queue = run.catch(() => undefined);
    const sessionName = await run;
    slot.sessionName = sessionName;
    return sessionName;
  }

  async #login(signal: AbortSignal | undefined): Promise<string> {
    const { username, accessKey } = this.#options;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      const token = await this.#challenge(signal);
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
        // Another client may have requested a challenge for the same user
        // after ours; a fresh token fixes that. A wrong key fails again.
        this.#token = undefined;
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
      throw error;
    }
  }

  /** Session count logged in so far, for events. */
  forget(count: number): void {
    this.#sessionCount = Math.max(0, this.#sessionCount - count);
  }

  async #challenge(signal: AbortSignal | undefined): Promise<string> {
    const cached = this.#token;
    if (cached !== undefined && Date.now() < cached.usableUntil)
      return cached.token;
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
    this.#token = {
      token: result.data.token,
      usableUntil: Date.now() + lifetimeMs - tokenMarginMs,
    };
    return result.data.token;
  }
}

/** Copies a login result without its session id, which must never leak. */
function withoutSession(
  result: Record<string, unknown>,
): Readonly<Record<string, unknown>> {
  const { sessionName: _sessionName, ...user } = result;
  return Object.freeze(user);
}
