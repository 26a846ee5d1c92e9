import type { z } from 'zod';
import type {
  VtigerOperationName,
  VtigerParamValue,
} from './operation-types.js';
import * as schemas from './schemas.js';
import type { VtigerInputRecord, VtqlQuery } from './types.js';
import { formatVtigerDateTime, serializeJson } from './values.js';

/** Schemas of the results of the operations that `call()` validates. */
export const resultSchemas: Partial<Record<VtigerOperationName, z.ZodType>> = {
  me: schemas.meSchema,
  listtypes: schemas.listTypesSchema,
  describe: schemas.describeSchema,
  query: schemas.recordsSchema,
  create: schemas.entitySchema,
  retrieve: schemas.entitySchema,
  update: schemas.entitySchema,
  revise: schemas.entitySchema,
  delete: schemas.statusSchema,
  sync: schemas.syncSchema,
  relatedtypes: schemas.relatedTypesSchema,
  retrieve_related: schemas.recordsSchema,
  query_related: schemas.recordsSchema,
  add_related: schemas.messageSchema,
  convertlead: schemas.convertLeadSchema,
  lookup: schemas.recordsSchema,
  files_retrieve: schemas.filesSchema,
  logout: schemas.messageSchema,
};

/**
 * Reports whether `value` is an array of plain objects whose values are all
 * strings or null, the usual shape of a query result. Such a value passes
 * `recordsSchema` unchanged, so the client can return it without zod's
 * per-value parse, which took about an eighth of an export's CPU time.
 */
export function isStringRecordArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const row of value as unknown[]) {
    if (typeof row !== 'object' || row === null) return false;
    if (Object.getPrototypeOf(row) !== Object.prototype) return false;
    const record = row as Record<string, unknown>;
    for (const key in record) {
      const field = record[key];
      if (field !== null && typeof field !== 'string') return false;
    }
  }
  return true;
}

/** Converts a parameter value to the string sent on the wire. */
export function toParameter(
  name: string,
  value: VtigerParamValue,
): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return formatVtigerDateTime(value);
  return serializeJson(value as VtigerInputRecord, name);
}

export function queryText(query: VtqlQuery, name = 'query'): string {
  const text = typeof query === 'string' ? query : query?.toVTQL?.();
  if (typeof text !== 'string' || text.trim() === '') {
    throw new TypeError(
      `Expected \`${name}\` to be a VTQL string or an object with toVTQL(), got ${typeof query}.`,
    );
  }
  return text;
}

/**
 * Checks a record id: the module prefix from `describe().idPrefix`, an `x`
 * and the record number. Vtiger rejects other forms with ACCESS_DENIED or
 * INVALID_ID_ATTRIBUTE, which hide the real mistake.
 */
export function checkId(id: unknown, name = 'id'): string {
  if (typeof id !== 'string') {
    throw new TypeError(
      `Expected \`${name}\` to be a record id such as 10x123, got ${typeof id}.`,
    );
  }
  if (!/^\d+x\d+$/u.test(id)) {
    throw new TypeError(
      `Expected \`${name}\` to be a record id such as 10x123 (module prefix, x, record number), got ${JSON.stringify(id)}.`,
    );
  }
  return id;
}

export function checkName(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(
      `Expected \`${name}\` to be a non-empty string, got ${typeof value === 'string' ? 'an empty string' : typeof value}.`,
    );
  }
  return value;
}

/** Builds the parameters of `add_related` and `delete_related`. */
export function relationParams(
  sourceRecordId: string,
  relatedRecordId: string,
  relationLabel: string | undefined,
): {
  sourceRecordId: string;
  relatedRecordId: string;
  relationIdLabel?: string;
} {
  return {
    sourceRecordId: checkId(sourceRecordId, 'sourceRecordId'),
    relatedRecordId: checkId(relatedRecordId, 'relatedRecordId'),
    ...(relationLabel === undefined ? {} : { relationIdLabel: relationLabel }),
  };
}
