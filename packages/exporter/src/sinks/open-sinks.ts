import { join } from 'node:path';
import type { SinkState } from './sink.js';
import type { Sink } from './sink.js';
import type { ExportFormat } from '../types.js';
import { openCsvSink } from './csv-sink.js';
import { openJsonlSink, openJsonSink } from './json-sinks.js';

/** Settings of the output files. */
export interface SinkSettings {
  readonly outDir: string;
  readonly fileName: string;
  readonly formats: readonly ExportFormat[];
  readonly columns: readonly string[];
  readonly bom: boolean;
  readonly safeFormulas: boolean;
}

/** Returns the final path of a format: `<outDir>/<fileName>.<format>`. */
export function outputPath(
  settings: SinkSettings,
  format: ExportFormat,
): string {
  return join(settings.outDir, `${settings.fileName}.${format}`);
}

/** Returns the temporary path written until the export succeeds. */
export function partialPath(path: string): string {
  return `${path}.partial`;
}

/** Opens one sink per format, continuing from `resume` states when given. */
export async function openSinks(
  settings: SinkSettings,
  resume?: Readonly<Partial<Record<ExportFormat, SinkState>>>,
): Promise<Sink[]> {
  const sinks: Sink[] = [];
  try {
    for (const format of settings.formats) {
      const path = outputPath(settings, format);
      const paths = { path, partialPath: partialPath(path) };
      const state = resume?.[format];
      if (resume !== undefined && state === undefined) {
        throw new Error(`The checkpoint has no state for the ${format} file`);
      }
      if (format === 'csv') {
        sinks.push(
          await openCsvSink(
            {
              ...paths,
              columns: settings.columns,
              bom: settings.bom,
              safeFormulas: settings.safeFormulas,
            },
            state,
          ),
        );
      } else if (format === 'json') {
        sinks.push(await openJsonSink(paths, state));
      } else {
        sinks.push(await openJsonlSink(paths, state));
      }
    }
  } catch (error) {
    await Promise.allSettled(sinks.map((sink) => sink.abandon()));
    throw error;
  }
  return sinks;
}
