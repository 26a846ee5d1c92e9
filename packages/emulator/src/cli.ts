import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';
import { resolveOptions, type EmulatorOptions } from './options.js';
import { parseFaults } from './parse-faults.js';

const HELP = `Usage: vtiger-emulator [options]

Starts a local Vtiger 8.4.0 look-alike (webservice.php and the REST API)
and prints one JSON line {"url","username","accessKey"} when ready.

Options:
  --port N            TCP port, 0 for any free port (default 0)
  --host HOST         interface to listen on (default 127.0.0.1)
  --seed N            seed of the generated data and faults (default 1)
  --leads N           generated Leads (default 250)
  --contacts N        generated Contacts (default 100)
  --accounts N        generated Accounts (default 50)
  --latency MS        milliseconds each request takes, work included (default 0)
  --page-cap N        maximum rows per query (default 100)
  --count-style S     count(*) answer: empty ([]) or number (default empty)
  --rate-limit N      requests per minute before HTTP 429 (default none)
  --faults SPEC       e.g. "5xx=0.1,429=0.05,reset=0.02,truncate=0.01,expire-every=500"
  --sync-broken       answer sync with HTTP 500, as stock 8.4.0 does
  --help              show this help
`;

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value)) {
    throw new TypeError(
      `Invalid --${flag}: expected a whole number >= 0, got "${text}".`,
    );
  }
  return value;
}

/** Highest TCP port number. */
const MAX_PORT = 65_535;

function port(text: string | undefined): number | undefined {
  const value = integer('port', text);
  if (value !== undefined && value > MAX_PORT) {
    throw new TypeError(
      `Invalid --port: expected a TCP port from 0 to ${MAX_PORT} (0 picks a free port), got "${text}".`,
    );
  }
  return value;
}

function optionsFrom(argv: string[]): EmulatorOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      leads: { type: 'string' },
      contacts: { type: 'string' },
      accounts: { type: 'string' },
      latency: { type: 'string' },
      'page-cap': { type: 'string' },
      'count-style': { type: 'string' },
      'rate-limit': { type: 'string' },
      faults: { type: 'string' },
      'sync-broken': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return null;
  const options: EmulatorOptions = {};
  const set = <K extends keyof EmulatorOptions>(
    key: K,
    value: EmulatorOptions[K] | undefined,
  ): void => {
    if (value !== undefined) options[key] = value;
  };
  set('port', port(values.port));
  set('host', values.host);
  set('seed', integer('seed', values.seed));
  set('leads', integer('leads', values.leads));
  set('contacts', integer('contacts', values.contacts));
  set('accounts', integer('accounts', values.accounts));
  set('latency', integer('latency', values.latency));
  set('pageCap', integer('page-cap', values['page-cap']));
  set('rateLimit', integer('rate-limit', values['rate-limit']));
  const countStyle = values['count-style'];
  if (countStyle !== undefined) {
    if (countStyle !== 'empty' && countStyle !== 'number') {
      throw new TypeError(
        `Invalid --count-style: expected empty or number, got "${countStyle}".`,
      );
    }
    options.countStyle = countStyle;
  }
  if (values.faults !== undefined) options.faults = parseFaults(values.faults);
  if (values['sync-broken'] === true) options.syncBroken = true;
  // The library's own checks, run here so that a value they reject is a
  // usage error (exit 2) and not a failed start (exit 1).
  resolveOptions(options);
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions | null;
  try {
    options = optionsFrom(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `vtiger-emulator: ${(error as Error).message}\n\n${HELP}`,
    );
    process.exitCode = 2;
    return;
  }
  if (options === null) {
    process.stdout.write(HELP);
    return;
  }
  const emulator = await startEmulator(options);
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, username: emulator.username, accessKey: emulator.accessKey })}\n`,
  );
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void emulator.close().then(() => {
      process.exitCode = 0;
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`vtiger-emulator: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
