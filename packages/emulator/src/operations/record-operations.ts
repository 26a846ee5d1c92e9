import { MODULES } from '../schema/modules.js';
import { accessDenied, ApiError, invalidId } from './api-error.js';
import type { OperationHandler } from './context.js';
import {
  checkMandatory,
  normalizeElement,
  parseElement,
} from './normalize-values.js';
import { resolveRecordId } from './record-id.js';
import { retrieveShape } from './record-shape.js';
import { isDuplicateAccountName } from './duplicates.js';

/** `retrieve`: one record by id. */
export const retrieve: OperationHandler = (call, { store }) => {
  const { schema, crmid } = resolveRecordId(call.param('id'), store);
  return retrieveShape(store, schema, crmid);
};

/** `create`: a new record from `elementType` and `element`. */
export const create: OperationHandler = (call, context) => {
  const { store } = context;
  const schema = MODULES.get(call.param('elementType') ?? '');
  if (schema === undefined || schema.name === 'Users') throw accessDenied();
  const element = parseElement(call.param('element'));
  const values = normalizeElement(schema, element);
  checkMandatory(schema, values, false);
  if (
    schema.name === 'Accounts' &&
    isDuplicateAccountName(store, values.accountname ?? '')
  ) {
    throw new ApiError(0, 'Duplicate(s) detected!');
  }
  const crmid = store.create(schema, values);
  return retrieveShape(store, schema, crmid);
};

function elementWithId(text: string | undefined): Record<string, unknown> {
  if (text === undefined) throw invalidId();
  const element = parseElement(text);
  if (typeof element.id !== 'string' || element.id === '') throw invalidId();
  return element;
}

/** `update`: rewrites a record; mandatory fields must be in the element. */
export const update: OperationHandler = (call, { store }) => {
  const element = elementWithId(call.param('element'));
  const { schema, crmid } = resolveRecordId(element.id as string, store);
  if (schema.name === 'Users') throw accessDenied();
  const values = normalizeElement(schema, element);
  checkMandatory(schema, values, false);
  store.update(schema, crmid, values);
  return retrieveShape(store, schema, crmid);
};

/** `revise`: changes only the fields the element names; "" clears one. */
export const revise: OperationHandler = (call, { store }) => {
  const element = elementWithId(call.param('element'));
  const { schema, crmid } = resolveRecordId(element.id as string, store);
  if (schema.name === 'Users') throw accessDenied();
  const values = normalizeElement(schema, element);
  checkMandatory(schema, values, true);
  store.update(schema, crmid, values);
  return retrieveShape(store, schema, crmid);
};

/** `delete`: marks a record deleted. */
export const deleteRecord: OperationHandler = (call, { store }) => {
  const { schema, crmid } = resolveRecordId(call.param('id'), store);
  if (schema.name === 'Users') throw accessDenied();
  store.delete(schema, crmid);
  return { status: 'successful' };
};
