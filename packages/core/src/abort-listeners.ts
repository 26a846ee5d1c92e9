/** The callbacks waiting on one signal, behind its one listener. */
interface Group {
  readonly callbacks: Set<() => void>;
  readonly listener: () => void;
}

const groups = new WeakMap<AbortSignal, Group>();

/**
 * Runs `callback` once when `signal` aborts (at once if it already has)
 * and returns a function that cancels it. All callbacks on one signal
 * share one listener, removed with the last callback, so Node.js never
 * warns of more than 10 listeners and nothing stays attached afterwards.
 *
 * @example
 * ```ts
 * const cancel = onAbort(signal, () => controller.abort(signal.reason));
 * try {
 *   await work(controller.signal);
 * } finally {
 *   cancel();
 * }
 * ```
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return () => undefined;
  }
  let group = groups.get(signal);
  if (group === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      groups.delete(signal);
      for (const registered of callbacks) registered();
    };
    group = { callbacks, listener };
    groups.set(signal, group);
    signal.addEventListener('abort', listener, { once: true });
  }
  const shared = group;
  // A callback registered twice must be cancelled twice, so each
  // registration gets its own wrapper.
  const entry = (): void => callback();
  shared.callbacks.add(entry);
  return () => {
    if (!shared.callbacks.delete(entry) || shared.callbacks.size > 0) return;
    if (groups.get(signal) === shared) groups.delete(signal);
    signal.removeEventListener('abort', shared.listener);
  };
}
