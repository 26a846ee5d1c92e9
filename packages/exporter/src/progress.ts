/**
 * Progress event of an export. `phase` is `'planning'` before the first page,
 * `'exporting'` after each written page, `'verifying'` during the final
 * checks and `'done'` once, at the end.
 *
 * @example
 * ```ts
 * await exportRecords({
 *   ...options,
 *   onProgress: (p) => console.error(`${p.phase} ${p.records} ${p.rate.toFixed(0)}/s`),
 * });
 * ```
 */
export interface ExportProgress {
  readonly phase: 'planning' | 'exporting' | 'verifying' | 'done';
  /** Records written so far (resumed exports count earlier runs too). */
  readonly records: number;
  /** Pages fetched in this run. */
  readonly pages: number;
  /** Requests the client retried in this run. */
  readonly retries: number;
  /** Records written per second in this run. */
  readonly rate: number;
  /** Milliseconds since this run started. */
  readonly elapsedMs: number;
  /** The server's count of matching records, where it returns one. */
  readonly total: number | undefined;
  /** Id ranges finished and planned. */
  readonly ranges: { readonly done: number; readonly total: number };
  /** Records the server could not encode, skipped so far. */
  readonly skipped: number;
}
