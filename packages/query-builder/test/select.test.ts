import { describe, expect, test } from 'vitest';
import {
  and,
  asDate,
  asDateTime,
  condition,
  count,
  createQueryBuilder,
  or,
  select,
  selectAll,
} from '@vtiger/query-builder';

describe('select', () => {
  test('fields', () => {
    expect(select('firstname', 'lastname').from('Leads').toVTQL()).toBe(
      'SELECT firstname, lastname FROM Leads;',
    );
  });

  test('no fields is star', () => {
    expect(select().from('Leads').toVTQL()).toBe('SELECT * FROM Leads;');
  });

  test('selectAll', () => {
    expect(selectAll().from('Contacts').limit(2).toVTQL()).toBe(
      'SELECT * FROM Contacts LIMIT 2;',
    );
  });

  test('count', () => {
    expect(count().from('Leads').where('city', '=', 'Boston').toVTQL()).toBe(
      "SELECT count(*) FROM Leads WHERE city = 'Boston';",
    );
  });

  test('from first', () => {
    const { from } = createQueryBuilder();
    expect(from('Leads').select('id', 'lastname').toVTQL()).toBe(
      'SELECT id, lastname FROM Leads;',
    );
    expect(from('Leads').select().toVTQL()).toBe('SELECT * FROM Leads;');
    expect(from('Leads').selectAll().limit(1).toVTQL()).toBe(
      'SELECT * FROM Leads LIMIT 1;',
    );
    expect(from('Leads').count().toVTQL()).toBe('SELECT count(*) FROM Leads;');
    expect(() => from('Leads;')).toThrow(/Invalid module name "Leads;"/);
  });

  test('toString and template literal', () => {
    const query = select('id').from('Leads');
    expect(String(query)).toBe('SELECT id FROM Leads;');
    expect(`${query}`).toBe('SELECT id FROM Leads;');
  });

  test('issue example', () => {
    expect(
      select('firstname', 'lastname')
        .from('Leads')
        .where('city', '=', 'Chicago')
        .toVTQL(),
    ).toBe("SELECT firstname, lastname FROM Leads WHERE city = 'Chicago';");
  });

  test('recorded query shape', () => {
    expect(
      select('id', 'lastname', 'city', 'leadstatus')
        .from('Leads')
        .where('city', 'in', ['Boston', 'Seattle', 'München'])
        .and('lastname', 'like', 'O%')
        .orderBy('lastname', 'desc')
        .limit(10)
        .offset(5)
        .toVTQL(),
    ).toBe(
      "SELECT id, lastname, city, leadstatus FROM Leads WHERE city IN ('Boston','Seattle','München') AND lastname LIKE 'O%' ORDER BY lastname DESC LIMIT 5, 10;",
    );
  });
});

