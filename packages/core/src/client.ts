import { inspect } from 'node:util';
import { probeApi } from './api-detection.js';
import { CallExecutor } from './call-executor.js';
import { toApiError } from './error-mapping.js';
import { VtigerError } from './errors/vtiger-error.js';
import { VtigerResponseError } from './errors/response-error.js';
import { VtigerUnsupportedOperationError } from './errors/unsupported-operation-error.js';
import { EventHub, type VtigerEventListener } from './events.js';
import type {
  VtigerOperationName,
  VtigerOperations,
  VtigerParamValue,
} from './operation-types.js';
import { specFor, type VtigerApi } from './operations.js';
import {
  normalizeOptions,
  type NormalizedOptions,
  type VtigerOptions,
} from './options.js';
import { SessionPool } from './pool.js';
import { queryAllRecords } from './query-all.js';
import { RateLimiter } from './rate-limiter.js';
import { Redactor } from './redact.js';
import { recordsSchema } from './schemas.js';
import { SessionManager } from './session-manager.js';
import { Transport, type TransportResponse } from './transport.js';
import type {
  CallOptions,
  ListTypesResult,
  ModuleDescription,
  QueryAllOptions,
  RelatedTypesResult,
  SyncResult,
  VtigerEntity,
  VtigerEnvelope,
  VtigerFile,
  VtigerInputRecord,
  VtigerRecord,
  VtigerUser,
  VtqlQuery,
} from './types.js';
import { serializeElement, toUnixSeconds } from './values.js';
import {
  checkId,
  relationParams,
  checkName,
  isStringRecordArray,
  queryText,
  resultSchemas,
} from './call-params.js';

/** Options of `call()` and `callRaw()`. */
export interface CallRawOptions extends CallOptions {
  /** HTTP method for an operation this package does not know. @default 'GET' */
  method?: 'GET' | 'POST' | undefined;
}

/** Options of `convertLead()`. */
export interface ConvertLeadElement {
  /** Id of the lead to convert, such as `10x123`. */
  leadId: string;
  /** User or group id that receives the new records. */
  assignedTo?: string;
  /** Modules to create, such as `{ Contacts: { create: true, name: 'Contacts' } }`. */
  entities: Record<
    string,
    { create: boolean; name: string; [field: string]: VtigerParamValue }
  >;
  [key: string]: VtigerParamValue;
}

/**
 * Client for the Vtiger CRM API, over Cloud REST or webservice.php.
 *
 * Sessions, retries, timeouts, the rate limit and paging are handled inside.
 * Every method takes an optional `{ signal, timeout }` last argument.
 *
 * @example
 * ```ts
 * import { Vtiger } from '@vtiger/core';
 *
 * const client = new Vtiger({
 *   url: 'https://crm.example.com',
 *   username: 'admin',
 *   accessKey: process.env.VTIGER_ACCESS_KEY!,
 * });
 * const leads = await client.query("SELECT id, lastname FROM Leads WHERE city = 'Boston';");
 * await client.close();
 * ```
 */
export class Vtiger {
  readonly #options: NormalizedOptions;
  readonly #redactor = new Redactor();
  readonly #events = new EventHub();
  readonly #transport: Transport;
  readonly #pool: SessionPool;
  readonly #retryableCodes: ReadonlySet<string>;
  readonly #executor: CallExecutor;
  #api: Promise<VtigerApi> | undefined;
  #closed = false;

