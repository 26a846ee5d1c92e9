import { UsageError } from './errors.js';

const units: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a `--since` value: an ISO date or date-time (read as UTC unless it
 * has an offset), Unix seconds, or an age such as `30m`, `12h` or `7d`.
 *
 * @example
 * ```ts
 * parseSince('2026-01-31');           // 2026-01-31T00:00:00Z
 * parseSince('1769817600');           // the same instant in Unix seconds
 * parseSince('7d', new Date());       // seven days ago
 * ```
 */
export function parseSince(value: string, now = new Date()): Date {
  const text = value.trim();
  const age = /^(\d+)\s*([smhdw])$/.exec(text);
  if (age) {
    return checkRange(
      value,
      new Date(now.getTime() - Number(age[1]) * (units[age[2]!] ?? 0)),
    );
  }
  if (/^\d{9,}$/.test(text)) {
    return checkRange(value, new Date(Number(text) * 1000));
  }
  const isoDate = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const isoDateTime =
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(
      text,
    );
  if (isoDate || isoDateTime) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && !isoDate;
    const normalised = text.replace(' ', 'T');
    const date = new Date(
      isoDate
        ? `${normalised}T00:00:00Z`
        : hasZone
          ? normalised
          : `${normalised}Z`,
    );
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new UsageError(
    `Invalid time "${value}": use an ISO date or date-time (2026-01-31, 2026-01-31T13:05:00Z), Unix seconds, or an age such as 30m, 12h or 7d.`,
  );
}

/**
 * Returns `date`, or throws a {@link UsageError} when `value` gave a time
 * that JavaScript dates cannot hold (beyond ±100,000,000 days from 1970).
 */
function checkRange(value: string, date: Date): Date {
  if (!Number.isNaN(date.getTime())) return date;
  throw new UsageError(
    `Invalid time "${value}": it is out of range. Unix seconds count from 1970 (1769817600 is 2026-01-31); use a date such as 2026-01-31 or an age such as 7d.`,
  );
}