describe('values', () => {
  const where = (value: unknown) =>
    select('id')
      .from('Leads')
      .where('x', '=', value as string)
      .toVTQL();

  test('quote doubled', () => {
    expect(where("O'Neil")).toBe("SELECT id FROM Leads WHERE x = 'O''Neil';");
  });

  test('backslash doubled', () => {
    expect(where('a\\b')).toBe("SELECT id FROM Leads WHERE x = 'a\\\\b';");
  });

  test('backslash before quote', () => {
    expect(where("\\'")).toBe("SELECT id FROM Leads WHERE x = '\\\\''';");
  });

  test('injection attempt stays one literal', () => {
    expect(where("x' OR id != '0")).toBe(
      "SELECT id FROM Leads WHERE x = 'x'' OR id != ''0';",
    );
  });

  test('newline, CR, tab and unicode pass through', () => {
    expect(where('a\nb\r\tc 東京 😀')).toBe(
      "SELECT id FROM Leads WHERE x = 'a\nb\r\tc 東京 😀';",
    );
  });

  test('percent and underscore untouched by =', () => {
    expect(where('50%_')).toBe("SELECT id FROM Leads WHERE x = '50%_';");
  });

  test('integers bare', () => {
    expect(where(400 as never)).toBe('SELECT id FROM Leads WHERE x = 400;');
    expect(where(-7 as never)).toBe('SELECT id FROM Leads WHERE x = -7;');
    expect(where(0 as never)).toBe('SELECT id FROM Leads WHERE x = 0;');
  });

  test('decimals quoted', () => {
    expect(where(12.5 as never)).toBe("SELECT id FROM Leads WHERE x = '12.5';");
    expect(where(1e21 as never)).toBe(
      "SELECT id FROM Leads WHERE x = '1e+21';",
    );
  });

  test('bigint bare', () => {
    expect(where(12345678901234567890n as never)).toBe(
      'SELECT id FROM Leads WHERE x = 12345678901234567890;',
    );
  });

  test('booleans as 1 and 0', () => {
    expect(where(true as never)).toBe('SELECT id FROM Leads WHERE x = 1;');
    expect(where(false as never)).toBe('SELECT id FROM Leads WHERE x = 0;');
  });

  test('Date at midnight UTC is a date', () => {
    expect(where(new Date('1990-05-17T00:00:00Z') as never)).toBe(
      "SELECT id FROM Leads WHERE x = '1990-05-17';",
    );
  });

  test('Date with time is a UTC datetime', () => {
    expect(where(new Date('2026-01-31T13:05:09.999+02:00') as never)).toBe(
      "SELECT id FROM Leads WHERE x = '2026-01-31 11:05:09';",
    );
  });

  test('asDate in a time zone', () => {
    const value = asDate(new Date('1990-05-17T22:00:00Z'), {
      timeZone: 'Asia/Tokyo',
    });
    expect(where(value as never)).toBe(
      "SELECT id FROM Leads WHERE x = '1990-05-18';",
    );
  });

  test('asDateTime in UTC and a time zone', () => {
    const at = Date.UTC(2026, 0, 31, 0, 0, 0);
    expect(where(asDateTime(at) as never)).toBe(
      "SELECT id FROM Leads WHERE x = '2026-01-31 00:00:00';",
    );
    expect(
      where(asDateTime(at, { timeZone: 'America/New_York' }) as never),
    ).toBe("SELECT id FROM Leads WHERE x = '2026-01-30 19:00:00';");
  });

  test('ids stay strings', () => {
    expect(
      select('id').from('Contacts').where('account_id', '=', '11x6').toVTQL(),
    ).toBe("SELECT id FROM Contacts WHERE account_id = '11x6';");
  });

  test('all comparison operators', () => {
    const ops = ['=', '!=', '<', '>', '<=', '>='] as const;
    expect(
      ops.map((op) =>
        select('id').from('Leads').where('noofemployees', op, 4).toVTQL(),
      ),
    ).toEqual([
      'SELECT id FROM Leads WHERE noofemployees = 4;',
      'SELECT id FROM Leads WHERE noofemployees != 4;',
      'SELECT id FROM Leads WHERE noofemployees < 4;',
      'SELECT id FROM Leads WHERE noofemployees > 4;',
      'SELECT id FROM Leads WHERE noofemployees <= 4;',
      'SELECT id FROM Leads WHERE noofemployees >= 4;',
    ]);
  });

  test('in list with mixed values', () => {
    expect(
      select('id')
        .from('Leads')
        .where('x', 'in', ["a'b", 3, true, 2.5])
        .toVTQL(),
    ).toBe("SELECT id FROM Leads WHERE x IN ('a''b',3,1,'2.5');");
  });
});

describe('like helpers', () => {
  const like = (op: 'startsWith' | 'endsWith' | 'contains', text: string) =>
    select('id').from('Leads').where('lastname', op, text).toVTQL();

  test('startsWith', () => {
    expect(like('startsWith', "O'Ne")).toBe(
      "SELECT id FROM Leads WHERE lastname LIKE 'O''Ne%';",
    );
  });

  test('endsWith', () => {
    expect(like('endsWith', '0051')).toBe(
      "SELECT id FROM Leads WHERE lastname LIKE '%0051';",
    );
  });

  test('contains', () => {
    expect(like('contains', 'Lorem')).toBe(
      "SELECT id FROM Leads WHERE lastname LIKE '%Lorem%';",
    );
  });

  test('escapes percent', () => {
    // Pattern \% (literal %), each backslash doubled in the string literal.
    expect(like('contains', '50%')).toBe(
      "SELECT id FROM Leads WHERE lastname LIKE '%50\\\\%%';",
    );
  });

  test('escapes underscore', () => {
    expect(like('startsWith', 'a_b')).toBe(
      "SELECT id FROM Leads WHERE lastname LIKE 'a\\\\_b%';",
    );
  });

  test('escapes backslash twice', () => {
    // LIKE level: \ -> \\ ; string level: each \ doubled again.
    expect(like('endsWith', 'C:\\')).toBe(
      "SELECT id FROM Leads WHERE lastname LIKE '%C:\\\\\\\\';",
    );
  });

  test('raw like keeps wildcards', () => {
    expect(
      select('id')
        .from('Leads')
        .where('lastname', 'like', 'Lorem 005_')
        .toVTQL(),
    ).toBe("SELECT id FROM Leads WHERE lastname LIKE 'Lorem 005_';");
  });
});

