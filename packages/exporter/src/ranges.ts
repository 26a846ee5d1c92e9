import type { PrefixFilter } from './options.js';
import { makeRecordId, recordNumber } from './record-id.js';
import {
  andDisjunctions,
  andParts,
  prefixPattern,
  quoteLiteral,
  whereClause,
  type Disjunction,
} from './vtql.js';

/** A part of the export walked by keyset paging on id. */
export interface RangeSpec {
  /** The user's condition (and the prefix of this range), without id bounds. */
  readonly condition: Disjunction;
  /** Exclusive lower id bound; null for none. */
  readonly lower: string | null;
  /** Inclusive upper id bound; null for none. */
  readonly upper: string | null;
}

/**
 * Drops prefixes that another prefix already covers, comparing without
 * case because MySQL's default collations are case-insensitive. Other
 * overlaps (such as accents) are removed when records are merged by id.
 */
export function distinctPrefixes(prefixes: readonly string[]): string[] {
  const sorted = [...prefixes].sort(
    (a, b) => a.length - b.length || (a < b ? -1 : 1),
  );
  const kept: string[] = [];
  for (const prefix of sorted) {
    const lower = prefix.toLowerCase();
    if (!kept.some((shorter) => lower.startsWith(shorter.toLowerCase())))
      kept.push(prefix);
  }
  return kept;
}

/** Builds the condition of one prefix: `field LIKE 'prefix%'`. */
export function prefixCondition(field: string, prefix: string): Disjunction {
  return [[`${field} LIKE ${prefixPattern(prefix)}`]];
}

/** Builds the union of every prefix, for counting. */
export function prefixUnion(filter: PrefixFilter): Disjunction {
  return distinctPrefixes(filter.prefixes).map((prefix) => [
    `${filter.field} LIKE ${prefixPattern(prefix)}`,
  ]);
}

/** Inputs of {@link planIdRanges}. */
export interface IdRangePlan {
  readonly condition: Disjunction;
  /** Smallest and largest matching id, or null when the probe found none. */
  readonly minId: string | null;
  readonly maxId: string | null;
  /** Expected record count (the server's count, else the id span). */
  readonly estimate: number;
  readonly pageSize: number;
  readonly pagesPerRange: number;
  readonly concurrency: number;
}

/**
 * Splits the ids from `minId` to `maxId` into ranges of at most about
 * `pagesPerRange` pages. Each range spans a whole number of pages of ids,
 * so where ids are dense the last page of a range reaches its upper bound
 * and no empty page is needed to end it. The walk runs `concurrency`
 * ranges at a time, so the split is chosen to keep every slot busy until
 * the end (see {@link rangeSize}). The first range has no lower bound and
 * the last no upper bound, so records created outside the probed span are
 * still found.
 */
export function planIdRanges(plan: IdRangePlan): RangeSpec[] {
  if (plan.minId === null || plan.maxId === null) {
    return [{ condition: plan.condition, lower: null, upper: null }];
  }
  const prefix = plan.minId.slice(0, plan.minId.indexOf('x'));
  const low = recordNumber(plan.minId);
  const high = recordNumber(plan.maxId);
  const step = rangeSize(plan, high - low + 1) * plan.pageSize;
  const ranges: RangeSpec[] = [];
  let previous: string | null = null;
  for (let bound = low - 1 + step; bound < high; bound += step) {
    const upper = makeRecordId(prefix, bound);
    ranges.push({ condition: plan.condition, lower: previous, upper });
    previous = upper;
  }
  ranges.push({ condition: plan.condition, lower: previous, upper: null });
  return ranges;
}

/**
 * Returns the pages of ids per range. Ranges run `concurrency` at a time
 * and take about equal time, so the export takes about as many range
 * lengths as it has rounds of ranges. Rounding to whole pages can leave
 * idle slots in the last round. For example, 1,000 pages in ranges of 32
 * pages make 32 ranges, the last one a quarter long. Four slots then need
 * 8 rounds of 32 pages (256 page times), while 40 ranges of 25 pages need
 * 250. So the range count is searched from the smallest multiple of
 * `concurrency` that keeps ranges near `pagesPerRange` up to twice that,
 * for the fewest page times.
 */
export function rangeSize(
  plan: Pick<
    IdRangePlan,
    'estimate' | 'pageSize' | 'pagesPerRange' | 'concurrency'
  >,
  span: number,
): number {
  const { concurrency } = plan;
  const pages = Math.max(1, Math.ceil(span / plan.pageSize));
  const expected = Math.max(
    concurrency,
    Math.ceil(plan.estimate / (plan.pageSize * plan.pagesPerRange)),
  );
  const minimumCount = Math.ceil(expected / concurrency) * concurrency;
  let bestSize = Math.ceil(pages / minimumCount);
  let bestPageTimes = Infinity;
  for (
    let count = minimumCount;
    count <= 2 * minimumCount;
    count += concurrency
  ) {
    const size = Math.ceil(pages / count);
    const rounds = Math.ceil(Math.ceil(pages / size) / concurrency);
    if (rounds * size < bestPageTimes) {
      bestPageTimes = rounds * size;
      bestSize = size;
    }
    if (size === 1) break;
  }
  return bestSize;
}

/** Combines the user's condition with each prefix into one range each. */
export function planPrefixRanges(
  base: Disjunction,
  filter: PrefixFilter,
): RangeSpec[] {
  return distinctPrefixes(filter.prefixes).map((prefix) => ({
    condition: andDisjunctions(base, prefixCondition(filter.field, prefix)),
    lower: null,
    upper: null,
  }));
}

/** Builds the keyset page query of a range. */
export function pageQuery(
  module: string,
  select: string,
  range: RangeSpec,
  after: string | null,
  limit: number,
): string {
  const bounds: string[] = [];
  if (after !== null) bounds.push(`id > ${quoteLiteral(after)}`);
  if (range.upper !== null) bounds.push(`id <= ${quoteLiteral(range.upper)}`);
  return `SELECT ${select} FROM ${module}${whereClause(andParts(range.condition, bounds))} ORDER BY id LIMIT ${limit};`;
}
