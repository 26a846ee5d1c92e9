/** One record as the server sent it: field name to string value or null. */
export type ExportRecord = { readonly id: string } & Readonly<
  Record<string, string | null | undefined>
>;

/** An output format. */
export type ExportFormat = 'csv' | 'json' | 'jsonl';

/**
 * Every output format, in the order files are reported.
 *
 * @example
 * ```ts
 * import { exportFormats } from '@vtiger/exporter';
 *
 * exportFormats; //=> ['json', 'jsonl', 'csv']
 * ```
 */
export const exportFormats = [
  'json',
  'jsonl',
  'csv',
] as const satisfies readonly ExportFormat[];
