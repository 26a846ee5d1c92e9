import { parseVtql, type VtqlCondition } from '@vtiger/emulator';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  condition,
  or,
  select,
  type Condition,
  type Operator,
} from '@vtiger/query-builder';
import { hostileString } from './hostile-strings.js';

const runs = { numRuns: 2000 };

/** Quotes like the builder should, written independently: `'` and `\` doubled. */
function referenceQuote(value: string): string {
  let quoted = "'";
  for (const char of value) {
    if (char === "'") quoted += "''";
    else if (char === '\\') quoted += '\\\\';
    else quoted += char;
  }
  return `${quoted}'`;
}

/** Splits a decoded MySQL LIKE pattern into wildcards and literal text. */
function readLikePattern(pattern: string): string[] {
  const parts: string[] = [];
  let literal = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '%' || char === '_') {
      if (literal) parts.push(literal);
      literal = '';
      parts.push(char);
    } else if (char === '\\' && index + 1 < pattern.length) {
      index++;
      literal += pattern[index];
    } else {
      literal += char;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

function whereOf(text: string): VtqlCondition {
  const where = parseVtql(text).where;
  if (!where) throw new Error(`no WHERE in ${text}`);
  return where;
}

describe('escaping round trip through parseVtql', () => {
  test('equality value parses back unchanged', () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const text = select('id')
          .from('Leads')
          .where('lastname', '=', value)
          .toVTQL();
        expect(text).toBe(
          `SELECT id FROM Leads WHERE lastname = ${referenceQuote(value)};`,
        );
        const where = whereOf(text);
        expect(where).toMatchObject({
          type: 'comparison',
          field: 'lastname',
          operator: '=',
        });
        expect(where.type === 'comparison' ? where.value.value : null).toBe(
          value,
        );
      }),
      runs,
    );
  });

  test('like helpers match the text literally', () => {
    const helpers = {
      startsWith: (text: string) => [text, '%'],
      endsWith: (text: string) => ['%', text],
      contains: (text: string) => ['%', text, '%'],
    } as const;
    fc.assert(
      fc.property(
        hostileString,
        fc.constantFrom('startsWith', 'endsWith', 'contains' as const),
        (value, helper) => {
          const text = select('id')
            .from('Leads')
            .where('lastname', helper, value)
            .toVTQL();
          const where = whereOf(text);
          expect(where.type).toBe('comparison');
          expect(where.type === 'comparison' ? where.operator : null).toBe(
            'LIKE',
          );
          const pattern = where.type === 'comparison' ? where.value.value : '';
          expect(readLikePattern(pattern)).toEqual(helpers[helper](value));
        },
      ),
      runs,
    );
  });

  test('in list values parse back unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(hostileString, { minLength: 1, maxLength: 8 }),
        (values) => {
          const text = select('id')
            .from('Leads')
            .where('city', 'in', values)
            .toVTQL();
          const where = whereOf(text);
          expect(where.type).toBe('in');
          const parsed = where.type === 'in' ? where.values : [];
          expect(parsed.map((value) => value.value)).toEqual(values);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('condition structure survives hostile values', () => {
    const comparison = fc.record({
      field: fc.constantFrom('city', 'lastname', 'id'),
      operator: fc.constantFrom<Operator>('=', '!=', '<', '>', '<=', '>='),
      value: hostileString,
    });
    const term = fc.array(comparison, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 4 }), (terms) => {
        const conditions: Condition[] = terms.map((comparisons) =>
          comparisons
            .slice(1)
            .reduce(
              (acc, c) => acc.and(c.field, c.operator, c.value),
              condition(
                comparisons[0]!.field,
                comparisons[0]!.operator,
                comparisons[0]!.value,
              ),
            ),
        );
        const [first, ...rest] = conditions;
        const text = select('id')
          .from('Leads')
          .where(or(first!, ...rest))
          .toVTQL();
        expect(toTerms(whereOf(text))).toEqual(
          terms.map((comparisons) =>
            comparisons.map((c) => [c.field, c.operator, c.value]),
          ),
        );
      }),
      { numRuns: 500 },
    );
  });
});

/** Flattens a parsed condition into OR terms of [field, op, value]. */
function toTerms(where: VtqlCondition): [string, string, string][][] {
  const orTerms = where.type === 'or' ? where.conditions : [where];
  return orTerms.map((term) => {
    const comparisons = term.type === 'and' ? term.conditions : [term];
    return comparisons.map((c) => {
      if (c.type !== 'comparison') throw new Error(`unexpected ${c.type}`);
      return [c.field, c.operator, c.value.value];
    });
  });
}
