import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces requests evenly so that no more than `perMinute` start in any
 * minute. Concurrent callers reserve slots in arrival order.
 */
export class RateLimiter {
  readonly #interval: number;
  #next = 0;

  constructor(perMinute: number) {
    this.#interval = 60_000 / perMinute;
  }

  /** Waits for the next free slot; rejects when `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = performance.now();
    const slot = Math.max(now, this.#next);
    this.#next = slot + this.#interval;
    const wait = slot - now;
    if (wait > 0) {
      await sleep(wait, undefined, signal === undefined ? {} : { signal });
    }
  }
}
