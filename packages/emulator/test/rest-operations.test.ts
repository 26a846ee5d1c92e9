import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { rest } from './helpers.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    leads: 60,
    contacts: 30,
    accounts: 6,
    seed: 5,
  });
});

afterAll(async () => {
  await emulator.close();
});

async function createLead(
  fields: Record<string, unknown>,
): Promise<Record<string, string>> {
  const answer = await rest(
    emulator,
    'create',
    {
      elementType: 'Leads',
      element: JSON.stringify({ assigned_user_id: '19x1', ...fields }),
    },
    'POST',
  );
  expect(answer.status).toBe(200);
  return answer.json.result as Record<string, string>;
}

describe('REST operations', () => {
  it('creates, retrieves, updates and deletes', async () => {
    const lead = await createLead({
      lastname: 'Rest Lead',
      firstname: 'Zoë',
      annualrevenue: 99.5,
      emailoptout: true,
      description: 'a <b>bold</b> "quote"',
    });
    expect(lead.annualrevenue).toBe('99.50000000');
    expect(lead.emailoptout).toBe('1');
    expect(lead.description).toBe(
      'a &lt;b&gt;bold&lt;/b&gt; &quot;quote&quot;',
    );
    expect(lead.label).toBe('Zo&euml; Rest Lead');
    const plain = await createLead({
      lastname: 'Plain',
      description: 'say "hi"',
    });
    expect(plain.description).toBe('say "hi"');

    const retrieved = await rest(emulator, 'retrieve', {
      id: lead.id as string,
    });
    expect(retrieved.json.result).toEqual(lead);

    const updated = await rest(
      emulator,
      'update',
      { element: JSON.stringify({ ...lead, city: 'Oslo' }) },
      'POST',
    );
    expect(updated.json.result.city).toBe('Oslo');

    const deleted = await rest(
      emulator,
      'delete',
      { id: lead.id as string },
      'POST',
    );
    expect(deleted.json.result).toEqual({ status: 'successful' });
    const gone = await rest(emulator, 'retrieve', { id: lead.id as string });
    expect(gone.status).toBe(400);
    expect(gone.statusText).toBe(
      'Permission to perform the operation is denied',
    );
  });

  it('reports missing mandatory fields', async () => {
    const answer = await rest(
      emulator,
      'create',
      {
        elementType: 'Leads',
        element: JSON.stringify({ firstname: 'x', assigned_user_id: '19x1' }),
      },
      'POST',
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('MANDATORY_FIELDS_MISSING');
  });

  it('rejects duplicate account names with code 0', async () => {
    const [account] = emulator.query(
      'SELECT accountname FROM Accounts LIMIT 1;',
    );
    const answer = await rest(
      emulator,
      'create',
      {
        elementType: 'Accounts',
        element: JSON.stringify({
          accountname: account?.accountname,
          assigned_user_id: '19x1',
        }),
      },
      'POST',
    );
    expect(answer.json.error).toEqual({
      message: 'Duplicate(s) detected!',
      code: 0,
    });
  });

  it('syncs changes after a time', async () => {
    const before = Math.floor(Date.now() / 1000) - 1;
    const lead = await createLead({ lastname: 'Synced' });
    const doomed = await createLead({ lastname: 'Doomed' });
    await rest(emulator, 'delete', { id: doomed.id as string }, 'POST');
    const answer = await rest(emulator, 'sync', {
      modifiedTime: String(before),
      elementType: 'Leads',
    });
    const result = answer.json.result;
    expect(result.updated.map((row: { id: string }) => row.id)).toContain(
      lead.id,
    );
    expect(result.deleted).toContain(doomed.id);
    expect(result.more).toBe(false);
    expect(result.lastModifiedTime).toBeGreaterThanOrEqual(before);
  });

  it('pages sync by 100 changes', async () => {
    const large = await startEmulator({ leads: 250 });
    try {
      const answer = await rest(large, 'sync', {
        modifiedTime: '1',
        elementType: 'Leads',
      });
      expect(answer.json.result.updated).toHaveLength(100);
      expect(answer.json.result.more).toBe(true);
      const next = await rest(large, 'sync', {
        modifiedTime: String(answer.json.result.lastModifiedTime),
        elementType: 'Leads',
      });
      expect(next.json.result.updated.length).toBeGreaterThan(0);
      const firstIds = new Set(
        answer.json.result.updated.map((row: { id: string }) => row.id),
      );
      for (const row of next.json.result.updated as { id: string }[]) {
        expect(firstIds.has(row.id)).toBe(false);
      }
    } finally {
      await large.close();
    }
  });

  it('lists related contacts of an account', async () => {
    const [contact] = emulator.query(
      "SELECT account_id FROM Contacts WHERE account_id > '11x0' LIMIT 1;",
    );
    const account = contact?.account_id as string;
    const related = await rest(emulator, 'retrieve_related', {
      id: account,
      relatedLabel: 'Contacts',
      relatedType: 'Contacts',
    });
    expect(related.json.result.length).toBeGreaterThan(0);
    for (const row of related.json.result as { account_id: string }[]) {
      expect(row.account_id).toBe(account);
    }
    const queried = await rest(emulator, 'query_related', {
      id: account,
      relatedLabel: 'Contacts',
      query: 'SELECT id, account_id FROM Contacts',
    });
    expect(queried.json.result).toHaveLength(related.json.result.length);
  });

  it('adds, reads and removes tags', async () => {
    const lead = await createLead({ lastname: 'Tagged' });
    const id = lead.id as string;
    await rest(
      emulator,
      'tags_add',
      { id, tags: JSON.stringify(['vip', 'q3']) },
      'POST',
    );
    const tags = await rest(emulator, 'tags_retrieve', { id });
    expect(tags.json.result).toEqual(['vip', 'q3']);
    const remaining = await rest(
      emulator,
      'tags_delete',
      { id, tags: 'vip' },
      'POST',
    );
    expect(remaining.json.result).toEqual(['q3']);
  });

  it('looks up records by email', async () => {
    const lead = await createLead({
      lastname: 'Lookup',
      email: 'Find.Me@Example.com',
    });
    const answer = await rest(emulator, 'lookup', {
      type: 'email',
      value: 'find.me@example.com',
      searchIn: JSON.stringify({ Leads: ['email', 'secondaryemail'] }),
    });
    expect(answer.json.result.map((row: { id: string }) => row.id)).toEqual([
      lead.id,
    ]);
  });

  it('converts a lead once', async () => {
    const lead = await createLead({
      lastname: 'Convert Me',
      company: 'Convert Co',
    });
    const element = JSON.stringify({
      leadId: lead.id,
      entities: {
        Accounts: { create: true, name: 'Accounts' },
        Contacts: { create: true, name: 'Contacts' },
      },
    });
    const converted = await rest(emulator, 'convertlead', { element }, 'POST');
    expect(converted.json.result.Accounts).toMatch(/^11x\d+$/);
    expect(converted.json.result.Contacts).toMatch(/^12x\d+$/);
    const contact = await rest(emulator, 'retrieve', {
      id: converted.json.result.Contacts,
    });
    expect(contact.json.result.account_id).toBe(converted.json.result.Accounts);
    const again = await rest(emulator, 'convertlead', { element }, 'POST');
    expect(again.status).toBe(400);
  });

  it('returns an account hierarchy', async () => {
    const create = async (fields: Record<string, string>): Promise<string> => {
      const answer = await rest(
        emulator,
        'create',
        {
          elementType: 'Accounts',
          element: JSON.stringify({ assigned_user_id: '19x1', ...fields }),
        },
        'POST',
      );
      return answer.json.result.id as string;
    };
    const parent = await create({ accountname: 'Hierarchy Parent' });
    const child = await create({
      accountname: 'Hierarchy Child',
      account_id: parent,
    });
    const answer = await rest(emulator, 'get_account_hierarchy', { id: child });
    expect(answer.json.result).toEqual([
      {
        id: parent,
        accountname: 'Hierarchy Parent',
        parent_id: null,
        depth: 0,
      },
      {
        id: child,
        accountname: 'Hierarchy Child',
        parent_id: parent,
        depth: 1,
      },
    ]);
  });

  it('rejects unknown operations with 400', async () => {
    const answer = await rest(emulator, 'nosuchop', {});
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('UNKNOWN_OPERATION');
  });
});
