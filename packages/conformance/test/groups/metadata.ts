/** Checks of listtypes, describe and relatedtypes. */
import { expect } from 'vitest';
import type { CheckGroup } from '../support/session.js';

export const metadataChecks: CheckGroup = (check, run) => {
  check('listtypes', async () => {
    const types = await run().client.listTypes();
    expect(types.types).toContain('Leads');
    expect(types.types).toContain('Contacts');
    expect(types.types).toContain('Accounts');
    expect(types.information['Leads']?.isEntity).toBeTruthy();
  });

  check('listtypes: fieldTypeList', async () => {
    const withEmail = await run().client.listTypes(['email']);
    expect(withEmail.types).toContain('Leads');
    expect(withEmail.types).toContain('Contacts');
    const all = await run().client.listTypes();
    for (const type of withEmail.types) expect(all.types).toContain(type);
  });

  check('describe', async () => {
    const description = await run().client.describe('Leads');
    expect(description.name).toBe('Leads');
    expect(description.idPrefix).toMatch(/^\d+$/);
    const names = description.fields.map((field) => field.name);
    expect(names).toContain('id');
    expect(names).toContain('lastname');
    expect(names).toContain('assigned_user_id');
    const lastname = description.fields.find(
      (field) => field.name === 'lastname',
    );
    expect(lastname?.mandatory).toBe(true);
  });

  check('describe: unknown module fails', async () => {
    await expect(
      run().client.describe('NoSuchModuleConformance'),
    ).rejects.toMatchObject({ operation: 'describe' });
  });

  check('relatedtypes', async () => {
    const related = await run().client.relatedTypes('Accounts');
    expect(related.types).toContain('Contacts');
  });
};
