import { describe, expect, it } from 'vitest';
import { parseVtql, VtqlSyntaxError } from '../src/index.js';

function errorOf(text: string): VtqlSyntaxError {
  try {
    parseVtql(text);
  } catch (error) {
    if (error instanceof VtqlSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseVtql', () => {
  it('parses select star with limit', () => {
    expect(parseVtql('SELECT * FROM Leads LIMIT 3;')).toEqual({
      type: 'select',
      columns: '*',
      module: 'Leads',
      where: null,
      orderBy: null,
      limit: { offset: 0, count: 3 },
    });
  });

  it('reads keywords in lower case', () => {
    const query = parseVtql(
      "select id, lastname from Leads where city = 'Boston' order by lastname limit 2;",
    );
    expect(query.columns).toEqual(['id', 'lastname']);
    expect(query.orderBy).toEqual({ fields: ['lastname'], direction: 'ASC' });
    expect(query.limit).toEqual({ offset: 0, count: 2 });
  });

  it('binds AND tighter than OR', () => {
    const query = parseVtql(
      "SELECT id FROM Leads WHERE city = 'Boston' OR city = 'Denver' AND leadstatus = 'Hot';",
    );
    expect(query.where?.type).toBe('or');
    if (query.where?.type !== 'or') return;
    expect(query.where.conditions[0]?.type).toBe('comparison');
    expect(query.where.conditions[1]?.type).toBe('and');
  });

  it('undoubles quotes and applies backslash escapes', () => {
    const query = parseVtql(
      "SELECT id FROM Leads WHERE lastname = 'O''Neil \\\\ \\n \\%' ;",
    );
    expect(query.where).toEqual({
      type: 'comparison',
      field: 'lastname',
      operator: '=',
      value: {
        kind: 'string',
        raw: "O'Neil \\\\ \\n \\%",
        value: "O'Neil \\ \n \\%",
      },
    });
  });

  it('parses IN lists, LIMIT offset,count and ORDER BY list', () => {
    const query = parseVtql(
      "SELECT count(*) FROM Leads WHERE id IN ('10x1', 5) ORDER BY a, b DESC LIMIT 10, 5;",
    );
    expect(query.columns).toBe('count');
    expect(query.where).toMatchObject({ type: 'in', field: 'id' });
    expect(query.orderBy).toEqual({ fields: ['a', 'b'], direction: 'DESC' });
    expect(query.limit).toEqual({ offset: 10, count: 5 });
  });

  const recorded: [string, string, string][] = [
    [
      'SELECT city, count(*) FROM Leads GROUP BY city;',
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token 'count' Unexpected COUNT(count), expected one of: SELECT",
    ],
    [
      'SELECT id, lastname FROM Leads LIMIT 2',
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token '2' Unexpected End of Input(0), expected one of: SEMICOLON",
    ],
    [
      'SELECT id, city, lastname FROM Leads ORDER BY city ASC, lastname DESC LIMIT 4;',
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token ',' Unexpected COMMA(,), expected one of: SEMICOLON",
    ],
    [
      "SELECT id, lastname FROM Leads WHERE lastname LIKE 'O\\'Fictional%' LIMIT 3;",
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token 'Fictional' Unexpected COLUMNNAME(Fictional), expected one of: SEMICOLON",
    ],
    [
      "SELECT id, lastname FROM Leads WHERE lastname LIKE 'O'Fictional%' LIMIT 3;",
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token 'Fictional' Unexpected COLUMNNAME(Fictional), expected one of: SEMICOLON",
    ],
    [
      'SELECT id, lastname FROM Leads WHERE lastname LIKE "O\'Fictional%" LIMIT 3;',
      'INTERNAL_SERVER_ERROR',
      'Unknown Error while processing request',
    ],
    [
      'SELEC id FROM Leads;',
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token 'SELEC' Unexpected Unknown(SELEC), expected one of: SELECT",
    ],
    [
      'SELECT id FROM Leads WHERE city = ;',
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token ';' Unexpected SEMICOLON(;), expected one of: VALUE",
    ],
    [
      'SELECT id, lastname FROM Leads WHERE city IS NULL LIMIT 3;',
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token 'IS' Unexpected VALUE(IS), expected one of: EQ,LT,GT,LTE,GTE,NE,IN,LIKE",
    ],
    [
      "SELECT id, city FROM Leads WHERE city != 'Boston' AND lastname NOT LIKE 'O%' LIMIT 3;",
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token 'NOT' Unexpected VALUE(NOT), expected one of: EQ,LT,GT,LTE,GTE,NE,IN,LIKE",
    ],
    [
      "SELECT id FROM Contacts WHERE lastname LIKE '%C%' LIMIT 1;;",
      'QUERY_SYNTAX_ERROR',
      "Syntax Error on line 1: token ';' Unexpected SEMICOLON(;), expected one of: ",
    ],
    [
      "SELECT id FROM Leads WHERE city = '' LIMIT 3;",
      'INTERNAL_SERVER_ERROR',
      'Unknown Error while processing request',
    ],
  ];
  it.each(recorded)('rejects %s as the server does', (text, code, message) => {
    const error = errorOf(text);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('rejects parentheses, BETWEEN and GROUP BY', () => {
    expect(errorOf("SELECT id FROM Leads WHERE (city = 'a');").code).toBe(
      'QUERY_SYNTAX_ERROR',
    );
    expect(
      errorOf("SELECT id FROM Leads WHERE a BETWEEN '1' AND '2';").code,
    ).toBe('QUERY_SYNTAX_ERROR');
    expect(errorOf('SELECT id FROM Leads GROUP BY city;').code).toBe(
      'QUERY_SYNTAX_ERROR',
    );
  });
});
