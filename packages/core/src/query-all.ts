import { VtigerQueryPagingError } from './errors/query-paging-error.js';
import type { QueryAllOptions, VtigerRecord, VtqlQuery } from './types.js';
import { planPaging } from './vtql/paging-plan.js';
import { parseSelect } from './vtql/parse-select.js';

/** The server's cap on rows per query (Vtiger 8.4.0). */
export const maxPageSize = 100;

/**
 * Query object that can build its own keyset page, such as a query-builder
 * query. `queryAll()` pages it with `pageAfter()` unless its text has a
 * LIMIT or `paging` is `'offset'`.
 *
 * @example
 * ```ts
 * import { select } from '@vtiger/query-builder';
 *
 * const query: PageableQuery = select('id').from('Leads').where('city', '=', 'Boston');
 * query.pageAfter('10x500', 100).toVTQL();
 * //=> "SELECT id FROM Leads WHERE city = 'Boston' AND id > '10x500' ORDER BY id LIMIT 100;"
 * ```
 */
export interface PageableQuery {
  /** Returns the whole query as VTQL text, ending with `;`. */
  toVTQL(): string;
  /**
   * Returns the page of at most `pageSize` records after the record
   * `lastId`, ordered by id, or the first page when `lastId` is `null`.
   */
  pageAfter(lastId: string | null, pageSize: number): { toVTQL(): string };
}

type RunQuery = (text: string) => Promise<VtigerRecord[]>;

function isPageable(query: VtqlQuery): query is PageableQuery {
  return (
    typeof query === 'object' &&
    typeof (query as Partial<PageableQuery>).pageAfter === 'function'
  );
}

/** Returns the numeric record part of an id such as `10x123`. */
function recordNumber(id: string, query: string): number {
  const match = /^\d+x(\d+)$/u.exec(id);
  if (match === null) {
    throw new VtigerQueryPagingError(
      query,
      `a row has the id ${JSON.stringify(id)}, which is not of the form 10x123.`,
    );
  }
  return Number(match[1]);
}

function rowId(row: VtigerRecord, query: string): string {
  const id: unknown = row.id;
  if (typeof id !== 'string') {
    throw new VtigerQueryPagingError(
      query,
      'a page has rows without an id; select id or *.',
    );
  }
  return id;
}

function checkPaging(options: QueryAllOptions): {
  pageSize: number;
  maxRecords: number;
} {
  const pageSize = options.pageSize ?? maxPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new RangeError(
      `Expected \`pageSize\` to be an integer from 1 to ${maxPageSize}, got ${String(pageSize)}.`,
    );
  }
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  if (!(
    maxRecords === Number.POSITIVE_INFINITY ||
    (Number.isInteger(maxRecords) && maxRecords >= 0)
  )) {
    throw new RangeError(
      `Expected \`maxRecords\` to be an integer >= 0, got ${String(maxRecords)}.`,
    );
  }
  return { pageSize, maxRecords };
}

/**
 * Yields every record of a query past the 100-row cap. Pages end only at an
 * empty page, because Vtiger drops rows the user may not see after applying
 * LIMIT, so a short page does not prove the end.
 */
export async function* queryAllRecords(
  query: VtqlQuery,
  options: QueryAllOptions,
  run: RunQuery,
): AsyncGenerator<VtigerRecord, void, undefined> {
  const { pageSize, maxRecords } = checkPaging(options);
  if (maxRecords === 0) return;
  const text = typeof query === 'string' ? query : query.toVTQL();
  if (typeof text !== 'string') {
    throw new TypeError(
      `Expected the query to be a VTQL string or an object with toVTQL(), got ${typeof text}.`,
    );
  }
  // A builder query with a LIMIT is paged from its text, as the same query
  // written as a string: pageAfter() replaces the LIMIT and rejects an
  // offset, so building the pages would return every matching record.
  if (
    isPageable(query) &&
    options.paging !== 'offset' &&
    !hasLimitClause(text)
  ) {
    yield* pageWithBuilder(query, pageSize, maxRecords, run);
    return;
  }
  const plan = planPaging(text, options.paging ?? 'keyset');
  const limit = Math.min(plan.limit, maxRecords);
  let yielded = 0;

  if (plan.mode === 'offset') {
    const seen = new Set<string>();
    for (let offset = 0; ; offset += pageSize) {
      const rows = await run(
        plan.pageQuery({ lastId: null, offset }, pageSize),
      );
      if (rows.length === 0) return;
      for (const row of rows) {
        const id = rowId(row, text);
        if (seen.has(id)) continue;
        seen.add(id);
        yield row;
        yielded += 1;
        if (yielded >= limit) return;
      }
    }
  }

  const ascending = plan.direction === 'asc';
  let skip = plan.skip;
  let lastId: string | null = null;
  let lastNumber = ascending
    ? Number.NEGATIVE_INFINITY
    : Number.POSITIVE_INFINITY;
  for (;;) {
    const wanted = Math.min(pageSize, limit - yielded + skip);
    const rows = await run(plan.pageQuery({ lastId, offset: 0 }, wanted));
    if (rows.length === 0) return;
    let advanced = false;
    for (const row of rows) {
      const id = rowId(row, text);
      const number = recordNumber(id, text);
      // Rows at or before the last one seen are duplicates; keyset pages
      // never contain them when the server applies the id bound.
      if (ascending ? number <= lastNumber : number >= lastNumber) continue;
      lastNumber = number;
      lastId = id;
      advanced = true;
      if (skip > 0) {
        skip -= 1;
        continue;
      }
      yield row;
      yielded += 1;
      if (yielded >= limit) return;
    }
    if (!advanced) {
      throw new VtigerQueryPagingError(
        text,
        `the page after id ${String(lastId)} repeated earlier rows, so paging would never end. Check that the server applies the id condition.`,
      );
    }
  }
}

/**
 * Tells whether query text has a LIMIT clause. Text the parser rejects
 * counts as having one, so that {@link planPaging} reports the problem
 * instead of the LIMIT being dropped.
 */
function hasLimitClause(text: string): boolean {
  try {
    return parseSelect(text.trim()).limit !== undefined;
  } catch {
    return true;
  }
}

async function* pageWithBuilder(
  query: PageableQuery,
  pageSize: number,
  maxRecords: number,
  run: RunQuery,
): AsyncGenerator<VtigerRecord, void, undefined> {
  let lastId: string | null = null;
  let previous = new Set<string>();
  let yielded = 0;
  for (;;) {
    const wanted = Math.min(pageSize, maxRecords - yielded);
    const text = query.pageAfter(lastId, wanted).toVTQL();
    const rows = await run(text);
    if (rows.length === 0) return;
    const current = new Set<string>();
    for (const row of rows) {
      const id = rowId(row, text);
      if (previous.has(id) || current.has(id)) continue;
      current.add(id);
      yield row;
      yielded += 1;
      if (yielded >= maxRecords) return;
    }
    const nextId = rowId(rows.at(-1)!, text);
    if (nextId === lastId || current.size === 0) {
      throw new VtigerQueryPagingError(
        text,
        `the page after id ${String(lastId)} repeated earlier rows, so paging would never end.`,
      );
    }
    lastId = nextId;
    previous = current;
  }
}
