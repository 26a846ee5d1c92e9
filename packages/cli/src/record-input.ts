import { UsageError } from './errors.js';
import { readAll, type InputStream } from './io.js';

/** Field values for create, update and revise. */
export type FieldValues = Record<string, unknown>;

const idPattern = /^\d+x\d+$/;

/**
 * Checks a record id of the form `NxM` (module prefix, `x`, record number)
 * and returns it trimmed.
 *
 * @example
 * ```ts
 * checkRecordId('10x42'); // '10x42'
 * checkRecordId('42');    // throws UsageError
 * ```
 */
export function checkRecordId(value: string): string {
  const id = value.trim();
  if (!idPattern.test(id)) {
    throw new UsageError(
      `Invalid record id "${value}": expected the form NxM, a module prefix and a record number such as 10x42 (the "id" column of \`vtiger query\` output).`,
    );
  }
  return id;
}

/**
 * Parses `field=value` arguments. The first `=` splits name from value, so
 * values may contain `=`; an empty value clears the field.
 *
 * @example
 * ```ts
 * parseAssignments(['lastname=Smith', 'city=']); // { lastname: 'Smith', city: '' }
 * ```
 */
export function parseAssignments(pairs: readonly string[]): FieldValues {
  const values: FieldValues = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals === -1) {
      throw new UsageError(
        `Invalid field assignment "${pair}": expected field=value, for example lastname=Smith.`,
      );
    }
    const field = pair.slice(0, equals).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) {
      throw new UsageError(
        `Invalid field name "${field}" in "${pair}": a field name has letters, digits and underscores, for example cf_912=yes.`,
      );
    }
    values[field] = pair.slice(equals + 1);
  }
  return values;
}

/**
 * Reads the `--json` option: a JSON object given inline, or `-` to read it
 * from standard input.
 */
export async function readJsonOption(
  value: string,
  stdin: InputStream,
): Promise<FieldValues> {
  const fromStdin = value === '-';
  const text = fromStdin ? await readAll(stdin) : value;
  const source = fromStdin ? 'standard input' : '--json';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `Unreadable JSON in ${source}: ${(error as Error).message}. Pass one object, for example --json '{"lastname":"Smith"}'.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(
      `Invalid JSON in ${source}: expected one object of field values, got ${Array.isArray(parsed) ? 'an array' : typeof parsed === 'object' ? 'null' : `a ${typeof parsed}`}.`,
    );
  }
  return parsed as FieldValues;
}

/**
 * Combines `--json` (read first) with `field=value` arguments (which win).
 * Throws when neither gave a field.
 */
export async function readFieldValues(
  pairs: readonly string[],
  json: string | undefined,
  stdin: InputStream,
  example: string,
): Promise<FieldValues> {
  const base = json === undefined ? {} : await readJsonOption(json, stdin);
  const values = { ...base, ...parseAssignments(pairs) };
  if (Object.keys(values).length === 0) {
    throw new UsageError(
      `No field values given: pass field=value arguments or --json, for example ${example}.`,
    );
  }
  return values;
}
