import { Vtiger } from '@vtiger/core';
import type {
  CliClient,
  CliRecord,
  ModuleDescription,
  SyncChanges,
} from './client.js';
import type { ConnectionSettings } from './connection.js';
import { UsageError } from './errors.js';
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

/** Returns the FROM module of a VTQL query, the default relation label. */
function fromModule(vtql: string): string | undefined {
  return /\bfrom\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(vtql)?.[1];
}

/** Implements {@link CliClient} over a `@vtiger/core` client. */
export function openClient(
  settings: ConnectionSettings,
  runtime: Runtime,
  options: ClientOptions = {},
): CoreCliClient {
  const vtiger = openVtiger(settings, runtime, options);
  let loggedIn: Record<string, unknown> | undefined;
  vtiger.subscribe((event) => {
    if (event.type === 'login') {
      // Same first keys as the REST `me` result, then the rest of the
      // login result (time zone, admin flag, Vtiger version).
      const { username, email, ...rest } = event.user;
      loggedIn = {
        id: event.userId,
        user_name: username ?? event.username,
        first_name: rest.first_name,
        last_name: rest.last_name,
        email1: email,
        ...rest,
      };
      delete loggedIn.userId;
    }
  });

  // The `me` operation exists only on Cloud REST; webservice.php reports the
  // user in its login result, which core passes on as a `login` event.
  const me = async (): Promise<Record<string, unknown>> => {
    if ((await vtiger.detectApi()) === 'rest') {
      return (await vtiger.me()) as Record<string, unknown>;
    }
    if (loggedIn === undefined) await vtiger.listTypes();
    if (loggedIn === undefined) {
      throw new Error(
        'The server accepted requests without a login, so the user is unknown.',
      );
    }
    return { ...loggedIn };
  };

  return {
    vtiger,
    me,
    listTypes: async () => {
      const result = await vtiger.listTypes();
      return result.types.map((name) => {
        const information = result.information[name] as
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
    create: async (module, values) => {
      // Vtiger rejects a record without assigned_user_id (MANDATORY_FIELDS_MISSING),
      // so the calling user becomes the owner unless one is given.
      const fields = { ...values };
      if (fields.assigned_user_id === undefined) {
        fields.assigned_user_id = (await me()).id;
      }
      return (await vtiger.create(module, fields as never)) as CliRecord;
    },
    update: async (values) =>
      (await vtiger.update(values as never)) as CliRecord,
    revise: async (values) =>
      (await vtiger.revise(values as never)) as CliRecord,
    delete: async (id) => vtiger.delete(id),
    relatedTypes: async (module) => vtiger.relatedTypes(module),
    retrieveRelated: async (id, relatedModule, label) =>
      (await vtiger.retrieveRelated(
        id,
        relatedModule,
        label === undefined ? {} : { relatedLabel: label },
      )) as CliRecord[],
    queryRelated: async (id, vtql, label) => {
      const relatedLabel = label ?? fromModule(vtql);
      if (relatedLabel === undefined) {
        throw new UsageError(
          `Cannot tell the related module of "${vtql}": write SELECT ... FROM <Module> or pass --label.`,
        );
      }
      return (await vtiger.queryRelated(vtql, id, relatedLabel)) as CliRecord[];
    },
    addRelated: async (id, relatedIds, label) => {
      const results = [];
      for (const relatedId of relatedIds) {
        results.push(await vtiger.addRelated(id, relatedId, label));
      }
      return results;
    },
    deleteRelated: async (id, relatedIds, label) => {
      const results = [];
      for (const relatedId of relatedIds) {
        results.push(await vtiger.deleteRelated(id, relatedId, label));
      }
      return results;
    },
    sync: async (module, since) =>
      (await vtiger.sync(module, since)) as SyncChanges,
    close: () => vtiger.close(),
  };
}
