import { executeQuery, projectRow } from '../query/execute-query.js';
import { reader } from '../query/execute-query.js';
import { MODULES } from '../schema/modules.js';
import { accessDenied, ApiError } from './api-error.js';
import type { OperationHandler } from './context.js';
import { parseElement } from './normalize-values.js';
import { parseQuery } from './metadata-operations.js';
import { resolveRecordId } from './record-id.js';
import { retrieveShape } from './record-shape.js';

/**
 * `convertlead`: creates an Account and a Contact from a Lead and hides the
 * Lead. Element: `{leadId, assignedTo?, entities: {Accounts?: {create,
 * name}, Contacts?: {create, name}}}`. Returns the new ids by module.
 */
export const convertLead: OperationHandler = (call, context) => {
  const { store } = context;
  const element = parseElement(call.param('element'));
  const lead = resolveRecordId(String(element.leadId ?? ''), store);
  if (lead.schema.name !== 'Leads') throw accessDenied(' for id');
  if (context.convertedLeads.has(lead.crmid)) {
    throw new ApiError('LEAD_ALREADY_CONVERTED', 'Lead is already converted');
  }
  const entities = (element.entities ?? {}) as Record<
    string,
    { create?: unknown } | undefined
  >;
  const value = (field: string): string =>
    store.value(lead.schema, lead.crmid, field);
  const result: Record<string, string> = {};
  const accounts = MODULES.get('Accounts');
  const contacts = MODULES.get('Contacts');
  if (entities.Accounts?.create && accounts !== undefined) {
    const crmid = store.create(accounts, {
      accountname: value('company') || value('lastname'),
      assigned_user_id: '19x1',
      phone: value('phone'),
      website: value('website'),
      industry: value('industry'),
      bill_city: value('city'),
      isconvertedfromlead: '1',
    });
    result.Accounts = `${accounts.idPrefix}x${crmid}`;
  }
  if (entities.Contacts?.create && contacts !== undefined) {
    const crmid = store.create(contacts, {
      firstname: value('firstname'),
      lastname: value('lastname'),
      email: value('email'),
      phone: value('phone'),
      mailingcity: value('city'),
      account_id: result.Accounts ?? '',
      assigned_user_id: '19x1',
      isconvertedfromlead: '1',
    });
    result.Contacts = `${contacts.idPrefix}x${crmid}`;
  }
  if (Object.keys(result).length === 0) {
    throw new ApiError(
      'MANDATORY_FIELDS_MISSING',
      'entities does not have a value',
    );
  }
  context.convertedLeads.add(lead.crmid);
  store.delete(lead.schema, lead.crmid);
  return result;
};

/**
 * `lookup` (REST): records whose phone or email fields equal a value.
 * `searchIn` is JSON `{"Module": ["field", ...]}`; phones compare by digits.
 */
export const lookup: OperationHandler = (call, context) => {
  const type = call.param('type');
  const value = call.param('value') ?? '';
  if ((type !== 'phone' && type !== 'email') || value === '') {
    throw new ApiError(
      'MANDATORY_FIELDS_MISSING',
      'type and value are required',
    );
  }
  let searchIn: Record<string, string[]>;
  try {
    searchIn = JSON.parse(call.param('searchIn') ?? '{}') as Record<
      string,
      string[]
    >;
  } catch {
    throw new ApiError('INVALID_PARAMETER', 'searchIn must be a JSON object');
  }
  const normalise = (text: string): string =>
    type === 'phone' ? text.replace(/\D/g, '') : text.toLowerCase();
  const wanted = normalise(value);
  const rows: unknown[] = [];
  for (const [module, fields] of Object.entries(searchIn)) {
    const schema = MODULES.get(module);
    if (schema === undefined || !Array.isArray(fields)) continue;
    const columns = [...schema.fields.map((field) => field.name), 'id'];
    for (const crmid of context.store.ids(
      module,
      0,
      Number.MAX_SAFE_INTEGER,
      false,
    )) {
      const read = reader(context.store, schema, crmid);
      if (
        fields.some(
          (field) => read(field) !== '' && normalise(read(field)) === wanted,
        )
      ) {
        rows.push(projectRow(context.store, schema, crmid, columns));
        if (rows.length >= context.pageCap) return rows;
      }
    }
  }
  return rows;
};

function tagList(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // A comma-separated list.
  }
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** `tags_add` (REST): adds tags to a record; returns its tags. */
export const tagsAdd: OperationHandler = (call, { store, tags }) => {
  const { crmid } = resolveRecordId(call.param('id'), store);
  const current = new Set(tags.get(crmid) ?? []);
  for (const tag of tagList(call.param('tags'))) current.add(tag);
  tags.set(crmid, [...current]);
  return [...current];
};

