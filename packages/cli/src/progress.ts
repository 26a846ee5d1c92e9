import cliProgress from 'cli-progress';
import type { OutputStream } from './io.js';

/** Counters shown while an export runs. */
export interface ProgressSnapshot {
  records: number;
  /** Records expected in total, when known. */
  total?: number | undefined;
  pages: number;
  retries: number;
  /** Records per second. */
  rate: number;
}

/** Shows export progress on standard error. */
export interface ProgressReporter {
  update(snapshot: ProgressSnapshot): void;
  stop(): void;
}

/** Interval between plain progress lines when standard error is not a terminal. */
export const plainProgressInterval = 5_000;

function describeSnapshot(snapshot: ProgressSnapshot): string {
  const records =
    snapshot.total === undefined
      ? `${snapshot.records} records`
      : `${snapshot.records}/${snapshot.total} records`;
  return `${records}, ${snapshot.pages} pages, ${Math.round(snapshot.rate)} records/s, ${snapshot.retries} retries`;
}

/**
 * Creates a progress reporter: a bar on a terminal, a plain line every five
 * seconds otherwise or on a terminal without cursor movement (`TERM=dumb`),
 * nothing with `quiet`.
 */
export function createProgressReporter(
  stream: OutputStream,
  options: { quiet: boolean; label: string; dumbTerminal?: boolean },
): ProgressReporter {
  if (options.quiet) return { update() {}, stop() {} };
  if (stream.isTTY === true && options.dumbTerminal !== true) {
    return createBar(stream, options.label);
  }
  return createPlainReporter(stream, options.label);
}

function createBar(stream: OutputStream, label: string): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      format: (options, params, payload: { text?: string }) => {
        const text = payload.text ?? '';
        if (params.total > 0) {
          const size = options.barsize ?? 30;
          const filled = Math.round(Math.min(1, params.progress) * size);
          return `${label} [${'#'.repeat(filled)}${'-'.repeat(size - filled)}] ${text}`;
        }
        return `${label} ${text}`;
      },
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(snapshot) {
      const payload = { text: describeSnapshot(snapshot) };
      if (!started) {
        bar.start(snapshot.total ?? 0, snapshot.records, payload);
        started = true;
        return;
      }
      if (snapshot.total !== undefined) bar.setTotal(snapshot.total);
      bar.update(snapshot.records, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function createPlainReporter(
  stream: OutputStream,
  label: string,
): ProgressReporter {
  let latest: ProgressSnapshot | undefined;
  let printed: ProgressSnapshot | undefined;
  const timer = setInterval(() => {
    if (latest !== undefined && latest !== printed) {
      stream.write(`${label} ${describeSnapshot(latest)}\n`);
      printed = latest;
    }
  }, plainProgressInterval);
  timer.unref();
  return {
    update(snapshot) {
      latest = snapshot;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
