import type { z } from 'zod';
import type {
  describeSchema,
  filesSchema,
  listTypesSchema,
} from './schemas.js';

/** A row returned by `query()`: field name to string value, or null. */
export type VtigerRecord = { id: string } & Record<string, string | null>;

/** A value inside a retrieved record, including inventory line items. */
export type VtigerEntityValue =
  string | null | readonly unknown[] | { readonly [key: string]: unknown };

/** A record returned by `retrieve()`, `create()`, `update()` and `revise()`. */
export type VtigerEntity = { id: string } & Record<string, VtigerEntityValue>;

/**
 * A value accepted in `create()`, `update()` and `revise()`. Numbers and
 * booleans are sent as JSON, `Date` as an ISO date or date-time in UTC, and
 * arrays or objects (inventory line items) as nested JSON.
 */
export type VtigerInputValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | Date
  | readonly unknown[]
  | { readonly [key: string]: unknown };

/** Fields for `create()` or `update()`. */
export type VtigerInputRecord = Record<string, VtigerInputValue>;

/** Result of `listTypes()`. */
export type ListTypesResult = z.infer<typeof listTypesSchema>;

/** Result of `describe()`: fields, labels, permissions and `idPrefix`. */
export type ModuleDescription = z.infer<typeof describeSchema>;

/** One field of a {@link ModuleDescription}. */
export type FieldDescription = ModuleDescription['fields'][number];

/** Result of `sync()`. */
export interface SyncResult {
  /** Records created or changed since the given time. */
  updated: VtigerRecord[];
  /** Ids of records deleted since the given time. */
  deleted: string[];
  /** Whether more changes are waiting; call again from `lastModifiedTime`. */
  more: boolean;
  /** Unix time in seconds to pass as `since` for the next call. */
  lastModifiedTime: number;
}

/** Result of `relatedTypes()`. */
export interface RelatedTypesResult {
  /** Related module names; a module may appear more than once. */
  types: string[];
  /** Relation label to `{ name, label, isEntity }`. */
  information: Record<string, Record<string, unknown>>;
}

/** One file returned by `filesRetrieve()`, its contents in base64. */
export type VtigerFile = z.infer<typeof filesSchema>[number];

/** Result of `me()` on Cloud REST. */
export interface VtigerUser {
  /** User id such as `19x1`. */
  id: string;
  /** Login name. */
  user_name: string;
  [field: string]: unknown;
}

/** The raw response envelope. */
export type VtigerEnvelope<T = unknown> =
  | { success: true; result: T }
  | { success: false; error: { code: string | number; message: string } };

/** Options accepted by every call. */
export interface CallOptions {
  /** Aborts the call, including waits for a session, a retry or the rate limit. */
  signal?: AbortSignal | undefined;
  /** Timeout of each HTTP attempt in milliseconds; overrides the client's. */
  timeout?: number | false | undefined;
}

/**
 * Options of `queryAll()`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * for await (const lead of client.queryAll('SELECT id, lastname FROM Leads;', {
 *   maxRecords: 500,
 *   pageSize: 50,
 *   signal: controller.signal,
 * })) {
 *   console.log(lead.id);
 * }
 * ```
 */
export interface QueryAllOptions {
  /** Stops after this many records. Default: no limit. */
  maxRecords?: number | undefined;
  /** Rows per request, 1 to 100 (the server's cap). Default: 100. */
  pageSize?: number | undefined;
  /**
   * Paging method. `'keyset'` (default) adds `id > 'last'` and orders by id.
   * `'offset'` keeps the query's ORDER BY and steps `LIMIT offset, size`, so
   * records changed during the run may be missed. A query-builder query
   * without a LIMIT builds its own keyset pages unless this is `'offset'`.
   */
  paging?: 'keyset' | 'offset' | undefined;
  /** Aborts the iteration, including a page request in flight. */
  signal?: AbortSignal | undefined;
  /** Timeout of each page's HTTP attempt in milliseconds; overrides the client's. */
  timeout?: number | false | undefined;
}

/** A query as a VTQL string or an object such as a query-builder query. */
export type VtqlQuery = string | { toVTQL(): string };
