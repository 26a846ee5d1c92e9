import {
  configFilePath,
  readConfigFile,
  type ConfigFile,
} from './config-file.js';
import { openClient, type CoreCliClient } from './core-client.js';
import {
  resolveConnection,
  type ConnectionFlags,
  type ConnectionSettings,
} from './connection.js';
import { UsageError } from './errors.js';
import { colorEnabled, type CliIo } from './io.js';
import { checkModuleName } from './module-check.js';
import { resolveOutputFormat, type OutputFormat } from './output/format.js';
import { writeValue } from './output/writer.js';

/** Options every command accepts, as commander parsed them. */
export interface GlobalOptions extends ConnectionFlags {
  output?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * State shared by the commands of one CLI run: the process streams, the
 * global options and, once a command requests it, the API client.
 */
export class Runtime {
  readonly io: CliIo;
  /** The command-line arguments of this run, after the program name. */
  args: readonly string[] = [];
  readonly #cleanups: (() => Promise<void>)[] = [];
  readonly #secrets = new Set<string>();
  /** Global options of the running command, set before its action runs. */
  options: GlobalOptions = {};

  constructor(io: CliIo) {
    this.io = io;
  }

  /** Whether `--verbose` is set. */
  get verbose(): boolean {
    return this.options.verbose === true;
  }

  /** Remembers a value that {@link Runtime.redact} must hide. */
  addSecret(secret: string): void {
    if (secret.length >= 4) this.#secrets.add(secret);
  }

  /** Replaces every remembered secret in `text` with `[redacted]`. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      result = result.replaceAll(secret, '[redacted]');
    }
    return result;
  }

  /** Whether messages on standard error may use colour. */
  get stderrColor(): boolean {
    return colorEnabled(this.io, this.io.stderr);
  }

  /** Makes text bold on standard output when colour is allowed there. */
  bold = (text: string): string =>
    colorEnabled(this.io, this.io.stdout) ? `\u001b[1m${text}\u001b[22m` : text;

  /** Writes a message line on standard error unless `--quiet` is set. */
  info(message: string): void {
    if (!this.options.quiet) this.io.stderr.write(`${this.redact(message)}\n`);
  }

  /** Writes a warning line on standard error, even with `--quiet`. */
  warn(message: string): void {
    const prefix = this.stderrColor
      ? '\u001b[33mWarning:\u001b[39m'
      : 'Warning:';
    this.io.stderr.write(`${prefix} ${message}\n`);
  }

  /** Picks the output format for this run. */
  get outputFormat(): OutputFormat {
    return resolveOutputFormat(this.options.output, this.io);
  }

  /** Writes a command's result on standard output. */
  async print(value: unknown): Promise<void> {
    await writeValue(
      this.io.stdout,
      this.outputFormat,
      value,
      this.bold,
      (message) => this.info(message),
    );
  }

  /** Path of the profile config file. */
  get configPath(): string {
    return configFilePath(this.io.env);
  }

  /**
   * Resolves the connection from flags, environment and profile. When flags
   * or environment give the URL, username and access key and name no
   * profile, a config file that cannot be read or parsed is skipped with a
   * warning. Otherwise its error names the file and the fix.
   */
  async connection(): Promise<ConnectionSettings> {
    let config: ConfigFile;
    try {
      config = await readConfigFile(this.configPath);
    } catch (error) {
      if (!(error instanceof UsageError) || !this.#connectionWithoutProfile()) {
        throw error;
      }
      if (!this.options.quiet) {
        this.warn(
          `${error.message} It was skipped, because the flags and environment give the URL, username and access key.`,
        );
      }
      config = { profiles: {} };
    }
    for (const profile of Object.values(config.profiles)) {
      if (profile.accessKey) this.addSecret(profile.accessKey);
    }
    const settings = resolveConnection(this.options, this.io.env, config);
    this.addSecret(settings.accessKey);
    return settings;
  }

  /** Whether flags and environment give every setting and name no profile. */
  #connectionWithoutProfile(): boolean {
    const { env } = this.io;
    const anySet = (...values: (string | undefined)[]) =>
      values.some((value) => value !== undefined && value !== '');
    return (
      !anySet(this.options.profile, env.VTIGER_PROFILE) &&
      anySet(this.options.url, env.VTIGER_URL) &&
      anySet(this.options.username, env.VTIGER_USERNAME) &&
      anySet(this.options.accessKey, env.VTIGER_ACCESS_KEY)
    );
  }

  #client: Promise<CoreCliClient> | undefined;
  #moduleNames: Promise<string[]> | undefined;

  /**
   * Returns the API client, created on first use; `concurrency` sets the
   * size of its session pool and applies only to that first call.
   */
  client(options: { concurrency?: number } = {}): Promise<CoreCliClient> {
    this.#client ??= this.connection().then((settings) => {
      const client = openClient(settings, this, options);
      this.onCleanup(() => client.close());
      return client;
    });
    return this.#client;
  }

  /** Checks a module name against `listtypes`, suggesting a close match. */
  async checkModule(module: string): Promise<string> {
    this.#moduleNames ??= this.client()
      .then((client) => client.listTypes())
      .then((types) => types.map((type) => type.name));
    return checkModuleName(module, await this.#moduleNames);
  }

  /** Registers work to run when the command ends, newest first. */
  onCleanup(cleanup: () => Promise<void>): void {
    this.#cleanups.unshift(cleanup);
  }

  /** Runs every registered cleanup; failures are ignored. */
  async cleanup(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0)) {
      try {
        await cleanup();
      } catch {
        // A failed logout or close must not hide the command's own result.
      }
    }
  }
}
