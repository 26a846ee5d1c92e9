import {
  and,
  condition,
  or,
  isQueryBuildError,
  select,
  selectAll,
  type Condition,
} from '@vtiger/query-builder';
import { UsageError } from './errors.js';
import { parseWhere } from './where-condition.js';

/** Options of one `vtiger find` run. */
export interface FindRequest {
  module: string;
  where: readonly string[];
  /** Join the `--where` conditions with OR instead of AND. */
  any: boolean;
  fields: readonly string[] | undefined;
  orderBy: readonly string[] | undefined;
  descending: boolean;
  limit: number | undefined;
  offset: number | undefined;
}

/** A built query: VTQL text plus the keyset paging hook core uses. */
export interface FindQuery {
  toVTQL(): string;
}

/**
 * Builds the `--where` options into one condition, joined with AND, or with
 * OR when `any` is set (`--any`).
 */
export function buildWhereCondition(
  where: readonly string[],
  any = false,
): Condition | undefined {
  const conditions = where.map((text) => {
    const parsed = parseWhere(text);
    try {
      return condition(parsed.field, parsed.operator, parsed.value);
    } catch (error) {
      if (isQueryBuildError(error)) {
        throw new UsageError(
          `Invalid --where condition "${text}": ${error.message}`,
        );
      }
      throw error;
    }
  });
  const [first, ...rest] = conditions;
  if (first === undefined) return undefined;
  return any ? or(first, ...rest) : and(first, ...rest);
}

/**
 * Builds the query for `vtiger find` with the query builder, turning the
 * builder's errors into usage errors that name the option.
 */
export function buildFindQuery(request: FindRequest): FindQuery {
  try {
    const where = buildWhereCondition(request.where, request.any);
    let query =
      request.fields === undefined || request.fields.length === 0
        ? selectAll().from(request.module)
        : select(...request.fields).from(request.module);
    if (where !== undefined) query = query.where(where);
    if (request.orderBy !== undefined && request.orderBy.length > 0) {
      query = query.orderBy(
        [...request.orderBy],
        request.descending ? 'desc' : undefined,
      );
    }
    // VTQL needs a count with an offset; the server's page cap is the default.
    const limit =
      request.limit ?? (request.offset === undefined ? undefined : 100);
    if (limit !== undefined) query = query.limit(limit);
    if (request.offset !== undefined) query = query.offset(request.offset);
    return query;
  } catch (error) {
    if (isQueryBuildError(error)) throw new UsageError(error.message);
    throw error;
  }
}
