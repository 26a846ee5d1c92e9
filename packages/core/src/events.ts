/**
 * Event emitted by the client for logging and metrics. No event carries the
 * access key, a digest, a session id, an Authorization header or request
 * parameters; URLs have no query string.
 */
export type VtigerEvent =
  | {
      type: 'request';
      operation: string;
      method: 'GET' | 'POST';
      /** URL without the query string. */
      url: string;
      /** 0 for the first HTTP attempt, then 1, 2, … for retries. */
      attempt: number;
    }
  | {
      type: 'response';
      operation: string;
      status: number;
      /** Time from sending to the response headers, in milliseconds. */
      durationMs: number;
      attempt: number;
    }
  | {
      type: 'retry';
      operation: string;
      /** Number of the retry about to be sent, starting at 1. */
      attempt: number;
      /** Reason for sending again, such as `HTTP 429` or `ECONNRESET`. */
      reason: string;
    }
  | {
      type: 'login';
      username: string;
      userId: string;
      sessions: number;
      /**
       * The login result without the session id: first_name, last_name,
       * email, is_admin, time_zone, vtigerVersion and the like, as sent.
       */
      user: Readonly<Record<string, unknown>>;
    }
  | { type: 'relogin'; operation: string; code: string }
  | { type: 'logout'; sessions: number };

/** Function that receives client events. */
export type VtigerEventListener = (event: VtigerEvent) => void;

/** Delivers events to listeners; a throwing listener never breaks a call. */
export class EventHub {
  readonly #listeners = new Set<VtigerEventListener>();

  subscribe(listener: VtigerEventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit(event: VtigerEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A logging listener must not change the outcome of a request.
      }
    }
  }
}
