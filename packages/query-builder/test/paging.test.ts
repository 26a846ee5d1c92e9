import { describe, expect, test } from 'vitest';
import {
  count,
  createQueryBuilder,
  encodedQueryLength,
  QueryBuildError,
  select,
  selectAll,
} from '@vtiger/query-builder';

describe('pageAfter', () => {
  test('first page', () => {
    expect(select('lastname').from('Leads').pageAfter(null, 100).toVTQL()).toBe(
      'SELECT lastname, id FROM Leads ORDER BY id LIMIT 100;',
    );
  });

  test('next page without condition', () => {
    expect(selectAll().from('Leads').pageAfter('10x500', 50).toVTQL()).toBe(
      "SELECT * FROM Leads WHERE id > '10x500' ORDER BY id LIMIT 50;",
    );
  });

  test('distributes over every OR term', () => {
    expect(
      select('id', 'lastname')
        .from('Leads')
        .where('city', '=', 'Boston')
        .and('leadstatus', '=', 'Hot')
        .or('city', '=', 'Denver')
        .pageAfter('10x500', 100)
        .toVTQL(),
    ).toBe(
      "SELECT id, lastname FROM Leads WHERE city = 'Boston' AND leadstatus = 'Hot' AND id > '10x500' OR city = 'Denver' AND id > '10x500' ORDER BY id LIMIT 100;",
    );
  });

  test('replaces limit and keeps id ordering', () => {
    expect(
      select('id')
        .from('Leads')
        .orderBy('id')
        .limit(10)
        .pageAfter('10x1', 20)
        .toVTQL(),
    ).toBe("SELECT id FROM Leads WHERE id > '10x1' ORDER BY id LIMIT 20;");
  });

  test('pages chain from the base query', () => {
    const base = select('id').from('Leads').where('city', '=', 'Boston');
    expect(base.pageAfter('10x2', 100).toVTQL()).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND id > '10x2' ORDER BY id LIMIT 100;",
    );
    expect(base.pageAfter('10x9', 100).toVTQL()).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND id > '10x9' ORDER BY id LIMIT 100;",
    );
  });

  test.each([
    [() => count().from('Leads').pageAfter(null, 10), /count\(\*\) query/],
    [
      () => select('id').from('Leads').limit(5).offset(5).pageAfter(null, 10),
      /offset\(5\)/,
    ],
    [
      () => select('id').from('Leads').orderBy('lastname').pageAfter(null, 10),
      /ordered by lastname ASC/,
    ],
    [
      () =>
        select('id').from('Leads').orderBy('id', 'desc').pageAfter(null, 10),
      /ordered by id DESC/,
    ],
    [() => select('id').from('Leads').pageAfter('42', 10), /pageAfter\("42"\)/],
    [
      () => select('id').from('Leads').pageAfter("10x1' OR 'a", 10),
      /expected a record id/,
    ],
    [() => select('id').from('Leads').pageAfter(null, 101), /1 to 100/],
    [() => select('id').from('Leads').pageAfter(null, 0), /1 to 100/],
  ])('rejects %#', (build, message) => {
    expect(build).toThrow(QueryBuildError);
    expect(build).toThrow(message);
  });
});

describe('URL length', () => {
  const ids = (n: number) =>
    Array.from({ length: n }, (_, i) => `10x${1000 + i}`);

  test('500 ids fit the budget', () => {
    const text = select('id')
      .from('Leads')
      .where('id', 'in', ids(500))
      .toVTQL();
    expect(text).toBe(
      `SELECT id FROM Leads WHERE id IN (${ids(500)
        .map((id) => `'${id}'`)
        .join(',')});`,
    );
    expect(encodedQueryLength(text)).toBe(8039);
  });

  test('1000 ids are rejected', () => {
    const build = () =>
      select('id').from('Leads').where('id', 'in', ids(1000)).toVTQL();
    expect(build).toThrow(QueryBuildError);
    expect(build).toThrow(
      /The query is 16039 characters once URL-encoded, over the budget of 8050.*splitInList/,
    );
  });

  test('budget is configurable', () => {
    const { select: tight } = createQueryBuilder({ maxQueryLength: 100 });
    expect(() =>
      tight('id').from('Leads').where('lastname', '=', 'x'.repeat(80)).toVTQL(),
    ).toThrow(/over the budget of 100/);
  });

  test('encodedQueryLength counts the longer encoding', () => {
    expect(encodedQueryLength("a'b,c")).toBe(9); // a%27b%2Cc as a form value
    expect(encodedQueryLength('a  b')).toBe(8); // a%20%20b by encodeURIComponent
    expect(encodedQueryLength('東')).toBe(9);
  });
});