describe('conditions', () => {
  test('and then or', () => {
    expect(
      select('id')
        .from('Leads')
        .where('city', '=', 'Boston')
        .and('leadstatus', '=', 'Hot')
        .or('city', '=', 'Denver')
        .toVTQL(),
    ).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND leadstatus = 'Hot' OR city = 'Denver';",
    );
  });

  test('and distributes over or', () => {
    expect(
      select('id')
        .from('Leads')
        .where('city', '=', 'Boston')
        .or('city', '=', 'Denver')
        .and('leadstatus', '=', 'Hot')
        .toVTQL(),
    ).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND leadstatus = 'Hot' OR city = 'Denver' AND leadstatus = 'Hot';",
    );
  });

  test('where twice ands', () => {
    expect(
      select('id').from('Leads').where('a', '=', 1).where('b', '=', 2).toVTQL(),
    ).toBe('SELECT id FROM Leads WHERE a = 1 AND b = 2;');
  });

  test('or as first call', () => {
    expect(select('id').from('Leads').or('a', '=', 1).toVTQL()).toBe(
      'SELECT id FROM Leads WHERE a = 1;',
    );
  });

  test('or-group and or-group expands', () => {
    const left = condition('a', '=', 1).or('b', '=', 2);
    const right = condition('c', '=', 3).or('d', '=', 4);
    expect(left.and(right).toVTQL()).toBe(
      'a = 1 AND c = 3 OR a = 1 AND d = 4 OR b = 2 AND c = 3 OR b = 2 AND d = 4',
    );
  });

  test('callback form', () => {
    expect(
      select('id')
        .from('Leads')
        .where((c) =>
          c.or(
            c('city', '=', 'Boston'),
            c.and(c('city', '=', 'Denver'), c('leadstatus', '=', 'Hot')),
          ),
        )
        .toVTQL(),
    ).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' OR city = 'Denver' AND leadstatus = 'Hot';",
    );
  });

  test('condition value passed to where', () => {
    const user = or(
      condition('city', '=', 'Boston'),
      condition('city', '=', 'Denver'),
    );
    const bounded = and(
      user,
      condition('id', '>', '10x100'),
      condition('id', '<=', '10x200'),
    );
    expect(select().from('Leads').where(bounded).toVTQL()).toBe(
      "SELECT * FROM Leads WHERE city = 'Boston' AND id > '10x100' AND id <= '10x200' OR city = 'Denver' AND id > '10x100' AND id <= '10x200';",
    );
  });

  test('getCondition returns the where', () => {
    const query = select().from('Leads').where('city', '=', 'Boston');
    expect(query.getCondition()?.toVTQL()).toBe("city = 'Boston'");
    expect(select().from('Leads').getCondition()).toBeUndefined();
  });

  test('condition toString', () => {
    expect(String(condition('a', '>=', 2))).toBe('a >= 2');
  });
});

describe('order and limit', () => {
  test('orderBy one field', () => {
    expect(select('id').from('Leads').orderBy('lastname').toVTQL()).toBe(
      'SELECT id FROM Leads ORDER BY lastname;',
    );
  });

  test('orderBy list with one direction', () => {
    expect(
      select('id').from('Leads').orderBy(['city', 'lastname'], 'desc').toVTQL(),
    ).toBe('SELECT id FROM Leads ORDER BY city, lastname DESC;');
  });

  test('orderBy calls append', () => {
    expect(
      select('id')
        .from('Leads')
        .orderBy('city', 'asc')
        .orderBy('lastname')
        .toVTQL(),
    ).toBe('SELECT id FROM Leads ORDER BY city, lastname ASC;');
  });

  test('limit and offset', () => {
    expect(select('id').from('Leads').offset(100).limit(5).toVTQL()).toBe(
      'SELECT id FROM Leads LIMIT 100, 5;',
    );
  });

  test('limit above cap with opt-out', () => {
    expect(
      select('id').from('Leads').limit(500, { ignorePageCap: true }).toVTQL(),
    ).toBe('SELECT id FROM Leads LIMIT 500;');
  });

  test('custom page cap', () => {
    const builder = createQueryBuilder({ pageCap: 200 });
    expect(builder.select('id').from('Leads').limit(200).toVTQL()).toBe(
      'SELECT id FROM Leads LIMIT 200;',
    );
  });
});

describe('immutability', () => {
  test('branches do not leak', () => {
    const base = select('id').from('Leads').where('city', '=', 'Boston');
    const hot = base.and('leadstatus', '=', 'Hot');
    const cold = base.and('leadstatus', '=', 'Cold').limit(5);
    expect(base.toVTQL()).toBe("SELECT id FROM Leads WHERE city = 'Boston';");
    expect(hot.toVTQL()).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND leadstatus = 'Hot';",
    );
    expect(cold.toVTQL()).toBe(
      "SELECT id FROM Leads WHERE city = 'Boston' AND leadstatus = 'Cold' LIMIT 5;",
    );
  });

  test('nodes are frozen', () => {
    const tree = select('id')
      .from('Leads')
      .where('city', 'in', ['a'])
      .toOperationNode();
    expect(Object.isFrozen(tree)).toBe(true);
    expect(Object.isFrozen(tree.where)).toBe(true);
    expect(Object.isFrozen(tree.where?.terms[0]?.terms[0]?.value)).toBe(true);
  });

  test('conditions are frozen', () => {
    expect(Object.isFrozen(condition('a', '=', 1))).toBe(true);
  });
});
