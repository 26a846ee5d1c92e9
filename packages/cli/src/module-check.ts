import { UsageError } from './errors.js';
import { closestMatch } from './suggest.js';

/**
 * Checks `module` against the server's module names and throws a
 * {@link UsageError} with the closest name when it is unknown. Vtiger module
 * names are case-sensitive (`leads` is denied, `Leads` works).
 */
export function checkModuleName(
  module: string,
  known: readonly string[],
): string {
  if (known.includes(module)) return module;
  const suggestion = closestMatch(module, known);
  throw new UsageError(
    `Unknown module "${module}"${
      suggestion ? `: did you mean "${suggestion}"?` : '.'
    } Module names are case-sensitive; \`vtiger types\` lists the modules this user can access.`,
  );
}
