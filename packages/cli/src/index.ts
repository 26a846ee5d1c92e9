export { run } from './run.js';
export { UsageError, CommandFailedError, ExitCode } from './errors.js';
export type { CliIo } from './io.js';
