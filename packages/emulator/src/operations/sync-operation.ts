import {
  CREATED_STEP,
  MAX_MODIFY_DELAY,
  createdAt,
  modifiedAt,
} from '../data/generate-record.js';
import { parseDateTime } from '../data/time-format.js';
import { projectRow } from '../query/execute-query.js';
import { MODULES } from '../schema/modules.js';
import { accessDenied, PhpFatalError } from './api-error.js';
import type { OperationHandler } from './context.js';

/** Changes per sync call, as in Vtiger's source. */
const SYNC_PAGE = 100;

interface Change {
  readonly crmid: number;
  readonly time: number;
  readonly deleted: boolean;
}

function byTime(a: Change, b: Change): number {
  return a.time - b.time || a.crmid - b.crmid;
}

/**
 * `sync`: records changed after `modifiedTime` (Unix seconds), oldest
 * first, 100 per call. Stock 8.4.0 crashes here (HTTP 500) because a
 * handler parameter is not registered; the `syncBroken` option reproduces
 * that. A missing elementType or a non-numeric modifiedTime also crashes.
 */
export const sync: OperationHandler = (call, context) => {
  if (context.syncBroken)
    throw new PhpFatalError('vtws_sync(): syncType not passed');
  const since = call.param('modifiedTime') ?? '';
  const module = call.param('elementType');
  // modifiedTime=0 (the whole history) also crashed the repaired 8.4.0 server.
  if (!/^\d+$/.test(since) || Number(since) === 0 || module === undefined) {
    throw new PhpFatalError(
      'sync needs a numeric modifiedTime and an elementType',
    );
  }
  const schema = MODULES.get(module);
  if (schema === undefined || schema.name === 'Users') throw accessDenied();
  const { store } = context;
  const after = Number(since);
  const changes: Change[] = [];
  const keep = (change: Change): void => {
    changes.push(change);
  };

  for (const [crmid, deleted] of store.overlayRecords(module)) {
    if (deleted) continue;
    const time = parseDateTime(store.value(schema, crmid, 'modifiedtime'));
    if (time > after) keep({ crmid, time, deleted: false });
  }
  for (const entry of store.deletions) {
    if (entry.module === module && entry.time > after) {
      keep({ crmid: entry.crmid, time: entry.time, deleted: true });
    }
  }
  // Generated records: modifiedtime lies within MAX_MODIFY_DELAY after the
  // createdtime, which grows with the index, so the scan starts where a
  // change can first appear and stops once the page cannot get earlier.
  const first = store.firstCrmid(module);
  const count = store.generatedCount(module);
  const seed = context.seed;
  let index = Math.max(
    0,
    Math.ceil((after - MAX_MODIFY_DELAY - createdAt(0)) / CREATED_STEP),
  );
  const generated: Change[] = [];
  let bound = Number.POSITIVE_INFINITY;
  for (; index < count; index++) {
    if (createdAt(index) > bound) break;
    const time = modifiedAt(index, seed);
    if (time > after && !store.isOverlaid(first + index)) {
      generated.push({ crmid: first + index, time, deleted: false });
      if (generated.length >= 4 * SYNC_PAGE) {
        generated.sort(byTime);
        generated.length = SYNC_PAGE + 1;
        bound = (generated[SYNC_PAGE] as Change).time;
      }
    }
  }
  changes.push(...generated);
  changes.sort(byTime);

  const page = changes.slice(0, SYNC_PAGE);
  const columns = [...schema.fields.map((field) => field.name), 'id'];
  return {
    updated: page
      .filter((change) => !change.deleted)
      .map((change) => projectRow(store, schema, change.crmid, columns)),
    deleted: page
      .filter((change) => change.deleted)
      .map((change) => `${schema.idPrefix}x${change.crmid}`),
    more: changes.length > SYNC_PAGE,
    lastModifiedTime:
      page.length === 0 ? after : (page[page.length - 1] as Change).time,
  };
};
