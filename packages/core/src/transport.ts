import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import { z } from 'zod';
import { VtigerHttpError } from './errors/http-error.js';
import { VtigerNetworkError } from './errors/network-error.js';
import { VtigerResponseError } from './errors/response-error.js';
import { VtigerTimeoutError } from './errors/timeout-error.js';
import type { EventHub } from './events.js';
import type { OperationSpec, VtigerApi } from './operations.js';
import type { NormalizedOptions } from './options.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Redactor } from './redact.js';
import {
  isNetworkError,
  isOutcomeUnknown,
  networkErrorCode,
  retryStatuses,
  shouldRetryAttempt,
} from './retry-policy.js';
import { envelopeSchema } from './schemas.js';
import {
  causeMessages,
  describeFailure,
  httpHint,
  networkHint,
  redirectTarget,
  followAbort,
  withRetryAfter,
} from './http-helpers.js';

/** The parsed `{ success, result | error }` envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

/** One Vtiger operation to send over HTTP. */
export interface TransportRequest {
  api: VtigerApi;
  operation: string;
  spec: OperationSpec;
  params: Record<string, string>;
  sessionName?: string | undefined;
  signal?: AbortSignal | undefined;
  timeout: number | false;
  /** Retries inside this HTTP exchange; the client's setting when omitted. */
  retryLimit?: number;
  /**
   * Retries left for the whole call, shared with the client's own retries
   * of cut-off bodies and retryable API codes; each retry takes one.
   */
  budget?: RetryBudget;
}

/** Retries left for one call. */
export interface RetryBudget {
  remaining: number;
}

/** A response whose body is a valid envelope, successful or not. */
export interface TransportResponse {
  status: number;
  envelope: Envelope;
}

interface CallContext {
  operation: string;
  method: 'GET' | 'POST';
  displayUrl: string;
  signal: AbortSignal | undefined;
  sentAt: number;
  /** Retry count of the attempt being sent; 0 for the first. */
  attempt: number;
}

const restPath = 'restapi/v1/vtiger/default/';

/**
 * Sends Vtiger operations with ky. It builds the URL for the API flavour and
 * puts parameters in the query string (GET) or a form body (POST). ky applies
 * the timeout, HTTP-level retries and the rate limit, and every failure
 * becomes a typed error without secrets.
 */
export class Transport {
  readonly #options: NormalizedOptions;
  readonly #redactor: Redactor;
  readonly #ky: KyInstance;
  readonly #events: EventHub;
  readonly #authorization: string;

