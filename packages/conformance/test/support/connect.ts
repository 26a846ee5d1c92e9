/** Connection facts the suite needs before its first check. */
import type { Vtiger } from '@vtiger/core';
import { select } from '@vtiger/query-builder';
import type { ApiFlavour } from './target.js';

/**
 * Returns the flavour the client speaks. With `api: 'auto'` the client
 * decides on its first request, so this sends one.
 */
export async function detectFlavour(
  client: Vtiger,
  requested: ApiFlavour | 'auto',
): Promise<ApiFlavour> {
  if (requested !== 'auto') return requested;
  await client.listTypes();
  return client.api;
}

/**
 * Finds the id of the connected user (`19x1`), which new records need in
 * `assigned_user_id`.
 */
export async function findOwnerId(
  client: Vtiger,
  flavour: ApiFlavour,
  username: string,
): Promise<string> {
  if (flavour === 'rest') return (await client.me()).id;
  const rows = await client.query(
    select('id').from('Users').where('user_name', '=', username),
  );
  const id = rows[0]?.id;
  if (id === undefined) {
    throw new Error(
      `No Users record has user_name ${JSON.stringify(username)}, so the suite cannot set assigned_user_id. Check VTIGER_USERNAME.`,
    );
  }
  return id;
}
