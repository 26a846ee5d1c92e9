import { executeQuery } from '../query/execute-query.js';
import { idNumber } from '../query/compare-values.js';
import type { RowPredicate } from '../query/compile-condition.js';
import { MODULES } from '../schema/modules.js';
import { ApiError, invalidId } from './api-error.js';
import type { OperationHandler } from './context.js';
import { parseQuery } from './metadata-operations.js';
import { resolveRecordId, type RecordRef } from './record-id.js';
import { relatedTypesOf } from './related-types.js';

function unknownRelation(): ApiError {
  return new ApiError('UNKOWN_ENTITY', 'Relation specified is incorrect');
}

/** Returns the module behind a relation label of the source module. */
function relatedModule(source: RecordRef, label: string | undefined): string {
  const information = relatedTypesOf(source.schema.name)?.information;
  const entry = label === undefined ? undefined : information?.[label];
  if (entry === undefined) throw unknownRelation();
  return entry.name;
}

/**
 * Rows of `related` linked to the source record. Only Accounts -> Contacts
 * (by the contact's account_id) is modelled; other relations are empty,
 * and links written by add_related stay invisible, as on a real server.
 */
function relationFilter(source: RecordRef, related: string): RowPredicate {
  if (source.schema.name === 'Accounts' && related === 'Contacts') {
    return (read) => idNumber(read('account_id')) === source.crmid;
  }
  return () => false;
}

/** `retrieve_related`: records linked to a record through a relation label. */
export const retrieveRelated: OperationHandler = (call, context) => {
  const source = resolveRecordId(call.param('id'), context.store);
  const module = relatedModule(source, call.param('relatedLabel'));
  const relatedType = call.param('relatedType');
  if (relatedType !== undefined && relatedType !== module)
    throw unknownRelation();
  if (!MODULES.has(module)) return [];
  const query = parseQuery(`SELECT * FROM ${module};`);
  return executeQuery(query, context, relationFilter(source, module));
};

/**
 * `query_related`: a VTQL query limited to linked records. The server adds
 * the `;` itself and finds the module with `FROM\s+(\S+)`, so a query that
 * ends in `;` fails.
 */
export const queryRelated: OperationHandler = (call, context) => {
  const source = resolveRecordId(call.param('id'), context.store);
  const text = call.param('query') ?? '';
  const module = relatedModule(source, call.param('relatedLabel'));
  if (/FROM\s+(\S+)/i.exec(text)?.[1] !== module) throw unknownRelation();
  const query = parseQuery(`${text};`);
  if (!MODULES.has(module)) return [];
  return executeQuery(query, context, relationFilter(source, module));
};

function relationKey(
  call: Parameters<OperationHandler>[0],
  store: Parameters<OperationHandler>[1]['store'],
): string {
  const sourceId = call.param('sourceRecordId');
  const relatedId = call.param('relatedRecordId');
  if (sourceId === undefined || relatedId === undefined) throw invalidId();
  const source = resolveRecordId(sourceId, store);
  const related = resolveRecordId(relatedId, store);
  return `${source.crmid}:${related.crmid}:${call.param('relationIdLabel') ?? ''}`;
}

/** `add_related`: links two records; any label is accepted. */
export const addRelated: OperationHandler = (call, context) => {
  context.relations.add(relationKey(call, context.store));
  return { message: 'successfull' };
};

/** `delete_related` (REST): removes a link written by add_related. */
export const deleteRelated: OperationHandler = (call, context) => {
  context.relations.delete(relationKey(call, context.store));
  return { message: 'successfull' };
};
