import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { ExportCheckpointError } from './errors.js';
import type { RangeSpec } from './ranges.js';
import type { SinkState } from './sinks/sink.js';
import type { ExportFormat } from './types.js';

/**
 * State an interrupted export needs to continue. Records are written in
 * global id order, so `lastWrittenId` is the last id written for every
 * range: each range continues after `max(lower, lastWrittenId)`.
 */
export interface Checkpoint {
  readonly version: 1;
  /** Digest of the options that shape the output; resume needs the same. */
  readonly fingerprint: string;
  readonly columns: readonly string[];
  readonly ranges: readonly RangeSpec[];
  readonly lastWrittenId: string | null;
  readonly records: number;
  readonly skipped: readonly SkippedRecord[];
  readonly total: number | null;
  readonly files: Readonly<Partial<Record<ExportFormat, SinkState>>>;
}

/** A record left out because the server could not encode it. */
export interface SkippedRecord {
  readonly id: string;
  readonly reason: string;
}

/** Reads a checkpoint, or returns undefined when there is none. */
export async function readCheckpoint(
  path: string,
): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportCheckpointError(
      `Cannot resume: the checkpoint ${path} is not valid JSON. Delete it and export again without the \`resume\` option.`,
      path,
    );
  }
  const checkpoint = value as Partial<Checkpoint> | null;
  if (
    typeof checkpoint !== 'object' ||
    checkpoint === null ||
    checkpoint.version !== 1 ||
    !Array.isArray(checkpoint.ranges) ||
    typeof checkpoint.fingerprint !== 'string'
  ) {
    throw new ExportCheckpointError(
      `Cannot resume: ${path} is not a checkpoint of this exporter version. Delete it and export again without the \`resume\` option.`,
      path,
    );
  }
  return checkpoint as Checkpoint;
}

/** Writes the checkpoint to a temporary name and renames it into place. */
export async function writeCheckpoint(
  path: string,
  checkpoint: Checkpoint,
): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, JSON.stringify(checkpoint));
  await rename(temporary, path);
}

/** Deletes the checkpoint after a successful export. */
export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.tmp`, { force: true });
}
