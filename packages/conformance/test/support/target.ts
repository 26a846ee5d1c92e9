/**
 * Where the conformance suite runs: the bundled emulator (the default, used in
 * CI) or a real Vtiger server named by environment variables.
 */

/** API flavour the toolkit can speak. */
export type ApiFlavour = 'rest' | 'webservice';

/** A server the suite may run against, read from the environment. */
export interface LiveTarget {
  kind: 'live';
  url: string;
  username: string;
  accessKey: string;
  /** Flavour forced by VTIGER_API, or 'auto' to let the client detect it. */
  api: ApiFlavour | 'auto';
}

/** The emulator, started by the suite itself on 127.0.0.1. */
export interface EmulatorTarget {
  kind: 'emulator';
}

export type TargetChoice = LiveTarget | EmulatorTarget;

/** Environment variables the suite reads. */
export type TargetEnvironment = Partial<
  Record<
    | 'VTIGER_URL'
    | 'VTIGER_USERNAME'
    | 'VTIGER_ACCESS_KEY'
    | 'VTIGER_API'
    | 'VTIGER_LIVE_ALLOW_REMOTE',
    string | undefined
  >
>;

const connectionVariables = [
  'VTIGER_URL',
  'VTIGER_USERNAME',
  'VTIGER_ACCESS_KEY',
] as const;

/**
 * Chooses the target from the environment. Throws a one-line error when the
 * connection variables are set only in part, when VTIGER_API is not a known
 * flavour, or when the URL's host is not loopback and
 * VTIGER_LIVE_ALLOW_REMOTE=1 is not set.
 */
export function chooseTarget(environment: TargetEnvironment): TargetChoice {
  const present = connectionVariables.filter(
    (name) => (environment[name] ?? '') !== '',
  );
  if (present.length === 0) return { kind: 'emulator' };
  if (present.length < connectionVariables.length) {
    const missing = connectionVariables.filter(
      (name) => !present.includes(name),
    );
    throw new Error(
      `Conformance target is incomplete: ${present.join(', ')} set but ${missing.join(', ')} missing. Set all three to test a server, or none to test the emulator.`,
    );
  }

  const url = environment.VTIGER_URL ?? '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `VTIGER_URL ${JSON.stringify(url)} is not a valid URL. Set it to the server's base address, e.g. https://crm.example.com.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(
      `VTIGER_URL ${JSON.stringify(url)} must start with http:// or https://.`,
    );
  }
  if (
    !isLoopbackHost(parsed.hostname) &&
    environment.VTIGER_LIVE_ALLOW_REMOTE !== '1'
  ) {
    throw new Error(
      `Refusing to run the conformance suite against ${parsed.origin}: its host is not loopback. Set VTIGER_LIVE_ALLOW_REMOTE=1 to run it there (it creates, changes and deletes its own marked test records).`,
    );
  }

  const api = environment.VTIGER_API ?? 'auto';
  if (api !== 'auto' && api !== 'rest' && api !== 'webservice') {
    throw new Error(
      `VTIGER_API ${JSON.stringify(api)} is invalid. Use rest, webservice or auto (the default).`,
    );
  }

  return {
    kind: 'live',
    url,
    username: environment.VTIGER_USERNAME ?? '',
    accessKey: environment.VTIGER_ACCESS_KEY ?? '',
    api,
  };
}

/**
 * Tells whether a URL host name is a loopback address: `localhost`, any
 * 127.0.0.0/8 address or `::1`. No name is resolved through DNS.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === 'localhost.') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // The URL parser writes an IPv4-mapped 127.x.y.z as ::ffff:7fxx:yyzz.
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  const ipv4 = /^(?:::ffff:)?127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (ipv4 === null) return false;
  return ipv4.slice(1).every((part) => Number(part) <= 255);
}
