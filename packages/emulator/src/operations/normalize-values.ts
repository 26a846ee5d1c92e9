import type { ModuleSchema } from '../schema/modules.js';
import { ApiError, PhpFatalError } from './api-error.js';
import { dropAstral, encodeDescription } from './html-entities.js';

/** Fields the API never writes, whatever the element says. */
const SYSTEM_FIELDS = new Set([
  'id',
  'createdtime',
  'modifiedtime',
  'modifiedby',
  'source',
]);

/**
 * Parses the `element` parameter. Invalid JSON is INTERNAL_SERVER_ERROR; a
 * missing element or a JSON scalar crashes PHP (HTTP 500), as on 8.4.0; a
 * JSON array reads as an empty element.
 */
export function parseElement(
  text: string | undefined,
): Record<string, unknown> {
  if (text === undefined) throw new PhpFatalError('element is missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(
      'INTERNAL_SERVER_ERROR',
      'Unknown Error while processing request',
    );
  }
  if (Array.isArray(parsed)) return {};
  if (parsed === null || typeof parsed !== 'object') {
    throw new PhpFatalError('element is not an object');
  }
  return parsed as Record<string, unknown>;
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'string')
    return String(value);
  return '';
}

function isoDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(
    text.trim(),
  );
  if (match === null) return '';
  const [, year, month, day] = match;
  const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const check = new Date(time).toISOString().slice(0, 10);
  return check === `${year}-${month}-${day}` ? check : '';
}

/** Converts one input value to the string Vtiger stores for this field type. */
export function normalizeValue(
  field: string,
  typeName: string,
  value: unknown,
): string {
  const text = scalarText(value);
  switch (typeName) {
    case 'currency': {
      const number = Number.parseFloat(text);
      return (Number.isNaN(number) ? 0 : number).toFixed(8);
    }
    case 'integer': {
      const number = Number.parseInt(text, 10);
      return Number.isNaN(number) ? '0' : String(number);
    }
    case 'double': {
      const number = Number.parseFloat(text);
      return (Number.isNaN(number) ? 0 : number).toFixed(3);
    }
    case 'boolean':
      return ['1', 'true', 'on', 'yes'].includes(text.toLowerCase())
        ? '1'
        : '0';
    case 'date':
      return isoDate(text);
    case 'datetime': {
      const date = isoDate(text);
      const time = /\d{2}:\d{2}:\d{2}$/.exec(text.trim());
      return date === '' ? '' : `${date} ${time?.[0] ?? '00:00:00'}`;
    }
    case 'reference':
    case 'owner':
      return /^\d+x\d+$/.test(text) ? text : '';
    default: {
      const stored = dropAstral(text);
      return field === 'description' ? encodeDescription(stored) : stored;
    }
  }
}

/**
 * Picks the writable fields of an element and converts their values.
 * Unknown and read-only fields are ignored, as the server does.
 */
export function normalizeElement(
  schema: ModuleSchema,
  element: Record<string, unknown>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of schema.fields) {
    if (!(field.name in element) || SYSTEM_FIELDS.has(field.name)) continue;
    if (field.editable === false) continue;
    values[field.name] = normalizeValue(
      field.name,
      field.type.name,
      element[field.name],
    );
  }
  return values;
}

/**
 * Checks mandatory fields in describe order.
 * @param present - only check fields the element contains (revise).
 */
export function checkMandatory(
  schema: ModuleSchema,
  values: Record<string, string>,
  present: boolean,
): void {
  for (const field of schema.mandatory) {
    if (present && !(field in values)) continue;
    if ((values[field] ?? '') === '') {
      throw new ApiError(
        'MANDATORY_FIELDS_MISSING',
        `${field} does not have a value`,
      );
    }
  }
}
