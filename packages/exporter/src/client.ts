import type { Vtiger } from '@vtiger/core';
import type { ExportRecord } from './types.js';

/** Per-call options the exporter passes to the client. */
export interface ExportCallOptions {
  readonly signal?: AbortSignal;
}

/** A field of a module description; only `name` is read. */
export interface ExportFieldDescription {
  readonly name: string;
}

/** The part of a module description the exporter reads. */
export interface ExportModuleDescription {
  /** Fields in the server's order. */
  readonly fields: readonly ExportFieldDescription[];
  /** Module prefix of record ids, such as `10` for Leads. */
  readonly idPrefix?: string;
}

/** The part of a `sync` result the exporter reads. */
export interface ExportSyncResult {
  /** Records created or changed. */
  readonly updated: readonly ExportRecord[];
  /** Ids of deleted records. */
  readonly deleted: readonly string[];
  /** Whether more changes follow after `lastModifiedTime`. */
  readonly more: boolean;
  /** Cursor for the next call, in Unix seconds. */
  readonly lastModifiedTime: number;
}

/** A client event; the exporter counts events whose `type` is `retry`. */
export interface ExportClientEvent {
  readonly type: string;
}

/**
 * Client methods the exporter calls. The `Vtiger` client of
 * `@vtiger/core` has all of them; `subscribe` and `sync` are optional.
 *
 * @example
 * ```ts
 * import { Vtiger } from '@vtiger/core';
 * import type { ExportClient } from '@vtiger/exporter';
 *
 * const client: ExportClient = new Vtiger({ url, username, accessKey });
 * ```
 */
export interface ExportClient {
  /**
   * Runs one VTQL query of at most 100 rows and returns its rows.
   *
   * @example
   * ```ts
   * const rows = await client.query("SELECT id FROM Leads WHERE id > '10x500' ORDER BY id LIMIT 100;");
   * ```
   */
  query(
    query: string,
    options?: ExportCallOptions,
  ): Promise<readonly Readonly<Record<string, unknown>>[]>;
  /**
   * Returns the module's fields, which become the CSV columns.
   *
   * @example
   * ```ts
   * const { fields } = await client.describe('Leads');
   * ```
   */
  describe(
    module: string,
    options?: ExportCallOptions,
  ): Promise<ExportModuleDescription>;
  /**
   * Registers a listener for client events and returns a function that
   * removes it. The exporter counts the `retry` events.
   *
   * @example
   * ```ts
   * const unsubscribe = client.subscribe?.((event) => console.error(event.type));
   * unsubscribe?.();
   * ```
   */
  subscribe?(listener: (event: ExportClientEvent) => void): () => void;
  /**
   * Returns the records changed since a time (Unix seconds or a Date),
   * for `sinceMethod: 'sync'` or `'auto'`.
   *
   * @example
   * ```ts
   * const changes = await client.sync?.('Leads', 1769817600);
   * ```
   */
  sync?(
    module: string,
    since: Date | number,
    options?: ExportCallOptions,
  ): Promise<ExportSyncResult>;
}

// Fails to compile when the core client stops fitting ExportClient.
type AssertTrue<Value extends true> = Value;
export type VtigerFitsExportClient = AssertTrue<
  Vtiger extends ExportClient ? true : false
>;
