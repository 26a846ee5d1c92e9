import type { ExportCallOptions, ExportClient } from './client.js';
import type { NormalizedOptions } from './options.js';
import { recordNumber } from './record-id.js';
import {
  planIdRanges,
  planPrefixRanges,
  prefixUnion,
  type RangeSpec,
} from './ranges.js';
import { andDisjunctions, whereClause, type Disjunction } from './vtql.js';

/** Plan of an export: the CSV columns, the ranges and the server's count. */
export interface ExportPlan {
  readonly columns: readonly string[];
  readonly ranges: readonly RangeSpec[];
  /** The server's count of matching records, or null when it returns none. */
  readonly total: number | null;
}

/**
 * Reads `SELECT count(*)`. Vtiger 8.4.0 returns `[]` for it, and then this
 * returns null; the walk's own total is used instead.
 */
export async function countRecords(
  client: ExportClient,
  module: string,
  condition: Disjunction,
  call: ExportCallOptions,
): Promise<number | null> {
  let rows: readonly Readonly<Record<string, unknown>>[];
  try {
    rows = await client.query(
      `SELECT count(*) FROM ${module}${whereClause(condition)};`,
      call,
    );
  } catch (error) {
    if (call.signal?.aborted) throw error;
    // NOTE: a failing count does not stop the export, because the count is
    // only a cross-check; the walk's total is reported instead.
    return null;
  }
  const value = rows[0]?.['count'];
  const count =
    typeof value === 'string' || typeof value === 'number'
      ? Number(value)
      : NaN;
  return Number.isSafeInteger(count) && count >= 0 ? count : null;
}

async function probeId(
  client: ExportClient,
  module: string,
  condition: Disjunction,
  direction: 'ASC' | 'DESC',
  call: ExportCallOptions,
): Promise<string | null> {
  const rows = await client.query(
    `SELECT id FROM ${module}${whereClause(condition)} ORDER BY id ${direction} LIMIT 1;`,
    call,
  );
  const id = rows[0]?.['id'];
  return typeof id === 'string' ? id : null;
}

/**
 * Rejects requested fields that the module's describe does not list, before
 * any page is fetched: the server would deny the first page, and an export
 * stopped there leaves a checkpoint that can never be resumed.
 */
function checkFields(
  module: string,
  described: readonly string[],
  fields: readonly string[] | undefined,
): void {
  if (fields === undefined || described.length === 0) return;
  const known = new Set([...described, 'id']);
  const unknown = fields.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  throw new TypeError(
    `Unknown field(s) ${unknown.map((name) => JSON.stringify(name)).join(', ')} in \`fields\`: ${module} has no such field. Use names from describe('${module}').`,
  );
}

/** Orders the columns: describe order, then requested fields describe lacks. */
export function orderColumns(
  described: readonly string[],
  fields: readonly string[] | undefined,
): string[] {
  const columns = described.includes('id')
    ? [...described]
    : [...described, 'id'];
  if (fields === undefined) return columns;
  const wanted = new Set(fields);
  return [
    ...columns.filter((name) => wanted.has(name)),
    ...fields.filter((name) => !columns.includes(name)),
  ];
}

/**
 * Reads the module's fields, the server's count and the smallest and
 * largest matching id in parallel, then splits the work into ranges: one
 * per prefix, or id ranges of about `pagesPerRange` pages each.
 */
export async function planExport(
  options: NormalizedOptions,
  base: Disjunction,
  call: ExportCallOptions,
): Promise<ExportPlan> {
  const { client, module, prefixFilter } = options;
  const counted =
    prefixFilter === undefined
      ? base
      : andDisjunctions(base, prefixUnion(prefixFilter));
  const [description, total, minId, maxId] = await Promise.all([
    client.describe(module, call),
    countRecords(client, module, counted, call),
    prefixFilter === undefined
      ? probeId(client, module, base, 'ASC', call)
      : null,
    prefixFilter === undefined
      ? probeId(client, module, base, 'DESC', call)
      : null,
  ]);
  const described = description.fields.map((field) => field.name);
  checkFields(module, described, options.fields);
  const columns = orderColumns(described, options.fields);
  if (prefixFilter !== undefined) {
    return { columns, total, ranges: planPrefixRanges(base, prefixFilter) };
  }
  const span =
    minId === null || maxId === null
      ? 0
      : recordNumber(maxId) - recordNumber(minId) + 1;
  const ranges = planIdRanges({
    condition: base,
    minId,
    maxId,
    estimate: total ?? span,
    pageSize: options.pageSize,
    pagesPerRange: options.pagesPerRange,
    concurrency: options.concurrency,
  });
  return { columns, total, ranges };
}
