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
 * value become spaces and long values are cut to 48 characters.
 */
export function formatTable(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  bold: (text: string) => string,
): string {
  const cells = rows.map((row) =>
    columns.map((column) => cellText(row[column])),
  );
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const pad = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [bold(pad(columns)), ...cells.map(pad)];
  return `${lines.join('\n')}\n`;
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
