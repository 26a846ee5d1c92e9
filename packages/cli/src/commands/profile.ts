import type { Command } from 'commander';
import { readConfigFile, writeConfigFile } from '../config-file.js';
import { checkUrl, parseApiFlavour } from '../connection.js';
import { UsageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

interface AddOptions {
  default?: boolean;
}

/** Registers `vtiger profile add|list|remove`. */
export function registerProfileCommands(
  program: Command,
  runtime: Runtime,
): void {
  const profile = withExamples(
    program
      .command('profile')
      .description(
        'Store named connections in the config file (mode 0600) and pick one with --profile.',
      ),
    'vtiger profile add work --url https://crm.example.com --username me@example.com --access-key "$KEY"',
    'vtiger profile list',
    'vtiger --profile work me',
  );

  withExamples(
    profile
      .command('add <name>')
      .description(
        'Save the connection given by --url, --username, --access-key and --api (or the VTIGER_* variables) as a profile.',
      )
      .option('--default', 'use this profile when --profile is not given'),
    'VTIGER_ACCESS_KEY=... vtiger profile add work --url https://crm.example.com --username me@example.com --default',
  ).action(async (name: string, options: AddOptions) => {
    const globals = runtime.options;
    const env = runtime.io.env;
    const url = globals.url ?? env.VTIGER_URL;
    const username = globals.username ?? env.VTIGER_USERNAME;
    const accessKey = globals.accessKey ?? env.VTIGER_ACCESS_KEY;
    const apiText = globals.api ?? env.VTIGER_API;
    if (accessKey) runtime.addSecret(accessKey);
    if (!url || !username || !accessKey) {
      throw new UsageError(
        `Profile "${name}" needs a URL, a username and an access key: pass --url, --username and --access-key, or set VTIGER_URL, VTIGER_USERNAME and VTIGER_ACCESS_KEY.`,
      );
    }
    const path = runtime.configPath;
    const config = await readConfigFile(path);
    config.profiles[name] = {
      url: checkUrl(url),
      username,
      accessKey,
      ...(apiText ? { api: parseApiFlavour(apiText, '--api') } : {}),
    };
    if (options.default || config.defaultProfile === undefined) {
      config.defaultProfile = name;
    }
    await writeConfigFile(path, config);
    runtime.info(`Saved profile "${name}" in ${path}.`);
  });

  withExamples(
    profile
      .command('list')
      .description('List stored profiles (access keys are never shown).'),
    'vtiger profile list --output json',
  ).action(async () => {
    const config = await readConfigFile(runtime.configPath);
    const rows = Object.entries(config.profiles).map(([name, entry]) => ({
      name,
      url: entry.url ?? '',
      username: entry.username ?? '',
      api: entry.api ?? 'auto',
      default: name === config.defaultProfile,
    }));
    if (rows.length === 0) {
      runtime.info(
        'No profiles stored yet: add one with `vtiger profile add <name>`.',
      );
    }
    await runtime.print(rows);
  });

  withExamples(
    profile.command('remove <name>').description('Delete a stored profile.'),
    'vtiger profile remove work',
  ).action(async (name: string) => {
    const path = runtime.configPath;
    const config = await readConfigFile(path);
    if (!config.profiles[name]) {
      throw new UsageError(
        `Unknown profile "${name}": \`vtiger profile list\` shows the stored ones.`,
      );
    }
    delete config.profiles[name];
    if (config.defaultProfile === name) delete config.defaultProfile;
    await writeConfigFile(path, config);
    runtime.info(`Removed profile "${name}" from ${path}.`);
  });
}
