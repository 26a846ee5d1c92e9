import { createReadStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { CsvFormatterStream, FormatterOptions, parse } from 'fast-csv';
import type { ExportRecord } from '../types.js';
import { FileWriter } from './file-writer.js';
import type { Sink, SinkState } from './sink.js';

/** Options of the CSV file. */
export interface CsvSinkOptions {
  readonly path: string;
  readonly partialPath: string;
  /** Header columns: describe order (or the requested fields). */
  readonly columns: readonly string[];
  /** Starts the file with a UTF-8 byte order mark. */
  readonly bom: boolean;
  /** Prefixes values starting with `= + - @`, tab or CR with `'`. */
  readonly safeFormulas: boolean;
}

const BOM = '\ufeff';
const ROW_DELIMITER = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

/** The synchronous row formatter inside fast-csv's CsvFormatterStream. */
interface RowFormatterLike {
  format(
    row: readonly string[],
    callback: (error: Error | null, rows?: string[]) => void,
  ): void;
}

/**
 * Formats rows with fast-csv: RFC 4180 with CRLF row ends, fields quoted
 * when they contain a comma, quote, CR or LF, quotes doubled. fast-csv puts
 * the row delimiter before every row but the first.
 */
class RowEncoder {
  readonly #stream: CsvFormatterStream<readonly string[], readonly string[]>;
  readonly #formatter: RowFormatterLike | undefined;

  constructor() {
    this.#stream = new CsvFormatterStream(
      new FormatterOptions({
        objectMode: true,
        rowDelimiter: ROW_DELIMITER,
        quoteColumns: false,
        quoteHeaders: false,
      }),
    );
    // NOTE: fast-csv 5.0.8 keeps its row formatter in the undocumented
    // `rowFormatter` field. Calling it directly skips the stream machinery
    // and halves the time per row; without it the stream is used.
    const formatter = (this.#stream as unknown as { rowFormatter?: unknown })
      .rowFormatter as Partial<RowFormatterLike> | undefined;
    this.#formatter =
      typeof formatter?.format === 'function'
        ? (formatter as RowFormatterLike)
        : undefined;
  }

  /** Returns the formatted row. */
  encode(cells: readonly string[]): string | Buffer {
    if (this.#formatter !== undefined) {
      let formatted: string | undefined;
      let failure: Error | null = null;
      this.#formatter.format(cells, (error, rows) => {
        failure = error;
        formatted = rows?.join('');
      });
      if (failure !== null) throw failure;
      if (formatted !== undefined) return formatted;
    }
    this.#stream.write(cells);
    const chunk: unknown = this.#stream.read();
    if (!Buffer.isBuffer(chunk)) {
      throw new Error('fast-csv did not format the row synchronously');
    }
    return chunk;
  }
}

/**
 * Writes CSV. The header is the given columns, then keys outside them
 * sorted by name. Keys outside the header are rare (a query returns the
 * describe fields), so the file is written with the known columns and
 * rewritten once at the end when other keys appeared.
 */
export async function openCsvSink(
  options: CsvSinkOptions,
  resume?: SinkState,
): Promise<Sink> {
  const writer = await FileWriter.open(options.partialPath, resume?.bytes);
  const encoder = new RowEncoder();
  const columns = [...options.columns, ...(resume?.extraKeys ?? [])];
  const known = new Set(columns);
  const extraKeys = [...(resume?.extraKeys ?? [])];
  let records = resume?.records ?? 0;
  // Rows after the header need a leading CRLF. A new encoder omits it for
  // its first row, so it is added here when resuming.
  let needsDelimiter = resume !== undefined;

  const push = (cells: readonly string[]): void => {
    if (needsDelimiter) {
      writer.write(ROW_DELIMITER);
      needsDelimiter = false;
    }
    writer.write(encoder.encode(cells));
  };

  if (resume === undefined) {
    if (options.bom) writer.write(BOM);
    push(options.columns);
  }

  const cell = (value: string | null | undefined): string => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'string' ? value : String(value);
    return options.safeFormulas && FORMULA_START.test(text) ? `'${text}` : text;
  };

  return {
    format: 'csv',
    path: options.path,
    partialPath: options.partialPath,
    write(record: ExportRecord) {
      for (const key in record) {
        if (!known.has(key)) {
          known.add(key);
          columns.push(key);
          extraKeys.push(key);
        }
      }
      const cells = new Array<string>(columns.length);
      for (let index = 0; index < columns.length; index += 1) {
        cells[index] = cell(record[columns[index] as string]);
      }
      push(cells);
      records += 1;
    },
    get pendingBytes() {
      return writer.pendingBytes;
    },
    flush: () => writer.flush(),
    state: () => ({ bytes: writer.bytes, records, extraKeys: [...extraKeys] }),
    async finish() {
      writer.write(ROW_DELIMITER);
      await writer.close();
      if (extraKeys.length > 0) {
        await rewriteWithHeader(options, extraKeys);
      }
    },
    abandon: () => writer.discard(),
  };
}

/**
 * Rewrites the file with the final header: the base columns, then the
 * extra keys sorted by name. Rows written before a key first appeared are
 * shorter, and get empty cells for it.
 */
async function rewriteWithHeader(
  options: CsvSinkOptions,
  extraKeys: readonly string[],
): Promise<void> {
  const base = options.columns.length;
  const sorted = [...extraKeys].sort();
  const order = sorted.map((key) => base + extraKeys.indexOf(key));
  const target = `${options.partialPath}.rewrite`;
  const writer = await FileWriter.open(target);
  const encoder = new RowEncoder();
  if (options.bom) writer.write(BOM);
  writer.write(encoder.encode([...options.columns, ...sorted]));
  const source = createReadStream(options.partialPath, {
    start: options.bom ? Buffer.byteLength(BOM) : 0,
  });
  const rows = source.pipe(parse({ headers: false, ignoreEmpty: true }));
  let header = true;
  try {
    for await (const row of rows as AsyncIterable<string[]>) {
      if (header) {
        header = false;
        continue;
      }
      const cells = row.slice(0, base);
      for (const index of order) cells.push(row[index] ?? '');
      writer.write(encoder.encode(cells));
      if (writer.pendingBytes > 1 << 20) await writer.flush();
    }
    writer.write(ROW_DELIMITER);
    await writer.close();
  } catch (error) {
    await writer.discard();
    throw error;
  }
  await rename(target, options.partialPath);
}
