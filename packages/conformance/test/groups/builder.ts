/**
 * Hostile-value round trips through the query builder: create a record with
 * the value, find it with the builder's `where`, and get exactly that record
 * back with the value unchanged.
 */
import { select } from '@vtiger/query-builder';
import { expect } from 'vitest';
import { createOwned, marked } from '../support/own-records.js';
import type { CheckGroup, TargetRun } from '../support/session.js';

/**
 * Values that break naive quoting. None contains `<`, `>` or `&`, because
 * Vtiger stores HTML in text fields entity-encoded, and none contains emoji,
 * which a utf8 (3-byte) database stores as `?`.
 */
const hostileValues: readonly (readonly [name: string, value: string])[] = [
  ['single quote', "O'Neil"],
  ['two quotes', "''"],
  ['quote injection', "' OR '1'='1"],
  ['backslash', 'back\\slash'],
  ['trailing backslash', 'ends with\\'],
  ['backslash before quote', "\\'"],
  ['LIKE wildcards', '100%_done'],
  ['statement break', 'x; DROP TABLE vtiger_leaddetails; --'],
  ['double quotes', '"quoted"'],
  ['line breaks and tab', 'line1\nline2\r\nline3\tend'],
  ['non-Latin text', '東京 Zoë Łukasz São'],
  ['formula', '=SUM(A1)+@cmd'],
  ['parenthesis and keywords', ') OR (id = 1 ORDER BY id LIMIT 1'],
];

/** Value stored in `description`: the hostile text around the run marker. */
function storedValue(run: TargetRun, hostile: string): string {
  return `${hostile} ${run.records.marker} ${hostile}`;
}

export const builderChecks: CheckGroup = (check, run) => {
  const created = new Map<string, string>();

  check('builder: create hostile records', async () => {
    for (const [name, hostile] of hostileValues) {
      const record = await createOwned(run(), 'Leads', {
        lastname: marked(run(), `hostile ${name}`),
        description: storedValue(run(), hostile),
      });
      created.set(name, record.id);
    }
  });

  for (const [name, hostile] of hostileValues) {
    check(`builder: round trip ${name}`, async () => {
      const id = created.get(name);
      if (id === undefined)
        throw new Error(`No record was created for ${name}.`);
      const value = storedValue(run(), hostile);

      const rows = await run().client.query(
        select('id', 'description')
          .from('Leads')
          .where('description', '=', value),
      );
      expect(rows.map((row) => row.id)).toEqual([id]);
      expect(rows[0]?.['description']).toBe(value);

      const retrieved = await run().client.retrieve(id);
      expect(retrieved['description']).toBe(value);
    });
  }

  check('builder: startsWith escapes wildcards', async () => {
    const id = created.get('LIKE wildcards');
    if (id === undefined) throw new Error('No LIKE wildcards record exists.');
    // "100%_done <marker>" must not match "100xYdone ..." style values, and
    // the escaped pattern must still match the record itself.
    const rows = await run().client.query(
      select('id')
        .from('Leads')
        .where(
          'description',
          'startsWith',
          `100%_done ${run().records.marker}`,
        ),
    );
    expect(rows.map((row) => row.id)).toEqual([id]);
  });

  check('builder: IN with hostile values', async () => {
    const values = hostileValues.map(([, hostile]) =>
      storedValue(run(), hostile),
    );
    const rows = await run().client.query(
      select('id').from('Leads').where('description', 'in', values),
    );
    expect(rows.map((row) => row.id).sort()).toEqual(
      [...created.values()].sort(),
    );
  });

  check('builder: hostile lastname', async () => {
    const lastname = marked(run(), `O'Neil \\ 50%_off "x";`);
    const record = await createOwned(run(), 'Leads', { lastname });
    const rows = await run().client.query(
      select('id', 'lastname').from('Leads').where('lastname', '=', lastname),
    );
    expect(rows.map((row) => row.id)).toEqual([record.id]);
    expect(rows[0]?.['lastname']).toBe(lastname);
  });

  check('builder: queryAll pages a builder query', async () => {
    const rows = [];
    for await (const row of run().client.queryAll(
      select('id')
        .from('Leads')
        .where('lastname', 'startsWith', `${run().records.marker} hostile `),
      { pageSize: 3 },
    )) {
      rows.push(row.id);
    }
    expect(rows.length).toBe(new Set(rows).size);
    expect(rows.sort()).toEqual([...created.values()].sort());
  });
};
