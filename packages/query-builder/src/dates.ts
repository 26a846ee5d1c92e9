import { QueryBuildError } from './errors.js';
import { describe } from './identifier.js';

const dateValueMarker = Symbol.for('@vtiger/query-builder/DateValue');

/**
 * A date or datetime already rendered as VTQL text, made by {@link asDate} or
 * {@link asDateTime}.
 */
export interface DateValue {
  readonly [dateValueMarker]: true;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`. */
  readonly text: string;
}

/** Options of {@link asDate} and {@link asDateTime}. */
export interface DateOptions {
  /**
   * IANA time zone in which the calendar date and clock time are read.
   * Vtiger stores `createdtime` and `modifiedtime` in UTC.
   *
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

/**
 * Marks a Date (or epoch milliseconds) to be sent as a calendar date,
 * `'YYYY-MM-DD'`, read in UTC unless `timeZone` names another zone.
 *
 * @example
 * ```ts
 * import { asDate, select } from '@vtiger/query-builder';
 *
 * select('id').from('Contacts')
 *   .where('birthday', '=', asDate(new Date('1990-05-17T22:00:00Z'), { timeZone: 'Asia/Tokyo' }))
 *   .toVTQL();
 * //=> "SELECT id FROM Contacts WHERE birthday = '1990-05-18';"
 * ```
 */
export function asDate(
  value: Date | number,
  options: DateOptions = {},
): DateValue {
  const parts = dateParts(value, options.timeZone ?? 'UTC', 'asDate');
  return makeDateValue(`${parts.year}-${parts.month}-${parts.day}`);
}

/**
 * Marks a Date (or epoch milliseconds) to be sent as a datetime,
 * `'YYYY-MM-DD HH:MM:SS'`, read in UTC unless `timeZone` names another zone.
 * Milliseconds are dropped because Vtiger stores whole seconds.
 *
 * @example
 * ```ts
 * import { asDateTime, select } from '@vtiger/query-builder';
 *
 * select('id').from('Leads')
 *   .where('modifiedtime', '>', asDateTime(new Date('2026-01-31T00:00:00Z')))
 *   .toVTQL();
 * //=> "SELECT id FROM Leads WHERE modifiedtime > '2026-01-31 00:00:00';"
 * ```
 */
export function asDateTime(
  value: Date | number,
  options: DateOptions = {},
): DateValue {
  const p = dateParts(value, options.timeZone ?? 'UTC', 'asDateTime');
  return makeDateValue(
    `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`,
  );
}

/**
 * Tells whether `value` was made by {@link asDate} or {@link asDateTime}.
 *
 * @example
 * ```ts
 * import { asDate, isDateValue } from '@vtiger/query-builder';
 *
 * isDateValue(asDate(new Date())); //=> true
 * isDateValue(new Date()); //=> false
 * ```
 */
export function isDateValue(value: unknown): value is DateValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[dateValueMarker] === true
  );
}

/**
 * Renders a plain Date value: the date alone when the time is exactly
 * midnight UTC, otherwise the datetime in UTC. MySQL reads `'2026-01-31'`
 * as `'2026-01-31 00:00:00'` when comparing with a datetime column, so the
 * short form means the same for date and datetime fields.
 */
export function formatDate(value: Date, context: string): string {
  const time = value.getTime();
  if (Number.isNaN(time)) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${context} Invalid Date: the Date holds no time. Check how it was ` +
        `parsed.`,
    );
  }
  if (time % 86_400_000 === 0) return asDate(value).text;
  return asDateTime(value).text;
}

function makeDateValue(text: string): DateValue {
  return Object.freeze({ [dateValueMarker]: true as const, text });
}

interface DateParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function dateParts(
  value: Date | number,
  timeZone: string,
  fn: string,
): DateParts {
  const time = value instanceof Date ? value.getTime() : value;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${fn}(${describe(value)}): expected a valid Date or epoch ` +
        `milliseconds.`,
    );
  }
  const date = new Date(time);
  if (timeZone === 'UTC') {
    const year = date.getUTCFullYear();
    if (year < 1 || year > 9999) throw yearError(fn, year);
    return {
      year: pad(year, 4),
      month: pad(date.getUTCMonth() + 1, 2),
      day: pad(date.getUTCDate(), 2),
      hour: pad(date.getUTCHours(), 2),
      minute: pad(date.getUTCMinutes(), 2),
      second: pad(date.getUTCSeconds(), 2),
    };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${fn}: unknown time zone ${JSON.stringify(timeZone)}. Use an IANA ` +
        `name such as 'Europe/Berlin' or 'UTC'.`,
    );
  }
  const parts = new Map(
    format.formatToParts(date).map((part) => [part.type, part.value]),
  );
  const year = Number(parts.get('year'));
  if (parts.get('era') !== 'AD' || year > 9999) throw yearError(fn, year);
  return {
    year: pad(year, 4),
    month: pad(Number(parts.get('month')), 2),
    day: pad(Number(parts.get('day')), 2),
    hour: pad(Number(parts.get('hour')), 2),
    minute: pad(Number(parts.get('minute')), 2),
    second: pad(Number(parts.get('second')), 2),
  };
}

function yearError(fn: string, year: number): QueryBuildError {
  return new QueryBuildError(
    'INVALID_VALUE',
    `${fn}: year ${year} is outside 0001-9999, the range of MySQL DATE and ` +
      `DATETIME columns.`,
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
