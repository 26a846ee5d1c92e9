import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from './errors.js';

/** The API flavour a connection uses. */
export type ApiFlavour = 'rest' | 'webservice' | 'auto';

/** Every API flavour name, in the order help text lists them. */
export const apiFlavours: readonly ApiFlavour[] = [
  'auto',
  'rest',
  'webservice',
];

/** One named connection stored in the config file. */
export interface Profile {
  url?: string;
  username?: string;
  accessKey?: string;
  api?: ApiFlavour;
}

/** The contents of the config file. */
export interface ConfigFile {
  /** Name of the profile used when `--profile` is not given. */
  defaultProfile?: string;
  profiles: Record<string, Profile>;
}

/**
 * Returns the path of the config file: `$XDG_CONFIG_HOME/vtiger/config.json`,
 * else `%APPDATA%\vtiger\config.json` on Windows, else
 * `~/.config/vtiger/config.json`. `VTIGER_CONFIG` overrides all three.
 */
export function configFilePath(
  env: Record<string, string | undefined>,
): string {
  if (env.VTIGER_CONFIG) return env.VTIGER_CONFIG;
  let base = env.XDG_CONFIG_HOME;
  if (!base && process.platform === 'win32') base = env.APPDATA;
  if (!base) base = join(env.HOME ?? homedir(), '.config');
  return join(base, 'vtiger', 'config.json');
}

/**
 * Reads the config file; a missing file reads as no profiles.
 *
 * @throws {UsageError} naming the file when it cannot be read, is not JSON
 * or has no `profiles` object.
 */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { profiles: {} };
    }
    throw new UsageError(
      `Failed to read the config file ${path}: ${(error as Error).message}. Fix its permissions, or set VTIGER_CONFIG to another file.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(
      `The config file ${path} is not valid JSON. Fix or delete it, then add profiles again with \`vtiger profile add\`.`,
    );
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as ConfigFile).profiles !== 'object' ||
    (parsed as ConfigFile).profiles === null
  ) {
    throw new UsageError(
      `The config file ${path} has no "profiles" object. Fix or delete it, then add profiles again with \`vtiger profile add\`.`,
    );
  }
  return parsed as ConfigFile;
}

/**
 * Writes the config file with mode 0600 (its directory 0700), through a
 * temporary file and a rename so a crash never leaves half a file.
 */
export async function writeConfigFile(
  path: string,
  config: ConfigFile,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, {
    mode: 0o600,
  });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
