import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likeToRegExp } from '../src/query/like-pattern.js';
import {
  type RunningEmulator,
  startEmulator,
  VtqlSyntaxError,
} from '../src/index.js';
import { ApiError } from '../src/operations/api-error.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ leads: 30, contacts: 10, accounts: 5 });
});

afterAll(async () => {
  await emulator.close();
});

const TOKENS = [
  'SELECT',
  'select',
  '*',
  'count(*)',
  'id',
  'lastname',
  'city',
  'nosuch',
  'FROM',
  'Leads',
  'Contacts',
  'Users',
  'leads',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IS',
  'NULL',
  '=',
  '!=',
  '<>',
  '<',
  '>',
  '<=',
  '>=',
  'LIKE',
  'IN',
  '(',
  ')',
  ',',
  ';',
  "''",
  "'a'",
  "'O''Brien'",
  "'\\\\'",
  "'10x5'",
  "'%_\\%'",
  '"x"',
  '42',
  '-7',
  '1.5',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'LIMIT',
  'GROUP',
  'BETWEEN',
  '10x5',
  '\n',
  '#',
];

describe('robustness', () => {
  it('LIKE patterns with escaped wildcards match their text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const escaped = text.replace(/[\\%_]/g, (char) => `\\${char}`);
        expect(likeToRegExp(escaped).test(text)).toBe(true);
        expect(likeToRegExp(`%${escaped}%`).test(`x${text}y`)).toBe(true);
      }),
    );
  });

  it('queries fail only with server errors', () => {
    const query = fc
      .array(fc.constantFrom(...TOKENS), { maxLength: 16 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(query, fc.string()), (text) => {
        try {
          emulator.query(text);
        } catch (error) {
          expect(
            error instanceof VtqlSyntaxError || error instanceof ApiError,
          ).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
