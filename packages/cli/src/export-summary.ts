import { stat } from 'node:fs/promises';
import type { ExportOutcome } from './run-export.js';
import type { Runtime } from './runtime.js';

/** Prints where an export wrote its files and how much it wrote. */
export async function printExportSummary(
  runtime: Runtime,
  result: ExportOutcome,
  durationMs: number,
): Promise<void> {
  const files = [];
  for (const [format, path] of Object.entries(result.files)) {
    const size = (await stat(path)).size;
    files.push({ format, path, bytes: size });
  }
  const summary = {
    module: result.module,
    records: result.records,
    files,
    seconds: Math.round(durationMs / 100) / 10,
  };
  if (runtime.outputFormat !== 'table') {
    await runtime.print(summary);
    return;
  }
  const lines = [
    `Exported ${summary.records} ${summary.module} records in ${summary.seconds} s:`,
    ...files.map(
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
