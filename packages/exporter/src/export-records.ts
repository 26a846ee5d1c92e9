import { setMaxListeners } from 'node:events';
import { createHash } from 'node:crypto';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
  type Checkpoint,
  type SkippedRecord,
} from './checkpoint.js';
import { ExportCheckpointError, ExportVerificationError } from './errors.js';
import {
  normalizeOptions,
  type ExportOptions,
  type NormalizedOptions,
} from './options.js';
import {
  countRecords,
  orderColumns,
  planExport,
  type ExportPlan,
} from './plan.js';
import type { ExportProgress } from './progress.js';
import { prefixUnion } from './ranges.js';
import { recordNumber } from './record-id.js';
import { collectSync, sinceCondition, type SinceReport } from './since.js';
import { openSinks, type SinkSettings } from './sinks/open-sinks.js';
import type { Sink, SinkState } from './sinks/sink.js';
import type { ExportFormat, ExportRecord } from './types.js';
import {
  andDisjunctions,
  extractCondition,
  renderCondition,
  toDisjunction,
  type Disjunction,
} from './vtql.js';
import { PagePacker, SCRATCH_BYTES } from './page-packer.js';
import { walkRanges, type WalkStats } from './walk.js';

/** One written file. */
export interface ExportedFile {
  readonly format: ExportFormat;
  readonly path: string;
  readonly records: number;
  readonly bytes: number;
}

/**
 * Result of the record count check. With `'count'` the total was compared
 * with the server's `count(*)`. With `'walk'` the server returned no count
 * (as Vtiger 8.4.0 does), so `expected` is the walk's own total.
 */
export interface ExportVerification {
  readonly method: 'count' | 'walk';
  readonly expected: number;
  /** Records written plus records skipped. */
  readonly actual: number;
}

/**
 * Summary of a finished export.
 *
 * @example
 * ```ts
 * const result = await exportRecords({ client, module: 'Leads', formats: ['jsonl'] });
 * result.verification; //=> { method: 'walk', expected: 2509, actual: 2509 }
 * ```
 */
export interface ExportResult {
  readonly module: string;
  /** One entry per format, in the order json, jsonl, csv. */
  readonly files: readonly ExportedFile[];
  /** Records written, including those of earlier runs when resumed. */
  readonly records: number;
  /** Pages fetched in this run. */
  readonly pages: number;
  /** Requests the client retried in this run (0 when the client has no `subscribe`). */
  readonly retries: number;
  /** Records the server could not encode, left out and listed here. */
  readonly skipped: readonly SkippedRecord[];
  /** Records found by more than one prefix and written once. */
  readonly duplicatesDropped: number;
  readonly verification: ExportVerification;
  /** Method that served `since`; undefined without `since`. */
  readonly since: SinceReport | undefined;
  /** True when the export continued from a checkpoint. */
  readonly resumed: boolean;
  /** The checkpoint file used while the export ran (deleted on success). */
  readonly checkpointPath: string;
  readonly elapsedMs: number;
}

/**
 * Returns the checkpoint path of an export:
 * `<outDir>/<fileName>.checkpoint.json`.
 *
 * @example
 * ```ts
 * import { checkpointPathOf } from '@vtiger/exporter';
 *
 * checkpointPathOf('/data', 'Leads'); //=> '/data/Leads.checkpoint.json'
 * ```
 */
export function checkpointPathOf(outDir: string, fileName: string): string {
  return join(outDir, `${fileName}.checkpoint.json`);
}

