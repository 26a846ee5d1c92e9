import { executeQuery } from '../query/execute-query.js';
import { MODULES } from '../schema/modules.js';
import {
  RECORDED_EMAIL_MODULES,
  RECORDED_LISTTYPES,
  RECORDED_PICKLIST_OWNER_MODULES,
} from '../schema/recorded-data.js';
import { parseVtql } from '../vtql/parse-vtql.js';
import { VtqlSyntaxError } from '../vtql/vtql-syntax-error.js';
import type { VtqlQuery } from '../vtql/ast.js';
import { accessDenied, ApiError } from './api-error.js';
import type { OperationHandler } from './context.js';
import { relatedTypesOf } from './related-types.js';

const RECORDED_TYPE_NAMES = new Set(['email', 'picklist', 'owner']);

function moduleHasFieldType(
  module: string,
  typeNames: readonly string[],
): boolean {
  // The recorded server lists these modules for these types. Users has an
  // email field but is not listed for "email".
  if (typeNames.includes('email') && RECORDED_EMAIL_MODULES.includes(module))
    return true;
  if (
    typeNames.some((name) => name === 'picklist' || name === 'owner') &&
    RECORDED_PICKLIST_OWNER_MODULES.includes(module)
  ) {
    return true;
  }
  const schema = MODULES.get(module);
  return (
    schema !== undefined &&
    schema.describe.fields.some(
      (field) =>
        typeNames.includes(field.type.name) &&
        !RECORDED_TYPE_NAMES.has(field.type.name),
    )
  );
}

/** `listtypes`: module names, optionally only those with a field of a type. */
export const listTypes: OperationHandler = (call) => {
  const filter = call.param('fieldTypeList');
  let typeNames: string[] = [];
  if (filter !== undefined && filter !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(filter);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed)) {
      throw new ApiError(
        'INTERNAL_SERVER_ERROR',
        'Unknown Error while processing request',
      );
    }
    typeNames = parsed.map(String);
  }
  if (typeNames.length === 0) return RECORDED_LISTTYPES;
  const types = RECORDED_LISTTYPES.types.filter((module) =>
    moduleHasFieldType(module, typeNames),
  );
  const information: Record<string, unknown> = {};
  for (const module of types)
    information[module] = RECORDED_LISTTYPES.information[module];
  return { types, information };
};

/** `describe`: a module's fields and metadata. */
export const describe: OperationHandler = (call) => {
  const name = call.param('elementType') ?? '';
  const schema = MODULES.get(name);
  if (schema === undefined) throw accessDenied(` for name : ${name}`);
  return schema.describe;
};

/** `relatedtypes`: modules related to a module. */
export const relatedTypes: OperationHandler = (call) => {
  const name = call.param('elementType') ?? '';
  const related = relatedTypesOf(name);
  if (related === undefined) throw accessDenied(` for name : ${name}`);
  return related;
};

/** Parses VTQL, turning parser errors into the server's error envelope. */
export function parseQuery(text: string): VtqlQuery {
  try {
    return parseVtql(text);
  } catch (error) {
    if (error instanceof VtqlSyntaxError)
      throw new ApiError(error.code, error.message);
    throw error;
  }
}

/** `query`: runs one VTQL statement. */
export const query: OperationHandler = (call, context) => {
  const text = call.param('query');
  if (text === undefined || text === '') throw accessDenied(' for query');
  return executeQuery(parseQuery(text), context);
};

/** `me` (REST): the current user. */
export const me: OperationHandler = (_call, { store }) => {
  const user = MODULES.get('Users');
  if (user === undefined) throw accessDenied();
  const values = store.values(user, 1);
  return {
    id: '19x1',
    user_name: values.user_name ?? '',
    first_name: values.first_name ?? '',
    last_name: values.last_name ?? '',
    email1: values.email1 ?? '',
  };
};
