export { exportRecords, checkpointPathOf } from './export-records.js';
export {
  ExportError,
  ExportPageError,
  ExportVerificationError,
  ExportCheckpointError,
  isExportError,
} from './errors.js';
export { exportFormats } from './types.js';

export type {
  ExportResult,
  ExportedFile,
  ExportVerification,
} from './export-records.js';
export type { ExportOptions, PrefixFilter } from './options.js';
export type { ExportProgress } from './progress.js';
export type { PageLocation } from './errors.js';
export type { SkippedRecord } from './checkpoint.js';
export type {
  ExportClient,
  ExportCallOptions,
  ExportClientEvent,
  ExportFieldDescription,
  ExportModuleDescription,
  ExportSyncResult,
} from './client.js';
export type { ExportFormat, ExportRecord } from './types.js';
