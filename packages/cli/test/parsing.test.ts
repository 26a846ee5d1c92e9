import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { resolveConnection } from '../src/connection.js';
import { UsageError } from '../src/errors.js';
import { colorEnabled, type CliIo } from '../src/io.js';
import { csvRow } from '../src/output/csv.js';
import { parseSince } from '../src/parse-time.js';
import { createProgressReporter } from '../src/progress.js';
import { parseAssignments } from '../src/record-input.js';
import { closestMatch } from '../src/suggest.js';
import { parseWhere } from '../src/where-condition.js';
import { ExportCheckpointError, ExportPageError } from '@vtiger/exporter';
import { cliMessage } from '../src/run-export.js';

describe('parseWhere', () => {
  test.each([
    ['city=Chicago', { field: 'city', operator: '=', value: 'Chicago' }],
    ['city = New York', { field: 'city', operator: '=', value: 'New York' }],
    ['a!=b', { field: 'a', operator: '!=', value: 'b' }],
    ['a<>b', { field: 'a', operator: '!=', value: 'b' }],
    ['n<=5', { field: 'n', operator: '<=', value: '5' }],
    ['n>=5', { field: 'n', operator: '>=', value: '5' }],
    ['n<5', { field: 'n', operator: '<', value: '5' }],
    ['n>5', { field: 'n', operator: '>', value: '5' }],
    ['note=a=b', { field: 'note', operator: '=', value: 'a=b' }],
    ['lastname~Sm%', { field: 'lastname', operator: 'like', value: 'Sm%' }],
    [
      'lastname LIKE Sm%',
      { field: 'lastname', operator: 'like', value: 'Sm%' },
    ],
    ['city in A, B', { field: 'city', operator: 'in', value: ['A', 'B'] }],
    [' city = Chicago ', { field: 'city', operator: '=', value: 'Chicago' }],
    ["city=' Chicago '", { field: 'city', operator: '=', value: ' Chicago ' }],
    ['city="New York" ', { field: 'city', operator: '=', value: 'New York' }],
    ['lastname ~ Sm% ', { field: 'lastname', operator: 'like', value: 'Sm%' }],
    [
      "city in 'A, B' , C ,' D'",
      { field: 'city', operator: 'in', value: ['A, B', 'C', ' D'] },
    ],
  ])('%s', (text, expected) => {
    expect(parseWhere(text)).toEqual(expected);
  });

  test('rejects text without an operator', () => {
    expect(() => parseWhere('city')).toThrow(UsageError);
  });
});

describe('parseSince', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  test.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31 13:05:00', '2026-01-31T13:05:00.000Z'],
    ['2026-01-31T13:05:00+02:00', '2026-01-31T11:05:00.000Z'],
    ['1769817600', '2026-01-31T00:00:00.000Z'],
    ['90m', '2026-03-01T10:30:00.000Z'],
    ['7d', '2026-02-22T12:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseSince(text, now).toISOString()).toBe(iso);
  });

  test.each(['yesterday', '2026-13-45', '5y'])('rejects %s', (text) => {
    expect(() => parseSince(text, now)).toThrow(UsageError);
  });
});

describe('resolveConnection', () => {
  const config = {
    defaultProfile: 'main',
    profiles: {
      main: {
        url: 'https://p.example.com',
        username: 'p',
        accessKey: 'pk',
        api: 'rest' as const,
      },
    },
  };

  test('flags beat environment beat profile', () => {
    const settings = resolveConnection(
      { username: 'flag' },
      { VTIGER_USERNAME: 'env', VTIGER_ACCESS_KEY: 'envkey' },
      config,
    );
    expect(settings).toEqual({
      url: 'https://p.example.com',
      username: 'flag',
      accessKey: 'envkey',
      api: 'rest',
    });
  });

  test('names every missing setting', () => {
    expect(() =>
      resolveConnection({ url: 'https://x.example.com' }, {}, { profiles: {} }),
    ).toThrow(/username .*VTIGER_USERNAME.*access key .*VTIGER_ACCESS_KEY/);
  });

  test('rejects a URL that is not http', () => {
    expect(() =>
      resolveConnection(
        { url: 'ftp://x', username: 'u', accessKey: 'k' },
        {},
        { profiles: {} },
      ),
    ).toThrow('Invalid URL "ftp://x"');
  });
});

describe('small parsers', () => {
  test('closestMatch ignores case, then edit distance', () => {
    expect(closestMatch('leads', ['Contacts', 'Leads'])).toBe('Leads');
    expect(closestMatch('Contcts', ['Contacts', 'Leads'])).toBe('Contacts');
    expect(closestMatch('Invoices', ['Contacts', 'Leads'])).toBeUndefined();
  });

  test('parseAssignments splits at the first =', () => {
    expect(parseAssignments(['a=1=2', 'b='])).toEqual({ a: '1=2', b: '' });
  });

  test('csvRow quotes commas, quotes and line breaks', () => {
    expect(csvRow(['a,b', 'say "hi"', 'x\ny', null, 'plain'])).toBe(
      '"a,b","say ""hi""","x\ny",,plain\n',
    );
  });

  test('NO_COLOR turns colour off on a terminal', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true });
    const io = (env: Record<string, string>): CliIo => ({
      stdout: stream,
      stderr: stream,
      stdin: new PassThrough(),
      env,
      cwd: '.',
    });
    expect(colorEnabled(io({}), stream)).toBe(true);
    expect(colorEnabled(io({ NO_COLOR: '1' }), stream)).toBe(false);
  });
});

describe('progress off a terminal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('writes a plain line every five seconds', () => {
    vi.useFakeTimers();
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const reporter = createProgressReporter(stream, {
      quiet: false,
      label: 'Leads',
    });
    reporter.update({ records: 200, pages: 2, retries: 0, rate: 400 });
    vi.advanceTimersByTime(4_999);
    stream.read();
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(1);
    reporter.stop();
    stream.read();
    expect(lines).toEqual([
      'Leads 200 records, 2 pages, 400 records/s, 0 retries\n',
    ]);
  });
});

describe('progress on a dumb terminal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('writes plain lines, no cursor codes', () => {
    vi.useFakeTimers();
    const stream = Object.assign(new PassThrough(), { isTTY: true });
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const reporter = createProgressReporter(stream, {
      quiet: false,
      label: 'Leads',
      dumbTerminal: true,
    });
    reporter.update({ records: 100, pages: 1, retries: 0, rate: 50 });
    vi.advanceTimersByTime(5_000);
    reporter.stop();
    stream.read();
    expect(chunks.join('')).toBe(
      'Leads 100 records, 1 pages, 50 records/s, 0 retries\n',
    );
  });
});

describe('cliMessage', () => {
  const hint = 'vtiger export Leads --resume';

  test('ends a page error with the resume command', () => {
    const error = new ExportPageError(
      {
        module: 'Leads',
        range: 0,
        ranges: 2,
        after: '10x5',
        upper: null,
        query: 'SELECT * FROM Leads;',
      },
      new Error('HTTP 503.'),
    );
    const message = cliMessage(error, hint);
    expect(message).toContain('HTTP 503. Query: SELECT * FROM Leads;');
    expect(message).toMatch(
      /To continue from the last written record, run: vtiger export Leads --resume$/,
    );
    expect(message).not.toContain('`resume`');
  });

  test('names --resume in checkpoint errors', () => {
    const error = new ExportCheckpointError(
      'Cannot resume: no checkpoint. Export again without the `resume` option.',
      '/x',
    );
    expect(cliMessage(error, hint)).toBe(
      'Cannot resume: no checkpoint. Export again without --resume.',
    );
  });
});