function fingerprintOf(
  options: NormalizedOptions,
  condition: Disjunction,
): string {
  const shape = {
    module: options.module,
    condition: renderCondition(condition),
    prefixFilter: options.prefixFilter ?? null,
    fields: options.fields ?? null,
    formats: options.formats,
    bom: options.bom,
    safeFormulas: options.safeFormulas,
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex');
}

/**
 * Exports the records of a module into JSON, JSON Lines and CSV files in
 * one pass. Records are written in id order, so two runs over the same
 * data give byte-identical files whatever the concurrency. Files are
 * written under `<name>.partial` and renamed only when the export is
 * complete and verified.
 *
 * @throws {ExportPageError} when a page still fails after the client's retries.
 * @throws {ExportVerificationError} when the count check fails.
 * @throws {ExportCheckpointError} when `resume` finds no checkpoint, or one of other options.
 * @throws the abort reason when `signal` aborts.
 *
 * @example
 * ```ts
 * import { Vtiger } from '@vtiger/core';
 * import { exportRecords } from '@vtiger/exporter';
 *
 * const client = new Vtiger({ url, username, accessKey, concurrency: 4 });
 * const result = await exportRecords({
 *   client,
 *   module: 'Leads',
 *   where: "leadsource = 'Web'",
 *   formats: ['csv', 'jsonl'],
 *   outDir: 'exports',
 *   concurrency: 4,
 *   onProgress: (p) => console.log(p.records, p.rate),
 * });
 * console.log(result.files.map((file) => file.path));
 * //=> ['/abs/exports/Leads.jsonl', '/abs/exports/Leads.csv']
 * ```
 */
export async function exportRecords(
  input: ExportOptions,
): Promise<ExportResult> {
  const options = normalizeOptions(input);
  options.signal?.throwIfAborted();
  const started = performance.now();
  const { signal, dispose: disposeSignal } = exportSignal(options.signal);
  const call = { signal };

  let retries = 0;
  const unsubscribe = options.client.subscribe?.((event) => {
    if (event.type === 'retry') retries += 1;
  });

  const base = andDisjunctions(
    toDisjunction(
      options.where === undefined ? undefined : extractCondition(options.where),
    ),
    options.since === undefined ? [] : sinceCondition(options.since),
  );
  const checkpointPath = checkpointPathOf(options.outDir, options.fileName);
  const fingerprint = fingerprintOf(options, base);
  const skipped: SkippedRecord[] = [];
  let sinks: Sink[] = [];
  let stats: WalkStats = {
    records: 0,
    pages: 0,
    rangesDone: 0,
    duplicates: 0,
    lastWrittenId: null,
  };
  let earlierRecords = 0;
  let plan: ExportPlan | undefined;
  let sinceReport: SinceReport | undefined;

  const progress = (phase: ExportProgress['phase']): void => {
    if (options.onProgress === undefined) return;
    const elapsedMs = performance.now() - started;
    options.onProgress({
      phase,
      records: earlierRecords + stats.records,
      pages: stats.pages,
      retries,
      rate: elapsedMs > 0 ? (stats.records * 1000) / elapsedMs : 0,
      elapsedMs,
      total: plan?.total ?? undefined,
      ranges: { done: stats.rangesDone, total: plan?.ranges.length ?? 0 },
      skipped: skipped.length,
    });
  };

  const saveCheckpoint = async (
    lastWrittenId: string | null,
  ): Promise<void> => {
    // A sync export keeps its records in memory and has no ranges to
    // resume, so it keeps no checkpoint.
    if (plan === undefined || plan.ranges.length === 0) return;
    const files: Partial<Record<ExportFormat, SinkState>> = {};
    for (const sink of sinks) files[sink.format] = sink.state();
    const checkpoint: Checkpoint = {
      version: 1,
      fingerprint,
      columns: plan.columns,
      ranges: plan.ranges,
      lastWrittenId,
      records: earlierRecords + stats.records,
      skipped,
      total: plan.total,
      files,
    };
    await writeCheckpoint(checkpointPath, checkpoint);
  };

  try {
    const checkpoint = options.resume
      ? await readCheckpoint(checkpointPath)
      : undefined;
    // Starting over here would replace finished files without a word.
    if (options.resume && checkpoint === undefined) {
      throw new ExportCheckpointError(
        `Cannot resume: there is no checkpoint ${checkpointPath}, so there is no interrupted export to continue. Export again without the \`resume\` option to start a new one.`,
        checkpointPath,
      );
    }
    if (checkpoint !== undefined && checkpoint.fingerprint !== fingerprint) {
      throw new ExportCheckpointError(
        `Cannot resume: the checkpoint ${checkpointPath} belongs to an export with other options (module, where, prefixes, fields, formats, since, bom or safeFormulas). Use the same options, or export again without the \`resume\` option.`,
        checkpointPath,
      );
    }
    // Progress counts the records of the interrupted run from the first
    // event on, so a resume never reports fewer records than it kept.
    earlierRecords = checkpoint?.records ?? 0;
    progress('planning');
    // Created only now, so that a failed resume leaves no empty folder.
    await mkdir(options.outDir, { recursive: true });
    let synced: ExportRecord[] | undefined;
    if (
      options.since !== undefined &&
      options.sinceMethod !== 'query' &&
      checkpoint === undefined
    ) {
      const outcome = await trySync(options, options.since, call);
      if (outcome.ok) {
        synced = outcome.records;
        sinceReport = { method: 'sync', deleted: outcome.deleted };
      } else {
        sinceReport = { method: 'query', fallbackReason: outcome.reason };
      }
    } else if (options.since !== undefined) {
      sinceReport = { method: 'query' };
    }
    if (synced !== undefined) {
      const description = await options.client.describe(options.module, call);
      plan = {
        columns: orderColumns(
          description.fields.map((field) => field.name),
          options.fields,
        ),
        ranges: [],
        total: null,
      };
    } else if (checkpoint === undefined) {
      plan = await planExport(options, base, call);
    } else {
      plan = {
        columns: checkpoint.columns,
        ranges: checkpoint.ranges,
        total: checkpoint.total,
      };
    }
    const settings: SinkSettings = { ...options, columns: plan.columns };
    if (checkpoint === undefined) {
      sinks = await openSinks(settings);
    } else {
      // Records skipped past the last written id are found again.
      const frontier =
        checkpoint.lastWrittenId === null
          ? -Infinity
          : recordNumber(checkpoint.lastWrittenId);
      skipped.push(
        ...checkpoint.skipped.filter(
          (record) => recordNumber(record.id) <= frontier,
        ),
      );
      try {
        sinks = await openSinks(settings, checkpoint.files);
      } catch (error) {
        throw new ExportCheckpointError(
          `Cannot resume from ${checkpointPath}: ${(error as Error).message}. Export again without the \`resume\` option.`,
          checkpointPath,
        );
      }
    }
    stats.lastWrittenId = checkpoint?.lastWrittenId ?? null;
    // The opening text ('[', the CSV header) must be on disk before the
    // first checkpoint records the file sizes.
    await Promise.all(sinks.map((sink) => sink.flush()));
    await saveCheckpoint(stats.lastWrittenId);

    // The JSON text of a record is encoded to UTF-8 once for both JSON
    // files, and not made at all for a CSV-only export. The sinks copy
    // buffers of up to 256 KiB, so one scratch buffer serves every record
    // that fits in it. A larger record gets a buffer of its own.
    const needsJson = sinks.some((sink) => sink.format !== 'csv');
    const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
    const packer = new PagePacker(sinks);
    const writer = {
      write(record: ExportRecord) {
        let json = scratch.subarray(0, 0);
        if (needsJson) {
          const text = JSON.stringify(record);
          json =
            text.length * 3 <= SCRATCH_BYTES
              ? scratch.subarray(0, scratch.write(text, 0, 'utf8'))
              : Buffer.from(text, 'utf8');
        }
        for (const sink of sinks) sink.write(record, json);
      },
      pack: (records: readonly ExportRecord[]) => packer.pack(records),
      get pendingBytes() {
        let total = 0;
        for (const sink of sinks) total += sink.pendingBytes;
        return total;
      },
      async flush(lastWrittenId: string | null, checkpoint: boolean) {
        await Promise.all(sinks.map((sink) => sink.flush()));
        if (checkpoint) await saveCheckpoint(lastWrittenId);
      },
    };
    if (synced !== undefined) {
      for (const record of synced) writer.write(record);
      stats.records = synced.length;
      stats.lastWrittenId = synced.at(-1)?.id ?? null;
      await writer.flush(stats.lastWrittenId, true);
    } else
      stats = await walkRanges({
        context: {
          client: options.client,
          module: options.module,
          select:
            options.fields === undefined ? '*' : options.fields.join(', '),
          signal,
        },
        ranges: plan.ranges,
        startAfter: checkpoint?.lastWrittenId ?? null,
        concurrency: options.concurrency,
        pageSize: options.pageSize,
        maxBufferedRecords: options.maxBufferedRecords,
        writer,
        onWritten: (live) => {
          stats = live;
          progress('exporting');
        },
        onSkipped: (record) => {
          // Overlapping prefixes can find the same record twice.
          if (!skipped.some((known) => known.id === record.id)) {
            skipped.push(record);
          }
        },
      });

    progress('verifying');
    await Promise.all(sinks.map((sink) => sink.finish()));
    const written = earlierRecords + stats.records;
    const verification = await verifyCount(
      options,
      base,
      plan.total,
      written + skipped.length,
      call,
    );
    if (verification.expected !== verification.actual) {
      throw new ExportVerificationError(
        `Exported ${verification.actual} ${options.module} records (${written} written, ${skipped.length} skipped) but the server counts ${verification.expected}. The records may have changed during the export; the files are kept as ${sinks.map((sink) => sink.partialPath).join(', ')}.`,
        sinks.map((sink) => sink.partialPath),
      );
    }
    const exported: ExportedFile[] = [];
    for (const sink of sinks) {
      await rename(sink.partialPath, sink.path);
      const { size } = await stat(sink.path);
      exported.push({
        format: sink.format,
        path: sink.path,
        records: written,
        bytes: size,
      });
    }
    sinks = [];
    await removeCheckpoint(checkpointPath);
    progress('done');
    const result: ExportResult = {
      module: options.module,
      files: exported,
      records: written,
      pages: stats.pages,
      retries,
      skipped: [...skipped].sort(
        (a, b) => recordNumber(a.id) - recordNumber(b.id),
      ),
      duplicatesDropped: stats.duplicates,
      verification,
      since: sinceReport,
      resumed: checkpoint !== undefined,
      checkpointPath,
      elapsedMs: performance.now() - started,
    };
    return result;
  } catch (error) {
    await Promise.allSettled(sinks.map((sink) => sink.abandon()));
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  } finally {
    unsubscribe?.();
    disposeSignal();
  }
}

async function verifyCount(
  options: NormalizedOptions,
  base: Disjunction,
  total: number | null,
  actual: number,
  call: { signal: AbortSignal },
): Promise<ExportVerification> {
  if (total === null) return { method: 'walk', expected: actual, actual };
  if (total === actual) return { method: 'count', expected: total, actual };
  // The data may have changed while the export ran: count once more.
  const condition =
    options.prefixFilter === undefined
      ? base
      : andDisjunctions(base, prefixUnion(options.prefixFilter));
  const recount = await countRecords(
    options.client,
    options.module,
    condition,
    call,
  );
  return { method: 'count', expected: recount ?? total, actual };
}

async function trySync(
  options: NormalizedOptions,
  since: Date,
  call: { signal: AbortSignal },
): ReturnType<typeof collectSync> {
  const filtered =
    options.where !== undefined ||
    options.prefixFilter !== undefined ||
    options.fields !== undefined;
  const outcome = filtered
    ? {
        ok: false as const,
        reason: 'sync cannot apply where, prefixFilter or fields',
        error: new TypeError(
          "`sinceMethod: 'sync'` cannot be combined with `where`, `prefixFilter` or `fields`, because the sync operation returns every change of the module. Use sinceMethod 'query'.",
        ),
      }
    : await collectSync(options.client, options.module, since, call);
  if (!outcome.ok && options.sinceMethod === 'sync') throw outcome.error;
  return outcome;
}

/**
 * Makes the signal that every request of one export listens to. Each
 * request in flight and each caller waiting for a session adds an abort
 * listener, so the signal may have more than Node's default warning limit
 * of 10; the caller's own signal is only followed, never changed.
 */
function exportSignal(outer: AbortSignal | undefined): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const follow = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    dispose: () => outer?.removeEventListener('abort', follow),
  };
}
