import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  Vtiger,
  VtigerApiError,
  VtigerAuthError,
  VtigerHttpError,
  VtigerQueryPagingError,
  VtigerUnsupportedOperationError,
  type VtigerOptions,
  type VtigerRecord,
} from '../src/index.js';

async function collect(
  iterator: AsyncIterable<VtigerRecord>,
): Promise<VtigerRecord[]> {
  const rows: VtigerRecord[] = [];
  for await (const row of iterator) rows.push(row);
  return rows;
}

const unexpected = (): never => {
  throw new Error('expected the call to fail');
};

const ids = (rows: readonly { id?: unknown }[]): string[] =>
  rows.map((row) => String(row.id));

/**
 * Ids straight from the emulator's store, paged by offset because its
 * direct query applies the page cap too; an oracle independent of keyset
 * paging.
 */
function storeIds(
  emulator: RunningEmulator,
  module: string,
  where = '',
): string[] {
  const result: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = emulator.query(
      `SELECT id FROM ${module} ${where} ORDER BY id LIMIT ${offset}, 100;`,
    );
    if (page.length === 0) return result;
    result.push(...ids(page));
  }
}

describe.each(['webservice', 'rest'] as const)(
  '%s flavour against the emulator',
  (api) => {
    let emulator: RunningEmulator;
    let client: Vtiger;
    const make = (options: Partial<VtigerOptions> = {}): Vtiger =>
      new Vtiger({
        url: emulator.url,
        username: emulator.username,
        accessKey: emulator.accessKey,
        api,
        retry: { limit: 4, delay: 1 },
        ...options,
      });

    beforeAll(async () => {
      emulator = await startEmulator({
        leads: 250,
        contacts: 30,
        accounts: 10,
        seed: 3,
      });
      client = make();
    });
    afterAll(async () => {
      await client.close();
      await emulator.close();
    });

    test('listTypes and describe', async () => {
      const types = await client.listTypes();
      expect(types.types).toContain('Leads');
      const withEmail = await client.listTypes(['email']);
      expect(withEmail.types).toContain('Contacts');
      const leads = await client.describe('Leads');
      expect(leads.name).toBe('Leads');
      expect(leads.idPrefix).toMatch(/^\d+$/u);
      expect(
        leads.fields.find((field) => field.name === 'lastname')?.mandatory,
      ).toBe(true);
    });

    test('query returns at most the page cap', async () => {
      const rows = await client.query(
        'SELECT id, lastname FROM Leads LIMIT 500;',
      );
      expect(rows).toHaveLength(100);
    });

    test('queryAll returns every record once', async () => {
      const expected = storeIds(emulator, 'Leads');
      const rows = await collect(
        client.queryAll('SELECT id, lastname FROM Leads;'),
      );
      expect(ids(rows)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(200);
    });

    test('queryAll distributes the id bound over OR', async () => {
      const where =
        "WHERE lastname LIKE 'A%' OR lastname LIKE 'B%' AND leadsource = 'Cold Call' OR city LIKE '%o%'";
      const expected = storeIds(emulator, 'Leads', where);
      const rows = await collect(
        client.queryAll(`SELECT id FROM Leads ${where};`, { pageSize: 20 }),
      );
      expect(ids(rows)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(20);
    });

    test('queryAll honours maxRecords and LIMIT', async () => {
      expect(
        await collect(
          client.queryAll('SELECT id FROM Leads;', { maxRecords: 130 }),
        ),
      ).toHaveLength(130);
      const expected = storeIds(emulator, 'Leads').slice(10, 160);
      expect(
        ids(
          await collect(client.queryAll('SELECT id FROM Leads LIMIT 10, 150;')),
        ),
      ).toEqual(expected);
    });

    test('queryAll sees records added during the run', async () => {
      const before = storeIds(emulator, 'Leads').length;
      const seen: string[] = [];
      let created = 0;
      for await (const row of client.queryAll('SELECT id FROM Leads;', {
        pageSize: 50,
      })) {
        seen.push(row.id);
        if (seen.length === 60 && created === 0) {
          await client.create('Leads', {
            lastname: 'Added Mid Run',
            assigned_user_id: '19x1',
          });
          created += 1;
        }
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(before + 1);
    });

    test('queryAll uses a pageAfter hook', async () => {
      const pages: string[] = [];
      const builder = {
        toVTQL: () => 'SELECT id FROM Leads;',
        pageAfter: (lastId: string | null, pageSize: number) => ({
          toVTQL: () => {
            const text = `SELECT id FROM Leads${lastId === null ? '' : ` WHERE id > '${lastId}'`} ORDER BY id LIMIT ${pageSize};`;
            pages.push(text);
            return text;
          },
        }),
      };
      const rows = await collect(client.queryAll(builder, { pageSize: 100 }));
      expect(ids(rows)).toEqual(storeIds(emulator, 'Leads'));
      expect(pages[0]).toBe('SELECT id FROM Leads ORDER BY id LIMIT 100;');
    });

    test.each([
      ['LIMIT 50', 0, 50],
      ['LIMIT 130', 0, 130],
      ['LIMIT 10, 150', 10, 150],
    ])(
      'queryAll keeps a pageAfter query %s',
      async (limitClause, skip, count) => {
        // Mirrors a query-builder query: pageAfter() replaces the LIMIT.
        const builder = {
          toVTQL: () => `SELECT id FROM Leads ${limitClause};`,
          pageAfter: (lastId: string | null, pageSize: number) => ({
            toVTQL: () =>
              `SELECT id FROM Leads${lastId === null ? '' : ` WHERE id > '${lastId}'`} ORDER BY id LIMIT ${pageSize};`,
          }),
        };
        const expected = storeIds(emulator, 'Leads').slice(skip, skip + count);
        const rows = await collect(client.queryAll(builder));
        expect(ids(rows)).toEqual(expected);
        const text = await collect(
          client.queryAll(`SELECT id FROM Leads ${limitClause};`),
        );
        expect(ids(text)).toEqual(expected);
      },
    );

    test('queryAll rejects an order it cannot keep', async () => {
      await expect(
        collect(client.queryAll('SELECT * FROM Leads ORDER BY lastname;')),
      ).rejects.toBeInstanceOf(VtigerQueryPagingError);
      const offset = await collect(
        client.queryAll('SELECT id, lastname FROM Leads ORDER BY lastname;', {
          paging: 'offset',
        }),
      );
      expect(new Set(ids(offset)).size).toBe(
        storeIds(emulator, 'Leads').length,
      );
    });

    test('create, retrieve, update, revise, delete', async () => {
      const created = await client.create('Contacts', {
        lastname: 'O\'Neil, "Q"',
        birthday: new Date('1990-05-17T00:00:00Z'),
        assigned_user_id: '19x1',
        description: 'line1\nline2',
      });
      expect(created.id).toMatch(/^\d+x\d+$/u);
      expect(created.birthday).toBe('1990-05-17');
      const fetched = await client.retrieve(created.id);
      expect(fetched.lastname).toBe('O\'Neil, "Q"');
      const updated = await client.update({
        ...(fetched as Record<string, string>),
        id: created.id,
        mailingcity: 'Oslo',
      });
      expect(updated.mailingcity).toBe('Oslo');
      const revised = await client.revise({ id: created.id, mailingcity: '' });
      expect(revised.mailingcity).toBe('');
      await expect(client.delete(created.id)).resolves.toEqual({
        status: 'successful',
      });
      const error = await client
        .retrieve(created.id)
        .then(unexpected, (caught: unknown) => caught as VtigerApiError);
      expect(error).toBeInstanceOf(VtigerApiError);
      expect(error.code).toBe('ACCESS_DENIED');
    });

    test('API errors carry the code', async () => {
      const syntax = await client
        .query('SELEC * FROM Leads;')
        .then(unexpected, (caught: unknown) => caught as VtigerApiError);
      expect(syntax).toBeInstanceOf(VtigerApiError);
      expect(syntax.code).toBe('QUERY_SYNTAX_ERROR');
      expect(syntax.status).toBe(api === 'rest' ? 400 : 200);
      expect(syntax.retryable).toBe(false);
      const missing = await client
        .create('Leads', {
          firstname: 'No Last Name',
          assigned_user_id: '19x1',
        })
        .then(unexpected, (caught: unknown) => caught as VtigerApiError);
      expect(missing).toBeInstanceOf(VtigerApiError);
      expect(missing.message).toMatch(
        /lastname does not have a value\. Send every mandatory field/u,
      );
    });

    test('wrong access key names the credentials', async () => {
      const wrong = make({ accessKey: 'wrongKeyABC' });
      const error = await (api === 'rest' ? wrong.me() : wrong.listTypes())
        .then(unexpected, (caught: unknown) => caught as VtigerAuthError)
        .finally(() => wrong.close());
      expect(error).toBeInstanceOf(VtigerAuthError);
      expect(error.message).toMatch(/Check the user name and the access key/u);
      expect(error.message).not.toMatch(/session/iu);
      expect(error.message).not.toContain('wrongKeyABC');
    });

    test('API message and hint are sentences', async () => {
      // A Contacts record under the Leads prefix is a foreign id.
      const [contact] = await client.query('SELECT id FROM Contacts LIMIT 1;');
      const { idPrefix } = await client.describe('Leads');
      const foreignId = `${idPrefix}x${String(contact?.id).split('x')[1]}`;
      const badId = await client
        .retrieve(foreignId)
        .then(unexpected, (caught: unknown) => caught as VtigerApiError);
      expect(badId.code).toBe('INVALID_ID_ATTRIBUTE');
      expect(badId.message).toMatch(
        /: Id specified is incorrect\. Ids look like 10x123/u,
      );
      const denied = await client
        .retrieve('10x99999999')
        .then(unexpected, (caught: unknown) => caught as VtigerApiError);
      expect(denied.code).toBe('ACCESS_DENIED');
      expect(denied.message).toMatch(/[.!?] The module or field name/u);
    });

    test('sync returns changes', async () => {
      const since = new Date(Date.now() - 3_600_000);
      const lead = await client.create('Leads', {
        lastname: 'Sync Me',
        assigned_user_id: '19x1',
      });
      const changes = await client.sync('Leads', since);
      expect(ids(changes.updated)).toContain(lead.id);
      expect(typeof changes.more).toBe('boolean');
    });

    test('related operations', async () => {
      const [account] = await client.query('SELECT id FROM Accounts LIMIT 1;');
      const related = await client.relatedTypes('Accounts');
      expect(related.types).toContain('Contacts');
      const contact = await client.create('Contacts', {
        lastname: 'Related',
        assigned_user_id: '19x1',
      });
      await expect(
        client.addRelated(account!.id, contact.id, 'Contacts'),
      ).resolves.toBeDefined();
      const rows = await client.retrieveRelated(account!.id, 'Contacts');
      expect(Array.isArray(rows)).toBe(true);
      const queried = await client.queryRelated(
        'SELECT id, lastname FROM Contacts;',
        account!.id,
        'Contacts',
      );
      expect(Array.isArray(queried)).toBe(true);
      if (api === 'rest') {
        await expect(
          client.deleteRelated(account!.id, contact.id, 'Contacts'),
        ).resolves.toBeDefined();
      } else {
        await expect(
          client.deleteRelated(account!.id, contact.id),
        ).rejects.toBeInstanceOf(VtigerUnsupportedOperationError);
      }
    });

    test('convertLead returns new ids', async () => {
      const lead = await client.create('Leads', {
        lastname: 'Convert',
        company: 'Convert Co',
        assigned_user_id: '19x1',
      });
      const result = await client.convertLead({
        leadId: lead.id,
        assignedTo: '19x1',
        entities: {
          Accounts: { create: true, name: 'Accounts' },
          Contacts: { create: true, name: 'Contacts' },
        },
      });
      expect(String(result.Contacts)).toMatch(/^\d+x\d+$/u);
    });

    test('flavour-only operations', async () => {
      if (api === 'rest') {
        await expect(client.me()).resolves.toMatchObject({
          user_name: emulator.username,
        });
        const [contact] = await client.query(
          "SELECT id, email FROM Contacts WHERE email LIKE '%@%' LIMIT 1;",
        );
        const found = await client.lookup('email', contact!.email!, {
          Contacts: ['email'],
        });
        expect(ids(found)).toContain(contact!.id);
        await client.addTags(contact!.id, ['vip', 'fair']);
        expect(
          JSON.stringify(await client.retrieveTags(contact!.id)),
        ).toContain('vip');
        await client.deleteTags(contact!.id, ['vip']);
        await expect(client.logout()).rejects.toBeInstanceOf(
          VtigerUnsupportedOperationError,
        );
      } else {
        await expect(client.me()).rejects.toBeInstanceOf(
          VtigerUnsupportedOperationError,
        );
        await expect(client.addTags('10x1', ['x'])).rejects.toBeInstanceOf(
          VtigerUnsupportedOperationError,
        );
        const extra = make();
        await extra.listTypes();
        await extra.logout();
        await extra.listTypes();
        await extra.close();
      }
    });

    test('filesRetrieve reports an unknown id', async () => {
      await expect(client.filesRetrieve('15x999999')).rejects.toBeInstanceOf(
        VtigerApiError,
      );
    });

    test('call sends any operation', async () => {
      const types = await client.call('listtypes', {});
      expect(types.types).toContain('Leads');
    });
  },
);

describe('webservice sessions against the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ leads: 300, seed: 5 });
  });
  afterAll(async () => {
    await emulator.close();
  });
  const make = (options: Partial<VtigerOptions> = {}): Vtiger =>
    new Vtiger({
      url: emulator.url,
      username: emulator.username,
      accessKey: emulator.accessKey,
      api: 'webservice',
      retry: { limit: 5, delay: 1 },
      ...options,
    });

  test('100 concurrent calls log in once per pooled session', async () => {
    emulator.resetStats();
    const client = make({ concurrency: 4 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        client.query(`SELECT id FROM Leads LIMIT ${index + 1};`),
      ),
    );
    expect(results.every((rows) => rows.length > 0)).toBe(true);
    expect(emulator.stats.logins).toBeLessThanOrEqual(4);
    expect(emulator.stats.challenges).toBe(1);
    await client.close();
  });

  test('session expiry mid-stream logs in again', async () => {
    const client = make({ concurrency: 1 });
    emulator.resetStats();
    const seen: string[] = [];
    for await (const row of client.queryAll('SELECT id FROM Leads;')) {
      seen.push(row.id);
      if (seen.length === 150) emulator.expireSessions();
    }
    expect(seen).toEqual(storeIds(emulator, 'Leads'));
    expect(emulator.stats.logins).toBe(2);
    await client.close();
  });

  test('several clients logging in at once all succeed', async () => {
    emulator.resetStats();
    const clients = Array.from({ length: 4 }, () => make({ concurrency: 1 }));
    await Promise.all(clients.map((client) => client.listTypes()));
    expect(emulator.stats.logins).toBeGreaterThanOrEqual(4);
    await Promise.all(clients.map((client) => client.close()));
  });

  test('faults do not change the queried set', async () => {
    const client = make({ concurrency: 2 });
    emulator.resetStats();
    emulator.setFaults({
      serverError: 0.1,
      truncated: 0.1,
      reset: 0.05,
      rateLimited: 0.05,
      sessionExpiryEvery: 7,
    });
    try {
      const rows = await collect(
        client.queryAll('SELECT id FROM Leads;', { pageSize: 50 }),
      );
      emulator.setFaults({});
      expect(ids(rows)).toEqual(storeIds(emulator, 'Leads'));
      const { faults } = emulator.stats;
      expect(
        faults.serverError +
          faults.truncated +
          faults.reset +
          faults.rateLimited,
      ).toBeGreaterThan(0);
      expect(faults.sessionExpiry).toBeGreaterThan(0);
    } finally {
      emulator.setFaults({});
      await client.close();
    }
  });

  test('broken sync is reported clearly', async () => {
    const broken = await startEmulator({ leads: 5, syncBroken: true });
    const client = new Vtiger({
      url: broken.url,
      username: broken.username,
      accessKey: broken.accessKey,
      api: 'webservice',
      retry: 0,
    });
    const error = await client
      .sync('Leads', 0)
      .then(unexpected, (caught: unknown) => caught as VtigerHttpError);
    expect(error).toBeInstanceOf(VtigerHttpError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/queryAll\(\)/u);
    await client.close();
    await broken.close();
  });

  test('auto detection picks REST on the emulator', async () => {
    const client = new Vtiger(
      emulator.url,
      emulator.username,
      emulator.accessKey,
    );
    expect(await client.detectApi()).toBe('rest');
  });
});
