import type { ExportCallOptions, ExportClient } from './client.js';
import { recordNumber } from './record-id.js';
import type { ExportRecord } from './types.js';
import { quoteLiteral, type Disjunction } from './vtql.js';

/** Formats a time as a VTQL datetime in UTC: `2026-01-31 13:05:00`. */
export function vtqlDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Builds the condition of records modified at or after `since`. `>=` rather than
 * `>`, because `modifiedtime` has whole seconds and a record changed in the
 * same second as `since` must not be missed.
 */
export function sinceCondition(since: Date): Disjunction {
  return [[`modifiedtime >= ${quoteLiteral(vtqlDateTime(since))}`]];
}

/** Method that served `since`. */
export interface SinceReport {
  /** `'sync'`: the sync operation; `'query'`: pages filtered by modifiedtime. */
  readonly method: 'query' | 'sync';
  /** Reason `'auto'` fell back to `'query'`. */
  readonly fallbackReason?: string;
  /** Ids the server reported deleted since then (sync only). */
  readonly deleted?: readonly string[];
}

/** Records and deletions that sync reported, or why it could not be used. */
export type SyncOutcome =
  | {
      readonly ok: true;
      readonly records: ExportRecord[];
      readonly deleted: string[];
    }
  | { readonly ok: false; readonly reason: string; readonly error: unknown };

/**
 * Reads every change since `since` through the sync operation, 100 a call
 * on Vtiger, following `more`. Records changed twice keep their last
 * version; records deleted afterwards are dropped. The changes are held in
 * memory, because sync returns them by modification time, not by id.
 */
export async function collectSync(
  client: ExportClient,
  module: string,
  since: Date,
  call: ExportCallOptions,
): Promise<SyncOutcome> {
  if (client.sync === undefined) {
    const reason = 'the client has no sync method';
    return { ok: false, reason, error: new TypeError(reason) };
  }
  const records = new Map<string, ExportRecord>();
  const deleted = new Set<string>();
  let cursor = Math.floor(since.getTime() / 1000);
  try {
    for (;;) {
      const result = await client.sync(module, cursor, call);
      for (const record of result.updated) {
        records.set(record.id, record);
        deleted.delete(record.id);
      }
      for (const id of result.deleted) {
        records.delete(id);
        deleted.add(id);
      }
      if (!result.more) break;
      if (result.lastModifiedTime <= cursor) {
        throw new Error(
          `sync reported more changes but did not move past ${cursor}; use sinceMethod 'query'`,
        );
      }
      cursor = result.lastModifiedTime;
    }
  } catch (error) {
    if (call.signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `sync failed: ${reason}`, error };
  }
  const sorted = [...records.values()].sort(
    (a, b) => recordNumber(a.id) - recordNumber(b.id),
  );
  return {
    ok: true,
    records: sorted,
    deleted: [...deleted].sort((a, b) => recordNumber(a) - recordNumber(b)),
  };
}
