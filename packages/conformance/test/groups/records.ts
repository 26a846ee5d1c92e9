/** Checks of create, retrieve, update, revise and delete on own records. */
import { isVtigerError } from '@vtiger/core';
import { expect } from 'vitest';
import { createOwned, marked } from '../support/own-records.js';
import type { CheckGroup } from '../support/session.js';

export const recordChecks: CheckGroup = (check, run) => {
  let leadId: string | undefined;
  const lead = (): string => {
    if (leadId === undefined) throw new Error('create did not run or failed.');
    return leadId;
  };

  check('create', async () => {
    const lastname = marked(run(), 'record');
    const created = await createOwned(run(), 'Leads', {
      lastname,
      firstname: "Zoë O'Test",
      city: 'São Paulo',
      description: 'line 1\nline 2, with "quotes"; and a tab\there',
    });
    leadId = created.id;
    const prefix = (await run().client.describe('Leads')).idPrefix;
    expect(created.id).toMatch(new RegExp(`^${prefix}x\\d+$`));
    expect(created['lastname']).toBe(lastname);
    expect(created['firstname']).toBe("Zoë O'Test");
    expect(created['city']).toBe('São Paulo');
  });

  check('create: missing mandatory field fails', async () => {
    const attempt = run().client.create('Leads', {
      firstname: run().records.marker,
      assigned_user_id: run().ownerId,
    });
    const error: unknown = await attempt.then(
      async (created) => {
        // A server that accepted it anyway: register it so it is deleted.
        run().records.add(run().client, created.id, 'firstname');
        return undefined;
      },
      (reason: unknown) => reason,
    );
    expect(isVtigerError(error)).toBe(true);
    if (run().flavour === 'webservice') {
      expect(error).toMatchObject({ code: 'MANDATORY_FIELDS_MISSING' });
    }
  });

  check('retrieve', async () => {
    const record = await run().client.retrieve(lead());
    expect(record.id).toBe(lead());
    expect(record['lastname']).toBe(marked(run(), 'record'));
    expect(record['description']).toBe(
      'line 1\nline 2, with "quotes"; and a tab\there',
    );
  });

  check('update', async () => {
    run().records.assertOwned(lead());
    const current = await run().client.retrieve(lead());
    const updated = await run().client.update({
      ...current,
      city: 'Chicago',
      description: 'updated by the conformance suite',
    });
    expect(updated['city']).toBe('Chicago');
    expect(updated['lastname']).toBe(marked(run(), 'record'));
    const reread = await run().client.retrieve(lead());
    expect(reread['city']).toBe('Chicago');
    expect(reread['description']).toBe('updated by the conformance suite');
  });

  check('revise', async () => {
    run().records.assertOwned(lead());
    const revised = await run().client.revise({
      id: lead(),
      city: 'Boston',
    });
    expect(revised['city']).toBe('Boston');
    expect(revised['firstname']).toBe("Zoë O'Test");
    const cleared = await run().client.revise({ id: lead(), description: '' });
    expect(cleared['description']).toBe('');
    const reread = await run().client.retrieve(lead());
    expect(reread['city']).toBe('Boston');
    expect(reread['description']).toBe('');
  });

  check('delete', async () => {
    const doomed = await createOwned(run(), 'Leads', {
      lastname: marked(run(), 'deleted'),
    });
    run().records.assertOwned(doomed.id);
    await run().client.delete(doomed.id);
    run().records.forget(doomed.id);
    const error: unknown = await run()
      .client.retrieve(doomed.id)
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(isVtigerError(error)).toBe(true);
    if (run().flavour === 'webservice') {
      expect(error).toMatchObject({ code: 'ACCESS_DENIED' });
    }
  });

  check('retrieve: malformed id fails', async () => {
    // retrieve() rejects the id before sending it. call() sends it, so the
    // server's own error is checked.
    await expect(run().client.retrieve('conformance')).rejects.toThrow(
      /10x123/u,
    );
    const error: unknown = await run()
      .client.call('retrieve', { id: 'conformance' })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(isVtigerError(error)).toBe(true);
  });
};
