import { Command, CommanderError, Option } from 'commander';
import { registerCodegenCommand } from './commands/codegen.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerExportCommand } from './commands/export.js';
import { registerProfileCommands } from './commands/profile.js';
import { registerQueryCommands } from './commands/query.js';
import { registerReadCommands } from './commands/read.js';
import { registerRelatedCommands } from './commands/related.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerWriteCommands } from './commands/write.js';
import { apiFlavours } from './config-file.js';
import { outputFormats } from './output/format.js';
import type { Runtime } from './runtime.js';
import { cliVersion } from './version.js';

/**
 * Builds the `vtiger` commander program. Commander errors are thrown as
 * {@link CommanderError} instead of exiting, so `run()` picks the exit code.
 */
export function createProgram(runtime: Runtime): Command {
  const { io } = runtime;
  const program = new Command('vtiger');
  program
    .description(
      'Query, change and export Vtiger CRM data. Results go to standard output, messages to standard error.',
    )
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--url <url>', 'server base address (env VTIGER_URL)')
    .option('--username <name>', 'user name (env VTIGER_USERNAME)')
    .option(
      '--access-key <key>',
      "the user's access key from My Preferences (env VTIGER_ACCESS_KEY; never printed)",
    )
    .addOption(
      new Option(
        '--api <flavour>',
        'API flavour (env VTIGER_API; default auto)',
      ).choices(apiFlavours),
    )
    .option('-p, --profile <name>', 'use a stored profile (env VTIGER_PROFILE)')
    .addOption(
      new Option(
        '-o, --output <format>',
        'result format (default: table on a terminal, json otherwise)',
      ).choices(outputFormats),
    )
    .option('-q, --quiet', 'print no messages or progress on standard error')
    .option(
      '-v, --verbose',
      'log each API request on standard error (secrets redacted)',
    )
    .hook('preAction', (_program, action) => {
      runtime.options = action.optsWithGlobals();
    })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => {
        const message = runtime.redact(text);
        write(
          runtime.stderrColor
            ? `\u001b[31m${message.trimEnd()}\u001b[39m\n`
            : message,
        );
      },
    })
    .addHelpText(
      'after',
      `
Connection settings come from flags, then the environment, then the profile.
Exit codes: 0 success, 1 API or runtime error, 2 usage error, 130 interrupted.

Examples:
  $ vtiger demo
  $ export VTIGER_URL=https://crm.example.com VTIGER_USERNAME=me@example.com VTIGER_ACCESS_KEY=...
  $ vtiger find Leads --where city=Chicago --fields firstname,lastname
  $ vtiger export Leads --format csv,jsonl --out ./export
`,
    );

  registerReadCommands(program, runtime);
  registerQueryCommands(program, runtime);
  registerWriteCommands(program, runtime);
  registerRelatedCommands(program, runtime);
  registerSyncCommand(program, runtime);
  registerExportCommand(program, runtime);
  registerCodegenCommand(program, runtime);
  registerDemoCommand(program, runtime);
  registerProfileCommands(program, runtime);
  return program;
}

export { CommanderError };
