import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ExportCheckpointError,
  ExportPageError,
  exportRecords,
  type ExportOptions,
} from '../src/index.js';
import { createFakeClient, makeRecords } from './helpers/fake-client.js';
import {
  listFiles,
  makeTempDir,
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

function baseOptions(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return {
    client: createFakeClient({
      records: makeRecords(40, 3),
      fields,
      pageCap: 7,
    }),
    module: 'Leads',
    formats: ['jsonl', 'csv'],
    outDir: dir,
    pageSize: 10,
    ...overrides,
  };
}

describe('resume without a checkpoint', () => {
  test('rejects and names the checkpoint path', async () => {
    const attempt = exportRecords(baseOptions({ resume: true }));
    await expect(attempt).rejects.toThrow(ExportCheckpointError);
    await expect(attempt).rejects.toThrow(join(dir, 'Leads.checkpoint.json'));
    await expect(attempt).rejects.toThrow(/without the `resume` option/);
  });

  test('creates no output folder', async () => {
    const outDir = join(dir, 'never-made');
    await expect(
      exportRecords(baseOptions({ resume: true, outDir })),
    ).rejects.toThrow(ExportCheckpointError);
    expect(existsSync(outDir)).toBe(false);
  });

  test('leaves finished files untouched', async () => {
    await exportRecords(baseOptions());
    const before = await readText(join(dir, 'Leads.csv'));
    await expect(
      exportRecords(baseOptions({ resume: true, where: "city = 'Boston'" })),
    ).rejects.toThrow(/no checkpoint/);
    expect(await readText(join(dir, 'Leads.csv'))).toBe(before);
    expect(await listFiles(dir)).toEqual(['Leads.csv', 'Leads.jsonl']);
  });
});

describe('unknown fields', () => {
  test('reject before any page or checkpoint', async () => {
    await expect(
      exportRecords(baseOptions({ fields: ['lastname', 'nosuchfield'] })),
    ).rejects.toThrow(/"nosuchfield"/);
    expect(existsSync(join(dir, 'Leads.checkpoint.json'))).toBe(false);
    expect(await listFiles(dir)).toEqual([]);
  });
});

describe('ExportPageError message', () => {
  test('has one full stop after the cause', async () => {
    const client = createFakeClient({
      records: makeRecords(40, 3),
      fields,
      beforeQuery(query) {
        if (query.startsWith('SELECT * ')) {
          throw new Error('HTTP 503 from the server.');
        }
      },
    });
    const error: unknown = await exportRecords(baseOptions({ client })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ExportPageError);
    const { message } = error as ExportPageError;
    expect(message).toContain('HTTP 503 from the server. Query: SELECT');
    expect(message).not.toContain('..');
    expect(message).toMatch(/with the `resume` option to continue/);
  });
});

describe('fileName', () => {
  test.each(['a/b', '../evil', '..', '.', 'a\\b'])(
    'rejects %j with a TypeError',
    async (fileName) => {
      await expect(exportRecords(baseOptions({ fileName }))).rejects.toThrow(
        /Expected `fileName` to be a file name without a folder/,
      );
      expect(await listFiles(dir)).toEqual([]);
    },
  );

  test('accepts a name with dots inside', async () => {
    await writeFile(join(dir, 'keep.txt'), 'x');
    const result = await exportRecords(baseOptions({ fileName: 'leads..v2' }));
    expect(result.files.map((file) => file.path)).toEqual([
      join(dir, 'leads..v2.jsonl'),
      join(dir, 'leads..v2.csv'),
    ]);
  });
});
