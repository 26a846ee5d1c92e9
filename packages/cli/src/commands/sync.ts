import type { Command } from 'commander';
import { CommandFailedError, UsageError } from '../errors.js';
import { parseSince } from '../parse-time.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

interface SyncOptions {
  since?: string;
}

/** Registers `sync`. */
export function registerSyncCommand(program: Command, runtime: Runtime): void {
  withExamples(
    program
      .command('sync <module>')
      .description(
        'List records of a module changed or deleted since a time (up to 100 changes a call; the result says whether there are more).',
      )
      .option(
        '--since <time>',
        'ISO date or date-time (UTC unless it has an offset), Unix seconds, or an age such as 30m, 12h, 7d',
      ),
    'vtiger sync Leads --since 2026-01-31',
    'vtiger sync Contacts --since 24h --output json',
  ).action(async (moduleArgument: string, options: SyncOptions) => {
    if (options.since === undefined) {
      throw new UsageError(
        'Missing --since: give the time to list changes from, for example --since 2026-01-31 or --since 24h.',
      );
    }
    const since = parseSince(options.since);
    const module = await runtime.checkModule(moduleArgument);
    const client = await runtime.client();
    let changes: Awaited<ReturnType<typeof client.sync>>;
    try {
      changes = await client.sync(module, since);
    } catch (error) {
      if (isBrokenSync(error)) {
        throw new CommandFailedError(
          `The server failed the sync call with an empty HTTP 500, as stock Vtiger 8.4.0 does for every sync call (its syncType parameter is not registered). List the changed records with \`vtiger find ${module} --where "modifiedtime>=${vtigerDateTime(since)}" --all\`, or export them with \`vtiger export ${module} --since ${options.since}\`. Deleted records cannot be listed without sync.`,
        );
      }
      throw error;
    }
    if (runtime.outputFormat === 'table' || runtime.outputFormat === 'csv') {
      runtime.info(
        `${changes.updated.length} changed, ${changes.deleted.length} deleted since ${since.toISOString()}${changes.more ? ' (more changes remain)' : ''}`,
      );
      if (changes.deleted.length > 0)
        runtime.info(`Deleted: ${changes.deleted.join(', ')}`);
      await runtime.print(changes.updated);
      return;
    }
    await runtime.print(changes);
  });
}

/**
 * Whether `error` is the empty HTTP 500 that stock Vtiger 8.4.0 returns for
 * every sync call. Checked by name and fields, because @vtiger/core may be
 * a different copy than the one this file imports.
 */
function isBrokenSync(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'VtigerHttpError') {
    return false;
  }
  const details = error as Error & {
    operation?: string;
    status?: number;
    excerpt?: string;
  };
  return (
    details.operation === 'sync' &&
    details.status === 500 &&
    details.excerpt === ''
  );
}

/** Formats a time as VTQL compares `modifiedtime`: `YYYY-MM-DD HH:MM:SS` in UTC. */
function vtigerDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
