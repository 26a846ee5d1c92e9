const maxCellWidth = 48;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  return flat.length > maxCellWidth
    ? `${flat.slice(0, maxCellWidth - 1)}…`
    : flat;
}

/**
 * Formats rows as a text table with a header line. Line breaks inside a
 * value become spaces and long values are cut to 48 characters. Columns
 * that would pass `maxWidth` are left out and counted in `hiddenColumns`.
 */
export function formatTable(
  allColumns: readonly string[],
  rows: readonly Record<string, unknown>[],
  bold: (text: string) => string,
  maxWidth = Infinity,
): { text: string; hiddenColumns: number } {
  const allWidths = allColumns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cellText(row[column]).length)),
  );
  // Keep, in order, the columns that still fit the terminal; the first
  // column is always shown.
  const columns: string[] = [];
  const widths: number[] = [];
  let used = 0;
  for (const [index, column] of allColumns.entries()) {
    const width = allWidths[index] ?? 0;
    const needed = columns.length === 0 ? width : used + 2 + width;
    if (columns.length > 0 && needed > maxWidth) continue;
    columns.push(column);
    widths.push(width);
    used = needed;
  }
  const cells = rows.map((row) =>
    columns.map((column) => cellText(row[column])),
  );
  const pad = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [bold(pad(columns)), ...cells.map(pad)];
  return {
    text: `${lines.join('\n')}\n`,
    hiddenColumns: allColumns.length - columns.length,
  };
}

/** Formats one object as two columns, field and value. */
export function formatKeyValue(
  record: Record<string, unknown>,
  bold: (text: string) => string,
): string {
  const keys = Object.keys(record);
  const width = Math.max(0, ...keys.map((key) => key.length));
  const lines = keys.map(
    (key) => `${bold(key.padEnd(width))}  ${cellText(record[key])}`,
  );
  return `${lines.join('\n')}\n`;
}
