import { describe, expect, test } from 'vitest';
import { VtigerQueryPagingError } from '../src/errors/query-paging-error.js';
import { planPaging, quoteVtqlString } from '../src/vtql/paging-plan.js';

const page = (query: string, lastId: string | null, size = 100): string =>
  planPaging(query).pageQuery({ lastId, offset: 0 }, size);

describe('planPaging keyset', () => {
  test('first page orders by id', () => {
    expect(page('SELECT * FROM Leads;', null)).toBe(
      'SELECT * FROM Leads ORDER BY id ASC LIMIT 100;',
    );
  });

  test('later page adds the id bound', () => {
    expect(page('SELECT * FROM Leads;', '10x500', 50)).toBe(
      "SELECT * FROM Leads WHERE id > '10x500' ORDER BY id ASC LIMIT 50;",
    );
  });

  test('id bound joins a single condition', () => {
    expect(page("select id from Leads where city = 'Boston'", '10x9')).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND id > '10x9' ORDER BY id ASC LIMIT 100;",
    );
  });

  test('id bound is distributed over OR terms', () => {
    expect(
      page(
        "SELECT id, city FROM Leads WHERE city = 'Boston' OR city = 'Denver' AND leadstatus = 'Hot' LIMIT 4;",
        '10x7',
      ),
    ).toBe(
      "SELECT id, city FROM Leads WHERE city = 'Boston' AND id > '10x7' OR city = 'Denver' AND leadstatus = 'Hot' AND id > '10x7' ORDER BY id ASC LIMIT 100;",
    );
  });

  test('OR inside a string is not split', () => {
    expect(
      page("SELECT * FROM Leads WHERE company = 'Black OR White';", '10x1'),
    ).toBe(
      "SELECT * FROM Leads WHERE company = 'Black OR White' AND id > '10x1' ORDER BY id ASC LIMIT 100;",
    );
  });

  test('keywords inside strings with doubled quotes', () => {
    expect(
      page(
        "SELECT * FROM Leads WHERE lastname = 'O''Neil ORDER BY x LIMIT 3;' OR lastname LIKE 'a%';",
        '10x2',
      ),
    ).toBe(
      "SELECT * FROM Leads WHERE lastname = 'O''Neil ORDER BY x LIMIT 3;' AND id > '10x2' OR lastname LIKE 'a%' AND id > '10x2' ORDER BY id ASC LIMIT 100;",
    );
  });

  test('IN lists are kept whole', () => {
    expect(
      page(
        "SELECT * FROM Leads WHERE city IN ('A', 'B') OR city = 'C';",
        '10x3',
      ),
    ).toBe(
      "SELECT * FROM Leads WHERE city IN ('A', 'B') AND id > '10x3' OR city = 'C' AND id > '10x3' ORDER BY id ASC LIMIT 100;",
    );
  });

  test('select list without id gains id', () => {
    expect(page('SELECT lastname, email FROM Leads;', null)).toBe(
      'SELECT lastname, email, id FROM Leads ORDER BY id ASC LIMIT 100;',
    );
  });

  test('ORDER BY id DESC pages downwards', () => {
    const plan = planPaging('SELECT * FROM Leads ORDER BY id DESC;');
    expect(plan.direction).toBe('desc');
    expect(plan.pageQuery({ lastId: '10x50', offset: 0 }, 10)).toBe(
      "SELECT * FROM Leads WHERE id < '10x50' ORDER BY id DESC LIMIT 10;",
    );
  });

  test('LIMIT becomes skip and limit', () => {
    const plan = planPaging('SELECT * FROM Leads LIMIT 200, 300;');
    expect(plan.skip).toBe(200);
    expect(plan.limit).toBe(300);
    const single = planPaging('SELECT * FROM Leads LIMIT 250;');
    expect(single.skip).toBe(0);
    expect(single.limit).toBe(250);
  });

  test('lowercase keywords and no semicolon', () => {
    expect(
      page(
        "select * from Contacts where mailingcity = 'Oslo' order by id",
        '12x1',
      ),
    ).toBe(
      "SELECT * FROM Contacts WHERE mailingcity = 'Oslo' AND id > '12x1' ORDER BY id ASC LIMIT 100;",
    );
  });

  test('unsafe queries are rejected', () => {
    const cases: Array<[string, RegExp]> = [
      ['SELECT count(*) FROM Leads;', /count\(\*\)/u],
      ['SELECT * FROM Leads ORDER BY lastname;', /ORDER BY lastname/u],
      ["SELECT * FROM Leads WHERE (city = 'A' OR city = 'B');", /parenthesis/u],
      ["SELECT * FROM Leads WHERE city = 'A; SELECT", /closing quote/u],
      ['SELECT * FROM Leads; SELECT * FROM Contacts;', /unexpected "SELECT"/u],
      ['DELETE FROM Leads;', /does not start with SELECT/u],
      ["SELECT * FROM Leads WHERE city = 'A' OR;", /OR in WHERE/u],
      ['SELECT * FROM Leads LIMIT x;', /whole numbers/u],
    ];
    for (const [query, message] of cases) {
      expect(() => planPaging(query), query).toThrow(VtigerQueryPagingError);
      expect(() => planPaging(query), query).toThrow(message);
    }
  });

  test('offset mode keeps the caller order', () => {
    const plan = planPaging(
      "SELECT * FROM Leads WHERE city = 'A' ORDER BY lastname DESC LIMIT 5, 500;",
      'offset',
    );
    expect(plan.pageQuery({ lastId: null, offset: 100 }, 100)).toBe(
      "SELECT * FROM Leads WHERE city = 'A' ORDER BY lastname DESC LIMIT 105, 100;",
    );
    expect(plan.limit).toBe(500);
  });
});

describe('quoteVtqlString', () => {
  test('doubles quotes and backslashes', () => {
    expect(quoteVtqlString("O'Neil")).toBe("'O''Neil'");
    expect(quoteVtqlString('a\\b')).toBe("'a\\\\b'");
  });
});
