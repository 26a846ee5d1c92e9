import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { login, wsGet, wsPost } from './helpers.js';

let emulator: RunningEmulator;
let session: string;

beforeAll(async () => {
  emulator = await startEmulator({
    leads: 400,
    contacts: 60,
    accounts: 12,
    seed: 3,
  });
  session = await login(emulator);
});

afterAll(async () => {
  await emulator.close();
});

function numberOf(id: unknown): number {
  return Number(String(id).split('x')[1]);
}

async function create(element: Record<string, unknown>): Promise<string> {
  const answer = await wsPost(emulator, {
    operation: 'create',
    sessionName: session,
    elementType: 'Leads',
    element: JSON.stringify({ assigned_user_id: '19x1', ...element }),
  });
  return answer.json.result.id as string;
}

describe('query semantics', () => {
  it('caps pages at 100 rows', () => {
    expect(emulator.query('SELECT id FROM Leads LIMIT 500;')).toHaveLength(100);
    expect(emulator.query('SELECT id FROM Leads;')).toHaveLength(100);
    expect(emulator.query('SELECT id FROM Leads LIMIT 0, 1000;')).toHaveLength(
      100,
    );
  });

  it('applies LIMIT offset,count', () => {
    const all = emulator.query('SELECT id FROM Leads ORDER BY id LIMIT 20;');
    const page = emulator.query(
      'SELECT id FROM Leads ORDER BY id LIMIT 10, 5;',
    );
    expect(page.map((row) => row.id)).toEqual(
      all.slice(10, 15).map((row) => row.id),
    );
  });

  it('returns an empty page past the end', () => {
    expect(emulator.query('SELECT id FROM Leads LIMIT 5000, 10;')).toEqual([]);
  });

  it('orders by id descending cheaply', () => {
    const [last] = emulator.query(
      'SELECT id FROM Leads ORDER BY id DESC LIMIT 1;',
    );
    const all = emulator.query(
      "SELECT id FROM Leads WHERE id > '10x0' ORDER BY id LIMIT 100, 100;",
    );
    expect(numberOf(last?.id)).toBeGreaterThan(
      numberOf(all[all.length - 1]?.id),
    );
  });

  it('bounds keyset pages by id on both sides', () => {
    const rows = emulator.query(
      "SELECT id FROM Leads WHERE id > '10x100' AND id <= '10x150' ORDER BY id LIMIT 100;",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(numberOf(row.id)).toBeGreaterThan(100);
      expect(numberOf(row.id)).toBeLessThanOrEqual(150);
    }
  });

  it('binds AND tighter than OR', () => {
    const rows = emulator.query(
      "SELECT id, city, leadstatus FROM Leads WHERE city = 'Boston' OR city = 'Denver' AND leadstatus = 'Hot' LIMIT 100;",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const denverHot = row.city === 'Denver' && row.leadstatus === 'Hot';
      expect(row.city === 'Boston' || denverHot).toBe(true);
    }
  });

  it('distributes id bounds over OR terms', () => {
    const rows = emulator.query(
      "SELECT id, city FROM Leads WHERE id > '10x300' AND city = 'Boston' OR id > '10x300' AND city = 'Paris' ORDER BY id LIMIT 100;",
    );
    for (const row of rows) {
      expect(numberOf(row.id)).toBeGreaterThan(300);
      expect(['Boston', 'Paris']).toContain(row.city);
    }
  });

  it('matches LIKE wildcards case-insensitively', () => {
    const rows = emulator.query(
      "SELECT lastname FROM Leads WHERE lastname LIKE 'lorem 00__' LIMIT 100;",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.lastname).toMatch(/^Lorem 00\d\d$/);
  });

  it('reads doubled quotes and backslash escapes', async () => {
    const id = await create({
      lastname: "Back\\slash O'Brien_x%y",
      city: 'Nice',
    });
    const byEquals = emulator.query(
      "SELECT id FROM Leads WHERE lastname = 'Back\\\\slash O''Brien_x%y';",
    );
    expect(byEquals.map((row) => row.id)).toContain(id);
    const escapedWildcard = emulator.query(
      "SELECT id FROM Leads WHERE lastname LIKE '%O''Brien\\_x\\%y';",
    );
    expect(escapedWildcard.map((row) => row.id)).toEqual([id]);
  });

  it('filters with IN lists', () => {
    const rows = emulator.query(
      "SELECT id, city FROM Leads WHERE city IN ('Boston', 'Paris') LIMIT 100;",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(['Boston', 'Paris']).toContain(row.city);
  });

  it('compares numbers numerically', () => {
    const rows = emulator.query(
      'SELECT noofemployees FROM Leads WHERE noofemployees > 400 AND noofemployees < 1000 LIMIT 100;',
    );
    for (const row of rows) {
      expect(Number(row.noofemployees)).toBeGreaterThan(400);
      expect(Number(row.noofemployees)).toBeLessThan(1000);
    }
  });

  it('compares references on the record number', () => {
    const [contact] = emulator.query(
      "SELECT account_id FROM Contacts WHERE account_id > '11x0' LIMIT 1;",
    );
    const account = contact?.account_id as string;
    const rows = emulator.query(
      `SELECT account_id FROM Contacts WHERE account_id = '${account}' LIMIT 100;`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.account_id).toBe(account);
  });

  it('returns null for empty dates and references in query', () => {
    const rows = emulator.query(
      'SELECT birthday, account_id FROM Contacts LIMIT 100;',
    );
    expect(rows.some((row) => row.birthday === null)).toBe(true);
    expect(rows.some((row) => row.account_id === null)).toBe(true);
    expect(rows.some((row) => row.birthday === '')).toBe(false);
  });

  it('compares dates as ISO strings', () => {
    const rows = emulator.query(
      "SELECT birthday FROM Contacts WHERE birthday >= '1980-01-01' LIMIT 100;",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(String(row.birthday) >= '1980-01-01').toBe(true);
  });

  it('sorts by a list with one direction on the last column', () => {
    const rows = emulator.query(
      'SELECT city, lastname FROM Leads ORDER BY city, lastname DESC LIMIT 100;',
    );
    for (let i = 1; i < rows.length; i++) {
      const before = rows[i - 1] as Record<string, string>;
      const after = rows[i] as Record<string, string>;
      const cityOrder = before.city
        .toLowerCase()
        .localeCompare(after.city.toLowerCase());
      expect(before.city.toLowerCase() <= after.city.toLowerCase()).toBe(true);
      if (cityOrder === 0) {
        expect(
          before.lastname.toLowerCase() >= after.lastname.toLowerCase(),
        ).toBe(true);
      }
    }
  });

  it('pages a sorted query consistently', () => {
    const whole = emulator.query(
      'SELECT id FROM Leads ORDER BY lastname DESC LIMIT 100;',
    );
    const page = emulator.query(
      'SELECT id FROM Leads ORDER BY lastname DESC LIMIT 10, 5;',
    );
    expect(page.map((row) => row.id)).toEqual(
      whole.slice(10, 15).map((row) => row.id),
    );
  });

  it('returns [] for ORDER BY an unknown field', () => {
    expect(
      emulator.query('SELECT id FROM Leads ORDER BY nosuchfield LIMIT 2;'),
    ).toEqual([]);
  });

  it('answers count(*) per countStyle', async () => {
    expect(emulator.query('SELECT count(*) FROM Leads;')).toEqual([]);
    const counting = await startEmulator({ leads: 37, countStyle: 'number' });
    try {
      expect(counting.query('SELECT count(*) FROM Leads;')).toEqual([
        { count: '37' },
      ]);
    } finally {
      await counting.close();
    }
  });

  it('reports unknown fields and modules as ACCESS_DENIED', async () => {
    const unknownField = await wsGet(emulator, {
      operation: 'query',
      sessionName: session,
      query: 'SELECT nosuchfield FROM Leads;',
    });
    expect(unknownField.json.error.code).toBe('ACCESS_DENIED');
    const lowercaseModule = await wsGet(emulator, {
      operation: 'query',
      sessionName: session,
      query: 'SELECT id FROM leads;',
    });
    expect(lowercaseModule.json.error.message).toBe(
      'Permission to perform the operation is denied for name : leads',
    );
  });
});

describe('generated data', () => {
  it('is the same for the same seed', async () => {
    const other = await startEmulator({
      leads: 400,
      contacts: 60,
      accounts: 12,
      seed: 3,
    });
    try {
      const text = 'SELECT * FROM Leads ORDER BY id LIMIT 50;';
      expect(other.query(text)).toEqual(emulator.query(text));
    } finally {
      await other.close();
    }
  });

  it('contains hostile text', () => {
    const rows = [
      ...emulator.query('SELECT * FROM Leads ORDER BY id LIMIT 100;'),
      ...emulator.query('SELECT * FROM Leads ORDER BY id LIMIT 100, 100;'),
    ];
    const text = rows.flatMap((row) => Object.values(row)).join('\u0000');
    for (const needle of [
      '"',
      "'",
      '\\',
      '\n',
      '\r\n',
      '\t',
      ',',
      ';',
      '=',
      '東京',
      'Москва',
    ]) {
      expect(text).toContain(needle);
    }
    expect(rows.some((row) => String(row.description).length > 2000)).toBe(
      true,
    );
    expect(rows.some((row) => row.company === '')).toBe(true);
    expect(rows.some((row) => /^[=+\-@]/.test(String(row.company)))).toBe(true);
  });

  it('formats values as Vtiger does', () => {
    const rows = emulator.query('SELECT * FROM Leads LIMIT 100;');
    for (const row of rows) {
      expect(row.annualrevenue).toMatch(/^\d+\.\d{8}$/);
      expect(row.noofemployees).toMatch(/^\d+$/);
      expect(row.createdtime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(row.modifiedtime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(row.id).toMatch(/^10x\d+$/);
    }
  });

  it('serves a million leads page by page', async () => {
    const big = await startEmulator({ leads: 1_000_000 });
    try {
      const [last] = big.query(
        'SELECT id FROM Leads ORDER BY id DESC LIMIT 1;',
      );
      const lastNumber = numberOf(last?.id);
      const page = big.query(
        `SELECT id, lastname FROM Leads WHERE id > '10x${lastNumber - 150}' ORDER BY id LIMIT 100;`,
      );
      expect(page).toHaveLength(100);
      expect(numberOf(page[0]?.id)).toBe(lastNumber - 149);
    } finally {
      await big.close();
    }
  });
});
