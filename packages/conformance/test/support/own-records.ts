/**
 * Creates the suite's own records: each carries the run marker, gets values
 * for whatever fields the server makes mandatory, and is registered for the
 * cleanup as soon as the server returns its id.
 */
import type { TargetRun } from './session.js';

/** Field that carries the run marker, per module. */
export const markerFields: Readonly<Record<string, string>> = {
  Leads: 'lastname',
  Contacts: 'lastname',
  Accounts: 'accountname',
};

interface FieldInfo {
  name: string;
  mandatory?: boolean;
  editable?: boolean;
  type?: { name?: string; picklistValues?: { value: string }[] };
}

const descriptions = new WeakMap<TargetRun, Map<string, FieldInfo[]>>();

async function fieldsOf(run: TargetRun, module: string): Promise<FieldInfo[]> {
  let cache = descriptions.get(run);
  if (cache === undefined) {
    cache = new Map();
    descriptions.set(run, cache);
  }
  const cached = cache.get(module);
  if (cached !== undefined) return cached;
  const description = await run.client.describe(module);
  const fields = description.fields as FieldInfo[];
  cache.set(module, fields);
  return fields;
}

/**
 * Returns a value for a mandatory field the caller left out, by field type,
 * or undefined where no safe value exists (reference fields).
 */
function fillerFor(field: FieldInfo, run: TargetRun): string | undefined {
  const type = field.type?.name ?? 'string';
  switch (type) {
    case 'owner':
      return run.ownerId;
    case 'email':
      return 'conformance@example.invalid';
    case 'picklist':
    case 'multipicklist':
      return field.type?.picklistValues?.[0]?.value;
    case 'integer':
    case 'double':
    case 'currency':
    case 'percentage':
      return '1';
    case 'boolean':
      return '0';
    case 'date':
      return '2026-01-01';
    case 'datetime':
      return '2026-01-01 00:00:00';
    case 'time':
      return '00:00:00';
    case 'url':
      return 'https://example.invalid';
    case 'phone':
      return '+1-555-0100';
    case 'reference':
      return undefined;
    default:
      return run.records.marker;
  }
}

/**
 * Creates a record of `module` from `element`, adding values for missing
 * mandatory fields, and registers it for deletion. The marker field must
 * already contain the run marker.
 */
export async function createOwned(
  run: TargetRun,
  module: string,
  element: Record<string, string>,
): Promise<Record<string, unknown> & { id: string }> {
  const markerField = markerFields[module];
  if (markerField === undefined) {
    throw new Error(`No marker field is defined for module ${module}.`);
  }
  const markerValue = element[markerField];
  if (markerValue === undefined || !markerValue.includes(run.records.marker)) {
    throw new Error(
      `A ${module} record must carry the run marker in ${markerField}.`,
    );
  }

  const full: Record<string, string> = { assigned_user_id: run.ownerId };
  for (const field of await fieldsOf(run, module)) {
    if (field.mandatory !== true || field.editable === false) continue;
    if (field.name in element || field.name in full) continue;
    const value = fillerFor(field, run);
    if (value !== undefined) full[field.name] = value;
  }
  Object.assign(full, element);

  const created = (await run.client.create(module, full)) as Record<
    string,
    unknown
  > & { id: string };
  run.records.add(run.client, created.id, markerField);
  return created;
}

/** Returns `${marker} ${suffix}`, the value of a marker field. */
export function marked(run: TargetRun, suffix: string): string {
  return `${run.records.marker} ${suffix}`;
}
