import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseString } from 'fast-csv';

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'exporter-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

export async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

export function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text.replace(/^\ufeff/, ''), { headers: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

export function parseJsonl(text: string): Record<string, string | null>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, string | null>);
}

/** The CSV rows a JSON Lines file should give: header, then values with null as ''. */
export function csvRowsOf(
  header: readonly string[],
  records: readonly Record<string, string | null>[],
): string[][] {
  return [
    [...header],
    ...records.map((record) => header.map((name) => record[name] ?? '')),
  ];
}
