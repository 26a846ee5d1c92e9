/** Connection facts the suite needs before its first check. */
import type { Vtiger } from '@vtiger/core';
import { select } from '@vtiger/query-builder';
import type { ApiFlavour } from './target.js';

/**
 * Returns the flavour the client speaks. With `api: 'auto'` the client
 * decides on its first request.
 */
export async function detectFlavour(client: Vtiger): Promise<ApiFlavour> {
  return client.detectApi();
}

/**
 * Finds the id of the connected user (`19x1`), which new records need in
 * `assigned_user_id`: from `me` on Cloud REST, from the login on
 * webservice.php, and from the Users module if neither gives it.
 */
export async function findOwnerId(
  client: Vtiger,
  flavour: ApiFlavour,
  username: string,
): Promise<string> {
  if (flavour === 'rest') return (await client.me()).id;

  let loginUserId: string | undefined;
  const unsubscribe = client.subscribe((event) => {
    if (event.type === 'login') loginUserId = event.userId;
  });
  try {
    await client.listTypes();
  } finally {
    unsubscribe();
  }
  if (loginUserId !== undefined && loginUserId !== '') return loginUserId;

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
