export { Vtiger } from './client.js';
export { VtigerError, isVtigerError } from './errors/vtiger-error.js';
export { VtigerApiError } from './errors/api-error.js';
export { VtigerAuthError } from './errors/auth-error.js';
export { VtigerNetworkError } from './errors/network-error.js';
export { VtigerTimeoutError } from './errors/timeout-error.js';
export { VtigerHttpError } from './errors/http-error.js';
export { VtigerResponseError } from './errors/response-error.js';
export { VtigerUnsupportedOperationError } from './errors/unsupported-operation-error.js';
export { VtigerQueryPagingError } from './errors/query-paging-error.js';
export { formatVtigerDate, formatVtigerDateTime } from './values.js';
export { quoteVtqlString } from './vtql/paging-plan.js';

export type { CallRawOptions, ConvertLeadElement } from './client.js';
export type { VtigerErrorOptions } from './errors/vtiger-error.js';
export type { VtigerResponseProblem } from './errors/response-error.js';
export type { VtigerEvent, VtigerEventListener } from './events.js';
export type { VtigerApi } from './operations.js';
export type {
  VtigerOperationName,
  VtigerOperations,
  VtigerParamValue,
} from './operation-types.js';
export type { RetryOptions, VtigerOptions } from './options.js';
export type { PageableQuery } from './query-all.js';
export type {
  CallOptions,
  FieldDescription,
  ListTypesResult,
  ModuleDescription,
  QueryAllOptions,
  RelatedTypesResult,
  SyncResult,
  VtigerEntity,
  VtigerEntityValue,
  VtigerEnvelope,
  VtigerFile,
  VtigerInputRecord,
  VtigerInputValue,
  VtigerRecord,
  VtigerUser,
  VtqlQuery,
} from './types.js';
