/**
 * Export of a whole module (on a live server, only this run's records),
 * checked in every format against queryAll: same ids, same values.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportRecords } from '@vtiger/exporter';
import { select, selectAll } from '@vtiger/query-builder';
import { expect } from 'vitest';
import { createOwned, marked } from '../support/own-records.js';
import {
  readCsvExport,
  readJsonExport,
  readJsonLinesExport,
  type ExportedRow,
} from '../support/read-export.js';
import type { CheckGroup } from '../support/session.js';

/** Maps records by id, with every value as the text CSV would hold. */
function byId(
  rows: readonly ExportedRow[],
): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const text: Record<string, string> = {};
    for (const [field, value] of Object.entries(row)) {
      text[field] = value === null || value === undefined ? '' : String(value);
    }
    map.set(String(row['id']), text);
  }
  return map;
}

export const exportChecks: CheckGroup = (check, run) => {
  check(
    'export: module against queryAll',
    async () => {
      // Two records with text that stresses CSV quoting.
      await createOwned(run(), 'Leads', {
        lastname: marked(run(), 'export "quoted", comma'),
        description: 'line 1\r\nline 2\n=formula, "quotes"',
      });
      await createOwned(run(), 'Leads', {
        lastname: marked(run(), 'export non-Latin 東京'),
      });

      const outDir = await mkdtemp(join(tmpdir(), 'vtiger-conformance-'));
      try {
        const marker = run().records.marker;
        const result = await exportRecords({
          client: run().client,
          module: 'Leads',
          formats: ['csv', 'json', 'jsonl'],
          outDir,
          concurrency: 2,
          ...(run().live
            ? { prefixFilter: { field: 'lastname', prefixes: [marker] } }
            : {}),
        });

        const query = run().live
          ? selectAll().from('Leads').where('lastname', 'startsWith', marker)
          : selectAll().from('Leads');
        const expected: ExportedRow[] = [];
        for await (const row of run().client.queryAll(query)) {
          expected.push(row);
        }
        expect(expected.length).toBeGreaterThan(1);
        const expectedById = byId(expected);

        const files = await readdir(outDir);
        expect(files).toEqual(
          expect.arrayContaining(['Leads.csv', 'Leads.json', 'Leads.jsonl']),
        );
        const exported = {
          csv: await readCsvExport(join(outDir, 'Leads.csv')),
          json: await readJsonExport(join(outDir, 'Leads.json')),
          jsonl: await readJsonLinesExport(join(outDir, 'Leads.jsonl')),
        };
        for (const [format, rows] of Object.entries(exported)) {
          const ids = rows.map((row) => String(row['id']));
          expect(ids.length, `${format}: duplicate ids`).toBe(
            new Set(ids).size,
          );
          expect(ids.sort(), `${format}: ids`).toEqual(
            [...expectedById.keys()].sort(),
          );
          const actualById = byId(rows);
          for (const [id, values] of expectedById) {
            expect(actualById.get(id), `${format}: record ${id}`).toEqual(
              values,
            );
          }
        }
        expect(result).toBeDefined();
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  check('export: where condition', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'vtiger-conformance-'));
    try {
      const prefix = marked(run(), 'page');
      await exportRecords({
        client: run().client,
        module: 'Leads',
        formats: ['jsonl'],
        fields: ['lastname'],
        where: select('id')
          .from('Leads')
          .where('lastname', 'startsWith', prefix),
        outDir,
      });
      const rows = await readJsonLinesExport(join(outDir, 'Leads.jsonl'));
      const expected = await run().client.query(
        select('id', 'lastname')
          .from('Leads')
          .where('lastname', 'startsWith', prefix),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(byId(rows)).toEqual(byId(expected));
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
};
