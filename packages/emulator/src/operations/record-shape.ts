import type { ModuleSchema } from '../schema/modules.js';
import type { RecordStore } from '../store/record-store.js';
import { htmlEntities } from './html-entities.js';

/**
 * Builds a record as retrieve, create, update and revise return it: fields
 * in describe order, "" for an empty date, null for an empty reference,
 * then `id` and the entity-encoded `label`.
 */
export function retrieveShape(
  store: RecordStore,
  schema: ModuleSchema,
  crmid: number,
): Record<string, string | null> {
  const values = store.values(schema, crmid);
  if (schema.name === 'Users')
    return { ...values, id: `${schema.idPrefix}x${crmid}` };
  const record: Record<string, string | null> = {};
  for (const field of schema.fields) {
    const value = values[field.name] ?? '';
    record[field.name] =
      value === '' && field.type.name === 'reference' ? null : value;
  }
  record.id = `${schema.idPrefix}x${crmid}`;
  const label = schema.labelFields
    .map((field) => values[field] ?? '')
    .join(' ')
    .trim();
  record.label = htmlEntities(label);
  return record;
}
