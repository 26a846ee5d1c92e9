/**
 * Readers for the exporter's three formats, written independently of the
 * exporter so that the suite checks its files rather than trusting them.
 */
import { readFile } from 'node:fs/promises';

export type ExportedRow = Record<string, unknown>;

/** Reads a JSON export: one array of records. */
export async function readJsonExport(path: string): Promise<ExportedRow[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) {
    throw new Error(`JSON export ${path} does not contain an array`);
  }
  return parsed as ExportedRow[];
}

/** Reads a JSON Lines export: one record per line. */
export async function readJsonLinesExport(
  path: string,
): Promise<ExportedRow[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExportedRow);
}

/**
 * Reads a CSV export (RFC 4180: comma separated, double quotes doubled inside
 * quoted fields, CRLF or LF rows, optional UTF-8 byte order mark) into
 * records keyed by the header row.
 */
export async function readCsvExport(path: string): Promise<ExportedRow[]> {
  let text = await readFile(path, 'utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const rows = parseCsv(text);
  const header = rows.shift();
  if (header === undefined) return [];
  return rows.map((cells) => {
    const row: ExportedRow = {};
    header.forEach((name, index) => {
      row[name] = cells[index] ?? '';
    });
    return row;
  });
}

/** Splits CSV text into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (char === '\r' && text[index + 1] === '\n') index += 1;
    } else {
      cell += char;
    }
    index += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