/** `tags_retrieve` (REST): the tags of a record. */
export const tagsRetrieve: OperationHandler = (call, { store, tags }) => {
  const { crmid } = resolveRecordId(call.param('id'), store);
  return tags.get(crmid) ?? [];
};

/** `tags_delete` (REST): removes tags from a record; returns the rest. */
export const tagsDelete: OperationHandler = (call, { store, tags }) => {
  const { crmid } = resolveRecordId(call.param('id'), store);
  const remove = new Set(tagList(call.param('tags')));
  const rest = (tags.get(crmid) ?? []).filter((tag) => !remove.has(tag));
  tags.set(crmid, rest);
  return rest;
};

/**
 * `files_retrieve`: attachments of a Documents record. The emulator stores
 * no Documents, so every id fails as an unknown record does.
 */
export const filesRetrieve: OperationHandler = (call, { store }) => {
  const { schema, crmid } = resolveRecordId(call.param('id'), store);
  retrieveShape(store, schema, crmid);
  throw accessDenied(' for id');
};

/** Runs a VTQL text (for tests and tools). */
export function runVtql(
  text: string,
  context: Parameters<OperationHandler>[1],
): unknown {
  return executeQuery(parseQuery(text), context);
}

/**
 * `get_account_hierarchy` (REST): the Account's chain of parents (through
 * `account_id`, "Member Of") and its direct and indirect members, top
 * first, each as `{id, accountname, parent_id, depth}`.
 */
export const getAccountHierarchy: OperationHandler = (call, { store }) => {
  const { schema, crmid } = resolveRecordId(call.param('id'), store);
  if (schema.name !== 'Accounts') throw accessDenied(' for id');
  const parentOf = (account: number): number | null => {
    const parent = store.value(schema, account, 'account_id');
    if (parent === '') return null;
    const number = Number(parent.split('x')[1]);
    return store.exists('Accounts', number) ? number : null;
  };
  let top = crmid;
  const seen = new Set([top]);
  for (
    let parent = parentOf(top);
    parent !== null && !seen.has(parent);
    parent = parentOf(parent)
  ) {
    seen.add(parent);
    top = parent;
  }
  const children = new Map<number, number[]>();
  for (const account of store.ids(
    'Accounts',
    0,
    Number.MAX_SAFE_INTEGER,
    false,
  )) {
    const parent = parentOf(account);
    if (parent === null || account === top) continue;
    const list = children.get(parent) ?? [];
    list.push(account);
    children.set(parent, list);
  }
  const result: {
    id: string;
    accountname: string;
    parent_id: string | null;
    depth: number;
  }[] = [];
  const visit = (
    account: number,
    parent: number | null,
    depth: number,
  ): void => {
    result.push({
      id: `${schema.idPrefix}x${account}`,
      accountname: store.value(schema, account, 'accountname'),
      parent_id: parent === null ? null : `${schema.idPrefix}x${parent}`,
      depth,
    });
    for (const child of children.get(account) ?? []) {
      if (result.length < 10_000) visit(child, account, depth + 1);
    }
  };
  visit(top, null, 0);
  return result;
};

/**
 * `reopen` (REST): reopens a closed HelpDesk ticket or Project. The emulator
 * stores neither, so every id fails.
 */
export const reopen: OperationHandler = (call, { store }) => {
  resolveRecordId(call.param('id'), store);
  throw new ApiError(
    'OPERATION_NOT_SUPPORTED',
    'Permission to perform the operation is denied',
  );
};

/**
 * `changePassword` (webservice.php): changes the admin's login password.
 * The emulator keeps no password, so it only checks that both new values
 * match and that the id is the admin user.
 */
export const changePassword: OperationHandler = (call) => {
  if (call.param('id') !== '19x1') throw accessDenied(' for id');
  const password = call.param('newPassword') ?? '';
  if (password === '' || password !== call.param('confirmPassword')) {
    throw new ApiError(
      'INVALID_NEW_PASSWORD',
      'Invalid new password or confirm password',
    );
  }
  return { message: 'Changed password successfully' };
};

/**
 * `deleteUser` (webservice.php): the admin is the only user and cannot be
 * deleted, so every call fails.
 */
export const deleteUser: OperationHandler = () => {
  throw accessDenied();
};

/**
 * `retrieve_inventory` (webservice.php): an inventory record with its line
 * items. The emulator stores no Invoices, Quotes or Orders, so ids of
 * stored modules fail as records of the wrong kind.
 */
export const retrieveInventory: OperationHandler = (call, { store }) => {
  resolveRecordId(call.param('id'), store);
  throw accessDenied(' for id');
};
