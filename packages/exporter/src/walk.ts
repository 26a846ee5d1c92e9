import { setImmediate as nextTurn } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { SkippedRecord } from './checkpoint.js';
import { ExportPageError, ExportVerificationError } from './errors.js';
import { fetchPage, lastId, type PageContext } from './fetch-page.js';
import { pageQuery, type RangeSpec } from './ranges.js';
import { recordNumber } from './record-id.js';
import type { ExportRecord } from './types.js';

/**
 * The records of one page in the form they wait in until they are written
 * (for the exporter: encoded output bytes rather than parsed objects).
 */
export interface PackedRecords {
  /** Writes the record at `index` of the page. */
  write(index: number): void;
  /** Called once the walk is done with the page (all of it written or dropped). */
  release(): void;
}

/** Receives records in global id order. */
export interface RecordWriter {
  /**
   * Packs a fetched page, once, when it arrives. The walk writes its
   * records later with {@link PackedRecords.write}, in global id order
   * (ids strictly increase) and possibly not all of them (duplicates).
   */
  pack(records: readonly ExportRecord[]): PackedRecords;
  /** Bytes queued and not yet written to disk. */
  readonly pendingBytes: number;
  /**
   * Writes queued text, and saves a checkpoint when `checkpoint` is true
   * (at the end, on failure, and every few flushes in between).
   */
  flush(lastWrittenId: string | null, checkpoint: boolean): Promise<void>;
}

/** Options of {@link walkRanges}. */
export interface WalkOptions {
  readonly context: PageContext;
  readonly ranges: readonly RangeSpec[];
  /** Continue after this id in every range (resume); null to start fresh. */
  readonly startAfter: string | null;
  readonly concurrency: number;
  readonly pageSize: number;
  readonly maxBufferedRecords: number;
  readonly writer: RecordWriter;
  /** Called after records were written. */
  readonly onWritten: (stats: WalkStats) => void;
  readonly onSkipped: (record: SkippedRecord) => void;
}

/** Counters of a walk. */
export interface WalkStats {
  records: number;
  pages: number;
  rangesDone: number;
  /** Records dropped because another range (overlapping prefix) had them. */
  duplicates: number;
  lastWrittenId: string | null;
}

/**
 * Flush to disk when this many bytes are queued. The queued bytes sit in
 * the file writers' blocks, so this bounds their memory.
 */
const FLUSH_BYTES = 1 << 20;

/** Flushes between two checkpoints while the walk runs. */
const FLUSHES_PER_CHECKPOINT = 8;

/**
 * Records written before the walk lets pending I/O run. Without this
 * limit, a backlog of buffered ranges (thousands of records) was written
 * in one synchronous run, and responses that arrived meanwhile waited
 * with their next requests unsent.
 */
const WRITE_BATCH = 200;

/**
 * A page waiting to be written: its ids, and its records, which the writer
 * packs on the next turn of the event loop or when they are written,
 * whichever comes first.
 */
class BufferedPage {
  readonly ids: readonly string[];
  readonly numbers: readonly number[];
  #records: readonly ExportRecord[] | null;
  #packed: PackedRecords | null = null;
  readonly #writer: RecordWriter;

  constructor(
    ids: readonly string[],
    numbers: readonly number[],
    records: readonly ExportRecord[],
    writer: RecordWriter,
  ) {
    this.ids = ids;
    this.numbers = numbers;
    this.#records = records;
    this.#writer = writer;
  }

  /** Packs the records once; later calls return the same result. */
  pack(): PackedRecords {
    if (this.#packed === null) {
      this.#packed = this.#writer.pack(this.#records ?? []);
      this.#records = null;
    }
    return this.#packed;
  }
}

class RangeState {
  readonly index: number;
  readonly spec: RangeSpec;
  readonly upperNumber: number;
  cursor: string | null;
  cursorNumber: number;
  done = false;
  inFlight = false;
  readonly pages: BufferedPage[] = [];
  /** Position inside pages[0]. */
  offset = 0;
  buffered = 0;

  constructor(index: number, spec: RangeSpec, startAfter: string | null) {
    this.index = index;
    this.spec = spec;
    this.upperNumber =
      spec.upper === null ? Infinity : recordNumber(spec.upper);
    const lower = spec.lower === null ? -Infinity : recordNumber(spec.lower);
    const start = startAfter === null ? -Infinity : recordNumber(startAfter);
    this.cursor = start > lower ? startAfter : spec.lower;
    this.cursorNumber = Math.max(lower, start);
    if (this.cursorNumber >= this.upperNumber) this.done = true;
  }

