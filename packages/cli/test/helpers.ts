import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** The built binary the tests run, as users do. */
export const binPath = join(packageDir, 'bin', 'vtiger.mjs');

/** Throws with the build command when the binary has not been built. */
export function assertBuilt(): void {
  if (!existsSync(join(packageDir, 'dist', 'cli.mjs'))) {
    throw new Error(
      'packages/cli/dist/cli.mjs is missing: run `pnpm --filter @vtiger/cli... build` before the CLI tests.',
    );
  }
}

/** What a finished CLI process wrote and how it ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Every output of every run in this test file, for the secret scan. */
export const allOutput: string[] = [];

/**
 * Checks every collected output for the given secrets and for anything
 * shaped like a session id or digest: the emulator's session ids are 20
 * hex characters and the login digest is a 32-character md5.
 */
export function findLeakedSecrets(secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const output of allOutput) {
    for (const secret of secrets) {
      if (output.includes(secret))
        leaks.push(`secret ${secret.slice(0, 3)}...`);
    }
    const hex = /\b[0-9a-f]{20,}\b/i.exec(output);
    if (hex) leaks.push(`hex string ${hex[0].slice(0, 6)}...`);
    if (/sessionName|authorization/i.test(output)) leaks.push('session header');
  }
  return leaks;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  /** File descriptor for standard output instead of a pipe (stdout is then ''). */
  stdoutFd?: number;
  /** Called with the child and each stderr chunk, to act on progress. */
  onStderr?: (child: ChildProcess, text: string) => void;
}

/** Makes a temporary folder, removed by the returned function. */
export async function makeTempDir(): Promise<{
  path: string;
  remove: () => Promise<void>;
}> {
  const path = await mkdtemp(join(tmpdir(), 'vtiger-cli-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Runs `node bin/vtiger.mjs ...args` with a clean environment: only PATH,
 * HOME and XDG_CONFIG_HOME (both inside `home`) plus `options.env`.
 */
export function runCli(
  args: readonly string[],
  home: string,
  options: RunOptions = {},
): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: options.cwd ?? home,
      env,
      stdio: ['pipe', options.stdoutFd ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(child, stderr);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      allOutput.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin!.end(options.input ?? '');
  });
}
