import { describe, expect, test } from 'vitest';
import { formatVtigerDate, formatVtigerDateTime } from '../src/index.js';
import { serializeElement, toUnixSeconds } from '../src/values.js';

describe('serializeElement', () => {
  test('keeps typed values as JSON', () => {
    expect(
      serializeElement({
        lastname: 'Doe',
        noofemployees: 7,
        emailoptout: true,
        tags: null,
      }),
    ).toBe(
      '{"lastname":"Doe","noofemployees":7,"emailoptout":true,"tags":null}',
    );
  });

  test('sends Dates as ISO in UTC', () => {
    expect(
      serializeElement({
        birthday: new Date('1990-05-17T00:00:00Z'),
        due: new Date('2026-01-31T13:05:09.250Z'),
      }),
    ).toBe('{"birthday":"1990-05-17","due":"2026-01-31 13:05:09"}');
  });

  test('serialises nested line items and drops undefined', () => {
    expect(
      serializeElement({
        LineItems: [{ productid: '14x1', quantity: 2 }],
        skip: undefined,
      }),
    ).toBe('{"LineItems":[{"productid":"14x1","quantity":2}]}');
  });

  test('strings are sent unchanged', () => {
    const text = '=1+2, "quoted"; O\'Neil\r\n\\ 2026-01-31T10:00:00Z';
    expect(JSON.parse(serializeElement({ description: text }))).toEqual({
      description: text,
    });
  });

  test('rejects invalid values with the field name', () => {
    expect(() => serializeElement({ birthday: new Date('nope') })).toThrow(
      /element\.birthday/u,
    );
    expect(() => serializeElement({ amount: Number.NaN })).toThrow(
      /element\.amount/u,
    );
    expect(() => serializeElement([] as never)).toThrow(/got an array/u);
  });
});

describe('dates', () => {
  test('format in UTC', () => {
    const date = new Date('2026-01-31T23:59:58Z');
    expect(formatVtigerDate(date)).toBe('2026-01-31');
    expect(formatVtigerDateTime(date)).toBe('2026-01-31 23:59:58');
  });

  test('toUnixSeconds accepts Date, ISO, seconds, milliseconds', () => {
    expect(toUnixSeconds(new Date('2026-01-01T00:00:00Z'))).toBe(1_767_225_600);
    expect(toUnixSeconds('2026-01-01T00:00:00Z')).toBe(1_767_225_600);
    expect(toUnixSeconds(1_767_225_600)).toBe(1_767_225_600);
    expect(toUnixSeconds(1_767_225_600_123)).toBe(1_767_225_600);
    expect(() => toUnixSeconds('yesterday')).toThrow(/"yesterday"/u);
  });
});
