import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { buildWhereCondition } from '../find-query.js';
import { prepareOutputFolder } from '../output-folder.js';
import {
  collect,
  parseList,
  parsePositiveInteger,
  splitList,
} from '../parse-number.js';
import { parseSince } from '../parse-time.js';
import { runExport } from '../run-export.js';
import type { Runtime } from '../runtime.js';
import { printExportSummary } from '../export-summary.js';
import { withExamples } from './help.js';

type ExportFormat = 'csv' | 'json' | 'jsonl';
const exportFormats: readonly ExportFormat[] = ['csv', 'jsonl', 'json'];

interface ExportCommandOptions {
  format: string;
  out: string;
  where?: string[];
  any?: boolean;
  prefix?: string;
  fields?: string;
  concurrency: number;
  pageSize: number;
  resume?: boolean;
  since?: string;
  bom?: boolean;
  safeFormulas?: boolean;
  fileName?: string;
}

/** Parses `--format csv,jsonl,json`. */
export function parseFormats(value: string): ExportFormat[] {
  const formats = splitList(value);
  if (formats.length === 0) {
    throw new UsageError(
      `Invalid --format "${value}": give one or more of ${exportFormats.join(', ')}, for example --format csv,jsonl.`,
    );
  }
  for (const format of formats) {
    if (!(exportFormats as readonly string[]).includes(format)) {
      throw new UsageError(
        `Invalid export format "${format}" in --format: use ${exportFormats.join(', ')} (comma-separated).`,
      );
    }
  }
  return formats as ExportFormat[];
}

/** Parses `--prefix column=a,b,c`. */
export function parsePrefix(value: string): {
  field: string;
  prefixes: string[];
} {
  const equals = value.indexOf('=');
  const field = equals === -1 ? '' : value.slice(0, equals).trim();
  const prefixes = equals === -1 ? [] : splitList(value.slice(equals + 1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field) || prefixes.length === 0) {
    throw new UsageError(
      `Invalid --prefix "${value}": expected field=prefix1,prefix2, for example --prefix lastname=A,B,C.`,
    );
  }
  return { field, prefixes };
}

/** Registers `export`. */
export function registerExportCommand(
  program: Command,
  runtime: Runtime,
): void {
  withExamples(
    program
      .command('export <module>')
      .description(
        'Export every matching record of a module to files, paging past the 100-row cap. Ctrl-C stops cleanly; --resume continues.',
      )
      .option(
        '--format <list>',
        'comma-separated formats: csv, jsonl, json',
        'csv',
      )
      .option('--out <dir>', 'output folder', '.')
      .option(
        '--file-name <name>',
        'file name without folder or extension (default: the module name)',
      )
      .option(
        '-w, --where <condition>',
        'field<op>value with = != < > <= >=, field~pattern for LIKE, or "field in a,b,c" (repeatable, joined with AND)',
        collect,
      )
      .option('--any', 'export records that meet any --where condition (OR)')
      .option(
        '--prefix <field=list>',
        'only records whose field starts with one of the prefixes',
      )
      .option(
        '-f, --fields <list>',
        'comma-separated fields to export (default: all; id is always included)',
      )
      .option(
        '-c, --concurrency <n>',
        'pages fetched at the same time',
        parsePositiveInteger,
        4,
      )
      .option(
        '--page-size <n>',
        'rows requested per page (the server returns at most 100)',
        parsePositiveInteger,
        100,
      )
      .option(
        '--resume',
        'continue an interrupted export with the same options (fails when there is no checkpoint)',
      )
      .option(
        '--since <time>',
        'only records modified since: ISO date or date-time, Unix seconds, or an age such as 7d',
      )
      .option(
        '--bom',
        'start the CSV file with a UTF-8 byte order mark (for Excel)',
      )
      .option(
        '--safe-formulas',
        "prefix CSV values starting with = + - @ with ' so spreadsheets do not run them",
      ),
    'vtiger export Leads --format csv,jsonl,json --out ./export',
    'vtiger export Contacts --where mailingcountry=USA --fields firstname,lastname,email --format csv --bom',
    'vtiger export Leads --prefix lastname=A,B,C --concurrency 8 --out ./export',
    'vtiger export Leads --format jsonl --out ./export --resume',
  ).action(async (moduleArgument: string, options: ExportCommandOptions) => {
    const formats = parseFormats(options.format);
    const where = buildWhereCondition(
      options.where ?? [],
      options.any === true,
    );
    const prefixFilter =
      options.prefix === undefined ? undefined : parsePrefix(options.prefix);
    const since =
      options.since === undefined ? undefined : parseSince(options.since);
    const fields =
      options.fields === undefined
        ? undefined
        : parseList('--fields', options.fields, 'firstname,lastname');
    if (options.fileName !== undefined) checkFileName(options.fileName);
    // The client comes first: the first call creates it, and only that call
    // sets the size of its session pool.
    const client = await runtime.client({ concurrency: options.concurrency });
    const module = await runtime.checkModule(moduleArgument);
    const outDir = resolve(runtime.io.cwd, options.out);
    await prepareOutputFolder(outDir, '--out');
    const fileName = options.fileName ?? module;
    if (options.resume !== true) {
      await warnAboutReplacedFiles(runtime, outDir, fileName, formats);
    }
    const result = await runExport(
      runtime,
      {
        client: client.vtiger,
        module,
        formats,
        outDir,
        concurrency: options.concurrency,
        pageSize: options.pageSize,
        resume: options.resume === true,
        bom: options.bom === true,
        safeFormulas: options.safeFormulas === true,
        ...(where === undefined ? {} : { where }),
        ...(prefixFilter === undefined ? {} : { prefixFilter }),
        ...(fields === undefined ? {} : { fields }),
        ...(since === undefined ? {} : { since }),
        fileName,
      },
      resumeCommand(runtime.args),
    );
    await printExportSummary(runtime, result);
  });
}

/**
 * Checks `--file-name`: a plain name, because the files must land inside
 * `--out` (`../evil` would write next to it).
 */
export function checkFileName(value: string): void {
  if (
    value.trim() === '' ||
    /[/\\]/.test(value) ||
    value === '.' ||
    value === '..'
  ) {
    throw new UsageError(
      `Invalid --file-name "${value}": give a file name without a folder or extension (no / or \\, not . or ..), for example --file-name leads-2026. Choose the folder with --out.`,
    );
  }
}

/**
 * Warns on standard error, before anything is written, about finished
 * files of an earlier export that this one replaces.
 */
async function warnAboutReplacedFiles(
  runtime: Runtime,
  outDir: string,
  fileName: string,
  formats: readonly ExportFormat[],
): Promise<void> {
  const existing = formats
    .map((format) => join(outDir, `${fileName}.${format}`))
    .filter((path) => existsSync(path));
  if (existing.length === 0) return;
  runtime.warn(
    `${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} and will be replaced when this export finishes. Stopping it before the end keeps the old ${existing.length === 1 ? 'file' : 'files'}; use --out or --file-name to keep both.`,
  );
}

/** Returns the same command line with --resume and without an access key. */
export function resumeCommand(args: readonly string[]): string {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index] ?? '';
    if (argument === '--access-key') {
      index += 1;
      continue;
    }
    if (argument.startsWith('--access-key=') || argument === '--resume')
      continue;
    kept.push(argument);
  }
  return `vtiger ${[...kept, '--resume'].map(quoteArgument).join(' ')}`;
}

function quoteArgument(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument)
    ? argument
    : `'${argument.replaceAll("'", "'\\''")}'`;
}
