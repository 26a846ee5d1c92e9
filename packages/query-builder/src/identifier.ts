import { QueryBuildError } from './errors.js';

const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words the VTQL lexer turns into keywords wherever they appear, so a module
 * or field with one of these names cannot be written in a query.
 */
const keywords = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'in',
  'like',
  'order',
  'by',
  'asc',
  'desc',
  'limit',
  'count',
]);

/**
 * Checks that `name` can be written bare in VTQL and returns it.
 * `role` names the construct in the error, e.g. "field" or "module".
 */
export function parseIdentifier(name: unknown, role: string): string {
  if (typeof name !== 'string' || !plainName.test(name)) {
    throw new QueryBuildError(
      'INVALID_IDENTIFIER',
      `Invalid ${role} name ${describe(name)}: VTQL takes only plain names ` +
        `matching /^[A-Za-z_][A-Za-z0-9_]*$/. Use the name from the ` +
        `module's describe result (e.g. "lastname", "cf_853"), not a label.`,
    );
  }
  if (keywords.has(name.toLowerCase())) {
    throw new QueryBuildError(
      'INVALID_IDENTIFIER',
      `Invalid ${role} name "${name}": it is a VTQL keyword, which the ` +
        `server's lexer cannot read as a name. Query the field through ` +
        `another API call (retrieve) instead.`,
    );
  }
  return name;
}

/** Renders an arbitrary input for an error message, without secrets. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `Date(${String(value.getTime())})`;
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return `${String(value)} (${typeof value})`;
}
