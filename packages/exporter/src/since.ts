import { quoteLiteral, type Disjunction } from './vtql.js';

/** Formats a time as a VTQL datetime in UTC: `2026-01-31 13:05:00`. */
export function vtqlDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The condition of records modified at or after `since`. `>=` rather than
 * `>`, because `modifiedtime` has whole seconds and a record changed in the
 * same second as `since` must not be missed.
 */
export function sinceCondition(since: Date): Disjunction {
  return [[`modifiedtime >= ${quoteLiteral(vtqlDateTime(since))}`]];
}