  constructor(
    options: NormalizedOptions,
    redactor: Redactor,
    events: EventHub,
    limiter: RateLimiter | undefined,
  ) {
    this.#options = options;
    this.#redactor = redactor;
    this.#events = events;
    const credential = Buffer.from(
      `${options.username}:${options.accessKey}`,
    ).toString('base64');
    redactor.add(credential);
    this.#authorization = `Basic ${credential}`;
    this.#ky = ky.create({
      throwHttpErrors: true,
      hooks: {
        beforeRequest: [
          async (_request, kyOptions, state) => {
            const context = kyOptions.context as unknown as CallContext;
            await limiter?.acquire(context.signal);
            context.sentAt = performance.now();
            context.attempt = state.retryCount;
            events.emit({
              type: 'request',
              operation: context.operation,
              method: context.method,
              url: context.displayUrl,
              attempt: state.retryCount,
            });
          },
        ],
        beforeRetry: [
          ({ options: kyOptions, error, retryCount }) => {
            const context = kyOptions.context as unknown as CallContext;
            events.emit({
              type: 'retry',
              operation: context.operation,
              attempt: retryCount,
              reason: describeFailure(error),
            });
          },
        ],
      },
    });
  }

  /**
   * Sends one HTTP attempt with the global `fetch`, emits its `response`
   * event and copies `X-FloodControl-Reset` into `Retry-After`. ky calls it
   * once per attempt. An `afterResponse` hook could do the same, but ky
   * clones every response for its hooks, and the cloned body stream cost
   * CPU time and memory on every page of a bulk export.
   */
  async #fetchAttempt(
    input: string | URL | Request,
    init: RequestInit | undefined,
    context: CallContext,
  ): Promise<Response> {
    const response = await globalThis.fetch(input, init);
    this.#events.emit({
      type: 'response',
      operation: context.operation,
      status: response.status,
      durationMs: Math.round(performance.now() - context.sentAt),
      attempt: context.attempt,
    });
    return withRetryAfter(response) ?? response;
  }

  /** Returns the endpoint URL of an operation for the API flavour. */
  endpoint(api: VtigerApi, operation: string): URL {
    return api === 'rest'
      ? new URL(restPath + encodeURIComponent(operation), this.#options.baseUrl)
      : new URL('webservice.php', this.#options.baseUrl);
  }

  /** Sends one operation and returns its envelope, or throws a typed error. */
  async send(request: TransportRequest): Promise<TransportResponse> {
    const { api, operation } = request;
    const url = this.endpoint(api, operation);
    const parameters = new URLSearchParams();
    if (api === 'webservice') parameters.set('operation', operation);
    if (request.sessionName !== undefined) {
      parameters.set('sessionName', request.sessionName);
    }
    for (const [key, value] of Object.entries(request.params)) {
      parameters.set(key, value);
    }
    if (request.spec.method === 'GET') url.search = parameters.toString();
    // Aborted when reading the body takes longer than the timeout, which
    // ky's own timeout (it ends at the response headers) does not cover.
    const bodyController = new AbortController();
    // Not AbortSignal.any(): Node.js 20 keeps each combined signal linked
    // to the caller's signal while that lives, one link per exchange.
    const unlink = followAbort(request.signal, bodyController);
    try {
      return await this.#exchange(request, url, parameters, bodyController);
    } finally {
      unlink();
    }
  }

  async #exchange(
    request: TransportRequest,
    url: URL,
    parameters: URLSearchParams,
    bodyController: AbortController,
  ): Promise<TransportResponse> {
    const { api, operation, spec } = request;
    const { signal } = bodyController;
    const target = `${spec.method} ${url.origin}${url.pathname}`;
    const context: CallContext = {
      operation,
      method: spec.method,
      displayUrl: `${url.origin}${url.pathname}`,
      signal: request.signal,
      sentAt: performance.now(),
      attempt: 0,
    };
    const retry = this.#options.retry;
    const idempotent = spec.idempotent;
    let response: Response;
    try {
      response = await this.#ky(url, {
        method: spec.method,
        // A followed 301/302 turns a POST into a GET without its body, and
        // Vtiger then returns misleading errors. Report the redirect instead.
        redirect: 'manual',
        headers: api === 'rest' ? { authorization: this.#authorization } : {},
        ...(spec.method === 'POST' ? { body: parameters } : {}),
        timeout: request.timeout,
        context: context as unknown as Record<string, unknown>,
        fetch: (input, init) => this.#fetchAttempt(input, init, context),
        signal,
        retry: {
          limit: request.retryLimit ?? retry.limit,
          methods: ['get', 'post'],
          statusCodes: retryStatuses,
          afterStatusCodes: [413, 429, 503],
          maxRetryAfter: retry.maxRetryAfter,
          backoffLimit: retry.backoffLimit,
          delay: (attempt) => retry.delay * 2 ** (attempt - 1),
          jitter: true,
          retryOnTimeout: true,
          shouldRetry: ({ error }) => {
            const budget = request.budget;
            if (budget !== undefined && budget.remaining <= 0) return false;
            const decision = shouldRetryAttempt(error, {
              idempotent,
              retry,
              signal: request.signal,
            });
            const retried =
              decision !== false &&
              (!(error instanceof HTTPError) ||
                retryStatuses.includes(error.response.status));
            if (retried) {
              // ky retries these unless shouldRetry returns false, so count
              // the retry here.
              if (budget !== undefined) budget.remaining -= 1;
              // Release the body of the response being replaced: an unread
              // body errors when the call is aborted during the backoff,
              // and undici reports that as an unhandled rejection.
              if (error instanceof HTTPError) {
                void error.response.body?.cancel().catch(() => undefined);
              }
            }
            return decision;
          },
        },
      });
    } catch (error) {
      if (request.signal?.aborted === true) throw request.signal.reason;
      if (error instanceof HTTPError) {
        const body = await this.#readBody(
          error.response,
          request,
          target,
          bodyController,
        ).catch(() => '');
        return this.#fromHttpError(
          error.response,
          body,
          operation,
          target,
          url,
          idempotent,
        );
      }
      throw this.#mapFailure(
        error,
        operation,
        target,
        request.timeout,
        idempotent,
      );
    }
    const text = await this.#readBody(
      response,
      request,
      target,
      bodyController,
    );
    return {
      status: response.status,
      envelope: this.#parse(
        text,
        response.status,
        operation,
        target,
        idempotent,
      ),
    };
  }

  async #readBody(
    response: Response,
    request: TransportRequest,
    target: string,
    controller: AbortController,
  ): Promise<string> {
    const timeout = request.timeout;
    let timedOut = false;
    const timer =
      timeout === false
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeout);
    try {
      return await response.text();
    } catch (error) {
      if (request.signal?.aborted === true) throw request.signal.reason;
      if (timedOut && timeout !== false) {
        throw new VtigerTimeoutError({
          operation: request.operation,
          target,
          timeout,
          idempotent: request.spec.idempotent,
        });
      }
      if (isNetworkError(error)) {
        // The connection closed before the whole body arrived.
        throw new VtigerNetworkError({
          operation: request.operation,
          target,
          code: 'BODY_TERMINATED',
          outcomeUnknown: true,
          idempotent: request.spec.idempotent,
          cause: new Error(
            this.#redactor.redact(describeFailure(error as Error)),
          ),
        });
      }
      throw this.#mapFailure(
        error,
        request.operation,
        target,
        timeout,
        request.spec.idempotent,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  #parse(
    text: string,
    status: number,
    operation: string,
    target: string,
    idempotent: boolean,
  ): Envelope {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const trimmed = text.trimStart();
      const truncated = trimmed.startsWith('{') || trimmed.startsWith('[');
      throw new VtigerResponseError({
        operation,
        target,
        status,
        problem: truncated ? 'truncated' : 'not-json',
        excerpt: this.#redactor.excerpt(text),
        idempotent,
      });
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) {
      throw new VtigerResponseError({
        operation,
        target,
        status,
        problem: 'invalid-shape',
        excerpt: this.#redactor.excerpt(text),
        detail:
          'expected {"success":true,"result":…} or {"success":false,"error":{"code","message"}}',
        idempotent,
      });
    }
    if (!parsed.data.success) {
      parsed.data.error.message = this.#redactor.redact(
        parsed.data.error.message,
      );
    }
    return parsed.data;
  }

  #fromHttpError(
    response: Response,
    text: string,
    operation: string,
    target: string,
    url: URL,
    idempotent: boolean,
  ): TransportResponse {
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(text));
      if (parsed.success && !parsed.data.success) {
        parsed.data.error.message = this.#redactor.redact(
          parsed.data.error.message,
        );
        return { status: response.status, envelope: parsed.data };
      }
    } catch {
      // Not JSON: handled below from the status line.
    }
    const { status } = response;
    const statusText = this.#redactor.redact(response.statusText);
    if (status === 400 || status === 401 || status === 403) {
      // Cloud REST puts the error message in the reason phrase of HTTP 400.
      return {
        status,
        envelope: {
          success: false,
          error: {
            code: `HTTP_${status}`,
            message: statusText || `HTTP ${status}`,
          },
        },
      };
    }
    throw new VtigerHttpError({
      operation,
      target,
      status,
      statusText,
      excerpt: this.#redactor.excerpt(text),
      retryable: retryStatuses.includes(status),
      idempotent,
      hint: httpHint(
        status,
        operation,
        text,
        url,
        redirectTarget(response, this.#redactor),
      ),
    });
  }

  #mapFailure(
    error: unknown,
    operation: string,
    target: string,
    timeout: number | false,
    idempotent: boolean,
  ): Error {
    if (error instanceof VtigerTimeoutError) return error;
    if (error instanceof TimeoutError) {
      return new VtigerTimeoutError({
        operation,
        target,
        timeout: timeout === false ? 0 : timeout,
        idempotent,
      });
    }
    if (isNetworkError(error)) {
      const code = networkErrorCode(error);
      const cause = new Error(this.#redactor.redact(causeMessages(error)));
      return new VtigerNetworkError({
        operation,
        target,
        code,
        outcomeUnknown: isOutcomeUnknown(error),
        idempotent,
        hint: networkHint(code, target),
        cause,
      });
    }
    if (error instanceof Error && error.name === 'AbortError') return error;
    const message =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
    return new VtigerNetworkError({
      operation,
      target,
      code: undefined,
      outcomeUnknown: true,
      idempotent,
      cause: new Error(this.#redactor.redact(message)),
    });
  }
}
