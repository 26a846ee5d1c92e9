/**
 * Reads the record number of a Vtiger id such as `10x512` (the part after
 * the `x`). Ids of one module share the prefix before the `x`, so the record
 * number orders them the same way the server's `ORDER BY id` does.
 */
export function recordNumber(id: string): number {
  const cross = id.indexOf('x');
  const value = Number(id.slice(cross + 1));
  if (cross < 1 || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(
      `Expected a Vtiger record id such as \`10x512\`, got \`${id}\` (${typeof id})`,
    );
  }
  return value;
}

/** Builds the id `<prefix>x<number>`. */
export function makeRecordId(prefix: string, value: number): string {
  return `${prefix}x${value}`;
}

/** Reads the module prefix of a Vtiger id (`10` in `10x512`). */
export function idPrefix(id: string): string {
  return id.slice(0, id.indexOf('x'));
}
