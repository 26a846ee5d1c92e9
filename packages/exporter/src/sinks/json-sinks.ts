import type { ExportRecord } from '../types.js';
import { FileWriter } from './file-writer.js';
import type { Sink, SinkState } from './sink.js';

interface SinkPaths {
  readonly path: string;
  readonly partialPath: string;
}

/** Writes JSON Lines: one record per line, each line ending in `\n`. */
export async function openJsonlSink(
  paths: SinkPaths,
  resume?: SinkState,
): Promise<Sink> {
  const writer = await FileWriter.open(paths.partialPath, resume?.bytes);
  let records = resume?.records ?? 0;
  return {
    format: 'jsonl',
    ...paths,
    write(_record: ExportRecord, json: string | Buffer) {
      writer.write(json);
      writer.write('\n');
      records += 1;
    },
    writeBytes(bytes: Buffer, start: number, end: number) {
      writer.writeBytes(bytes, start, end);
      writer.write('\n');
      records += 1;
    },
    get pendingBytes() {
      return writer.pendingBytes;
    },
    flush: () => writer.flush(),
    state: () => ({ bytes: writer.bytes, records }),
    finish: () => writer.close(),
    abandon: () => writer.discard(),
  };
}

/**
 * Writes one JSON array with one record per line:
 * `[\n{...},\n{...}\n]\n`, or `[]\n` when there are no records.
 */
export async function openJsonSink(
  paths: SinkPaths,
  resume?: SinkState,
): Promise<Sink> {
  const writer = await FileWriter.open(paths.partialPath, resume?.bytes);
  let records = resume?.records ?? 0;
  if (resume === undefined) writer.write('[');
  return {
    format: 'json',
    ...paths,
    write(_record: ExportRecord, json: string | Buffer) {
      writer.write(records === 0 ? '\n' : ',\n');
      writer.write(json);
      records += 1;
    },
    writeBytes(bytes: Buffer, start: number, end: number) {
      writer.write(records === 0 ? '\n' : ',\n');
      writer.writeBytes(bytes, start, end);
      records += 1;
    },
    get pendingBytes() {
      return writer.pendingBytes;
    },
    flush: () => writer.flush(),
    state: () => ({ bytes: writer.bytes, records }),
    async finish() {
      writer.write(records === 0 ? ']\n' : '\n]\n');
      await writer.close();
    },
    abandon: () => writer.discard(),
  };
}
