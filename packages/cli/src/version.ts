import { createRequire } from 'node:module';

/** The version of @vtiger/cli, read from its package.json. */
export function cliVersion(): string {
  // Both src/ and dist/ sit one level below package.json.
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}
