import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

/** A format for command results on standard output. */
export type OutputFormat = 'json' | 'jsonl' | 'csv' | 'table';

/** Every output format, in the order help text lists them. */
export const outputFormats: readonly OutputFormat[] = [
  'json',
  'jsonl',
  'csv',
  'table',
];

/**
 * Picks the output format: `--output` if given, else a table when standard
 * output is a terminal and JSON otherwise.
 */
export function resolveOutputFormat(
  requested: string | undefined,
  io: CliIo,
): OutputFormat {
  if (requested === undefined) {
    return io.stdout.isTTY === true ? 'table' : 'json';
  }
  if ((outputFormats as readonly string[]).includes(requested)) {
    return requested as OutputFormat;
  }
  throw new UsageError(
    `Invalid output format "${requested}": use one of ${outputFormats.join(', ')}.`,
  );
}
