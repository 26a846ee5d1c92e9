/** API flavour: Cloud REST (HTTP Basic) or webservice.php (sessions). */
export type VtigerApi = 'rest' | 'webservice';

/** HTTP method, flavours and idempotence of an operation. */
export interface OperationSpec {
  method: 'GET' | 'POST';
  /** Flavours that offer the operation. */
  apis: readonly VtigerApi[];
  /** Whether sending it twice has the same effect as sending it once. */
  idempotent: boolean;
}

const both: readonly VtigerApi[] = ['rest', 'webservice'];
const restOnly: readonly VtigerApi[] = ['rest'];
const webserviceOnly: readonly VtigerApi[] = ['webservice'];

const read = (apis = both): OperationSpec => ({
  method: 'GET',
  apis,
  idempotent: true,
});
const write = (apis = both, idempotent = false): OperationSpec => ({
  method: 'POST',
  apis,
  idempotent,
});

/**
 * Known operations. webservice.php reads a GET operation's parameters only
 * from the URL and a POST operation's only from the body, so the method must
 * match (Vtiger 8.4.0: `create` sent as GET fails with ACCESS_DENIED).
 */
export const operationSpecs: Readonly<Record<string, OperationSpec>> = {
  getchallenge: read(webserviceOnly),
  login: write(webserviceOnly),
  logout: write(webserviceOnly, true),
  extendsession: write(webserviceOnly, true),
  listtypes: read(),
  describe: read(),
  retrieve: read(),
  query: read(),
  sync: read(),
  relatedtypes: read(),
  retrieve_related: read(),
  query_related: read(),
  files_retrieve: read(),
  retrieve_inventory: read(webserviceOnly),
  me: read(restOnly),
  lookup: read(restOnly),
  get_account_hierarchy: read(restOnly),
  create: write(),
  update: write(),
  revise: write(),
  delete: write(),
  convertlead: write(),
  add_related: write(),
  delete_related: write(restOnly),
  tags_add: write(restOnly),
  tags_retrieve: write(restOnly, true),
  tags_delete: write(restOnly),
  reopen: write(restOnly),
  changePassword: write(webserviceOnly),
  deleteUser: write(webserviceOnly),
};

/** Returns the spec of an operation; unknown ones are sent as `method`. */
export function specFor(
  operation: string,
  method?: 'GET' | 'POST',
): OperationSpec {
  const known = Object.hasOwn(operationSpecs, operation)
    ? operationSpecs[operation]
    : undefined;
  if (known !== undefined) {
    return method === undefined ? known : { ...known, method };
  }
  const chosen = method ?? 'GET';
  return { method: chosen, apis: both, idempotent: chosen === 'GET' };
}

/** Session error codes after which a fresh login and a replay help. */
export const sessionErrorCodes: ReadonlySet<string> = new Set([
  'INVALID_SESSIONID',
  'SESSION_LEFT_IDLE',
  'SESSION_EXPIRED',
  'AUTHENTICATION_REQUIRED',
]);
