import { VtigerQueryPagingError } from '../errors/query-paging-error.js';
import {
  parseSelect,
  VtqlParseError,
  type ParsedSelect,
} from './parse-select.js';
import { VtqlTokenizeError } from './tokenize.js';

/** Paging method of `queryAll()` for a raw VTQL string. */
export type PagingMode = 'keyset' | 'offset';

/** Page queries for one `queryAll()` run over a raw VTQL string. */
export interface PagingPlan {
  mode: PagingMode;
  /** Direction of the id order in keyset mode. */
  direction: 'asc' | 'desc';
  /** Records to skip first (from `LIMIT offset, count`). */
  skip: number;
  /** Records to return at most (from `LIMIT count`), or Infinity. */
  limit: number;
  /** Builds the query for the page after `lastId` (keyset) or at `offset`. */
  pageQuery(
    position: { lastId: string | null; offset: number },
    pageSize: number,
  ): string;
}

/**
 * Quotes a value as a VTQL string literal: an embedded quote is doubled, and
 * a backslash is doubled because Vtiger pastes values into MySQL with
 * backslash escapes active.
 *
 * @example
 * ```ts
 * import { quoteVtqlString } from '@vtiger/core';
 *
 * quoteVtqlString("O'Neil"); //=> "'O''Neil'"
 * ```
 */
export function quoteVtqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * Plans how to page a raw VTQL string past the 100-row cap.
 *
 * Keyset mode adds `id > 'last'` to every OR term of the WHERE clause
 * (VTQL has no parentheses, and AND binds tighter than OR), orders by id and
 * sets the LIMIT. Offset mode keeps the caller's ORDER BY and steps
 * `LIMIT offset, size`. Callers must opt into it, because rows added or
 * deleted during the run shift later pages.
 */
export function planPaging(
  query: string,
  mode: PagingMode = 'keyset',
): PagingPlan {
  let parsed: ParsedSelect;
  try {
    parsed = parseSelect(query.trim());
  } catch (error) {
    if (error instanceof VtqlParseError || error instanceof VtqlTokenizeError) {
      throw new VtigerQueryPagingError(
        query,
        `${error.message}. Pass a query-builder object, or a single SELECT … FROM … [WHERE …] [ORDER BY id] [LIMIT …]; statement.`,
      );
    }
    throw error;
  }
  if (parsed.isCount) {
    throw new VtigerQueryPagingError(
      query,
      'count(*) returns no rows to page. Use query() for counts; note that Vtiger 8.4.0 returns an empty result for count(*).',
    );
  }
  const orderedById =
    parsed.orderBy.length === 0 ||
    (parsed.orderBy.length === 1 && parsed.orderBy[0]!.toLowerCase() === 'id');
  if (mode === 'keyset' && !orderedById) {
    throw new VtigerQueryPagingError(
      query,
      `keyset paging returns records in id order and cannot keep ORDER BY ${parsed.orderBy.join(', ')}. Remove the ORDER BY and sort afterwards, or pass { paging: 'offset' } to page with LIMIT offset, size (records changed during the run may then be missed).`,
    );
  }
  const selectList = parsed.selectsId
    ? parsed.selectList
    : `${parsed.selectList}, id`;
  const head = `SELECT ${selectList} FROM ${parsed.module}`;
  const direction = parsed.orderDirection;
  const skip = parsed.limit?.offset ?? 0;
  const limit = parsed.limit?.count ?? Number.POSITIVE_INFINITY;

  if (mode === 'offset') {
    const where =
      parsed.orTerms.length === 0
        ? ''
        : ` WHERE ${parsed.orTerms.join(' OR ')}`;
    const order =
      parsed.orderBy.length === 0
        ? ' ORDER BY id'
        : ` ORDER BY ${parsed.orderBy.join(', ')} ${direction.toUpperCase()}`;
    return {
      mode,
      direction,
      skip: 0,
      limit,
      pageQuery: ({ offset }, pageSize) =>
        `${head}${where}${order} LIMIT ${skip + offset}, ${pageSize};`,
    };
  }

  return {
    mode,
    direction,
    skip,
    limit,
    pageQuery: ({ lastId }, pageSize) => {
      const bound =
        lastId === null
          ? undefined
          : `id ${direction === 'asc' ? '>' : '<'} ${quoteVtqlString(lastId)}`;
      const terms = parsed.orTerms.map((term) =>
        bound === undefined ? term : `${term} AND ${bound}`,
      );
      if (terms.length === 0 && bound !== undefined) terms.push(bound);
      const where = terms.length === 0 ? '' : ` WHERE ${terms.join(' OR ')}`;
      return `${head}${where} ORDER BY id ${direction.toUpperCase()} LIMIT ${pageSize};`;
    },
  };
}
