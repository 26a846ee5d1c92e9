import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { planPaging } from '../src/vtql/paging-plan.js';

type Row = Record<string, string>;
interface Condition {
  field: string;
  operator: '=' | '!=' | '<' | '>';
  value: string;
}

/** Splits `id` values such as `10x42` into their record number. */
const recordNumber = (id: string): number => Number(id.split('x')[1]);

function compare(left: string, operator: string, right: string): boolean {
  if (operator === '=') return left === right;
  if (operator === '!=') return left !== right;
  return operator === '<' ? left < right : left > right;
}

/**
 * Evaluates a WHERE clause of `field op 'value'` conditions joined by AND
 * and OR, AND binding tighter (MySQL precedence). Written apart from the
 * code under test: a sticky regex scanner, no shared tokenizer.
 */
function evaluate(where: string, row: Row): boolean {
  const scanner = /\s*(\w+)\s*(!=|<|>|=)\s*'((?:[^']|'')*)'\s*(AND|OR)?/iuy;
  let anyTerm = false;
  let term = true;
  let position = 0;
  while (position < where.length) {
    scanner.lastIndex = position;
    const match = scanner.exec(where);
    if (match === null) throw new Error(`cannot scan ${where.slice(position)}`);
    position = scanner.lastIndex;
    const [, field, operator, raw, joiner] = match;
    const value = raw!.replaceAll("''", "'");
    const result =
      field === 'id'
        ? compare(
            String(recordNumber(row.id!)).padStart(6, '0'),
            operator!,
            String(recordNumber(value)).padStart(6, '0'),
          )
        : compare(row[field!] ?? '', operator!, value);
    term = term && result;
    if (joiner === undefined || joiner.toUpperCase() === 'OR') {
      anyTerm = anyTerm || term;
      term = true;
    }
  }
  return anyTerm;
}

const words = [
  'Boston',
  'OR',
  'AND',
  "O'Neil",
  'ORDER BY',
  'LIMIT 5',
  ';',
  'a',
];
const condition: fc.Arbitrary<Condition> = fc.record({
  field: fc.constantFrom('city', 'status'),
  operator: fc.constantFrom('=', '!=', '<', '>'),
  value: fc.constantFrom(...words),
});
const quote = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const render = (item: Condition): string =>
  `${item.field} ${item.operator} ${quote(item.value)}`;

describe('keyset rewrite property', () => {
  test('page equals where and id bound', () => {
    fc.assert(
      fc.property(
        fc.array(condition, { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(' AND ', ' OR ', ' and ', ' or '), {
          minLength: 5,
          maxLength: 5,
        }),
        fc.array(
          fc.record({
            city: fc.constantFrom(...words),
            status: fc.constantFrom(...words),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 12 }),
        (conditions, joiners, values, lastIndex) => {
          const where = conditions
            .map(
              (item, index) =>
                (index === 0 ? '' : joiners[index - 1]) + render(item),
            )
            .join('');
          const rows = values.map((value, index) => ({
            ...value,
            id: `10x${index + 1}`,
          }));
          const lastId = `10x${lastIndex}`;
          const text = planPaging(
            `SELECT * FROM Leads WHERE ${where};`,
          ).pageQuery({ lastId, offset: 0 }, 100);
          const rewritten = /WHERE (.*) ORDER BY id ASC LIMIT 100;$/u.exec(
            text,
          )?.[1];
          expect(rewritten).toBeDefined();
          for (const row of rows) {
            const expected =
              evaluate(where, row) && recordNumber(row.id) > lastIndex;
            expect(evaluate(rewritten!, row)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
