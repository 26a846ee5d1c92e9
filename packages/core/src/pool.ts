import { onAbort } from './abort-listeners.js';

/** A webservice.php session slot; Cloud REST slots never get a session. */
export interface SessionSlot {
  /** Current session id, or undefined before login or after expiry. */
  sessionName: string | undefined;
}

interface Waiter {
  resolve(slot: SessionSlot): void;
  /** Stops listening to the caller's signal. */
  cancelAbort: () => void;
}

/**
 * Fixed-size pool of session slots. Each request checks out one slot, so at
 * most `size` requests run at once and no two share a session. Slots are
 * created on demand, so a client used by one caller at a time logs in once.
 */
export class SessionPool {
  readonly #size: number;
  readonly #all: SessionSlot[] = [];
  readonly #idle: SessionSlot[] = [];
  readonly #waiters: Waiter[] = [];

  constructor(size: number) {
    this.#size = size;
  }

  /** Every slot created so far. */
  get slots(): readonly SessionSlot[] {
    return this.#all;
  }

  /** Checks out a slot, waiting for one when all are busy. */
  acquire(signal?: AbortSignal): Promise<SessionSlot> {
    signal?.throwIfAborted();
    const loggedIn = this.#idle.findIndex(
      (slot) => slot.sessionName !== undefined,
    );
    if (loggedIn !== -1)
      return Promise.resolve(this.#idle.splice(loggedIn, 1)[0]!);
    const idle = this.#idle.pop();
    if (idle !== undefined) return Promise.resolve(idle);
    if (this.#all.length < this.#size) {
      const slot: SessionSlot = { sessionName: undefined };
      this.#all.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, cancelAbort: () => undefined };
      this.#waiters.push(waiter);
      if (signal !== undefined) {
        // Waiters on one signal share its listener (see onAbort), so many
        // calls queued with one signal add one listener, not one each.
        waiter.cancelAbort = onAbort(signal, () => {
          const index = this.#waiters.indexOf(waiter);
          if (index !== -1) this.#waiters.splice(index, 1);
          reject(signal.reason);
        });
      }
    });
  }

  /** Returns a slot to the pool or hands it to the next waiter. */
  release(slot: SessionSlot): void {
    const waiter = this.#waiters.shift();
    if (waiter === undefined) {
      this.#idle.push(slot);
      return;
    }
    waiter.cancelAbort();
    waiter.resolve(slot);
  }
}
