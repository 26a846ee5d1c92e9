/**
 * Live counters of a running emulator, for tests.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * // ... 100 concurrent calls through a client with a pool of 4 sessions ...
 * expect(emulator.stats.logins).toBe(4);
 * expect(emulator.stats.maxSessionConcurrency).toBe(1);
 * ```
 */
export interface EmulatorStats {
  /** HTTP requests received, including faulted ones. */
  requests: number;
  /** Successful logins (new webservice.php sessions). */
  logins: number;
  /** Challenge tokens issued. */
  challenges: number;
  /** Requests per operation name (REST and webservice.php together). */
  byOperation: Record<string, number>;
  /** Responses per HTTP status. */
  byStatus: Record<string, number>;
  /** Highest number of requests served at the same time. */
  maxInFlight: number;
  /**
   * Highest number of requests of one session served at the same time;
   * 1 while per-session serialisation works.
   */
  maxSessionConcurrency: number;
  /** Faults injected, by kind. */
  faults: {
    serverError: number;
    rateLimited: number;
    reset: number;
    truncated: number;
    sessionExpiry: number;
  };
}

/** Creates zeroed counters. */
export function createStats(): EmulatorStats {
  return {
    requests: 0,
    logins: 0,
    challenges: 0,
    byOperation: {},
    byStatus: {},
    maxInFlight: 0,
    maxSessionConcurrency: 0,
    faults: {
      serverError: 0,
      rateLimited: 0,
      reset: 0,
      truncated: 0,
      sessionExpiry: 0,
    },
  };
}

/** Zeroes counters in place, so references held by tests stay live. */
export function resetStats(stats: EmulatorStats): void {
  Object.assign(stats, createStats());
}
