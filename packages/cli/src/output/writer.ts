import { once } from 'node:events';
import type { OutputStream } from '../io.js';
import { csvRow } from './csv.js';
import type { OutputFormat } from './format.js';
import { formatKeyValue, formatTable } from './table.js';

/** Writes text to a stream and waits when the stream's buffer is full. */
export async function writeText(
  stream: OutputStream,
  text: string,
): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Writes a list of records in the chosen format, one at a time, so
 * `query --all` can stream a large result. Tables are buffered because
 * column widths depend on every row.
 */
export class RecordWriter {
  readonly #stream: OutputStream;
  readonly #format: OutputFormat;
  readonly #bold: (text: string) => string;
  #columns: string[] | undefined;
  #count = 0;
  readonly #buffered: Record<string, unknown>[] = [];

  readonly #notice: ((message: string) => void) | undefined;

  constructor(
    stream: OutputStream,
    format: OutputFormat,
    bold: (text: string) => string,
    options: {
      columns?: readonly string[];
      /** Receives notes for standard error, such as hidden table columns. */
      notice?: (message: string) => void;
    } = {},
  ) {
    const { columns, notice } = options;
    this.#notice = notice;
    this.#stream = stream;
    this.#format = format;
    this.#bold = bold;
    this.#columns = columns ? [...columns] : undefined;
  }

  /** Number of records written so far. */
  get count(): number {
    return this.#count;
  }

  /** Writes one record. */
  async write(record: Record<string, unknown>): Promise<void> {
    const first = this.#count === 0;
    this.#count += 1;
    switch (this.#format) {
      case 'json':
        await writeText(
          this.#stream,
          `${first ? '[\n' : ',\n'}${indent(JSON.stringify(record, null, 2))}`,
        );
        return;
      case 'jsonl':
        await writeText(this.#stream, `${JSON.stringify(record)}\n`);
        return;
      case 'csv': {
        if (first) {
          this.#columns ??= Object.keys(record);
          await writeText(this.#stream, csvRow(this.#columns));
        }
        const columns = this.#columns ?? [];
        await writeText(
          this.#stream,
          csvRow(columns.map((column) => record[column])),
        );
        return;
      }
      case 'table':
        this.#buffered.push(record);
        return;
    }
  }

  /** Finishes the output: closes the JSON array or prints the table. */
  async end(): Promise<void> {
    switch (this.#format) {
      case 'json':
        await writeText(this.#stream, this.#count === 0 ? '[]\n' : '\n]\n');
        return;
      case 'table': {
        if (this.#buffered.length === 0) {
          return;
        }
        const columns = this.#columns ?? unionOfKeys(this.#buffered);
        const table = formatTable(
          columns,
          this.#buffered,
          this.#bold,
          this.#stream.columns ?? Infinity,
        );
        await writeText(this.#stream, table.text);
        if (table.hiddenColumns > 0) {
          this.#notice?.(
            `${table.hiddenColumns} more columns do not fit the terminal; choose some with --fields or use --output json.`,
          );
        }
        return;
      }
      default:
        return;
    }
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Returns every key of the rows in first-seen order, with `id` first. */
function unionOfKeys(rows: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  if (rows.some((row) => 'id' in row)) keys.add('id');
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

/**
 * Writes one result value. Objects print as field/value pairs in a table;
 * CSV writes one header line and one row.
 */
export async function writeValue(
  stream: OutputStream,
  format: OutputFormat,
  value: unknown,
  bold: (text: string) => string,
  notice?: (message: string) => void,
): Promise<void> {
  if (Array.isArray(value)) {
    const writer = new RecordWriter(
      stream,
      format,
      bold,
      notice === undefined ? {} : { notice },
    );
    for (const item of value) {
      await writer.write(
        typeof item === 'object' && item !== null
          ? (item as Record<string, unknown>)
          : { value: item },
      );
    }
    await writer.end();
    return;
  }
  const record =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : { value };
  switch (format) {
    case 'json':
      await writeText(stream, `${JSON.stringify(value, null, 2)}\n`);
      return;
    case 'jsonl':
      await writeText(stream, `${JSON.stringify(value)}\n`);
      return;
    case 'csv':
      await writeText(
        stream,
        csvRow(Object.keys(record)) + csvRow(Object.values(record)),
      );
      return;
    case 'table':
      await writeText(stream, formatKeyValue(record, bold));
      return;
  }
}
