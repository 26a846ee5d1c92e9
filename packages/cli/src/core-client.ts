import { Vtiger } from '@vtiger/core';
import type {
  CliClient,
  CliRecord,
  ModuleDescription,
  SyncChanges,
} from './client.js';
import type { ConnectionSettings } from './connection.js';
import type { Runtime } from './runtime.js';
import { formatEvent } from './verbose-log.js';

/** Client settings that commands may change. */
export interface ClientOptions {
  /** Session pool size and requests in flight. */
  concurrency?: number;
}

/** A {@link CliClient} that also exposes the core client, for the exporter. */
export type CoreCliClient = CliClient & { readonly vtiger: Vtiger };

/**
 * Opens a `@vtiger/core` client for the CLI. With `--verbose` every client
 * event is logged on standard error, passed through the runtime's redaction.
 */
export function openVtiger(
  settings: ConnectionSettings,
  runtime: Runtime,
  options: ClientOptions = {},
): Vtiger {
  const client = new Vtiger({
    url: settings.url,
    username: settings.username,
    accessKey: settings.accessKey,
    api: settings.api,
    ...(options.concurrency === undefined
      ? {}
      : { concurrency: options.concurrency }),
  });
  if (runtime.verbose) {
    client.subscribe((event) => {
      runtime.io.stderr.write(`${runtime.redact(formatEvent(event))}\n`);
    });
  }
  return client;
}

/** Implements {@link CliClient} over a `@vtiger/core` client. */
export function openClient(
  settings: ConnectionSettings,
  runtime: Runtime,
  options: ClientOptions = {},
): CoreCliClient {
  const vtiger = openVtiger(settings, runtime, options);
  return {
    vtiger,
    me: async () => (await vtiger.me()) as Record<string, unknown>,
    listTypes: async () => {
      const result = await vtiger.listTypes();
      return result.types.map((name) => {
        const information = result.information?.[name] as
          { label?: string; isEntity?: boolean } | undefined;
        return {
          name,
          label: information?.label ?? name,
          isEntity: information?.isEntity ?? true,
        };
      });
    },
    describe: async (module) =>
      (await vtiger.describe(module)) as unknown as ModuleDescription,
    query: async (vtql) => (await vtiger.query(vtql)) as CliRecord[],
    queryAll: (vtql, queryOptions) =>
      vtiger.queryAll(vtql, queryOptions) as AsyncIterable<CliRecord>,
    retrieve: async (id) => (await vtiger.retrieve(id)) as CliRecord,
    create: async (module, values) =>
      (await vtiger.create(module, values as never)) as CliRecord,
    update: async (values) =>
      (await vtiger.update(values as never)) as CliRecord,
    revise: async (values) =>
      (await vtiger.revise(values as never)) as CliRecord,
    delete: async (id) => vtiger.delete(id),
    relatedTypes: async (module) => vtiger.relatedTypes(module),
    retrieveRelated: async (id, relatedModule, label) =>
      (await vtiger.retrieveRelated(id, relatedModule, label)) as CliRecord[],
    queryRelated: async (id, vtql, label) =>
      (await vtiger.queryRelated(id, vtql, label)) as CliRecord[],
    addRelated: async (id, relatedIds, label) =>
      vtiger.addRelated(id, relatedIds, label),
    deleteRelated: async (id, relatedIds, label) =>
      vtiger.deleteRelated(id, relatedIds, label),
    sync: async (module, since) =>
      (await vtiger.sync(module, since)) as SyncChanges,
    close: () => vtiger.close(),
  };
}
