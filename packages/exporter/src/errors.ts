const marker = Symbol.for('@vtiger/exporter/ExportError');

/**
 * Base class of the errors the exporter raises. Use {@link isExportError}
 * to test for it across copies of the package.
 *
 * @example
 * ```ts
 * import { exportRecords, isExportError } from '@vtiger/exporter';
 *
 * try {
 *   await exportRecords({ client, module: 'Leads', formats: ['csv'] });
 * } catch (error) {
 *   if (isExportError(error)) console.error(error.message);
 * }
 * ```
 */
export class ExportError extends Error {
  override name = 'ExportError';
  readonly [marker] = true;
}

/**
 * Tells whether `value` is an {@link ExportError} (of any copy of this
 * package).
 *
 * @example
 * ```ts
 * import { isExportError } from '@vtiger/exporter';
 *
 * isExportError(new Error('x')); //=> false
 * ```
 */
export function isExportError(value: unknown): value is ExportError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/** Position of a failed page: its range, start and end. */
export interface PageLocation {
  readonly module: string;
  /** Index of the id range (0-based) and the number of ranges. */
  readonly range: number;
  readonly ranges: number;
  /** The page starts after this id; null for the start of the range. */
  readonly after: string | null;
  /** The range ends at this id (inclusive); null for no upper bound. */
  readonly upper: string | null;
  /** The VTQL query of the page. */
  readonly query: string;
}

/** Last sentence of an {@link ExportPageError} message. */
const resumeAdvice =
  'Run the export again with the `resume` option to continue from the last written record.';

/**
 * A page still failed after the client's retries. The export stops, and
 * its partial files and checkpoint stay so that `resume: true` continues
 * from the last written record.
 *
 * @example
 * ```ts
 * import { ExportPageError } from '@vtiger/exporter';
 *
 * // error.page.query is the VTQL of the page that failed.
 * if (error instanceof ExportPageError) console.error(error.page.query);
 * ```
 */
export class ExportPageError extends ExportError {
  override name = 'ExportPageError';
  readonly page: PageLocation;

  constructor(page: PageLocation, cause: unknown) {
    const text = cause instanceof Error ? cause.message : String(cause);
    // The cause's message often ends with a full stop already.
    const reason = text.trimEnd().replace(/[.!?]$/, '');
    const after = page.after === null ? 'the start' : `id ${page.after}`;
    const upper = page.upper === null ? 'the end' : `id ${page.upper}`;
    super(
      `Failed to fetch a page of ${page.module} after ${after} (range ${page.range + 1} of ${page.ranges}, up to ${upper}): ${reason}. Query: ${page.query} ${resumeAdvice}`,
      { cause },
    );
    this.page = page;
  }
}

/**
 * The export finished its walk but the result failed a check: the record
 * count differs from the server's count, or the server returned ids out of
 * order. The files stay under their temporary names, listed in `files`.
 *
 * @example
 * ```ts
 * import { ExportVerificationError } from '@vtiger/exporter';
 *
 * if (error instanceof ExportVerificationError) console.error(error.files);
 * ```
 */
export class ExportVerificationError extends ExportError {
  override name = 'ExportVerificationError';
  readonly files: readonly string[];

  constructor(message: string, files: readonly string[]) {
    super(message);
    this.files = files;
  }
}

/**
 * A resume cannot continue: there is no checkpoint, or it belongs to other
 * options, or it is damaged.
 *
 * @example
 * ```ts
 * import { ExportCheckpointError } from '@vtiger/exporter';
 *
 * if (error instanceof ExportCheckpointError) console.error(error.path);
 * ```
 */
export class ExportCheckpointError extends ExportError {
  override name = 'ExportCheckpointError';
  readonly path: string;

  constructor(message: string, path: string) {
    super(message);
    this.path = path;
  }
}
