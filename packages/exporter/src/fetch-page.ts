import type { ExportClient } from './client.js';
import type { SkippedRecord } from './checkpoint.js';
import { pageQuery, type RangeSpec } from './ranges.js';
import type { ExportRecord } from './types.js';

/** Records of one page, plus records skipped because the server could not encode them. */
export interface PageResult {
  readonly records: readonly ExportRecord[];
  readonly skipped: readonly SkippedRecord[];
}

/** Inputs of a page fetch besides its position. */
export interface PageContext {
  readonly client: ExportClient;
  readonly module: string;
  readonly select: string;
  readonly signal: AbortSignal;
}

/**
 * Tells whether an error means the server's response could not be read as
 * JSON: `VtigerResponseError` of `@vtiger/core` with the problem
 * `not-json` or `truncated` (a body cut short, or a row PHP failed to
 * encode). Such a page is split to find the record that breaks it; other
 * errors fail the page.
 */
export function isDecodeFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, problem } = error as { name?: unknown; problem?: unknown };
  if (name === 'SyntaxError') return true;
  return (
    name === 'VtigerResponseError' &&
    (problem === 'not-json' || problem === 'truncated')
  );
}

/**
 * Fetches `limit` records of `range` after `after`. When the response
 * cannot be decoded even after the client's retries, the page is split in
 * halves down to single records. A single record that still fails is
 * identified by fetching only its id, and skipped.
 */
export async function fetchPage(
  context: PageContext,
  range: RangeSpec,
  after: string | null,
  limit: number,
): Promise<PageResult> {
  const query = pageQuery(context.module, context.select, range, after, limit);
  try {
    const rows = await context.client.query(query, { signal: context.signal });
    return { records: rows as readonly ExportRecord[], skipped: [] };
  } catch (error) {
    if (context.signal.aborted || !isDecodeFailure(error)) throw error;
    if (limit > 1) return fetchHalves(context, range, after, limit);
    return isolateRecord(context, range, after, error);
  }
}

async function fetchHalves(
  context: PageContext,
  range: RangeSpec,
  after: string | null,
  limit: number,
): Promise<PageResult> {
  const half = Math.ceil(limit / 2);
  const first = await fetchPage(context, range, after, half);
  const last = lastId(first);
  if (last === null) return first;
  const second = await fetchPage(context, range, last, limit - half);
  return {
    records: [...first.records, ...second.records],
    skipped: [...first.skipped, ...second.skipped],
  };
}

async function isolateRecord(
  context: PageContext,
  range: RangeSpec,
  after: string | null,
  error: unknown,
): Promise<PageResult> {
  const query = pageQuery(context.module, 'id', range, after, 1);
  const rows = await context.client.query(query, { signal: context.signal });
  const id = rows[0]?.['id'];
  if (typeof id !== 'string') throw error;
  const reason = error instanceof Error ? error.message : String(error);
  return { records: [], skipped: [{ id, reason }] };
}

/** Returns the largest id a page returned or skipped, or null for an empty page. */
export function lastId(page: PageResult): string | null {
  const record = page.records.at(-1)?.id ?? null;
  const skipped = page.skipped.at(-1)?.id ?? null;
  if (record === null) return skipped;
  if (skipped === null) return record;
  const recordValue = Number(record.slice(record.indexOf('x') + 1));
  const skippedValue = Number(skipped.slice(skipped.indexOf('x') + 1));
  return recordValue > skippedValue ? record : skipped;
}
