import type { FaultOptions } from './options.js';

const KEYS: Readonly<Record<string, keyof FaultOptions>> = {
  '5xx': 'serverError',
  '429': 'rateLimited',
  reset: 'reset',
  truncate: 'truncated',
  'expire-every': 'sessionExpiryEvery',
};

/**
 * Parses the `--faults` flag: comma-separated `name=value` pairs with the
 * names 5xx, 429, reset, truncate (rates from 0 to 1) and expire-every (a
 * whole number of requests, 0 for never). Throws a `TypeError` that names
 * the pair and the valid range.
 *
 * @example
 * ```ts
 * import { parseFaults } from '@vtiger/emulator';
 *
 * parseFaults('5xx=0.1,expire-every=500');
 * //=> { serverError: 0.1, sessionExpiryEvery: 500 }
 * ```
 */
export function parseFaults(text: string): FaultOptions {
  const faults: FaultOptions = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const [name = '', value = ''] = part
      .split('=')
      .map((piece) => piece.trim());
    const key = KEYS[name];
    const number = Number(value);
    if (key === undefined) {
      throw new TypeError(
        `Invalid fault "${name}": expected one of ${Object.keys(KEYS).join(', ')}.`,
      );
    }
    if (value === '' || Number.isNaN(number)) {
      throw new TypeError(
        `Invalid value for fault "${name}": expected a number, got "${value}".`,
      );
    }
    if (key === 'sessionExpiryEvery') {
      if (!Number.isSafeInteger(number) || number < 0) {
        throw new TypeError(
          `Invalid value for fault "${name}": expected a whole number of requests >= 0, got "${value}".`,
        );
      }
    } else if (!(number >= 0 && number <= 1)) {
      throw new TypeError(
        `Invalid value for fault "${name}": expected a rate from 0 to 1 (0.1 is 10% of requests), got "${value}".`,
      );
    }
    faults[key] = number;
  }
  return faults;
}
