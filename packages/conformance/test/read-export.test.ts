import { describe, expect, it } from 'vitest';
import { parseCsv } from './support/read-export.js';

describe('parseCsv', () => {
  it('splits plain cells and rows', () => {
    expect(parseCsv('id,name\n1,a\n2,b\n')).toEqual([
      ['id', 'name'],
      ['1', 'a'],
      ['2', 'b'],
    ]);
  });

  it('reads quoted commas, quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, ""y""","line 1\r\nline 2"\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line 1\r\nline 2'],
    ]);
  });

  it('keeps empty cells and a last row without newline', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });
});
