import { setTimeout as sleep } from 'node:timers/promises';
import { sessionFailureHint } from './error-mapping.js';
import { VtigerNetworkError } from './errors/network-error.js';
import { VtigerResponseError } from './errors/response-error.js';
import { VtigerUnsupportedOperationError } from './errors/unsupported-operation-error.js';
import { VtigerAuthError } from './errors/auth-error.js';
import type { EventHub } from './events.js';
import type { VtigerParamValue } from './operation-types.js';
import { sessionErrorCodes, specFor, type VtigerApi } from './operations.js';
import { resolveTimeout, type NormalizedOptions } from './options.js';
import type { SessionPool, SessionSlot } from './pool.js';
import { backoffDelay } from './retry-policy.js';
import type { SessionManager } from './session-manager.js';
import type { RetryBudget, Transport, TransportResponse } from './transport.js';
import type { CallOptions } from './types.js';
import { checkName, toParameter } from './call-params.js';

/**
 * Fresh logins allowed per call after session errors. A server can expire
 * every session again while a pool logs back in.
 */
const MAX_RENEWALS = 3;

/** Options of one executed call: the caller's options and the HTTP method. */
export interface ExecuteOptions extends CallOptions {
  /** HTTP method for an operation this package does not know. */
  method?: 'GET' | 'POST' | undefined;
}

/**
 * Request execution of a `Vtiger` client: session pool, re-login and
 * replay on the same slot, and retries with backoff.
 */
export class CallExecutor {
  readonly #options: NormalizedOptions;
  readonly #events: EventHub;
  readonly #transport: Transport;
  readonly #sessions: SessionManager;
  readonly #pool: SessionPool;
  readonly #retryableCodes: ReadonlySet<string>;
  readonly #detectApi: (options: CallOptions) => Promise<VtigerApi>;

  constructor(parts: {
    options: NormalizedOptions;
    events: EventHub;
    transport: Transport;
    sessions: SessionManager;
    pool: SessionPool;
    retryableCodes: ReadonlySet<string>;
    detectApi: (options: CallOptions) => Promise<VtigerApi>;
  }) {
    this.#options = parts.options;
    this.#events = parts.events;
    this.#transport = parts.transport;
    this.#sessions = parts.sessions;
    this.#pool = parts.pool;
    this.#retryableCodes = parts.retryableCodes;
    this.#detectApi = parts.detectApi;
  }

  /**
   * Sends an operation with a pooled session, renewing the session once on
   * a session error and retrying transient failures.
   */
  async execute(
    operation: string,
    params: Record<string, VtigerParamValue>,
    options: ExecuteOptions,
  ): Promise<TransportResponse> {
    checkName(operation, 'operation');
    const { signal } = options;
    signal?.throwIfAborted();
    const timeout = resolveTimeout(this.#options, options);
    const wire: Record<string, string> = {};
    for (const [key, value] of Object.entries(params ?? {})) {
      const text = toParameter(key, value);
      if (text !== undefined) wire[key] = text;
    }
    const api = await this.#detectApi(options);
    const spec = specFor(operation, options.method);
    if (!spec.apis.includes(api))
      throw new VtigerUnsupportedOperationError(operation, api);
    const retry = this.#options.retry;
    const safeToRepeat = spec.idempotent || retry.retryWrites;
    const budget: RetryBudget = { remaining: retry.limit };
    const startedAt = this.#sessions.epoch;
    let renewals = 0;
    let retries = 0;
    /** Takes one retry from the budget, reports it and waits before it. */
    const backOff = async (reason: string): Promise<void> => {
      budget.remaining -= 1;
      retries += 1;
      this.#events.emit({ type: 'retry', operation, attempt: retries, reason });
      await sleep(
        backoffDelay(retries, retry),
        undefined,
        signal === undefined ? {} : { signal },
      );
    };
    // After a session error the call keeps its slot and logs it in again,
    // so the replay runs on the new session, not on another stale slot.
    let pinned: SessionSlot | undefined;

    for (;;) {
      const slot = pinned ?? (await this.#pool.acquire(signal));
      pinned = undefined;
      let response: TransportResponse;
      try {
        response = await this.#sendOnSlot(
          api,
          slot,
          operation,
          spec,
          wire,
          signal,
          timeout,
          budget,
          startedAt,
        );
        if (!response.envelope.success) {
          const code = String(response.envelope.error.code);
          if (
            api === 'webservice' &&
            sessionErrorCodes.has(code) &&
            renewals < MAX_RENEWALS
          ) {
            // The server rejected the request before running it, so a replay
            // with a new session is safe even for writes.
            renewals += 1;
            slot.sessionName = undefined;
            pinned = slot;
            this.#events.emit({ type: 'relogin', operation, code });
            continue;
          }
        }
      } catch (error) {
        if (
          budget.remaining > 0 &&
          safeToRepeat &&
          isTransientBodyFailure(error)
        ) {
          await backOff(describeBodyFailure(error));
          continue;
        }
        throw error;
      } finally {
        if (pinned !== slot) this.#pool.release(slot);
      }
      const { envelope } = response;
      if (
        !envelope.success &&
        this.#retryableCodes.has(String(envelope.error.code)) &&
        safeToRepeat &&
        budget.remaining > 0
      ) {
        await backOff(String(envelope.error.code));
        continue;
      }
      if (
        !envelope.success &&
        sessionErrorCodes.has(String(envelope.error.code))
      ) {
        throw new VtigerAuthError({
          operation,
          code: envelope.error.code,
          apiMessage: envelope.error.message,
          status: response.status,
          hint: sessionFailureHint(api),
        });
      }
      return response;
    }
  }

  async #sendOnSlot(
    api: VtigerApi,
    slot: SessionSlot,
    operation: string,
    spec: ReturnType<typeof specFor>,
    wire: Record<string, string>,
    signal: AbortSignal | undefined,
    timeout: number | false,
    budget: RetryBudget,
    startedAt: number,
  ): Promise<TransportResponse> {
    const sessionName =
      api === 'webservice'
        ? await this.#sessions.ensure(slot, signal, startedAt)
        : undefined;
    return this.#transport.send({
      api,
      operation,
      spec,
      params: wire,
      sessionName,
      signal,
      timeout,
      budget,
    });
  }

  /**
   * Logs out every pooled session and, once all have settled, throws the
   * first failure.
   */
  async logoutAll(options: CallOptions): Promise<void> {
    const slots = this.#pool.slots.filter(
      (slot) => slot.sessionName !== undefined,
    );
    const results = await Promise.allSettled(
      slots.map(async (slot) => {
        const sessionName = slot.sessionName;
        slot.sessionName = undefined;
        await this.#transport.send({
          api: 'webservice',
          operation: 'logout',
          spec: specFor('logout'),
          params: {},
          sessionName,
          signal: options.signal,
          timeout: resolveTimeout(this.#options, options),
          retryLimit: 0,
        });
      }),
    );
    this.#sessions.forget(slots.length);
    this.#events.emit({ type: 'logout', sessions: slots.length });
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }
}

function isTransientBodyFailure(error: unknown): boolean {
  if (error instanceof VtigerResponseError)
    return error.problem === 'truncated';
  return (
    error instanceof VtigerNetworkError && error.code === 'BODY_TERMINATED'
  );
}

function describeBodyFailure(error: unknown): string {
  return error instanceof VtigerResponseError
    ? 'truncated body'
    : 'body cut off';
}
