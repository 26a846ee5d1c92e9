import type { Command } from 'commander';
import { UsageError } from '../errors.js';
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
    const changes = await client.sync(module, since);
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
