/**
 * Operations that only one flavour offers. On the other flavour the client
 * must reject them locally with VtigerUnsupportedOperationError, and the
 * check is skipped with that reason.
 */
import { VtigerApiError, VtigerUnsupportedOperationError } from '@vtiger/core';
import { expect } from 'vitest';
import type { CheckTools } from '../support/check.js';
import { createOwned, marked } from '../support/own-records.js';
import type { CheckGroup, TargetRun } from '../support/session.js';
import type { ApiFlavour } from '../support/target.js';

const flavourNames: Record<ApiFlavour, string> = {
  rest: 'Cloud REST',
  webservice: 'webservice.php',
};

/**
 * Skips when the run's flavour lacks `operation`, after checking that the
 * client rejects the call locally.
 */
async function requireFlavour(
  run: TargetRun,
  tools: CheckTools,
  operation: string,
  flavour: ApiFlavour,
  call: () => Promise<unknown>,
): Promise<void> {
  if (run.flavour === flavour) return;
  await expect(call()).rejects.toBeInstanceOf(VtigerUnsupportedOperationError);
  tools.skip(
    `${operation} exists only on ${flavourNames[flavour]}, not on ${flavourNames[run.flavour]}`,
  );
}

/** Error codes with which a server reports that it lacks an operation. */
const missingOperationCodes = new Set([
  'UNKNOWN_OPERATION',
  'OPERATION_NOT_SUPPORTED',
]);

/**
 * Runs `call`, and skips when the target reports that it lacks the
 * operation: a server of the right flavour may still be an older version.
 */
async function orSkipWhenMissing<T>(
  tools: CheckTools,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (
      error instanceof VtigerApiError &&
      missingOperationCodes.has(String(error.code))
    ) {
      tools.skip(`the target returned ${String(error.code)} for ${operation}`);
    }
    throw error;
  }
}

export const flavourOnlyChecks: CheckGroup = (check, run) => {
  check('me', async (tools) => {
    await requireFlavour(run(), tools, 'me', 'rest', () => run().client.me());
    const user = await orSkipWhenMissing(tools, 'me', () => run().client.me());
    expect(user.id).toBe(run().ownerId);
    expect(typeof user.user_name).toBe('string');
  });

  check('lookup', async (tools) => {
    const lookup = (value: string): Promise<{ id: string }[]> =>
      run().client.lookup('phone', value, { Leads: ['phone'] });
    await requireFlavour(run(), tools, 'lookup', 'rest', () => lookup('1'));
    const phone = `+1-555-${run().records.marker.slice(-6)}`;
    const record = await createOwned(run(), 'Leads', {
      lastname: marked(run(), 'lookup'),
      phone,
    });
    const found = await orSkipWhenMissing(tools, 'lookup', () => lookup(phone));
    expect(found.map((row) => row.id)).toContain(record.id);
  });

  check('tags_add, tags_retrieve, tags_delete', async (tools) => {
    await requireFlavour(run(), tools, 'tags_*', 'rest', () =>
      run().client.retrieveTags('1x1'),
    );
    const record = await createOwned(run(), 'Leads', {
      lastname: marked(run(), 'tags'),
    });
    const tag = run().records.marker;
    await orSkipWhenMissing(tools, 'tags_add', () =>
      run().client.addTags(record.id, [tag]),
    );
    expect(
      JSON.stringify(await run().client.retrieveTags(record.id)),
    ).toContain(tag);
    await run().client.deleteTags(record.id, [tag]);
    expect(
      JSON.stringify(await run().client.retrieveTags(record.id)),
    ).not.toContain(tag);
  });

  check('get_account_hierarchy', async (tools) => {
    await requireFlavour(run(), tools, 'get_account_hierarchy', 'rest', () =>
      run().client.call('get_account_hierarchy', { id: '1x1' }),
    );
    const account = await createOwned(run(), 'Accounts', {
      accountname: marked(run(), 'hierarchy'),
    });
    const hierarchy = await orSkipWhenMissing(
      tools,
      'get_account_hierarchy',
      () => run().client.call('get_account_hierarchy', { id: account.id }),
    );
    expect(JSON.stringify(hierarchy)).toContain(account.id);
  });

  check('reopen', ({ skip }) => {
    skip(
      'reopen acts on closed HelpDesk tickets, Projects and the like; the suite creates none',
    );
  });

  check('retrieve_inventory', ({ skip }) => {
    skip(
      'retrieve_inventory needs an inventory record (Invoice, Quote, SalesOrder, PurchaseOrder) with line items; the suite creates none',
    );
  });

  check('files_retrieve', ({ skip }) => {
    skip(
      'files_retrieve needs a Documents record with an attached file; the suite creates none',
    );
  });

  check('changePassword', ({ skip }) => {
    skip('changePassword changes a user; the suite never runs it');
  });

  check('deleteUser', ({ skip }) => {
    skip('deleteUser deletes a user; the suite never runs it');
  });
};