  /**
   * Creates a client. Nothing is sent until the first call.
   *
   * @example
   * ```ts
   * import { Vtiger } from '@vtiger/core';
   *
   * const client = new Vtiger('https://crm.example.com', 'admin', accessKey);
   * const tuned = new Vtiger({
   *   url: 'https://crm.example.com/vtigercrm/',
   *   username: 'admin',
   *   accessKey,
   *   api: 'webservice',
   *   concurrency: 8,
   *   rateLimit: 60,
   *   onEvent: (event) => console.debug(event),
   * });
   * ```
   */
  constructor(options: VtigerOptions);
  /**
   * Creates a client from the URL, user name and access key, with any other
   * options last. Nothing is sent until the first call.
   *
   * @example
   * ```ts
   * const client = new Vtiger('https://crm.example.com', 'admin', accessKey, { concurrency: 8 });
   * ```
   */
  constructor(
    url: string | URL,
    username: string,
    accessKey: string,
    options?: Partial<VtigerOptions>,
  );
  constructor(
    urlOrOptions: string | URL | VtigerOptions,
    username?: string,
    accessKey?: string,
    options: Partial<VtigerOptions> = {},
  ) {
    const input: VtigerOptions =
      typeof urlOrOptions === 'string' || urlOrOptions instanceof URL
        ? {
            ...options,
            url: urlOrOptions,
            username: username as string,
            accessKey: accessKey as string,
          }
        : urlOrOptions;
    this.#options = normalizeOptions(input);
    this.#redactor.add(this.#options.accessKey);
    this.#retryableCodes = new Set(this.#options.retry.retryableCodes);
    const limiter =
      this.#options.rateLimit === undefined
        ? undefined
        : new RateLimiter(this.#options.rateLimit);
    this.#transport = new Transport(
      this.#options,
      this.#redactor,
      this.#events,
      limiter,
    );
    const sessions = new SessionManager(
      this.#options,
      this.#transport,
      this.#redactor,
      this.#events,
    );
    this.#pool = new SessionPool(this.#options.concurrency);
    this.#executor = new CallExecutor({
      options: this.#options,
      events: this.#events,
      transport: this.#transport,
      sessions,
      pool: this.#pool,
      retryableCodes: this.#retryableCodes,
      detectApi: (callOptions) => this.detectApi(callOptions),
    });
    if (input.onEvent !== undefined) this.#events.subscribe(input.onEvent);
    if (this.#options.api !== 'auto')
      this.#api = Promise.resolve(this.#options.api);
  }

  /**
   * Subscribes to client events (request, response, retry, login, relogin,
   * logout). Events never contain secrets. Returns a function that
   * unsubscribes.
   *
   * @example
   * ```ts
   * const unsubscribe = client.subscribe((event) => {
   *   if (event.type === 'retry') console.warn(`retry ${event.attempt} of ${event.operation}: ${event.reason}`);
   * });
   * unsubscribe();
   * ```
   */
  subscribe(listener: VtigerEventListener): () => void {
    if (typeof listener !== 'function') {
      throw new TypeError(
        `Expected \`listener\` to be a function, got ${typeof listener}.`,
      );
    }
    return this.#events.subscribe(listener);
  }

  /**
   * Returns the API flavour in use, detecting it on the first call when the
   * `api` option is `'auto'`: a working Cloud REST `me` means `'rest'`,
   * anything else `'webservice'`. The result is cached.
   *
   * @example
   * ```ts
   * console.log(await client.detectApi()); //=> 'webservice'
   * ```
   */
  detectApi(options: CallOptions = {}): Promise<VtigerApi> {
    if (this.#api === undefined) {
      const detection = probeApi(this.#transport, this.#options, options);
      this.#api = detection;
      // A failed detection (network error) is tried again on the next call.
      detection.catch(() => {
        if (this.#api === detection) this.#api = undefined;
      });
    }
    return this.#api;
  }

  /**
   * Sends any operation and returns its result, validated for the
   * operations listed in {@link VtigerOperations}. Objects and arrays in `params` are sent
   * as JSON, Dates as `YYYY-MM-DD HH:MM:SS` in UTC.
   *
   * @example
   * ```ts
   * const types = await client.call('listtypes', { fieldTypeList: ['email'] });
   * const inventory = await client.call('retrieve_inventory', { id: '13x5' });
   * ```
   */
  call<O extends VtigerOperationName>(
    operation: O,
    params?: VtigerOperations[O]['params'],
    options?: CallRawOptions,
  ): Promise<VtigerOperations[O]['result']>;
  /**
   * Sends an operation that {@link VtigerOperations} does not list and
   * returns its result unvalidated. `options.method` sets the HTTP method;
   * without it, an operation that {@link VtigerOperations} lists uses its
   * own method and any other operation uses GET.
   *
   * @example
   * ```ts
   * const hierarchy = await client.call('get_account_hierarchy', { id: '11x6' });
   * const done = await client.call('my_custom_op', { id: '10x1' }, { method: 'POST' });
   * ```
   */
  call(
    operation: string,
    params?: Record<string, VtigerParamValue>,
    options?: CallRawOptions,
  ): Promise<unknown>;
  async call(
    operation: string,
    params: Record<string, VtigerParamValue> = {},
    options: CallRawOptions = {},
  ): Promise<unknown> {
    const { status, envelope } = await this.#execute(
      operation,
      params,
      options,
    );
    if (!envelope.success) {
      throw toApiError(operation, status, envelope.error, this.#retryableCodes);
    }
    const schema = resultSchemas[operation as VtigerOperationName];
    if (schema === undefined) return envelope.result;
    if (schema === recordsSchema && isStringRecordArray(envelope.result)) {
      return envelope.result;
    }
    const parsed = schema.safeParse(envelope.result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new VtigerResponseError({
        operation,
        target: `${specFor(operation).method} ${operation}`,
        status,
        problem: 'invalid-shape',
        excerpt: this.#redactor.excerpt(JSON.stringify(envelope.result) ?? ''),
        detail:
          issue === undefined
            ? undefined
            : `${issue.message} at ${issue.path.join('.') || 'result'}`,
      });
    }
    return parsed.data;
  }

  /**
   * Sends any operation and returns the raw `{ success, result | error }`
   * envelope without throwing on `success:false`. Sessions are still
   * renewed, and transport failures still throw.
   *
   * @example
   * ```ts
   * const envelope = await client.callRaw('query', { query: 'SELECT * FROM Leads LIMIT 1;' });
   * if (!envelope.success) console.log(envelope.error.code);
   * ```
   */
  async callRaw(
    operation: string,
    params: Record<string, VtigerParamValue> = {},
    options: CallRawOptions = {},
  ): Promise<VtigerEnvelope> {
    const { envelope } = await this.#execute(operation, params, options);
    return envelope as VtigerEnvelope;
  }

  /**
   * Returns the current user (Cloud REST only).
   *
   * @example
   * ```ts
   * const user = await client.me();
   * console.log(user.user_name);
   * ```
   */
  async me(options?: CallOptions): Promise<VtigerUser> {
    return this.call('me', {}, options);
  }

  /**
   * Lists the modules the user can access, optionally only those with a
   * field of the given types.
   *
   * @example
   * ```ts
   * const { types } = await client.listTypes();
   * const withEmail = await client.listTypes(['email']);
   * ```
   */
  async listTypes(
    fieldTypeList?: readonly string[],
    options?: CallOptions,
  ): Promise<ListTypesResult> {
    return this.call(
      'listtypes',
      fieldTypeList === undefined ? {} : { fieldTypeList },
      options,
    );
  }

  /**
   * Describes a module: fields with types and picklist values, permissions,
   * and `idPrefix` (the `10` of `10x123`, which differs between servers).
   *
   * @example
   * ```ts
   * const leads = await client.describe('Leads');
   * const mandatory = leads.fields.filter((field) => field.mandatory).map((field) => field.name);
   * ```
   */
  async describe(
    module: string,
    options?: CallOptions,
  ): Promise<ModuleDescription> {
    return this.call(
      'describe',
      { elementType: checkName(module, 'module') },
      options,
    );
  }

  /**
   * Runs one VTQL query, adding the trailing `;` when it is missing. The
   * server returns at most 100 rows whatever the LIMIT; use
   * {@link Vtiger.queryAll} for more.
   *
   * @example
   * ```ts
   * const rows = await client.query("SELECT id, lastname FROM Leads WHERE lastname LIKE 'A%' LIMIT 10;");
   * ```
   */
  async query(
    query: VtqlQuery,
    options?: CallOptions,
  ): Promise<VtigerRecord[]> {
    // VTQL requires the trailing semicolon (QUERY_SYNTAX_ERROR without it).
    const text = queryText(query).trimEnd();
    return (await this.call(
      'query',
      { query: text.endsWith(';') ? text : `${text};` },
      options,
    )) as VtigerRecord[];
  }

  /**
   * Iterates over every record of a query, past the 100-row cap, with
   * keyset paging on id. Each page requests `id > 'last'` (added to every
   * OR term) ordered by id. Records added during the run are therefore not
   * skipped, and none comes twice. An object with `pageAfter(lastId,
   * pageSize)` (a query-builder query) builds its own pages, unless it has a
   * LIMIT: then it is paged from its text, like a string, and the LIMIT
   * holds. A string that cannot be rewritten safely is rejected with a
   * {@link VtigerQueryPagingError}.
   *
   * @example
   * ```ts
   * for await (const lead of client.queryAll("SELECT id, email FROM Leads WHERE city = 'Boston';", { maxRecords: 5000 })) {
   *   console.log(lead.id, lead.email);
   * }
   * ```
   */
  queryAll(
    query: VtqlQuery,
    options: QueryAllOptions = {},
  ): AsyncIterableIterator<VtigerRecord> {
    const callOptions: CallOptions = {
      signal: options.signal,
      timeout: options.timeout,
    };
    return queryAllRecords(query, options, (text) =>
      this.query(text, callOptions),
    );
  }

  /**
   * Creates a record and returns it as stored. Numbers and booleans are
   * sent as JSON values, Dates as ISO dates or date-times in UTC.
   *
   * @example
   * ```ts
   * const lead = await client.create('Leads', { lastname: 'Doe', company: 'Acme', assigned_user_id: '19x1' });
   * console.log(lead.id); //=> '10x2904'
   * ```
   */
  async create(
    module: string,
    fields: VtigerInputRecord,
    options?: CallOptions,
  ): Promise<VtigerEntity> {
    return this.call(
      'create',
      {
        elementType: checkName(module, 'module'),
        element: serializeElement(fields, 'fields'),
      },
      options,
    );
  }

  /**
   * Retrieves one record by id.
   *
   * @example
   * ```ts
   * const lead = await client.retrieve('10x2904');
   * ```
   */
  async retrieve(id: string, options?: CallOptions): Promise<VtigerEntity> {
    return this.call('retrieve', { id: checkId(id) }, options);
  }

  /**
   * Replaces a whole record: send every field, mandatory ones included, as
   * returned by `retrieve()`. Use {@link Vtiger.revise} to change a few.
   *
   * @example
   * ```ts
   * const lead = await client.retrieve('10x2904');
   * await client.update({ ...lead, city: 'Boston' });
   * ```
   */
  async update(
    record: VtigerInputRecord & { id: string },
    options?: CallOptions,
  ): Promise<VtigerEntity> {
    checkId(record?.id, 'record.id');
    return this.call(
      'update',
      { element: serializeElement(record, 'record') },
      options,
    );
  }

  /**
   * Changes only the given fields of a record; `''` clears a field.
   *
   * @example
   * ```ts
   * await client.revise({ id: '10x2904', leadstatus: 'Cold', email: '' });
   * ```
   */
  async revise(
    fields: VtigerInputRecord & { id: string },
    options?: CallOptions,
  ): Promise<VtigerEntity> {
    checkId(fields?.id, 'fields.id');
    return this.call(
      'revise',
      { element: serializeElement(fields, 'fields') },
      options,
    );
  }

  /**
   * Deletes a record. A deleted or unknown id fails with ACCESS_DENIED.
   *
   * @example
   * ```ts
   * await client.delete('10x2904'); //=> { status: 'successful' }
   * ```
   */
  async delete(id: string, options?: CallOptions): Promise<{ status: string }> {
    return this.call('delete', { id: checkId(id) }, options);
  }

  /**
   * Returns records changed and ids deleted since a time (a Date, an ISO
   * string or Unix seconds), up to 100 changes a call. Call again from
   * `lastModifiedTime` while `more` is true. Stock Vtiger 8.4.0 fails every
   * sync with an empty HTTP 500 ({@link VtigerHttpError}).
   *
   * @example
   * ```ts
   * const changes = await client.sync('Leads', new Date(Date.now() - 3_600_000));
   * console.log(changes.updated.length, changes.deleted, changes.more);
   * ```
   */
  async sync(
    module: string | undefined,
    since: Date | number | string,
    options: CallOptions & {
      syncType?: 'application' | 'user' | 'userandgroup';
    } = {},
  ): Promise<SyncResult> {
    const { syncType, ...callOptions } = options;
    return this.call(
      'sync',
      {
        modifiedTime: toUnixSeconds(since),
        ...(module === undefined
          ? {}
          : { elementType: checkName(module, 'module') }),
        ...(syncType === undefined ? {} : { syncType }),
      },
      callOptions,
    );
  }

  /**
   * Lists the modules related to a module, with their relation labels.
   *
   * @example
   * ```ts
   * const { types, information } = await client.relatedTypes('Accounts');
   * ```
   */
  async relatedTypes(
    module: string,
    options?: CallOptions,
  ): Promise<RelatedTypesResult> {
    return this.call(
      'relatedtypes',
      { elementType: checkName(module, 'module') },
      options,
    );
  }

  /**
   * Retrieves the records of one related module (at most 100).
   *
   * @example
   * ```ts
   * const contacts = await client.retrieveRelated('11x6', 'Contacts');
   * ```
   */
  async retrieveRelated(
    id: string,
    relatedType: string,
    options: CallOptions & { relatedLabel?: string } = {},
  ): Promise<VtigerRecord[]> {
    const { relatedLabel, ...callOptions } = options;
    return this.call(
      'retrieve_related',
      {
        id: checkId(id),
        relatedType: checkName(relatedType, 'relatedType'),
        relatedLabel: relatedLabel ?? relatedType,
      },
      callOptions,
    );
  }

  /**
   * Runs a VTQL query over the records related to one record. A trailing
   * `;` is removed, because the server adds its own.
   *
   * @example
   * ```ts
   * const rows = await client.queryRelated("SELECT id, lastname FROM Contacts WHERE lastname LIKE 'A%'", '11x6', 'Contacts');
   * ```
   */
  async queryRelated(
    query: VtqlQuery,
    id: string,
    relatedLabel: string,
    options?: CallOptions,
  ): Promise<VtigerRecord[]> {
    const text = queryText(query).trim().replace(/;\s*$/u, '');
    return this.call(
      'query_related',
      {
        query: text,
        id: checkId(id),
        relatedLabel: checkName(relatedLabel, 'relatedLabel'),
      },
      options,
    );
  }

  /**
   * Links two records. Vtiger 8.4.0 reports success even for an unknown
   * relation label.
   *
   * @example
   * ```ts
   * await client.addRelated('11x6', '12x2912', 'Contacts');
   * ```
   */
  async addRelated(
    sourceRecordId: string,
    relatedRecordId: string,
    relationLabel?: string,
    options?: CallOptions,
  ): Promise<{ message: string }> {
    return this.call(
      'add_related',
      relationParams(sourceRecordId, relatedRecordId, relationLabel),
      options,
    );
  }

  /**
   * Unlinks two records (Cloud REST only).
   *
   * @example
   * ```ts
   * await client.deleteRelated('11x6', '12x2912', 'Contacts');
   * ```
   */
  async deleteRelated(
    sourceRecordId: string,
    relatedRecordId: string,
    relationLabel?: string,
    options?: CallOptions,
  ): Promise<unknown> {
    return this.call(
      'delete_related',
      relationParams(sourceRecordId, relatedRecordId, relationLabel),
      options,
    );
  }

  /**
   * Converts a lead into the given modules and returns the new ids by
   * module.
   *
   * @example
   * ```ts
   * const ids = await client.convertLead({
   *   leadId: '10x2904',
   *   assignedTo: '19x1',
   *   entities: {
   *     Accounts: { create: true, name: 'Accounts', accountname: 'Acme' },
   *     Contacts: { create: true, name: 'Contacts', lastname: 'Doe' },
   *   },
   * });
   * ```
   */
  async convertLead(
    element: ConvertLeadElement,
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    checkId(element?.leadId, 'element.leadId');
    return this.call(
      'convertlead',
      { element: serializeElement(element as VtigerInputRecord, 'element') },
      options,
    );
  }

  /**
   * Finds records by phone number or email address (Cloud REST only).
   *
   * @example
   * ```ts
   * const matches = await client.lookup('email', 'jane@example.com', { Contacts: ['email'], Leads: ['email'] });
   * ```
   */
  async lookup(
    type: 'phone' | 'email' | (string & {}),
    value: string,
    searchIn: Record<string, readonly string[]>,
    options?: CallOptions,
  ): Promise<VtigerRecord[]> {
    return this.call(
      'lookup',
      { type: checkName(type, 'type'), value, searchIn },
      options,
    );
  }

  /**
   * Adds tags to a record (Cloud REST only).
   *
   * @example
   * ```ts
   * await client.addTags('10x2904', ['vip', 'trade-show']);
   * ```
   */
  async addTags(
    id: string,
    tags: readonly string[],
    options?: CallOptions,
  ): Promise<unknown> {
    return this.call('tags_add', { id: checkId(id), tags }, options);
  }

  /**
   * Returns the tags of a record (Cloud REST only).
   *
   * @example
   * ```ts
   * const tags = await client.retrieveTags('10x2904');
   * ```
   */
  async retrieveTags(id: string, options?: CallOptions): Promise<unknown> {
    return this.call('tags_retrieve', { id: checkId(id) }, options);
  }

  /**
   * Removes tags from a record (Cloud REST only).
   *
   * @example
   * ```ts
   * await client.deleteTags('10x2904', ['trade-show']);
   * ```
   */
  async deleteTags(
    id: string,
    tags: readonly string[],
    options?: CallOptions,
  ): Promise<unknown> {
    return this.call('tags_delete', { id: checkId(id), tags }, options);
  }

  /**
   * Downloads the files attached to a record (a document or an image
   * attachment id); contents come in base64.
   *
   * @example
   * ```ts
   * const [file] = await client.filesRetrieve('15x42');
   * const bytes = Buffer.from(file!.filecontents, 'base64');
   * ```
   */
  async filesRetrieve(
    id: string,
    options?: CallOptions,
  ): Promise<VtigerFile[]> {
    return this.call('files_retrieve', { id: checkId(id) }, options);
  }

  /**
   * Ends every pooled webservice.php session (the client logs in again on
   * the next call). Throws {@link VtigerUnsupportedOperationError} on Cloud
   * REST, which has no sessions.
   *
   * @example
   * ```ts
   * await client.logout();
   * ```
   */
  async logout(options: CallOptions = {}): Promise<void> {
    const api = await this.detectApi(options);
    if (api !== 'webservice')
      throw new VtigerUnsupportedOperationError('logout', api);
    await this.#executor.logoutAll(options);
  }

  /**
   * Logs out every pooled session and rejects later calls. Call it when
   * all calls have finished.
   *
   * @example
   * ```ts
   * try {
   *   await client.query('SELECT id FROM Leads LIMIT 1;');
   * } finally {
   *   await client.close();
   * }
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pool.slots.some((slot) => slot.sessionName !== undefined)) {
      await this.#executor.logoutAll({}).catch(() => undefined);
    }
  }

  async #execute(
    operation: string,
    params: Record<string, VtigerParamValue>,
    options: CallRawOptions,
  ): Promise<TransportResponse> {
    if (this.#closed) {
      throw new VtigerError(
        `Cannot send ${operation}: the client is closed. Create a new Vtiger client.`,
        { operation },
      );
    }
    return this.#executor.execute(operation, params, options);
  }

  /** Shows the options without the access key. */
  [inspect.custom](): string {
    return `Vtiger { url: '${this.#options.baseUrl.href}', username: '${this.#options.username}', api: '${this.#options.api}', accessKey: '[REDACTED]' }`;
  }

  /**
   * Serialises the options without the access key.
   *
   * @example
   * ```ts
   * JSON.stringify(client);
   * //=> '{"url":"https://crm.example.com/","username":"admin","api":"auto"}'
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      url: this.#options.baseUrl.href,
      username: this.#options.username,
      api: this.#options.api,
    };
  }
}
