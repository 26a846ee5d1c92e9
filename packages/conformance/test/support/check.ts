/**
 * `check()` wraps vitest's `it()` so that each conformance check lands in the
 * outcome log as passed, skipped (with the reason) or failed.
 */
import { it } from 'vitest';
import { firstLine, type OutcomeLog } from './outcomes.js';

/** Tools handed to a check's body. */
export interface CheckTools {
  /** Skips the check and records the reason in the summary. */
  skip(reason: string): never;
}

export type CheckBody = (tools: CheckTools) => Promise<void> | void;

/**
 * Time a check may take, in milliseconds. Generous, because a real server
 * far away responds in hundreds of milliseconds and some checks send dozens
 * of requests.
 */
const defaultTimeout = 60_000;

export type Check = (
  operation: string,
  body: CheckBody,
  timeout?: number,
) => void;

/** Creates the `check()` function for one target, e.g. `emulator/rest`. */
export function createCheck(log: OutcomeLog, target: () => string): Check {
  return (operation, body, timeout) => {
    it(
      operation,
      async (context) => {
        let skipped = false;
        const tools: CheckTools = {
          skip(reason) {
            skipped = true;
            log.add({
              target: target(),
              operation,
              status: 'skipped',
              detail: reason,
            });
            return context.skip(reason);
          },
        };
        try {
          await body(tools);
        } catch (error) {
          if (!skipped) {
            log.add({
              target: target(),
              operation,
              status: 'failed',
              detail: firstLine(error),
            });
          }
          throw error;
        }
        log.add({ target: target(), operation, status: 'passed' });
      },
      timeout ?? defaultTimeout,
    );
  };
}
