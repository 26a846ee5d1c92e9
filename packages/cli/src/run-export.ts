import { exportRecords, type ExportOptions } from '@vtiger/exporter';
import { CommandFailedError, ExitCode } from './errors.js';
import { createProgressReporter } from './progress.js';
import type { Runtime } from './runtime.js';

/** Result of {@link runExport}, as the exporter returns it. */
export type ExportOutcome = Awaited<ReturnType<typeof exportRecords>>;

/**
 * Runs an export with progress on standard error and stops it cleanly on
 * Ctrl-C (SIGINT): the exporter is aborted, keeps its checkpoint, and the
 * command fails with exit code 130 and a hint to resume. A second Ctrl-C
 * ends the process at once.
 */
export async function runExport(
  runtime: Runtime,
  options: Omit<ExportOptions, 'signal' | 'onProgress'>,
  resumeHint: string,
): Promise<ExportOutcome> {
  const controller = new AbortController();
  const progress = createProgressReporter(runtime.io.stderr, {
    quiet: runtime.options.quiet === true,
    label: options.module,
  });
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) {
      process.exit(ExitCode.interrupted);
    }
    interrupted = true;
    runtime.io.stderr.write(
      '\nStopping the export after the pages in flight; press Ctrl-C again to quit at once.\n',
    );
    controller.abort(new Error('interrupted by SIGINT'));
  };
  process.on('SIGINT', onSigint);
  let records = 0;
  try {
    return await exportRecords({
      ...options,
      signal: controller.signal,
      onProgress: (event) => {
        records = event.records;
        progress.update({
          records: event.records,
          total: event.total,
          pages: event.pages,
          retries: event.retries,
          rate: event.rate,
        });
      },
    });
  } catch (error) {
    if (interrupted) {
      throw new CommandFailedError(
        `Export interrupted after ${records} records; the checkpoint is kept. To continue, run: ${resumeHint}`,
        ExitCode.interrupted,
      );
    }
    throw error;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
}
