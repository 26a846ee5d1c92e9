/**
 * Records what each conformance check did (passed, skipped with a reason, or
 * failed) and formats the summary printed at the end of the run.
 */

export type OutcomeStatus = 'passed' | 'skipped' | 'failed';

/** One finished check. */
export interface Outcome {
  /** Target and flavour, e.g. `emulator/webservice`. */
  target: string;
  /** Operation or behaviour checked, e.g. `retrieve` or `query: 100-row cap`. */
  operation: string;
  status: OutcomeStatus;
  /** Reason for a skip, or the first line of the error for a failure. */
  detail?: string;
}

/** Collected outcomes of one test file. */
export class OutcomeLog {
  readonly #outcomes: Outcome[] = [];

  add(outcome: Outcome): void {
    this.#outcomes.push(outcome);
  }

  get outcomes(): readonly Outcome[] {
    return this.#outcomes;
  }

  count(status: OutcomeStatus): number {
    return this.#outcomes.filter((outcome) => outcome.status === status).length;
  }

  /** Formats the summary: totals, then every skip and failure with its reason. */
  format(notes: readonly string[] = []): string {
    const lines = [
      `Vtiger conformance: ${this.count('passed')} passed, ${this.count('skipped')} skipped, ${this.count('failed')} failed`,
    ];
    for (const status of ['failed', 'skipped'] as const) {
      for (const outcome of this.#outcomes) {
        if (outcome.status !== status) continue;
        const detail =
          outcome.detail === undefined ? '' : `: ${outcome.detail}`;
        lines.push(
          `  ${status.padEnd(7)} ${outcome.target} ${outcome.operation}${detail}`,
        );
      }
    }
    const passedByTarget = new Map<string, string[]>();
    for (const outcome of this.#outcomes) {
      if (outcome.status !== 'passed') continue;
      const operations = passedByTarget.get(outcome.target) ?? [];
      operations.push(outcome.operation);
      passedByTarget.set(outcome.target, operations);
    }
    for (const [target, operations] of passedByTarget) {
      lines.push(`  passed  ${target}: ${operations.join(', ')}`);
    }
    for (const note of notes) lines.push(`  note    ${note}`);
    return lines.join('\n');
  }
}

/** Returns the first line of an error message, for the summary. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? '';
}
