import { MODULES_BY_PREFIX, type ModuleSchema } from '../schema/modules.js';
import type { RecordStore } from '../store/record-store.js';
import { accessDenied, invalidId } from './api-error.js';

/** A record id resolved against the store. */
export interface RecordRef {
  readonly schema: ModuleSchema;
  readonly crmid: number;
}

/**
 * Resolves `NxM` to a live record with the server's errors: text, a bare
 * number or an unknown prefix is ACCESS_DENIED "... denied for id"; `10x`
 * or a prefix of another module is INVALID_ID_ATTRIBUTE; an unknown or
 * deleted record is ACCESS_DENIED.
 */
export function resolveRecordId(
  text: string | undefined,
  store: RecordStore,
): RecordRef {
  const match = text === undefined ? null : /^(\d+)x(\d*)$/.exec(text);
  if (match === null) throw accessDenied(' for id');
  const schema = MODULES_BY_PREFIX.get(Number(match[1]));
  if (schema === undefined) throw accessDenied(' for id');
  if (match[2] === '') throw invalidId();
  const crmid = Number(match[2]);
  const owner = store.moduleOf(crmid);
  if (owner !== null && owner !== schema.name) throw invalidId();
  if (!store.exists(schema.name, crmid)) throw accessDenied();
  return { schema, crmid };
}
