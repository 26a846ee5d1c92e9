import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openClient } from '../core-client.js';
import { printExportSummary } from '../export-summary.js';
import { prepareOutputFolder } from '../output-folder.js';
import { parsePositiveInteger } from '../parse-number.js';
import { runExport } from '../run-export.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

interface DemoOptions {
  out: string;
  leads: number;
  seed: number;
}

/** Registers `demo`. */
export function registerDemoCommand(program: Command, runtime: Runtime): void {
  withExamples(
    program
      .command('demo')
      .description(
        'Start the bundled Vtiger emulator on a free 127.0.0.1 port, export its Leads to CSV, JSON Lines and JSON, and stop it. Needs no server or credentials.',
      )
      .option('--out <dir>', 'output folder', 'vtiger-demo')
      .option(
        '--leads <n>',
        'number of Leads the emulator generates',
        parsePositiveInteger,
        1000,
      )
      .option(
        '--seed <n>',
        'seed of the generated data',
        parsePositiveInteger,
        1,
      ),
    'vtiger demo',
    'vtiger demo --out /tmp/demo --leads 5000',
  ).action(async (options: DemoOptions) => {
    const outDir = resolve(runtime.io.cwd, options.out);
    await prepareOutputFolder(outDir, '--out');
    runtime.info('Starting the bundled Vtiger emulator on 127.0.0.1...');
    // Loaded here so that other commands do not pay for the emulator.
    const { startEmulator } = await import('@vtiger/emulator');
    const emulator = await startEmulator({
      host: '127.0.0.1',
      port: 0,
      seed: options.seed,
      leads: options.leads,
    });
    runtime.onCleanup(() => emulator.close());
    runtime.addSecret(emulator.accessKey);
    runtime.info(
      `Emulator running at ${emulator.url} with ${options.leads} Leads.`,
    );
    const client = openClient(
      {
        url: emulator.url,
        username: emulator.username,
        accessKey: emulator.accessKey,
        api: 'webservice',
      },
      runtime,
      { concurrency: 4 },
    );
    runtime.onCleanup(() => client.close());
    const result = await runExport(
      runtime,
      {
        client: client.vtiger,
        module: 'Leads',
        formats: ['csv', 'jsonl', 'json'],
        outDir,
        concurrency: 4,
      },
      'vtiger demo (the demo starts from the beginning each time)',
    );
    await printExportSummary(runtime, result);
    runtime.info(
      'Stopping the emulator. To export from your own server, set VTIGER_URL, VTIGER_USERNAME and VTIGER_ACCESS_KEY and run `vtiger export Leads`.',
    );
  });
}
