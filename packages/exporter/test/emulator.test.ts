import { join } from 'node:path';
import { Vtiger } from '@vtiger/core';
import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import { and, condition, or } from '@vtiger/query-builder';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
} from 'vitest';
import {
  ExportPageError,
  exportRecords,
  type ExportOptions,
} from '../src/index.js';
import {
  csvRowsOf,
  listFiles,
  makeTempDir,
  parseCsv,
  parseJsonl,
  readText,
  removeDir,
} from './helpers/files.js';

let emulator: RunningEmulator;
let dir: string;
const clients: Vtiger[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    leads: 600,
    contacts: 150,
    accounts: 60,
    seed: 7,
  });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  dir = await makeTempDir();
  emulator.setFaults({});
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await removeDir(dir);
});

function client(concurrency = 4, retry = 2): Vtiger {
  const created = new Vtiger({
    url: emulator.url,
    username: emulator.username,
    accessKey: emulator.accessKey,
    api: 'webservice',
    concurrency,
    retry: { limit: retry, delay: 1, backoffLimit: 5, maxRetryAfter: 5 },
  });
  clients.push(created);
  return created;
}

function options(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return {
    client: client(overrides.concurrency ?? 4),
    module: 'Leads',
    formats: ['json', 'jsonl', 'csv'],
    outDir: dir,
    pagesPerRange: 2,
    ...overrides,
  };
}

async function readAll(name = 'Leads') {
  return {
    json: await readText(join(dir, `${name}.json`)),
    jsonl: await readText(join(dir, `${name}.jsonl`)),
    csv: await readText(join(dir, `${name}.csv`)),
  };
}

/** Every matching record straight from the emulator's store, in id order. */
function expected(where = ''): Record<string, string | null>[] {
  const rows: Record<string, string | null>[] = [];
  let after = 0;
  for (;;) {
    const bound = `id > '10x${after}'`;
    const page = emulator.query(
      `SELECT * FROM Leads WHERE ${
        where === ''
          ? bound
          : where
              .split(' OR ')
              .map((term) => `${term} AND ${bound}`)
              .join(' OR ')
      } ORDER BY id LIMIT 100;`,
    ) as Record<string, string | null>[];
    if (page.length === 0) return rows;
    rows.push(...page);
    after = Number(String(page.at(-1)?.['id']).split('x')[1]);
  }
}

