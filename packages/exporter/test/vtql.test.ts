import { describe, expect, test } from 'vitest';
import {
  andDisjunctions,
  andParts,
  extractCondition,
  prefixPattern,
  renderCondition,
  splitOrTerms,
  toDisjunction,
} from '../src/vtql.js';
import { distinctPrefixes, pageQuery, planIdRanges } from '../src/ranges.js';

describe('splitOrTerms', () => {
  test('splits top-level OR terms', () => {
    expect(splitOrTerms("a = '1' OR b = '2' or c = '3'")).toEqual([
      "a = '1'",
      "b = '2'",
      "c = '3'",
    ]);
  });

  test('ignores OR inside literals', () => {
    expect(splitOrTerms("a = 'x OR y' OR b = 'it''s or'")).toEqual([
      "a = 'x OR y'",
      "b = 'it''s or'",
    ]);
  });

  test('does not split words containing or', () => {
    expect(splitOrTerms("color = 'red' AND vendor = '1'")).toEqual([
      "color = 'red' AND vendor = '1'",
    ]);
  });

  test('rejects an unterminated literal', () => {
    expect(() => splitOrTerms("a = 'x")).toThrow(SyntaxError);
  });
});

describe('condition algebra', () => {
  test('id bounds go into every OR term', () => {
    const condition = andParts(toDisjunction("a = '1' OR b = '2'"), [
      "id > '10x5'",
    ]);
    expect(renderCondition(condition)).toBe(
      "a = '1' AND id > '10x5' OR b = '2' AND id > '10x5'",
    );
  });

  test('AND of two disjunctions distributes', () => {
    const condition = andDisjunctions(
      toDisjunction('a OR b'),
      toDisjunction('c OR d'),
    );
    expect(renderCondition(condition)).toBe(
      'a AND c OR a AND d OR b AND c OR b AND d',
    );
  });

  test('extractCondition reads the WHERE clause of a query', () => {
    expect(
      extractCondition(
        "SELECT * FROM Leads WHERE city = 'order by' ORDER BY id LIMIT 5;",
      ),
    ).toBe("city = 'order by'");
    expect(extractCondition('SELECT * FROM Leads;')).toBe('');
    expect(extractCondition("city = 'x'")).toBe("city = 'x'");
  });
});

describe('prefixes', () => {
  test('prefixPattern escapes quotes and wildcards', () => {
    expect(prefixPattern("O'N")).toBe("'O''N%'");
    expect(prefixPattern('50%_')).toBe("'50\\\\%\\\\_%'");
  });

  test('distinctPrefixes drops covered prefixes', () => {
    expect(distinctPrefixes(['Ab', 'a', 'B', 'b', 'bc'])).toEqual(['B', 'a']);
  });
});

describe('planIdRanges', () => {
  test('covers the span with open ends', () => {
    const ranges = planIdRanges({
      condition: [],
      minId: '10x1',
      maxId: '10x1000',
      estimate: 1000,
      pageSize: 100,
      pagesPerRange: 3,
      concurrency: 2,
    });
    expect(ranges.map((range) => [range.lower, range.upper])).toEqual([
      [null, '10x300'],
      ['10x300', '10x600'],
      ['10x600', '10x900'],
      ['10x900', null],
    ]);
  });

  test('last round keeps every slot busy', () => {
    const plan = (leads: number) =>
      planIdRanges({
        condition: [],
        minId: '10x1',
        maxId: `10x${leads}`,
        estimate: leads,
        pageSize: 100,
        pagesPerRange: 32,
        concurrency: 4,
      });
    // Ranges of 32 pages would leave a last range of 8 pages (100,000) or
    // a seventh range for 4 slots (20,000).
    for (const [leads, count] of [
      [100_000, 40],
      [20_000, 8],
      [1_000_000, 400],
    ] as const) {
      const ranges = plan(leads);
      expect(ranges).toHaveLength(count);
      expect(ranges[0]?.upper).toBe(`10x${leads / count}`);
    }
  });

  test('one open range when the probe found nothing', () => {
    const ranges = planIdRanges({
      condition: [],
      minId: null,
      maxId: null,
      estimate: 0,
      pageSize: 100,
      pagesPerRange: 3,
      concurrency: 4,
    });
    expect(ranges).toEqual([{ condition: [], lower: null, upper: null }]);
  });

  test('pageQuery adds the keyset bounds', () => {
    expect(
      pageQuery(
        'Leads',
        '*',
        {
          condition: toDisjunction("a = '1' OR b = '2'"),
          lower: null,
          upper: '10x9',
        },
        '10x3',
        100,
      ),
    ).toBe(
      "SELECT * FROM Leads WHERE a = '1' AND id > '10x3' AND id <= '10x9' OR b = '2' AND id > '10x3' AND id <= '10x9' ORDER BY id LIMIT 100;",
    );
  });
});
