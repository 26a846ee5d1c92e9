/** Checks of query, count(*), the 100-row cap and queryAll paging. */
import { expect } from 'vitest';
import { createOwned, marked } from '../support/own-records.js';
import type { CheckGroup, TargetRun } from '../support/session.js';

/** Rows the server returns per query at most (Vtiger 8.4.0). */
const pageCap = 100;

/** Records compared on a live server when paging a whole module. */
const liveModuleSample = 250;

async function collect(
  iterable: AsyncIterable<{ id: string }>,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const row of iterable) ids.push(row.id);
  return ids;
}

/** Pages `SELECT id FROM Leads` with LIMIT offset, 100 until an empty page. */
async function offsetPagedIds(run: TargetRun, max: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ids.length < max; offset += pageCap) {
    const page = await run.client.query(
      `SELECT id FROM Leads ORDER BY id LIMIT ${offset}, ${pageCap};`,
    );
    if (page.length === 0) break;
    ids.push(...page.map((row) => row.id));
  }
  return ids;
}

export const queryChecks: CheckGroup = (check, run) => {
  const pageIds: string[] = [];
  const pagePrefix = (): string => marked(run(), 'page');

  check('query', async () => {
    for (let index = 1; index <= 5; index += 1) {
      const record = await createOwned(run(), 'Leads', {
        lastname: `${pagePrefix()} ${index}`,
        city: 'Paging',
      });
      pageIds.push(record.id);
    }
    const rows = await run().client.query(
      `SELECT id, lastname, city FROM Leads WHERE lastname LIKE '${pagePrefix()}%';`,
    );
    expect(rows.map((row) => row.id).sort()).toEqual([...pageIds].sort());
    for (const row of rows) {
      expect(row.lastname).toMatch(new RegExp(`^${pagePrefix()} [1-5]$`));
      expect(row.city).toBe('Paging');
    }
  });

  check('query: syntax error fails', async () => {
    await expect(
      run().client.query('SELECT id FROM Leads WHERE;'),
    ).rejects.toMatchObject({ operation: 'query' });
  });

  check('query: count(*)', async () => {
    const rows = await run().client.query(
      `SELECT count(*) FROM Leads WHERE lastname LIKE '${pagePrefix()}%';`,
    );
    // Vtiger 8.4.0 returns an empty result for count(*); older versions
    // return [{ count: "N" }].
    if (rows.length > 0) {
      expect(rows).toEqual([{ count: String(pageIds.length) }]);
    } else {
      expect(rows).toEqual([]);
    }
  });

  check('query: 100-row cap', async ({ skip }) => {
    const firstIds = await collect(
      run().client.queryAll('SELECT id FROM Leads;', {
        maxRecords: pageCap + 1,
      }),
    );
    if (firstIds.length <= pageCap) {
      skip(
        `the target has only ${firstIds.length} Leads visible, so the ${pageCap}-row cap cannot show`,
      );
    }
    const limited = await run().client.query(
      `SELECT id FROM Leads LIMIT ${pageCap + 50};`,
    );
    expect(limited).toHaveLength(pageCap);
    const unlimited = await run().client.query('SELECT id FROM Leads;');
    expect(unlimited).toHaveLength(pageCap);
  });

  check('queryAll: small pages', async () => {
    const ids = await collect(
      run().client.queryAll(
        `SELECT id, lastname FROM Leads WHERE lastname LIKE '${pagePrefix()}%';`,
        { pageSize: 2 },
      ),
    );
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids.sort()).toEqual([...pageIds].sort());
  });

  check('queryAll: past the 100-row cap', async () => {
    const max = run().live ? liveModuleSample : Number.POSITIVE_INFINITY;
    const options = Number.isFinite(max) ? { maxRecords: max } : {};
    const viaQueryAll = await collect(
      run().client.queryAll('SELECT id FROM Leads;', options),
    );
    expect(viaQueryAll.length).toBe(new Set(viaQueryAll).size);
    const viaOffsets = (await offsetPagedIds(run(), max)).slice(
      0,
      viaQueryAll.length,
    );
    expect([...viaQueryAll].sort()).toEqual([...viaOffsets].sort());
    if (!run().live) {
      expect(viaQueryAll.length).toBeGreaterThan(2 * pageCap);
      for (const id of pageIds) expect(viaQueryAll).toContain(id);
    }
  });

  check('queryAll: maxRecords', async () => {
    const ids = await collect(
      run().client.queryAll('SELECT id FROM Leads;', { maxRecords: 3 }),
    );
    expect(ids).toHaveLength(3);
  });
};
