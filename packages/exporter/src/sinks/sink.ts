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
  readonly pendingBytes: number;
  flush(): Promise<void>;
  /** State after the last flush, for the checkpoint. */
  state(): SinkState;
  /** Writes the closing text, syncs and closes the temporary file. */
  finish(): Promise<void>;
  /** Closes the file, leaving it as written so far. */
  abandon(): Promise<void>;
}
