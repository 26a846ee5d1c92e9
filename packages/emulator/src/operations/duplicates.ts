import { MODULES } from '../schema/modules.js';
import type { RecordStore } from '../store/record-store.js';

/**
 * Reports whether a live Account already has this name (case-insensitive,
 * as MySQL compares). Generated names end in `#<index>`, so the check reads
 * one generated record plus the overlay instead of scanning every Account.
 */
export function isDuplicateAccountName(
  store: RecordStore,
  name: string,
): boolean {
  const schema = MODULES.get('Accounts');
  if (schema === undefined || name === '') return false;
  const wanted = name.toLowerCase();
  const match = /#(\d+)$/.exec(name);
  if (match !== null) {
    const crmid = store.firstCrmid('Accounts') + Number(match[1]);
    if (
      Number(match[1]) < store.generatedCount('Accounts') &&
      !store.isOverlaid(crmid) &&
      store.value(schema, crmid, 'accountname').toLowerCase() === wanted
    ) {
      return true;
    }
  }
  for (const [crmid, deleted] of store.overlayRecords('Accounts')) {
    if (
      !deleted &&
      store.value(schema, crmid, 'accountname').toLowerCase() === wanted
    ) {
      return true;
    }
  }
  return false;
}
