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
  readonly fields: readonly ExportFieldDescription[];
  readonly idPrefix?: string;
}

/** The part of a `sync` result the exporter reads. */
export interface ExportSyncResult {
  readonly updated: readonly ExportRecord[];
  readonly deleted: readonly string[];
  readonly more: boolean;
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
  query(
    query: string,
    options?: ExportCallOptions,
  ): Promise<readonly Readonly<Record<string, unknown>>[]>;
  describe(
    module: string,
    options?: ExportCallOptions,
  ): Promise<ExportModuleDescription>;
  subscribe?(listener: (event: ExportClientEvent) => void): () => void;
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
