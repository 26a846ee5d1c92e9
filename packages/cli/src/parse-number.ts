import { InvalidArgumentError } from 'commander';

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