describe('splitInList', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `10x${i + 1}`);

  test('returns the query itself when it fits', () => {
    const query = select('id').from('Leads').where('id', 'in', ids(3));
    const parts = query.splitInList();
    expect(parts.map((q) => q.toVTQL())).toEqual([
      "SELECT id FROM Leads WHERE id IN ('10x1','10x2','10x3');",
    ]);
  });

  test('splits into the longest slices that fit', () => {
    // The budget includes room for the keyset condition on both OR terms.
    const { select: tight } = createQueryBuilder({ maxQueryLength: 278 });
    const parts = tight('id')
      .from('Leads')
      .where('city', '=', 'Boston')
      .or('city', '=', 'Denver')
      .and('id', 'in', ids(12))
      .splitInList();
    expect(parts.map((q) => q.toVTQL())).toEqual([
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x1','10x2') OR city = 'Denver' AND id IN ('10x1','10x2');",
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x3','10x4') OR city = 'Denver' AND id IN ('10x3','10x4');",
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x5','10x6') OR city = 'Denver' AND id IN ('10x5','10x6');",
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x7','10x8') OR city = 'Denver' AND id IN ('10x7','10x8');",
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x9','10x10') OR city = 'Denver' AND id IN ('10x9','10x10');",
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x11') OR city = 'Denver' AND id IN ('10x11');",
      "SELECT id FROM Leads WHERE city = 'Boston' AND id IN ('10x12') OR city = 'Denver' AND id IN ('10x12');",
    ]);
  });

  test('splits 2000 ids under the default budget', () => {
    const all = ids(2000);
    const parts = select('id')
      .from('Leads')
      .where('id', 'in', all)
      .splitInList();
    const texts = parts.map((q) => q.toVTQL());
    expect(texts.length).toBeGreaterThan(1);
    const seen = texts.flatMap((text) =>
      [...text.matchAll(/'(10x\d+)'/g)].map((m) => m[1]),
    );
    expect(seen).toEqual(all);
    expect(texts[0]).toMatch(
      /^SELECT id FROM Leads WHERE id IN \('10x1','10x2',/,
    );
  });

  test('field picks the list', () => {
    const { select: tight } = createQueryBuilder({ maxQueryLength: 194 });
    const parts = tight('id')
      .from('Leads')
      .where('city', 'in', ['Boston', 'Denver', 'Austin', 'Miami', 'Tulsa'])
      .and('id', 'in', ids(3))
      .splitInList('city');
    expect(parts.map((q) => q.toVTQL())).toEqual([
      "SELECT id FROM Leads WHERE city IN ('Boston','Denver') AND id IN ('10x1','10x2','10x3');",
      "SELECT id FROM Leads WHERE city IN ('Austin','Miami') AND id IN ('10x1','10x2','10x3');",
      "SELECT id FROM Leads WHERE city IN ('Tulsa') AND id IN ('10x1','10x2','10x3');",
    ]);
  });

  test('rejects a long query without an IN list', () => {
    const { select: tight } = createQueryBuilder({ maxQueryLength: 100 });
    expect(() =>
      tight('id')
        .from('Leads')
        .where('lastname', '=', 'x'.repeat(90))
        .splitInList(),
    ).toThrow(/has no IN list to split/);
  });
});