describe('exportRecords() against the emulator', () => {
  test('whole module in every format', async () => {
    const result = await exportRecords(options());
    const files = await readAll();
    const records = parseJsonl(files.jsonl);
    expect(records).toEqual(expected());
    expect(records).toHaveLength(600);
    expect(JSON.parse(files.json)).toEqual(records);
    const describe = await clients[0]!.describe('Leads');
    const header = describe.fields.map((field) => field.name);
    expect(await parseCsv(files.csv)).toEqual(csvRowsOf(header, records));
    expect(result.verification).toEqual({
      method: 'walk',
      expected: 600,
      actual: 600,
    });
    expect(await listFiles(dir)).toEqual([
      'Leads.csv',
      'Leads.json',
      'Leads.jsonl',
    ]);
  });

  test('byte-identical at concurrency 1 and 8', async () => {
    await exportRecords(options({ concurrency: 1, fileName: 'one' }));
    await exportRecords(options({ concurrency: 8, fileName: 'eight' }));
    await exportRecords(options({ concurrency: 8, fileName: 'again' }));
    const one = await readAll('one');
    expect(await readAll('eight')).toEqual(one);
    expect(await readAll('again')).toEqual(one);
  });

  test('server count is used when offered', async () => {
    const counting = await startEmulator({
      leads: 120,
      seed: 3,
      countStyle: 'number',
    });
    try {
      const vtiger = new Vtiger({
        url: counting.url,
        username: counting.username,
        accessKey: counting.accessKey,
      });
      clients.push(vtiger);
      const result = await exportRecords({
        client: vtiger,
        module: 'Leads',
        formats: ['jsonl'],
        outDir: dir,
      });
      expect(result.verification).toEqual({
        method: 'count',
        expected: 120,
        actual: 120,
      });
    } finally {
      await counting.close();
    }
  });

  test('builder condition with OR', async () => {
    const where = or(
      condition('leadsource', '=', 'Web Site'),
      and(
        condition('city', '=', 'Boston'),
        condition('leadstatus', '!=', 'Junk Lead'),
      ),
    );
    const result = await exportRecords(options({ where, formats: ['jsonl'] }));
    const records = parseJsonl(await readText(join(dir, 'Leads.jsonl')));
    expect(records).toEqual(expected(where.toVTQL()));
    expect(result.records).toBe(records.length);
  });

  test('overlapping prefixes without duplicates', async () => {
    const prefixes = ['A', 'a', 'Al', 'B', "O'"];
    const result = await exportRecords(
      options({
        prefixFilter: { field: 'lastname', prefixes },
        formats: ['jsonl'],
      }),
    );
    const records = parseJsonl(await readText(join(dir, 'Leads.jsonl')));
    const wanted = expected().filter((record) =>
      /^(a|b|o')/i.test(record['lastname'] ?? ''),
    );
    expect(records.map((record) => record['id'])).toEqual(
      wanted.map((record) => record['id']),
    );
    expect(new Set(records.map((record) => record['id'])).size).toBe(
      records.length,
    );
    expect(result.records).toBe(wanted.length);
  });

  test('faults give the same files', async () => {
    await exportRecords(options({ fileName: 'clean', pageSize: 20 }));
    emulator.resetStats();
    emulator.setFaults({
      serverError: 0.1,
      rateLimited: 0.05,
      reset: 0.03,
      truncated: 0.03,
    });
    let expired = false;
    const faulty = new Vtiger({
      url: emulator.url,
      username: emulator.username,
      accessKey: emulator.accessKey,
      api: 'webservice',
      concurrency: 4,
      // The emulator's 429 asks for Retry-After: 1 (seconds).
      retry: { limit: 10, delay: 1, backoffLimit: 5, maxRetryAfter: 2000 },
    });
    clients.push(faulty);
    const result = await exportRecords(
      options({
        client: faulty,
        fileName: 'faulty',
        pageSize: 20,
        onProgress(progress) {
          // Expire every session once, midway. NOTE: the emulator's
          // sessionExpiryEvery fault is not used, because core gives up
          // when a just-created session expires again before its first call.
          if (progress.phase === 'exporting' && !expired) {
            expired = true;
            emulator.expireSessions();
          }
        },
      }),
    );
    emulator.setFaults({});
    expect(result.retries).toBeGreaterThan(0);
    expect(emulator.stats.logins).toBeGreaterThan(4);
    expect(await readAll('faulty')).toEqual(await readAll('clean'));
  });

  test('abort then resume equals a full run', async () => {
    await exportRecords(options({ fileName: 'full' }));
    const controller = new AbortController();
    const error: unknown = await exportRecords(
      options({
        signal: controller.signal,
        maxBufferedRecords: 50,
        onProgress(progress) {
          if (progress.records > 0) controller.abort(new Error('stopped'));
        },
      }),
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('stopped');
    const left = await listFiles(dir);
    expect(left).not.toContain('Leads.jsonl');
    expect(left).toContain('Leads.jsonl.partial');
    expect(left).toContain('Leads.checkpoint.json');
    const result = await exportRecords(options({ resume: true }));
    expect(result.resumed).toBe(true);
    expect(await readAll('Leads')).toEqual(await readAll('full'));
  });

  test('resume progress counts earlier records', async () => {
    const controller = new AbortController();
    await exportRecords(
      options({
        signal: controller.signal,
        maxBufferedRecords: 50,
        onProgress(progress) {
          if (progress.records >= 100) controller.abort(new Error('stopped'));
        },
      }),
    ).catch(() => undefined);
    const checkpoint = JSON.parse(
      await readText(join(dir, 'Leads.checkpoint.json')),
    ) as { records: number };
    expect(checkpoint.records).toBeGreaterThanOrEqual(100);
    const seen: number[] = [];
    const result = await exportRecords(
      options({
        resume: true,
        onProgress(progress) {
          seen.push(progress.records);
        },
      }),
    );
    expect(Math.min(...seen)).toBe(checkpoint.records);
    expect(seen.at(-1)).toBe(result.records);
  });

  test('a page that keeps failing fails the export', async () => {
    const error: unknown = await exportRecords(
      options({
        client: client(2, 1),
        formats: ['jsonl'],
        maxBufferedRecords: 50,
        onProgress(progress) {
          if (progress.phase === 'exporting')
            emulator.setFaults({ serverError: 1 });
        },
      }),
    ).catch((caught: unknown) => caught);
    emulator.setFaults({});
    expect(error).toBeInstanceOf(ExportPageError);
    const page = (error as ExportPageError).page;
    expect(page.module).toBe('Leads');
    expect(page.after).toMatch(/^10x\d+$/);
    expect((error as Error).message).toContain(`id > '${page.after ?? ''}'`);
    const left = await listFiles(dir);
    expect(left).toEqual(['Leads.checkpoint.json', 'Leads.jsonl.partial']);
  });

  test('fields in describe order', async () => {
    await exportRecords(
      options({ fields: ['email', 'lastname'], formats: ['csv', 'jsonl'] }),
    );
    const rows = await parseCsv(await readText(join(dir, 'Leads.csv')));
    expect(rows[0]).toEqual(['lastname', 'email', 'id']);
    const records = parseJsonl(await readText(join(dir, 'Leads.jsonl')));
    expect(records).toHaveLength(600);
    expect(rows.slice(1)).toEqual(
      records.map((record) => [
        record['lastname'],
        record['email'],
        record['id'],
      ]),
    );
  });
});
