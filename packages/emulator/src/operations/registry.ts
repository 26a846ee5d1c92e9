import {
  extendSession,
  getChallenge,
  login,
  logout,
} from './auth-operations.js';
import type { OperationHandler } from './context.js';
import {
  describe,
  listTypes,
  me,
  query,
  relatedTypes,
} from './metadata-operations.js';
import {
  create,
  deleteRecord,
  retrieve,
  revise,
  update,
} from './record-operations.js';
import {
  addRelated,
  deleteRelated,
  queryRelated,
  retrieveRelated,
} from './related-operations.js';
import { sync } from './sync-operation.js';
import {
  changePassword,
  convertLead,
  deleteUser,
  retrieveInventory,
  filesRetrieve,
  getAccountHierarchy,
  lookup,
  reopen,
  tagsAdd,
  tagsDelete,
  tagsRetrieve,
} from './extra-operations.js';

/** Registration of an operation: handler, parameter source and flavours. */
export interface OperationDefinition {
  readonly handler: OperationHandler;
  /**
   * The method whose parameters webservice.php reads: GET operations read
   * the URL, POST operations read the form body, whatever the request's
   * own method.
   */
  readonly method: 'GET' | 'POST';
  /** Runs without a session (getchallenge, login). */
  readonly preLogin?: boolean;
  /** Served on webservice.php, on the REST API, or on both. */
  readonly flavours: readonly ('webservice' | 'rest')[];
}

const BOTH = ['webservice', 'rest'] as const;
const WEBSERVICE = ['webservice'] as const;
const REST = ['rest'] as const;

/** Every operation the emulator serves. */
export const OPERATIONS: ReadonlyMap<string, OperationDefinition> = new Map<
  string,
  OperationDefinition
>([
  [
    'getchallenge',
    {
      handler: getChallenge,
      method: 'GET',
      preLogin: true,
      flavours: WEBSERVICE,
    },
  ],
  [
    'login',
    { handler: login, method: 'POST', preLogin: true, flavours: WEBSERVICE },
  ],
  ['logout', { handler: logout, method: 'POST', flavours: WEBSERVICE }],
  [
    'extendsession',
    { handler: extendSession, method: 'POST', flavours: WEBSERVICE },
  ],
  ['me', { handler: me, method: 'GET', flavours: REST }],
  ['listtypes', { handler: listTypes, method: 'GET', flavours: BOTH }],
  ['describe', { handler: describe, method: 'GET', flavours: BOTH }],
  ['query', { handler: query, method: 'GET', flavours: BOTH }],
  ['retrieve', { handler: retrieve, method: 'GET', flavours: BOTH }],
  ['create', { handler: create, method: 'POST', flavours: BOTH }],
  ['update', { handler: update, method: 'POST', flavours: BOTH }],
  ['revise', { handler: revise, method: 'POST', flavours: BOTH }],
  ['delete', { handler: deleteRecord, method: 'POST', flavours: BOTH }],
  ['sync', { handler: sync, method: 'GET', flavours: BOTH }],
  ['relatedtypes', { handler: relatedTypes, method: 'GET', flavours: BOTH }],
  [
    'retrieve_related',
    { handler: retrieveRelated, method: 'GET', flavours: BOTH },
  ],
  ['query_related', { handler: queryRelated, method: 'GET', flavours: BOTH }],
  ['add_related', { handler: addRelated, method: 'POST', flavours: BOTH }],
  [
    'delete_related',
    { handler: deleteRelated, method: 'POST', flavours: REST },
  ],
  ['convertlead', { handler: convertLead, method: 'POST', flavours: BOTH }],
  ['lookup', { handler: lookup, method: 'GET', flavours: REST }],
  ['tags_add', { handler: tagsAdd, method: 'POST', flavours: REST }],
  ['tags_retrieve', { handler: tagsRetrieve, method: 'GET', flavours: REST }],
  ['tags_delete', { handler: tagsDelete, method: 'POST', flavours: REST }],
  ['files_retrieve', { handler: filesRetrieve, method: 'GET', flavours: BOTH }],
  [
    'get_account_hierarchy',
    { handler: getAccountHierarchy, method: 'GET', flavours: REST },
  ],
  ['reopen', { handler: reopen, method: 'POST', flavours: REST }],
  [
    'changePassword',
    { handler: changePassword, method: 'POST', flavours: WEBSERVICE },
  ],
  ['deleteUser', { handler: deleteUser, method: 'POST', flavours: WEBSERVICE }],
  [
    'retrieve_inventory',
    { handler: retrieveInventory, method: 'GET', flavours: WEBSERVICE },
  ],
]);
