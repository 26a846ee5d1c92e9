import type { ExportOutcome } from './run-export.js';
import type { Runtime } from './runtime.js';

/**
 * Prints where an export wrote its files and how much it wrote: JSON (or
 * the chosen format) for scripts, a few lines of text on a terminal.
 */
export async function printExportSummary(
  runtime: Runtime,
  result: ExportOutcome,
): Promise<void> {
  const summary = {
    module: result.module,
    records: result.records,
    files: result.files.map((file) => ({
      format: file.format,
      path: file.path,
      records: file.records,
      bytes: file.bytes,
    })),
    pages: result.pages,
    retries: result.retries,
    skipped: result.skipped.length,
    resumed: result.resumed,
    seconds: Math.round(result.elapsedMs / 100) / 10,
  };
  for (const record of result.skipped) {
    runtime.warn(`Skipped ${record.id}: ${record.reason}`);
  }
  if (runtime.outputFormat !== 'table') {
    await runtime.print(summary);
    return;
  }
  const lines = [
    `Exported ${summary.records} ${summary.module} records in ${summary.seconds} s${summary.resumed ? ' (resumed)' : ''}:`,
    ...summary.files.map(
      (file) => `  ${file.path}  (${file.format}, ${formatBytes(file.bytes)})`,
    ),
  ];
  runtime.io.stdout.write(`${lines.join('\n')}\n`);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
