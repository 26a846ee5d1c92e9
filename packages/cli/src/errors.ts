/**
 * An error in how the command was called: a bad flag, a malformed value or
 * missing settings. The CLI prints its message and exits with code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('Invalid record id "abc": expected the form NxM, for example 10x42.');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Exit code of the process, always 2 (`ExitCode.usage`). */
  readonly exitCode = 2;
}

/**
 * A command that ran but did not finish its job (for example an export that
 * stopped early). The CLI prints its message and exits with `exitCode`.
 *
 * @example
 * ```ts
 * throw new CommandFailedError('The export stopped after 300 records.', 1);
 * ```
 */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  /** Exit code of the process; 1 unless the constructor gets another. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * Exit status codes of the `vtiger` command.
 *
 * @example
 * ```ts
 * import { ExitCode, run } from '@vtiger/cli';
 *
 * if ((await run(['types'])) === ExitCode.usage) console.error('check the flags');
 * ```
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;
