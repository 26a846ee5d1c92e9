import { InvalidArgumentError } from 'commander';
import { UsageError } from './errors.js';

/** Commander argument parser for a whole number of at least 1. */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (
    !/^\d+$/.test(value.trim()) ||
    !Number.isSafeInteger(number) ||
    number < 1
  ) {
    throw new InvalidArgumentError(
      `expected a whole number of at least 1, got "${value}".`,
    );
  }
  return number;
}

/** Commander argument parser for a whole number of at least 0. */
export function parseNonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError(
      `expected a whole number of at least 0, got "${value}".`,
    );
  }
  return number;
}

/** Commander parser that collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Splits a comma-separated option value, dropping empty items. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Splits a comma-separated option value such as `--fields a,b` and throws
 * a {@link UsageError} naming `option` when no item is left (`--fields ,`).
 * `example` is a valid value for the message.
 */
export function parseList(
  option: string,
  value: string,
  example: string,
): string[] {
  const items = splitList(value);
  if (items.length === 0) {
    throw new UsageError(
      `Invalid ${option} "${value}": give one or more comma-separated names, for example ${option} ${example}.`,
    );
  }
  return items;
}
