/**
 * Serialises work per key, like PHP's session file lock: requests that
 * share a session run one after another, in arrival order.
 */
export class SessionLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `task` after every earlier task with the same key has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => tail);
    this.#tails.set(key, chained);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.#tails.get(key) === chained) this.#tails.delete(key);
    }
  }
}
