export { startEmulator } from './emulator.js';
export type { RunningEmulator } from './emulator.js';
export { DEFAULT_ACCESS_KEY } from './options.js';
export type {
  EmulatorOptions,
  FaultOptions,
  ResolvedOptions,
} from './options.js';
export type { EmulatorStats } from './server/emulator-stats.js';
export type { Row } from './query/execute-query.js';
export { parseFaults } from './parse-faults.js';
export { parseVtql } from './vtql/parse-vtql.js';
export { VtqlSyntaxError } from './vtql/vtql-syntax-error.js';
export type { VtqlErrorCode } from './vtql/vtql-syntax-error.js';
export type {
  VtqlComparison,
  VtqlCondition,
  VtqlIn,
  VtqlLimit,
  VtqlLogical,
  VtqlOperator,
  VtqlOrderBy,
  VtqlQuery,
  VtqlValue,
} from './vtql/ast.js';
