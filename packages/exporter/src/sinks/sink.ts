import type { ExportRecord } from '../types.js';

/** State a sink needs to continue a file after a resume. */
export interface SinkState {
  /** Bytes of the temporary file that belong to the export. */
  readonly bytes: number;
  /** Records written to the file. */
  readonly records: number;
  /** CSV only: keys outside the header seen so far, in order of appearance. */
  readonly extraKeys?: readonly string[];
}

/** One output file being written. */
export interface Sink {
  readonly format: 'csv' | 'json' | 'jsonl';
  /** The temporary path written during the export. */
  readonly partialPath: string;
  /** The final path the file is renamed to when the export succeeds. */
  readonly path: string;
  /**
   * Queues one record. `json` is `JSON.stringify(record)`, as text or as
   * UTF-8 bytes, which the caller may reuse once `write` returns; the CSV
   * sink ignores it.
   */
  write(record: ExportRecord, json: string | Buffer): void;
  /**
   * JSON and JSON Lines: queues one record given only as the UTF-8 bytes
   * `bytes[start..end)` of its JSON text. CSV: queues one row made by
   * {@link Sink.encodeRow}, given as its UTF-8 bytes. The caller may reuse
   * the buffer once this returns.
   */
  writeBytes(bytes: Buffer, start: number, end: number): void;
  /**
   * CSV only: formats the record's cells of the header columns, or returns
   * undefined when the record has keys outside them (then it must go
   * through {@link Sink.write}). The result does not depend on the records
   * written before, so it can be made before the record's turn.
   */
  encodeRow?(record: ExportRecord): string | undefined;
  readonly pendingBytes: number;
  flush(): Promise<void>;
  /** State after the last flush, for the checkpoint. */
  state(): SinkState;
  /** Writes the closing text, syncs and closes the temporary file. */
  finish(): Promise<void>;
  /** Closes the file, leaving it as written so far. */
  abandon(): Promise<void>;
}
