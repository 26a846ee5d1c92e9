import { describe, expect, test } from 'vitest';
import {
  condition,
  createQueryBuilder,
  isQueryBuildError,
  MAX_OR_TERMS,
  QueryBuildError,
  select,
  type QueryBuildErrorCode,
} from '@vtiger/query-builder';

/** Runs `build`, expecting a QueryBuildError with `code` and `message`. */
function rejects(
  build: () => unknown,
  code: QueryBuildErrorCode,
  message: RegExp,
): void {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(QueryBuildError);
  expect(isQueryBuildError(caught)).toBe(true);
  expect((caught as QueryBuildError).code).toBe(code);
  expect((caught as QueryBuildError).message).toMatch(message);
}

const leads = () => select('id').from('Leads');

describe('identifiers', () => {
  test.each([
    ['city; DROP', 'field'],
    ['1city', 'field'],
    ['first name', 'field'],
    ['', 'field'],
    ['lastname)', 'field'],
  ])('field %j', (name) => {
    rejects(
      () => leads().where(name, '=', 'x'),
      'INVALID_IDENTIFIER',
      /Invalid field name .*plain names/,
    );
  });

  test('module name', () => {
    rejects(
      () => select('id').from('Leads WHERE 1'),
      'INVALID_IDENTIFIER',
      /Invalid module name "Leads WHERE 1"/,
    );
  });

  test('select field', () => {
    rejects(
      () => select('id', 'a,b'),
      'INVALID_IDENTIFIER',
      /Invalid field name "a,b"/,
    );
  });

  test('keyword as field', () => {
    rejects(
      () => leads().where('order', '=', 'x'),
      'INVALID_IDENTIFIER',
      /"order": it is a VTQL keyword/,
    );
  });

  test('orderBy field', () => {
    rejects(
      () => leads().orderBy('city desc'),
      'INVALID_IDENTIFIER',
      /Invalid ORDER BY field name "city desc"/,
    );
  });
});

describe('values', () => {
  test('empty string', () => {
    rejects(
      () => leads().where('city', '=', ''),
      'INVALID_VALUE',
      /where city = '': the empty string cannot be sent/,
    );
  });

  test('empty string in list', () => {
    rejects(
      () => leads().where('city', 'in', ['a', '']),
      'INVALID_VALUE',
      /where city in '': the empty string/,
    );
  });

  test('empty text for a like helper', () => {
    rejects(
      () => leads().where('city', 'startsWith', ''),
      'INVALID_VALUE',
      /where city startsWith '': the empty string/,
    );
  });

  test('null', () => {
    rejects(
      () => leads().where('city', '=', null as never),
      'INVALID_VALUE',
      /where city = null: VTQL has no IS NULL/,
    );
  });

  test('undefined', () => {
    rejects(
      () => leads().where('city', '!=', undefined as never),
      'INVALID_VALUE',
      /where city != undefined: VTQL has no IS NULL/,
    );
  });

  test('NUL character', () => {
    rejects(
      () => leads().where('city', '=', 'a\0b'),
      'INVALID_VALUE',
      /contains a NUL character/,
    );
  });

  test('NUL character in like text', () => {
    rejects(
      () => leads().where('city', 'contains', 'a\0b'),
      'INVALID_VALUE',
      /contains a NUL character/,
    );
  });

  test('lone surrogate', () => {
    rejects(
      () => leads().where('city', '=', 'a\uD800b'),
      'INVALID_VALUE',
      /lone UTF-16 surrogate/,
    );
  });

  test.each([NaN, Infinity, -Infinity])('number %s', (value) => {
    rejects(
      () => leads().where('noofemployees', '>', value),
      'INVALID_VALUE',
      /NaN and Infinity have no VTQL form/,
    );
  });

  test('invalid Date', () => {
    rejects(
      () => leads().where('createdtime', '>', new Date('nope')),
      'INVALID_VALUE',
      /Invalid Date/,
    );
  });

  test('empty IN list', () => {
    rejects(
      () => leads().where('city', 'in', []),
      'INVALID_VALUE',
      /empty IN list/,
    );
  });

  test('IN without array', () => {
    rejects(
      () => leads().where('city', 'in', 'Boston' as never),
      'INVALID_VALUE',
      /'in' takes an array/,
    );
  });

  test('array without IN', () => {
    rejects(
      () => leads().where('city', '=', ['a'] as never),
      'INVALID_VALUE',
      /a list needs the 'in' operator/,
    );
  });

  test('object value', () => {
    rejects(
      () => leads().where('city', '=', {} as never),
      'INVALID_VALUE',
      /expected a string, number, bigint, boolean or Date/,
    );
  });

  test('non-string like', () => {
    rejects(
      () => leads().where('city', 'like', 5 as never),
      'INVALID_VALUE',
      /where city like 5 \(number\): expected a string/,
    );
  });
});

