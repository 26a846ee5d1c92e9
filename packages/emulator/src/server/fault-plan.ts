import { unitHash } from '../data/hash.js';
import type { FaultOptions } from '../options.js';

/** Fault applied to one request. */
export type FaultDecision = 'none' | 'reset' | 'serverError' | 'rateLimited';

const SALT = {
  reset: 0x5e7,
  serverError: 0x500,
  rateLimited: 0x429,
  truncated: 0x7c,
} as const;

/**
 * Decides faults from the seed and the request's sequence number, so two
 * runs with the same seed and request order get the same faults.
 */
export class FaultPlan {
  #faults: FaultOptions;
  readonly #seed: number;

  constructor(seed: number, faults: FaultOptions) {
    this.#seed = seed;
    this.#faults = faults;
  }

  /** Replaces the fault settings. */
  set(faults: FaultOptions): void {
    this.#faults = faults;
  }

  /** Reports whether request `sequence` first expires every session. */
  expiresSessions(sequence: number): boolean {
    const every = this.#faults.sessionExpiryEvery;
    return every !== undefined && every > 0 && sequence % every === 0;
  }

  /** Chooses the fault that replaces the response to request `sequence`. */
  decide(sequence: number): FaultDecision {
    for (const kind of ['reset', 'serverError', 'rateLimited'] as const) {
      const share = this.#faults[kind] ?? 0;
      if (share > 0 && unitHash(this.#seed, sequence, SALT[kind]) < share)
        return kind;
    }
    return 'none';
  }

  /** Reports whether request `sequence`'s body is cut short. */
  truncates(sequence: number): boolean {
    const share = this.#faults.truncated ?? 0;
    return share > 0 && unitHash(this.#seed, sequence, SALT.truncated) < share;
  }
}
