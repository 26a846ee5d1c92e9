import {
  apiFlavours,
  type ApiFlavour,
  type ConfigFile,
  type Profile,
} from './config-file.js';
import { UsageError } from './errors.js';

/** Connection flags as commander parsed them. */
export interface ConnectionFlags {
  url?: string;
  username?: string;
  accessKey?: string;
  api?: string;
  profile?: string;
}

/** A complete connection, ready for the client. */
export interface ConnectionSettings {
  url: string;
  username: string;
  accessKey: string;
  api: ApiFlavour;
}

/** Checks an `--api` value and returns it typed. */
export function parseApiFlavour(value: string, source: string): ApiFlavour {
  if ((apiFlavours as readonly string[]).includes(value)) {
    return value as ApiFlavour;
  }
  throw new UsageError(
    `Invalid API flavour "${value}" in ${source}: use one of ${apiFlavours.join(', ')}.`,
  );
}

/**
 * Picks the profile to use: `--profile`, else `VTIGER_PROFILE`, else the
 * config file's default profile. Returns `undefined` when none applies.
 */
export function selectProfile(
  flags: ConnectionFlags,
  env: Record<string, string | undefined>,
  config: ConfigFile,
): { name: string; profile: Profile } | undefined {
  const requested = flags.profile ?? env.VTIGER_PROFILE;
  if (requested !== undefined && requested !== '') {
    const profile = config.profiles[requested];
    if (!profile) {
      const known = Object.keys(config.profiles);
      throw new UsageError(
        `Unknown profile "${requested}". ${
          known.length > 0
            ? `Known profiles: ${known.join(', ')}.`
            : 'No profiles are stored yet: add one with `vtiger profile add <name>`.'
        }`,
      );
    }
    return { name: requested, profile };
  }
  const fallback = config.defaultProfile;
  if (fallback !== undefined && config.profiles[fallback]) {
    return { name: fallback, profile: config.profiles[fallback] };
  }
  return undefined;
}

function firstSet(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

/**
 * Merges the connection field by field: flags beat the environment
 * (`VTIGER_URL`, `VTIGER_USERNAME`, `VTIGER_ACCESS_KEY`, `VTIGER_API`), which
 * beats the profile. Throws a {@link UsageError} naming every missing field.
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: Record<string, string | undefined>,
  config: ConfigFile,
): ConnectionSettings {
  const profile = selectProfile(flags, env, config)?.profile ?? {};
  const url = firstSet(flags.url, env.VTIGER_URL, profile.url);
  const username = firstSet(
    flags.username,
    env.VTIGER_USERNAME,
    profile.username,
  );
  const accessKey = firstSet(
    flags.accessKey,
    env.VTIGER_ACCESS_KEY,
    profile.accessKey,
  );
  const missing: string[] = [];
  if (!url) missing.push('URL (--url or VTIGER_URL)');
  if (!username) missing.push('username (--username or VTIGER_USERNAME)');
  if (!accessKey)
    missing.push('access key (--access-key or VTIGER_ACCESS_KEY)');
  if (!url || !username || !accessKey) {
    throw new UsageError(
      `Missing connection settings: ${missing.join(', ')}. Set VTIGER_URL, VTIGER_USERNAME and VTIGER_ACCESS_KEY, pass the flags, or store a profile with \`vtiger profile add <name>\`.`,
    );
  }
  const apiText = firstSet(flags.api, env.VTIGER_API, profile.api) ?? 'auto';
  let apiSource = 'the profile';
  if (env.VTIGER_API) apiSource = 'VTIGER_API';
  if (flags.api) apiSource = '--api';
  const api = parseApiFlavour(apiText, apiSource);
  return { url: checkUrl(url), username, accessKey, api };
}

/** Checks that `value` is an http(s) URL and returns it without a trailing slash. */
export function checkUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(
      `Invalid URL "${value}": give the server's base address, for example https://crm.example.com.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(
      `Invalid URL "${value}": only http and https addresses are supported.`,
    );
  }
  return value.replace(/\/+$/, '');
}
