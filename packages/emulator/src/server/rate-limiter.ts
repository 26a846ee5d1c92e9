/** Outcome of counting one request against the limit. */
export interface RateLimitState {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window starts again. */
  readonly resetSeconds: number;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute window, like Vtiger Cloud's flood control. */
export class RateLimiter {
  readonly #limit: number;
  #windowStart = 0;
  #used = 0;

  constructor(limitPerMinute: number) {
    this.#limit = limitPerMinute;
  }

  /** Counts a request and reports whether it fits in the window. */
  take(now = Date.now()): RateLimitState {
    if (now - this.#windowStart >= WINDOW_MS) {
      this.#windowStart = now;
      this.#used = 0;
    }
    const allowed = this.#used < this.#limit;
    if (allowed) this.#used++;
    return {
      allowed,
      limit: this.#limit,
      remaining: this.#limit - this.#used,
      resetSeconds: Math.max(
        1,
        Math.ceil((this.#windowStart + WINDOW_MS - now) / 1000),
      ),
    };
  }
}
