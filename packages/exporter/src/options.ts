import { resolve } from 'node:path';
import type { ExportClient } from './client.js';
import type { ExportProgress } from './progress.js';
import { exportFormats, type ExportFormat } from './types.js';

/**
 * Records whose `field` starts with one of `prefixes` (`LIKE 'prefix%'`).
 *
 * @example
 * ```ts
 * const prefixFilter = { field: 'lastname', prefixes: ['Mc', "O'"] };
 * ```
 */
export interface PrefixFilter {
  /** Field the prefixes apply to, such as `lastname`. */
  readonly field: string;
  /** Literal prefixes; `%`, `_` and `'` in them match themselves. */
  readonly prefixes: readonly string[];
}

/**
 * Options of `exportRecords`.
 *
 * @example
 * ```ts
 * import type { ExportOptions } from '@vtiger/exporter';
 *
 * const options: ExportOptions = {
 *   client,
 *   module: 'Contacts',
 *   fields: ['firstname', 'lastname', 'email'],
 *   formats: ['csv'],
 *   bom: true,
 * };
 * ```
 */
export interface ExportOptions {
  /** A `Vtiger` client from `@vtiger/core` (or anything with its `query` and `describe`). */
  readonly client: ExportClient;
  /** Module name, case-sensitive, as in `listtypes` (`Leads`). */
  readonly module: string;
  /**
   * Condition the records must meet. Either VTQL condition text without
   * `WHERE` (`"leadsource = 'Web'"`), or a query-builder condition or query
   * (any object with `toVTQL()`). For a whole query its WHERE clause is
   * used. Default: every record of the module.
   */
  readonly where?: string | { toVTQL(): string };
  /**
   * Records whose `field` starts with one of the prefixes. Each prefix
   * becomes its own range; a record matching several prefixes is written
   * once. Values are escaped, so `%`, `_` and `'` match themselves.
   */
  readonly prefixFilter?: PrefixFilter;
  /** Fields to export; `id` is always included. Default: every field (`SELECT *`). */
  readonly fields?: readonly string[];
  /** Output formats, written in one pass over the data. Minimum: one format. */
  readonly formats: readonly ExportFormat[];
  /**
   * Folder of the output files, created when missing. Default: the current
   * directory. NOTE: it is created with a recursive `mkdir`, which in Node
   * 20.20.2 never returns for a path under `/proc`.
   */
  readonly outDir?: string;
  /**
   * File name without extension, inside `outDir`: it may not contain `/`
   * or `\`, nor be `.` or `..`. Default: the module name (`Leads.csv`).
   */
  readonly fileName?: string;
  /**
   * Pages fetched at the same time. Give the client at least as many
   * sessions (`concurrency` of `@vtiger/core`), because the server serves
   * one request per session at a time. Minimum: `1`. Default: `4`.
   */
  readonly concurrency?: number;
  /** Rows asked for per page. The server returns at most 100. Minimum: `1`. Default: `100`. */
  readonly pageSize?: number;
  /**
   * Continues an interrupted export of the same options from its
   * checkpoint. Without a checkpoint the export fails with an
   * `ExportCheckpointError` and writes no file, so a mistaken resume never
   * replaces finished files. Default: `false`.
   */
  readonly resume?: boolean;
  /**
   * Only records modified at or after this time (`modifiedtime >=`,
   * compared in UTC). A string must be ISO 8601, and a number is Unix
   * seconds, as for core's `sync()` and the CLI's `--since`.
   */
  readonly since?: Date | string | number;
  /**
   * Method that finds the records of `since`. `'query'` pages by
   * `modifiedtime`. `'sync'` uses the `sync` operation and fails where the
   * server lacks it. `'auto'` tries `sync` and falls back to `'query'`,
   * reporting why. Default: `'query'`.
   */
  readonly sinceMethod?: 'auto' | 'query' | 'sync';
  /** Stops the export; files stay under their temporary names. */
  readonly signal?: AbortSignal;
  /** Called after each written page and at the end. */
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Starts the CSV file with a UTF-8 byte order mark (for Excel). Default: `false`. */
  readonly bom?: boolean;
  /**
   * Prefixes CSV values starting with `=`, `+`, `-`, `@`, tab or CR with
   * `'` so that spreadsheets do not run them as formulas. This changes the
   * data, so it is off by default.
   */
  readonly safeFormulas?: boolean;
  /**
   * Maximum pages per id range when the id space is split. Ranges are made a
   * little shorter where that keeps every slot busy to the end. Minimum:
   * `1`. Default: `32`.
   */
  readonly pagesPerRange?: number;
  /**
   * Records held in memory ahead of the writer. Ranges past the writer
   * pause when this is reached. Minimum: `1`.
   * Default: `concurrency * pagesPerRange * pageSize`.
   */
  readonly maxBufferedRecords?: number;
}

/** Options with defaults applied. */
export interface NormalizedOptions {
  readonly client: ExportClient;
  readonly module: string;
  readonly where: string | undefined;
  readonly prefixFilter: PrefixFilter | undefined;
  readonly fields: readonly string[] | undefined;
  readonly formats: readonly ExportFormat[];
  readonly outDir: string;
  readonly fileName: string;
  readonly concurrency: number;
  readonly pageSize: number;
  readonly resume: boolean;
  readonly since: Date | undefined;
  readonly sinceMethod: 'auto' | 'query' | 'sync';
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((progress: ExportProgress) => void) | undefined;
  readonly bom: boolean;
  readonly safeFormulas: boolean;
  readonly pagesPerRange: number;
  readonly maxBufferedRecords: number;
}

