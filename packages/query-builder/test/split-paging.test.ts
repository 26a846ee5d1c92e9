import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  encodedQueryLength,
  select,
  type SelectQueryBuilder,
} from '@vtiger/query-builder';
import {
  openEmulatorSession,
  type EmulatorSession,
} from './emulator-session.js';

let session: EmulatorSession;

beforeAll(async () => {
  session = await openEmulatorSession({
    leads: 1300,
    contacts: 2,
    accounts: 2,
  });
}, 60_000);
afterAll(async () => {
  await session.close();
});

/** Reads every row of a query the way core's queryAll() pages a builder. */
async function readAllPages(
  query: SelectQueryBuilder<never, never>,
): Promise<string[]> {
  const seen: string[] = [];
  let lastId: string | null = null;
  for (;;) {
    const rows = await session.query(query.pageAfter(lastId, 100).toVTQL());
    if (rows.length === 0) return seen;
    seen.push(...rows.map((row) => row.id ?? ''));
    lastId = rows.at(-1)?.id ?? null;
  }
}

describe('splitInList with keyset paging', () => {
  test('1200 ids come back exactly', async () => {
    const all: string[] = [];
    for (let offset = 0; offset < 1200; offset += 100) {
      const rows = await session.query(
        `SELECT id FROM Leads ORDER BY id LIMIT ${offset}, 100;`,
      );
      all.push(...rows.map((row) => row.id ?? ''));
    }
    expect(all).toHaveLength(1200);

    const parts = select('id')
      .from('Leads')
      .where('id', 'in', all)
      .splitInList();
    expect(parts.length).toBeGreaterThan(1);

    const found: string[] = [];
    for (const part of parts) {
      // A part matches more rows than the page cap, so query() alone cuts it.
      expect(await session.query(part.toVTQL())).toHaveLength(100);
      found.push(...(await readAllPages(part)));
    }
    expect(found.sort()).toEqual([...all].sort());
  }, 120_000);

  test('pages of each part fit the budget', () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `10x${100_000 + i}`);
    const parts = select('lastname')
      .from('Leads')
      .where('id', 'in', ids)
      .or('city', '=', 'Boston')
      .splitInList();
    for (const part of parts) {
      for (const lastId of [null, '10x1', '999x999999999999']) {
        const text = part.pageAfter(lastId, 100).toVTQL();
        expect(encodedQueryLength(text)).toBeLessThanOrEqual(8050);
      }
    }
  });
});
