import type {
  ListTypesResult,
  ModuleDescription,
  RelatedTypesResult,
  SyncResult,
  VtigerEntity,
  VtigerFile,
  VtigerRecord,
  VtigerUser,
} from './types.js';

/** A parameter value for `call()`: objects and arrays are sent as JSON. */
export type VtigerParamValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly unknown[]
  | { readonly [key: string]: unknown };

/** Parameters and result of every operation that `call()` types by name. */
export interface VtigerOperations {
  me: { params: Record<string, never>; result: VtigerUser };
  listtypes: {
    params: { fieldTypeList?: string | readonly string[] };
    result: ListTypesResult;
  };
  describe: { params: { elementType: string }; result: ModuleDescription };
  query: { params: { query: string }; result: VtigerRecord[] };
  create: {
    params: { elementType: string; element: string | Record<string, unknown> };
    result: VtigerEntity;
  };
  retrieve: { params: { id: string }; result: VtigerEntity };
  update: {
    params: { element: string | Record<string, unknown> };
    result: VtigerEntity;
  };
  revise: {
    params: { element: string | Record<string, unknown> };
    result: VtigerEntity;
  };
  delete: { params: { id: string }; result: { status: string } };
  sync: {
    params: {
      modifiedTime: number | string;
      elementType?: string;
      syncType?: string;
    };
    result: SyncResult;
  };
  relatedtypes: { params: { elementType: string }; result: RelatedTypesResult };
  retrieve_related: {
    params: { id: string; relatedType: string; relatedLabel?: string };
    result: VtigerRecord[];
  };
  query_related: {
    params: { query: string; id: string; relatedLabel: string };
    result: VtigerRecord[];
  };
  add_related: {
    params: {
      sourceRecordId: string;
      relatedRecordId: string;
      relationIdLabel?: string;
    };
    result: { message: string };
  };
  delete_related: {
    params: {
      sourceRecordId: string;
      relatedRecordId: string;
      relationIdLabel?: string;
    };
    result: unknown;
  };
  convertlead: {
    params: { element: string | Record<string, unknown> };
    result: Record<string, unknown>;
  };
  lookup: {
    params: {
      type: string;
      value: string;
      searchIn: string | Record<string, readonly string[]>;
    };
    result: VtigerRecord[];
  };
  files_retrieve: { params: { id: string }; result: VtigerFile[] };
  tags_add: {
    params: { id: string; tags: string | readonly string[] };
    result: unknown;
  };
  tags_retrieve: { params: { id: string }; result: unknown };
  tags_delete: {
    params: { id: string; tags: string | readonly string[] };
    result: unknown;
  };
  logout: { params: Record<string, never>; result: { message: string } };
  extendsession: {
    params: Record<string, never>;
    result: Record<string, unknown>;
  };
}

/** Name of an operation that `call()` types and validates. */
export type VtigerOperationName = keyof VtigerOperations;