function describeValue(value: unknown): string {
  let text: string;
  try {
    text =
      typeof value === 'string'
        ? value
        : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return `\`${text}\` (${value === null ? 'null' : typeof value})`;
}

function positiveInteger(
  name: string,
  value: unknown,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(
      `Expected \`${name}\` to be an integer >= 1, got ${describeValue(value)}`,
    );
  }
  if (value < 1) {
    throw new RangeError(
      `Expected \`${name}\` to be an integer >= 1, got ${describeValue(value)}`,
    );
  }
  return value;
}

function nonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(
      `Expected \`${name}\` to be a non-empty string, got ${describeValue(value)}`,
    );
  }
  return value;
}

function normalizeWhere(value: ExportOptions['where']): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof value.toVTQL === 'function'
  ) {
    return value.toVTQL();
  }
  throw new TypeError(
    `Expected \`where\` to be VTQL condition text or an object with toVTQL(), got ${describeValue(value)}`,
  );
}

function normalizeFormats(value: unknown): ExportFormat[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(
      `Expected \`formats\` to be a non-empty array of ${exportFormats.map((f) => `'${f}'`).join(', ')}, got ${describeValue(value)}`,
    );
  }
  const formats: ExportFormat[] = [];
  for (const format of value) {
    if (!(exportFormats as readonly unknown[]).includes(format)) {
      throw new TypeError(
        `Expected every entry of \`formats\` to be one of ${exportFormats.map((f) => `'${f}'`).join(', ')}, got ${describeValue(format)}`,
      );
    }
    if (!formats.includes(format as ExportFormat))
      formats.push(format as ExportFormat);
  }
  return exportFormats.filter((format) => formats.includes(format));
}

function normalizeSince(value: ExportOptions['since']): Date | undefined {
  if (value === undefined) return undefined;
  const date =
    value instanceof Date
      ? value
      : new Date(typeof value === 'number' ? value * 1000 : value);
  if (
    (typeof value !== 'string' &&
      typeof value !== 'number' &&
      !(value instanceof Date)) ||
    Number.isNaN(date.getTime())
  ) {
    throw new TypeError(
      `Expected \`since\` to be a Date, an ISO 8601 string or Unix seconds, got ${describeValue(value)}`,
    );
  }
  return date;
}

function normalizePrefixFilter(value: unknown): PrefixFilter | undefined {
  if (value === undefined) return undefined;
  const filter = value as Partial<PrefixFilter> | null;
  if (
    typeof filter !== 'object' ||
    filter === null ||
    typeof filter.field !== 'string' ||
    filter.field === '' ||
    !Array.isArray(filter.prefixes) ||
    filter.prefixes.length === 0 ||
    filter.prefixes.some(
      (prefix) => typeof prefix !== 'string' || prefix === '',
    )
  ) {
    throw new TypeError(
      `Expected \`prefixFilter\` to be { field: string, prefixes: non-empty strings[] }, got ${describeValue(value)}`,
    );
  }
  return { field: filter.field, prefixes: [...filter.prefixes] };
}

function fileNameOf(value: unknown): string {
  const name = nonEmptyString('fileName', value);
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    throw new TypeError(
      `Expected \`fileName\` to be a file name without a folder (no / or \\, not . or ..), got ${describeValue(value)}. Put the folder in \`outDir\`.`,
    );
  }
  return name;
}

/**
 * Applies defaults and validates. Throws `TypeError` for a wrong type and
 * `RangeError` for a value out of range, naming the option.
 */
export function normalizeOptions(options: ExportOptions): NormalizedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `Expected export options to be an object, got ${describeValue(options)}`,
    );
  }
  const client = options.client as ExportClient | undefined;
  if (
    typeof client !== 'object' ||
    client === null ||
    typeof client.query !== 'function' ||
    typeof client.describe !== 'function'
  ) {
    throw new TypeError(
      'Expected `client` to be a Vtiger client with query() and describe(), for example `new Vtiger({ url, username, accessKey })` from @vtiger/core',
    );
  }
  const module = nonEmptyString('module', options.module);
  if (options.fields !== undefined) {
    if (
      !Array.isArray(options.fields) ||
      options.fields.some((f) => typeof f !== 'string' || f === '')
    ) {
      throw new TypeError(
        `Expected \`fields\` to be an array of field names, got ${describeValue(options.fields)}`,
      );
    }
  }
  const concurrency = positiveInteger('concurrency', options.concurrency, 4);
  const pageSize = positiveInteger('pageSize', options.pageSize, 100);
  const pagesPerRange = positiveInteger(
    'pagesPerRange',
    options.pagesPerRange,
    32,
  );
  const sinceMethod = options.sinceMethod ?? 'query';
  if (!['auto', 'query', 'sync'].includes(sinceMethod)) {
    throw new TypeError(
      `Expected \`sinceMethod\` to be 'auto', 'query' or 'sync', got ${describeValue(sinceMethod)}`,
    );
  }
  const fields =
    options.fields === undefined
      ? undefined
      : [...new Set(['id', ...options.fields])];
  return {
    client,
    module,
    where: normalizeWhere(options.where),
    prefixFilter: normalizePrefixFilter(options.prefixFilter),
    fields,
    formats: normalizeFormats(options.formats),
    outDir: resolve(options.outDir ?? '.'),
    fileName:
      options.fileName === undefined ? module : fileNameOf(options.fileName),
    concurrency,
    pageSize,
    resume: options.resume ?? false,
    since: normalizeSince(options.since),
    sinceMethod,
    signal: options.signal,
    onProgress: options.onProgress,
    bom: options.bom ?? false,
    safeFormulas: options.safeFormulas ?? false,
    pagesPerRange,
    maxBufferedRecords: positiveInteger(
      'maxBufferedRecords',
      options.maxBufferedRecords,
      concurrency * pagesPerRange * pageSize,
    ),
  };
}
