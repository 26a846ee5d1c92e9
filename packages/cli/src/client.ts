/** One record: `id` plus field values, all strings or null as Vtiger sends them. */
export type CliRecord = { id: string } & Record<string, unknown>;

/** The field list of one module, as `describe` returns it. */
export interface ModuleDescription {
  name: string;
  label?: string;
  idPrefix?: string;
  fields: {
    name: string;
    label?: string;
    mandatory?: boolean;
    type?: {
      name?: string;
      refersTo?: string[];
      picklistValues?: { value: string }[];
    };
  }[];
  [key: string]: unknown;
}

/** Result of `sync`: changed records and deleted ids since a time. */
export interface SyncChanges {
  updated: CliRecord[];
  deleted: string[];
  more?: boolean;
  lastModifiedTime?: number | string;
  [key: string]: unknown;
}

/**
 * The API calls the commands use. {@link openClient} implements it over
 * `@vtiger/core`, so the commands do not depend on core's method names.
 */
export interface CliClient {
  me(): Promise<Record<string, unknown>>;
  listTypes(): Promise<{ name: string; label?: string; isEntity?: boolean }[]>;
  describe(module: string): Promise<ModuleDescription>;
  query(vtql: string | { toVTQL(): string }): Promise<CliRecord[]>;
  queryAll(
    vtql: string | { toVTQL(): string },
    options: { maxRecords?: number; signal?: AbortSignal },
  ): AsyncIterable<CliRecord>;
  retrieve(id: string): Promise<CliRecord>;
  create(module: string, values: Record<string, unknown>): Promise<CliRecord>;
  update(values: Record<string, unknown>): Promise<CliRecord>;
  revise(values: Record<string, unknown>): Promise<CliRecord>;
  delete(id: string): Promise<unknown>;
  relatedTypes(module: string): Promise<unknown>;
  retrieveRelated(
    id: string,
    relatedModule: string,
    label?: string,
  ): Promise<CliRecord[]>;
  queryRelated(id: string, vtql: string, label?: string): Promise<CliRecord[]>;
  addRelated(
    id: string,
    relatedIds: string[],
    label?: string,
  ): Promise<unknown>;
  deleteRelated(
    id: string,
    relatedIds: string[],
    label?: string,
  ): Promise<unknown>;
  sync(module: string, since: Date): Promise<SyncChanges>;
  close(): Promise<void>;
}