describe('operators', () => {
  test.each([
    ['NOT LIKE', /NOT LIKE, NOT IN or IS NULL/],
    ['LIKE', /Write 'like'/],
    ['<>', /Write '!='/],
    ['between', /expected one of '=', '!='/],
  ])('%s', (operator, message) => {
    rejects(
      () => leads().where('city', operator as never, 'x'),
      'INVALID_OPERATOR',
      message,
    );
  });
});

describe('structure', () => {
  test('different ORDER BY directions', () => {
    rejects(
      () => leads().orderBy('city', 'asc').orderBy('lastname', 'desc'),
      'UNSUPPORTED',
      /one direction for the whole ORDER BY list/,
    );
  });

  test('implicit ascending then desc', () => {
    rejects(
      () => leads().orderBy('city').orderBy('lastname', 'desc'),
      'UNSUPPORTED',
      /one direction/,
    );
  });

  test('empty orderBy', () => {
    rejects(() => leads().orderBy([]), 'UNSUPPORTED', /at least one field/);
  });

  test('bad direction', () => {
    rejects(
      () => leads().orderBy('city', 'up' as never),
      'UNSUPPORTED',
      /Invalid ORDER BY direction "up"/,
    );
  });

  test('expansion beyond the OR-term maximum', () => {
    const eight = (field: string) =>
      Array.from({ length: 8 }, (_, i) => condition(field, '=', i)).reduce(
        (acc, next) => acc.or(next),
      );
    expect(eight('a').and(eight('b')).node.terms).toHaveLength(MAX_OR_TERMS);
    rejects(
      () =>
        eight('a')
          .and(eight('b'))
          .and(condition('c', '=', 1).or('d', '=', 2)),
      'UNSUPPORTED',
      /gives 128 terms \(max 64\)/,
    );
  });

  test('where callback must return a condition', () => {
    rejects(
      () => leads().where((() => 'city = 1') as never),
      'UNSUPPORTED',
      /must return a Condition/,
    );
  });

  test('where with a foreign object', () => {
    rejects(
      () => leads().where({ toVTQL: () => 'x' } as never),
      'UNSUPPORTED',
      /Expected a Condition made by condition\(\)/,
    );
  });

  test('offset without limit', () => {
    rejects(
      () => leads().offset(10).toVTQL(),
      'UNSUPPORTED',
      /offset\(10\) without limit\(\)/,
    );
  });
});

describe('limits', () => {
  test('limit above page cap', () => {
    rejects(
      () => leads().limit(500),
      'LIMIT_ABOVE_PAGE_CAP',
      /limit\(500\) is above the server's page cap of 100 rows.*ignorePageCap/,
    );
  });

  test.each([-1, 1.5, NaN])('limit %s', (value) => {
    rejects(() => leads().limit(value), 'INVALID_VALUE', /Invalid limit/);
  });

  test('negative offset', () => {
    rejects(() => leads().offset(-1), 'INVALID_VALUE', /Invalid offset -1/);
  });

  test('invalid builder options', () => {
    rejects(
      () => createQueryBuilder({ pageCap: 0 }),
      'INVALID_VALUE',
      /Invalid pageCap 0/,
    );
    rejects(
      () => createQueryBuilder({ maxQueryLength: 10 }),
      'INVALID_VALUE',
      /Invalid maxQueryLength 10/,
    );
  });
});
