import type { Readable, Writable } from 'node:stream';

/** A writable stream that may be a terminal, like `process.stdout`. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** A readable stream that may be a terminal, like `process.stdin`. */
export type InputStream = Readable & { isTTY?: boolean };

/**
 * The process resources a CLI run reads and writes. `run()` defaults every
 * field to the current process.
 *
 * @example
 * ```ts
 * const io: CliIo = {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   stdin: process.stdin,
 *   env: process.env,
 *   cwd: process.cwd(),
 * };
 * ```
 */
export interface CliIo {
  /** Receives command output such as records and tables. */
  stdout: OutputStream;
  /** Receives errors, warnings and progress. */
  stderr: OutputStream;
  /** Supplies `--json -` input and answers to confirmation prompts. */
  stdin: InputStream;
  /** Environment the `VTIGER_*` settings are read from. */
  env: Record<string, string | undefined>;
  /** Directory that relative paths resolve against. */
  cwd: string;
}

/** Returns whether colour escapes may be written to `stream`. */
export function colorEnabled(io: CliIo, stream: OutputStream): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** Reads all of `stream` as UTF-8 text. */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
