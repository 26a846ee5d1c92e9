import { readFileSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ExportPageError,
  exportRecords,
  isExportError,
  type ExportOptions,
} from '../src/index.js';
import { createFakeClient, makeRecords } from './helpers/fake-client.js';
import {
  csvRowsOf,
  listFiles,
  makeTempDir,
  parseCsv,
  parseJsonl,
  readText,
  removeDir,
} from './helpers/files.js';

const fields = ['lastname', 'city', 'description', 'modifiedtime', 'id'];
let dir: string;

beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

async function readAll(outDir: string, name = 'Leads') {
  return {
    json: await readText(join(outDir, `${name}.json`)),
    jsonl: await readText(join(outDir, `${name}.jsonl`)),
    csv: await readText(join(outDir, `${name}.csv`)),
  };
}

function baseOptions(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return {
    client: createFakeClient({
      records: makeRecords(250, 3),
      fields,
      pageCap: 7,
    }),
    module: 'Leads',
    formats: ['json', 'jsonl', 'csv'],
    outDir: dir,
    pageSize: 10,
    pagesPerRange: 2,
    ...overrides,
  };
}

describe('exportRecords() with an in-memory client', () => {
  test('writes every record in id order', async () => {
    const records = makeRecords(250, 3);
    const result = await exportRecords(baseOptions());
    const files = await readAll(dir);
    expect(JSON.parse(files.json)).toEqual(records);
    expect(parseJsonl(files.jsonl)).toEqual(records);
    expect(await parseCsv(files.csv)).toEqual(csvRowsOf(fields, records));
    expect(result.records).toBe(250);
    expect(result.verification).toEqual({
      method: 'walk',
      expected: 250,
      actual: 250,
    });
    expect(result.files.map((file) => file.format)).toEqual([
      'json',
      'jsonl',
      'csv',
    ]);
    expect(await listFiles(dir)).toEqual([
      'Leads.csv',
      'Leads.json',
      'Leads.jsonl',
    ]);
  });

  test('same bytes at concurrency 1 and 8', async () => {
    await exportRecords(baseOptions({ concurrency: 1, fileName: 'one' }));
    await exportRecords(baseOptions({ concurrency: 8, fileName: 'eight' }));
    expect(await readAll(dir, 'eight')).toEqual(await readAll(dir, 'one'));
  });

  test('small buffer limit still finishes', async () => {
    const result = await exportRecords(
      baseOptions({ concurrency: 8, maxBufferedRecords: 1, fileName: 'tight' }),
    );
    expect(result.records).toBe(250);
    const reference = await exportRecords(baseOptions({ concurrency: 1 }));
    expect(reference.records).toBe(250);
    expect(await readAll(dir, 'tight')).toEqual(await readAll(dir));
  });

  test('uses the server count when it has one', async () => {
    const client = createFakeClient({
      records: makeRecords(40),
      fields,
      countNumber: true,
    });
    const result = await exportRecords(baseOptions({ client }));
    expect(result.verification).toEqual({
      method: 'count',
      expected: 40,
      actual: 40,
    });
  });

  test('where with OR keeps the filter in every page', async () => {
    const records = makeRecords(250, 3).filter(
      (record) =>
        record.city === 'Boston' || record.lastname?.startsWith('beta'),
    );
    await exportRecords(
      baseOptions({
        where: "city = 'Boston' OR lastname LIKE 'beta%'",
        formats: ['jsonl'],
      }),
    );
    expect(parseJsonl(await readText(join(dir, 'Leads.jsonl')))).toEqual(
      records,
    );
  });

  test('overlapping prefixes give each record once', async () => {
    const records = makeRecords(250, 3).filter((record) =>
      /^(o|b|al)/i.test(record.lastname ?? ''),
    );
    const result = await exportRecords(
      baseOptions({
        prefixFilter: {
          field: 'lastname',
          prefixes: ["O'", 'O', 'b', 'B', 'Al', 'alp'],
        },
        formats: ['jsonl'],
        concurrency: 3,
      }),
    );
    expect(parseJsonl(await readText(join(dir, 'Leads.jsonl')))).toEqual(
      records,
    );
    expect(result.records).toBe(records.length);
  });

  test('a page that keeps failing names the page', async () => {
    const client = createFakeClient({
      records: makeRecords(100),
      fields,
      beforeQuery(query) {
        if (query.includes("id > '10x40'")) throw new Error('HTTP 500');
      },
    });
    const error: unknown = await exportRecords(baseOptions({ client })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ExportPageError);
    expect(isExportError(error)).toBe(true);
    expect((error as ExportPageError).page.after).toBe('10x40');
    expect((error as ExportPageError).message).toContain("id > '10x40'");
    expect(await listFiles(dir)).toEqual([
      'Leads.checkpoint.json',
      'Leads.csv.partial',
      'Leads.json.partial',
      'Leads.jsonl.partial',
    ]);
  });

  test('a record the server cannot encode is skipped and reported', async () => {
    const records = makeRecords(60);
    const client = createFakeClient({
      records,
      fields,
      beforeQuery(query) {
        const after = /id > '10x(\d+)'/.exec(query);
        const limit = /LIMIT (\d+)/.exec(query);
        const from = after === null ? 0 : Number(after[1]);
        if (
          query.startsWith('SELECT * ') &&
          from < 17 &&
          from + Number(limit?.[1] ?? 0) >= 17
        ) {
          throw Object.assign(
            new Error(
              'Vtiger operation query returned a body that is not JSON',
            ),
            {
              name: 'VtigerResponseError',
              problem: 'not-json',
            },
          );
        }
      },
    });
    const result = await exportRecords(
      baseOptions({ client, formats: ['jsonl'] }),
    );
    expect(result.skipped.map((record) => record.id)).toEqual(['10x17']);
    expect(parseJsonl(await readText(join(dir, 'Leads.jsonl')))).toEqual(
      records.filter((record) => record.id !== '10x17'),
    );
    expect(result.verification.actual).toBe(60);
  });

  test('abort leaves no finished file and resume completes it', async () => {
    const reference = await makeTempDir();
    try {
      await exportRecords(baseOptions({ outDir: reference }));
      const controller = new AbortController();
      const error: unknown = await exportRecords(
        baseOptions({
          signal: controller.signal,
          maxBufferedRecords: 10,
          onProgress(progress) {
            if (progress.records >= 90)
              controller.abort(new Error('stop here'));
          },
        }),
      ).catch((e) => e);
      expect((error as Error).message).toBe('stop here');
      const left = await listFiles(dir);
      expect(left).not.toContain('Leads.json');
      expect(left).toContain('Leads.checkpoint.json');
      const checkpoint = JSON.parse(
        await readFile(join(dir, 'Leads.checkpoint.json'), 'utf8'),
      ) as { records: number };
      expect(checkpoint.records).toBeGreaterThanOrEqual(90);
      // A crash after the checkpoint leaves extra bytes; resume cuts them.
      await appendFile(join(dir, 'Leads.jsonl.partial'), '{"id":"garbage"}\n');
      const result = await exportRecords(baseOptions({ resume: true }));
      expect(result.resumed).toBe(true);
      expect(result.records).toBe(250);
      expect(await readAll(dir)).toEqual(await readAll(reference));
      expect(await listFiles(dir)).toEqual([
        'Leads.csv',
        'Leads.json',
        'Leads.jsonl',
      ]);
    } finally {
      await removeDir(reference);
    }
  });

  test('resume refuses a checkpoint of other options', async () => {
    const controller = new AbortController();
    await exportRecords(
      baseOptions({
        signal: controller.signal,
        onProgress(progress) {
          if (progress.records > 0) controller.abort(new Error('stop'));
        },
      }),
    ).catch(() => undefined);
    await expect(
      exportRecords(baseOptions({ resume: true, where: "city = 'Boston'" })),
    ).rejects.toThrow(/other options/);
  });

  test('counts retry events', async () => {
    const client = createFakeClient({
      records: makeRecords(30),
      fields,
      beforeQuery: (_query, call) => {
        if (call % 3 === 0) client.emit({ type: 'retry' });
      },
    });
    const result = await exportRecords(baseOptions({ client }));
    expect(result.retries).toBeGreaterThan(0);
  });

  test('rejects invalid options', async () => {
    await expect(
      exportRecords(baseOptions({ concurrency: 0 })),
    ).rejects.toThrow(RangeError);
    await expect(
      exportRecords(baseOptions({ formats: ['xml' as 'csv'] })),
    ).rejects.toThrow(/formats/);
  });

  test('since filters by modifiedtime', async () => {
    const records = makeRecords(250, 3).filter(
      (record) => (record.modifiedtime ?? '') >= '2026-01-20 10:00:00',
    );
    const result = await exportRecords(
      baseOptions({ since: '2026-01-20T10:00:00Z', formats: ['jsonl'] }),
    );
    expect(result.since).toEqual({ method: 'query' });
    expect(parseJsonl(await readText(join(dir, 'Leads.jsonl')))).toEqual(
      records,
    );
  });

  test('since as a number is Unix seconds', async () => {
    const records = makeRecords(250, 3).filter(
      (record) => (record.modifiedtime ?? '') >= '2026-01-20 10:00:00',
    );
    const seconds = Date.parse('2026-01-20T10:00:00Z') / 1000;
    await exportRecords(baseOptions({ since: seconds, formats: ['jsonl'] }));
    expect(parseJsonl(await readText(join(dir, 'Leads.jsonl')))).toEqual(
      records,
    );
  });

  test('since falls back from sync with the reason', async () => {
    const client = createFakeClient({
      records: makeRecords(30),
      fields,
      sync: () => Promise.reject(new Error('HTTP 500 with an empty body')),
    });
    const result = await exportRecords(
      baseOptions({
        client,
        since: new Date('2026-01-20T10:00:00Z'),
        sinceMethod: 'auto',
      }),
    );
    expect(result.since?.method).toBe('query');
    expect(result.since?.fallbackReason).toContain('HTTP 500');
  });

  test('since through sync writes changes in id order', async () => {
    const records = makeRecords(5);
    let calls = 0;
    const client = createFakeClient({
      records,
      fields,
      sync: (_module, since) => {
        calls += 1;
        if (calls === 1) {
          expect(since).toBe(
            Math.floor(Date.parse('2026-01-01T00:00:00Z') / 1000),
          );
          return Promise.resolve({
            updated: [records[3], records[1]] as typeof records,
            deleted: ['10x9'],
            more: true,
            lastModifiedTime: Number(since) + 10,
          });
        }
        return Promise.resolve({
          updated: [records[0]] as typeof records,
          deleted: [],
          more: false,
          lastModifiedTime: Number(since) + 20,
        });
      },
    });
    const result = await exportRecords(
      baseOptions({
        client,
        since: '2026-01-01T00:00:00Z',
        sinceMethod: 'sync',
        formats: ['jsonl'],
      }),
    );
    expect(result.since).toEqual({ method: 'sync', deleted: ['10x9'] });
    expect(parseJsonl(await readText(join(dir, 'Leads.jsonl')))).toEqual([
      records[0],
      records[1],
      records[3],
    ]);
  });

  test('resume after a failure before any record', async () => {
    const reference = await makeTempDir();
    try {
      await exportRecords(baseOptions({ outDir: reference }));
      let failing = true;
      let firstCheckpoint: string | undefined;
      const client = createFakeClient({
        records: makeRecords(250, 3),
        fields,
        pageCap: 7,
        beforeQuery(query) {
          if (failing && query.startsWith('SELECT * ')) {
            // What a crash at this point would leave behind.
            firstCheckpoint ??= readFileSync(
              join(dir, 'Leads.checkpoint.json'),
              'utf8',
            );
            throw new Error('HTTP 503');
          }
        },
      });
      await expect(exportRecords(baseOptions({ client }))).rejects.toThrow(
        ExportPageError,
      );
      failing = false;
      const files = (
        JSON.parse(firstCheckpoint ?? '{}') as {
          files: Record<string, { bytes: number }>;
        }
      ).files;
      expect(files['json']?.bytes).toBe(1);
      expect(files['csv']?.bytes).toBeGreaterThan(0);
      const result = await exportRecords(baseOptions({ client, resume: true }));
      expect(result.resumed).toBe(true);
      expect(await readAll(dir)).toEqual(await readAll(reference));
    } finally {
      await removeDir(reference);
    }
  });
});