  headNumber(): number {
    return (this.pages[0] as BufferedPage).numbers[this.offset] as number;
  }
}

/**
 * Walks every range by keyset pages (`id > cursor ORDER BY id LIMIT n`)
 * with at most `concurrency` pages in flight, and hands records to the
 * writer in global id order. A record can be written once no unfinished
 * range with an empty buffer could still return a smaller id. Ranges
 * whose buffers hold `maxBufferedRecords` between them pause, except the
 * range the writer waits for.
 */
export async function walkRanges(options: WalkOptions): Promise<WalkStats> {
  const { context, writer, pageSize, concurrency } = options;
  const ranges = options.ranges.map(
    (spec, index) => new RangeState(index, spec, options.startAfter),
  );
  const stats: WalkStats = {
    records: 0,
    pages: 0,
    rangesDone: ranges.filter((range) => range.done).length,
    duplicates: 0,
    lastWrittenId: options.startAfter,
  };
  let lastWrittenNumber =
    options.startAfter === null ? -Infinity : recordNumber(options.startAfter);
  const queue = new PQueue({ concurrency });
  let inFlight = 0;
  let totalBuffered = 0;
  let flushes = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signalWriter = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const location = (range: RangeState) => ({
    module: context.module,
    range: range.index,
    ranges: ranges.length,
    after: range.cursor,
    upper: range.spec.upper,
    query: pageQuery(
      context.module,
      context.select,
      range.spec,
      range.cursor,
      pageSize,
    ),
  });

  /**
   * Checks a page's ids, moves the range's cursor past them and counts them
   * as buffered. Returns the ids for the caller to buffer, or undefined.
   */
  const acceptPage = (
    range: RangeState,
    records: readonly ExportRecord[],
    last: string | null,
  ): { ids: string[]; numbers: number[] } | undefined => {
    let previous = range.cursorNumber;
    const ids = new Array<string>(records.length);
    const numbers = new Array<number>(records.length);
    for (let index = 0; index < records.length; index += 1) {
      const record = records[index] as ExportRecord;
      const value = recordNumber(record.id);
      ids[index] = record.id;
      numbers[index] = value;
      if (value <= previous || value > range.upperNumber) {
        throw new ExportVerificationError(
          `The server returned ${context.module} ids out of order or outside the page bounds (${record.id} after ${range.cursor ?? 'the start'}, upper bound ${range.spec.upper ?? 'none'}); the export cannot guarantee that no record was skipped.`,
          [],
        );
      }
      previous = value;
    }
    if (last === null) {
      range.done = true;
      stats.rangesDone += 1;
      return undefined;
    }
    range.cursor = last;
    range.cursorNumber = recordNumber(last);
    if (range.cursorNumber >= range.upperNumber) {
      range.done = true;
      stats.rangesDone += 1;
    }
    if (records.length === 0) return undefined;
    range.buffered += records.length;
    totalBuffered += records.length;
    return { ids, numbers };
  };

  const launch = (range: RangeState): void => {
    range.inFlight = true;
    inFlight += 1;
    let settled = false;
    // Set when the page is packed on the next turn, which then wakes the writer.
    let packLater = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      range.inFlight = false;
      inFlight -= 1;
    };
    const after = range.cursor;
    queue
      .add(() => fetchPage(context, range.spec, after, pageSize), {
        signal: context.signal,
      })
      .then(
        (page) => {
          stats.pages += 1;
          for (const record of page.skipped) options.onSkipped(record);
          const accepted = acceptPage(range, page.records, lastId(page));
          // The next request goes out first, and the page is packed on the
          // next turn, so formatting overlaps with the network wait. Packing
          // soon still lets the parsed records die young.
          settle();
          pump();
          if (accepted === undefined) return;
          const buffered = new BufferedPage(
            accepted.ids,
            accepted.numbers,
            page.records,
            writer,
          );
          range.pages.push(buffered);
          packLater = true;
          setImmediate(() => {
            try {
              buffered.pack();
            } catch (error) {
              failure ??= error;
            }
            signalWriter();
          });
        },
        (error: unknown) => {
          failure ??= context.signal.aborted
            ? error
            : new ExportPageError(location(range), error);
        },
      )
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        settle();
        pump();
        if (!packLater) signalWriter();
      });
  };

  const pump = (): void => {
    if (context.signal.aborted) failure ??= context.signal.reason;
    if (failure !== undefined) return;
    while (inFlight < concurrency) {
      let minimumCursor = Infinity;
      for (const range of ranges) {
        if (!range.done && range.cursorNumber < minimumCursor)
          minimumCursor = range.cursorNumber;
      }
      let chosen: RangeState | undefined;
      for (const range of ranges) {
        if (range.done || range.inFlight) continue;
        const waitedFor =
          range.buffered === 0 && range.cursorNumber <= minimumCursor;
        if (!waitedFor && totalBuffered >= options.maxBufferedRecords) continue;
        if (chosen === undefined || range.cursorNumber < chosen.cursorNumber)
          chosen = range;
      }
      if (chosen === undefined) return;
      launch(chosen);
    }
  };

  /** Writes up to `budget` records that are safe to write; returns how many. */
  const emit = (budget: number): number => {
    let written = 0;
    for (;;) {
      if (written >= budget) return written;
      let best: RangeState | undefined;
      let bestNumber = Infinity;
      let limit = Infinity;
      for (const range of ranges) {
        if (range.buffered > 0) {
          const head = range.headNumber();
          if (head < bestNumber) {
            limit = Math.min(limit, bestNumber);
            bestNumber = head;
            best = range;
          } else {
            limit = Math.min(limit, head);
          }
        } else if (!range.done) {
          limit = Math.min(limit, range.cursorNumber);
        }
      }
      if (best === undefined || bestNumber > limit) return written;
      // Write from `best` while its ids stay at or below every other
      // range's head and every waiting range's cursor.
      while (best.buffered > 0 && written < budget) {
        const page = best.pages[0] as BufferedPage;
        const index = best.offset;
        const value = page.numbers[index] as number;
        if (value > limit) break;
        best.offset += 1;
        best.buffered -= 1;
        totalBuffered -= 1;
        const pageDone = best.offset === page.numbers.length;
        if (pageDone) {
          best.pages.shift();
          best.offset = 0;
        }
        if (value === lastWrittenNumber) {
          stats.duplicates += 1;
        } else {
          page.pack().write(index);
          lastWrittenNumber = value;
          stats.lastWrittenId = page.ids[index] as string;
          stats.records += 1;
          written += 1;
        }
        // The page's buffer goes back for reuse only after its last record
        // is written.
        if (pageDone) page.pack().release();
      }
    }
  };

  const finished = (): boolean =>
    inFlight === 0 &&
    totalBuffered === 0 &&
    ranges.every((range) => range.done);

  context.signal.addEventListener('abort', signalWriter);
  try {
    pump();
    for (;;) {
      if (context.signal.aborted) failure ??= context.signal.reason;
      if (failure !== undefined) throw failure;
      const written = emit(WRITE_BATCH);
      if (written > 0) options.onWritten(stats);
      if (writer.pendingBytes >= FLUSH_BYTES) {
        flushes += 1;
        await writer.flush(
          stats.lastWrittenId,
          flushes % FLUSHES_PER_CHECKPOINT === 0,
        );
      }
      pump();
      if (failure !== undefined) throw failure;
      if (finished()) break;
      if (written === WRITE_BATCH) {
        await nextTurn();
        continue;
      }
      if (written > 0) continue;
      if (inFlight === 0) {
        // Nothing in flight and nothing to write, yet not finished: the
        // rules above left no page to fetch, which would be a bug in them.
        throw new Error(
          'Export walk stalled: no page can be fetched and no record written',
        );
      }
      // Woken when a page is buffered or fails, or on abort.
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (failure !== undefined || context.signal.aborted) signalWriter();
      });
    }
    await writer.flush(stats.lastWrittenId, true);
    return stats;
  } catch (error) {
    queue.clear();
    // NOTE: pages in flight are left to finish rather than aborted, because
    // @vtiger/core leaves an unhandled AbortError behind when a call is
    // aborted between retries.
    await queue.onIdle();
    // Keep what was written in order, so that resume continues from it.
    await writer.flush(stats.lastWrittenId, true);
    throw error;
  } finally {
    context.signal.removeEventListener('abort', signalWriter);
  }
}
