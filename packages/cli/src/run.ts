import { CommanderError } from 'commander';
import { CommandFailedError, ExitCode, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { createProgram } from './program.js';
import { Runtime } from './runtime.js';

function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Runs the `vtiger` command with `args` (the arguments after the program
 * name) and returns the exit code. Nothing here calls `process.exit`.
 *
 * @example
 * ```ts
 * import { run } from '@vtiger/cli';
 *
 * process.exitCode = await run(['find', 'Leads', '--where', 'city=Chicago']);
 * ```
 */
export async function run(
  args: readonly string[],
  io: Partial<CliIo> = {},
): Promise<number> {
  const runtime = new Runtime({ ...defaultIo(), ...io });
  runtime.args = args;
  // Known before parsing, so even commander's own messages are redacted.
  if (runtime.io.env.VTIGER_ACCESS_KEY) {
    runtime.addSecret(runtime.io.env.VTIGER_ACCESS_KEY);
  }
  for (const [index, argument] of args.entries()) {
    if (argument === '--access-key' && args[index + 1] !== undefined) {
      runtime.addSecret(args[index + 1]!);
    } else if (argument.startsWith('--access-key=')) {
      runtime.addSecret(argument.slice('--access-key='.length));
    }
  }
  const program = createProgram(runtime);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportError(runtime, error);
  } finally {
    await runtime.cleanup();
  }
}

function reportError(runtime: Runtime, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message; help and --version end with 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const message = runtime.redact(
    unsupportedOperationMessage(error) ??
      (error instanceof Error ? error.message : String(error)),
  );
  const label = runtime.stderrColor ? '\u001b[31mError:\u001b[39m' : 'Error:';
  runtime.io.stderr.write(`${label} ${message}\n`);
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof CommandFailedError) return error.exitCode;
  if (runtime.verbose && error instanceof Error && error.stack) {
    // The first line of the stack repeats the message printed above.
    const frames = error.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line));
    runtime.io.stderr.write(`${runtime.redact(frames.join('\n'))}\n`);
  }
  return ExitCode.failure;
}

/**
 * Rewrites core's advice for an operation of the other API flavour (set
 * `api` on the client) as the flag that sets it. Returns undefined for any
 * other error. Checked by name, because @vtiger/core may be another copy.
 */
function unsupportedOperationMessage(error: unknown): string | undefined {
  if (
    !(error instanceof Error) ||
    error.name !== 'VtigerUnsupportedOperationError'
  ) {
    return undefined;
  }
  const { operation, api } = error as Error & {
    operation?: string;
    api?: string;
  };
  if (api !== 'rest' && api !== 'webservice') return undefined;
  const other = api === 'rest' ? 'webservice' : 'rest';
  const names = { rest: 'Cloud REST', webservice: 'webservice.php' };
  return `Vtiger operation ${operation ?? '(unknown)'} exists only on the ${names[other]} API, but this connection uses ${names[api]}. Pass --api ${other} (or set VTIGER_API=${other}) if the server offers it.`;
}
