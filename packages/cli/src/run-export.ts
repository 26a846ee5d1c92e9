import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkpointPathOf,
  exportRecords,
  isExportError,
  type ExportError,
  type ExportOptions,
} from '@vtiger/exporter';
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
    dumbTerminal: runtime.io.env.TERM === 'dumb',
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
    const checkpointPath = checkpointPathOf(
      resolve(options.outDir ?? '.'),
      options.fileName ?? options.module,
    );
    if (interrupted) {
      // Stopped while planning, nothing was written: there is no checkpoint.
      if (!existsSync(checkpointPath)) {
        throw new CommandFailedError(
          'Export interrupted before any record was written; no files or checkpoint were kept. To export, run the same command again.',
          ExitCode.interrupted,
        );
      }
      throw new CommandFailedError(
        `Export interrupted after ${records} records; the checkpoint ${checkpointPath} is kept. To continue, run: ${resumeHint}`,
        ExitCode.interrupted,
      );
    }
    if (isExportError(error)) {
      throw new Error(cliMessage(error, resumeHint), { cause: error });
    }
    throw error;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
}

/** Last sentence of the exporter's page error, written for library users. */
const libraryResumeAdvice =
  'Run the export again with the `resume` option to continue from the last written record.';

/**
 * Rewrites the exporter's advice about its `resume` option in terms of the
 * command line: `--resume`, and the full command for a failed page.
 */
export function cliMessage(error: ExportError, resumeHint: string): string {
  const { message } = error;
  if (message.endsWith(libraryResumeAdvice)) {
    return `${message.slice(0, -libraryResumeAdvice.length)}To continue from the last written record, run: ${resumeHint}`;
  }
  return message.replaceAll('the `resume` option', '--resume');
}
