import type { VtigerInputValue } from './types.js';

const pad = (value: number, length = 2): string =>
  String(value).padStart(length, '0');

function checkDate(date: Date, name: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(
      `Expected \`${name}\` to be a valid Date, got ${String(date)}.`,
    );
  }
}

/**
 * Formats a Date as a Vtiger date, `YYYY-MM-DD` in UTC.
 *
 * @example
 * ```ts
 * import { formatVtigerDate } from '@vtiger/core';
 *
 * formatVtigerDate(new Date('2026-01-31T13:05:00Z')); //=> '2026-01-31'
 * ```
 */
export function formatVtigerDate(date: Date): string {
  checkDate(date, 'date');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * Formats a Date as a Vtiger date-time, `YYYY-MM-DD HH:MM:SS` in UTC, the
 * form that VTQL compares and that create/update store.
 *
 * @example
 * ```ts
 * import { formatVtigerDateTime } from '@vtiger/core';
 *
 * formatVtigerDateTime(new Date('2026-01-31T13:05:00Z')); //=> '2026-01-31 13:05:00'
 * ```
 */
export function formatVtigerDateTime(date: Date): string {
  checkDate(date, 'date');
  return `${formatVtigerDate(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/**
 * Converts a Date for sending: midnight UTC becomes a date (`2026-01-31`),
 * any other time a date-time in UTC. A date field given a date-time keeps
 * only the date (Vtiger 8.4.0).
 */
function serializeDate(date: Date, path: string): string {
  checkDate(date, path);
  const midnight =
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0;
  return midnight ? formatVtigerDate(date) : formatVtigerDateTime(date);
}

function prepare(value: VtigerInputValue, path: string): unknown {
  if (value instanceof Date) return serializeDate(value, path);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(
      `Expected \`${path}\` to be a finite number, got ${value}.`,
    );
  }
  if (
    typeof value === 'bigint' ||
    typeof value === 'function' ||
    typeof value === 'symbol'
  ) {
    throw new TypeError(
      `Expected \`${path}\` to be a string, number, boolean, Date, array or object, got a ${typeof value}.`,
    );
  }
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      prepare(item as VtigerInputValue, `${path}[${index}]`),
    );
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined)
        result[key] = prepare(item as VtigerInputValue, `${path}.${key}`);
    }
    return result;
  }
  return value;
}

/** Serialises any parameter value as JSON, with Dates converted as above. */
export function serializeJson(value: VtigerInputValue, name: string): string {
  return JSON.stringify(prepare(value, name));
}

/**
 * Serialises a record for the `element` parameter as JSON: Dates become ISO
 * dates or date-times in UTC, undefined fields are left out, strings are
 * sent unchanged.
 */
export function serializeElement(
  fields: Record<string, VtigerInputValue>,
  name = 'element',
): string {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new TypeError(
      `Expected \`${name}\` to be an object of field values, got ${Array.isArray(fields) ? 'an array' : typeof fields}.`,
    );
  }
  return JSON.stringify(prepare(fields, name));
}

/**
 * Converts a `since` value to Unix seconds: a Date, an ISO string, or a
 * number of seconds (a number above 10^11 is taken as milliseconds).
 */
export function toUnixSeconds(
  value: Date | number | string,
  name = 'since',
): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `Expected \`${name}\` to be a Unix time >= 0, got ${value}.`,
      );
    }
    return Math.floor(value > 1e11 ? value / 1000 : value);
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(
      `Expected \`${name}\` to be a Date, an ISO date string or Unix seconds, got ${JSON.stringify(String(value))}.`,
    );
  }
  return Math.floor(date.getTime() / 1000);
}
