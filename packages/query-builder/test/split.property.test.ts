import { parseVtql } from '@vtiger/emulator';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  createQueryBuilder,
  encodedQueryLength,
  isQueryBuildError,
} from '@vtiger/query-builder';
import { hostileString } from './hostile-strings.js';

describe('splitInList', () => {
  test('parts fit and carry every value once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(hostileString, { minLength: 20, maxLength: 150 }),
        fc.integer({ min: 300, max: 3000 }),
        (values, budget) => {
          const { select } = createQueryBuilder({ maxQueryLength: budget });
          const query = select('id')
            .from('Leads')
            .where('lastname', 'in', values)
            .or('city', '=', 'Boston');
          let parts;
          try {
            parts = query.splitInList();
          } catch (error) {
            // Allowed only when a single value is too long on its own.
            expect(isQueryBuildError(error)).toBe(true);
            expect((error as { code?: string }).code).toBe('QUERY_TOO_LONG');
            expect(String(error)).toMatch(/even one value of the IN list/);
            return;
          }
          const carried: string[] = [];
          for (const part of parts) {
            const text = part.toVTQL();
            expect(encodedQueryLength(text)).toBeLessThanOrEqual(budget);
            expect(text).toMatch(
              /^SELECT id FROM Leads WHERE lastname IN \(.*\) OR city = 'Boston';$/s,
            );
            const where = parseVtql(text).where;
            const first = where?.type === 'or' ? where.conditions[0] : null;
            expect(first?.type).toBe('in');
            if (first?.type === 'in') {
              carried.push(...first.values.map((value) => value.value));
            }
          }
          expect(carried).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });
});
