import type { Command } from 'commander';
import type { CliRecord } from '../client.js';
import { UsageError } from '../errors.js';
import { RecordWriter } from '../output/writer.js';
import {
  collect,
  parseNonNegativeInteger,
  parseList,
  parsePositiveInteger,
} from '../parse-number.js';
import { buildFindQuery } from '../find-query.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

/** Rows a single VTQL query returns at most (Vtiger 8.4.0 cuts silently). */
const pageCap = 100;

interface QueryOptions {
  all?: boolean;
  max?: number;
}

interface FindOptions {
  where?: string[];
  any?: boolean;
  fields?: string;
  orderBy?: string;
  desc?: boolean;
  limit?: number;
  offset?: number;
  all?: boolean;
  dryRun?: boolean;
}

async function writeRecords(
  runtime: Runtime,
  records: AsyncIterable<CliRecord> | Iterable<CliRecord>,
): Promise<number> {
  const writer = new RecordWriter(
    runtime.io.stdout,
    runtime.outputFormat,
    runtime.bold,
    { notice: (message) => runtime.info(message) },
  );
  for await (const record of records) await writer.write(record);
  await writer.end();
  return writer.count;
}

/** Registers `query` (raw VTQL) and `find` (the builder form). */
export function registerQueryCommands(
  program: Command,
  runtime: Runtime,
): void {
  withExamples(
    program
      .command('query <vtql>')
      .description(
        `Run a VTQL query. One query returns at most ${pageCap} rows; --all pages past that by id.`,
      )
      .option('--all', `page past the ${pageCap}-row cap and return every row`)
      .option(
        '--max <n>',
        `print at most n rows (with --all, stop paging after n rows; without it, the first n of at most ${pageCap})`,
        parsePositiveInteger,
      ),
    `vtiger query "SELECT firstname, lastname FROM Leads WHERE city = 'Chicago' LIMIT 10;"`,
    `vtiger query "SELECT * FROM Contacts;" --all --output jsonl > contacts.jsonl`,
  ).action(async (vtql: string, options: QueryOptions) => {
    const text = vtql.trim().endsWith(';') ? vtql.trim() : `${vtql.trim()};`;
    const client = await runtime.client();
    if (options.all) {
      const count = await writeRecords(
        runtime,
        client.queryAll(
          text,
          options.max === undefined ? {} : { maxRecords: options.max },
        ),
      );
      runtime.info(`${count} records`);
      return;
    }
    const records = await client.query(text);
    await writeRecords(runtime, records.slice(0, options.max));
    if (records.length === pageCap && (options.max ?? Infinity) > pageCap) {
      runtime.info(
        `${pageCap} records: the server returns at most ${pageCap} rows per query, so there may be more. Add --all to page through every row.`,
      );
    }
  });

  withExamples(
    program
      .command('find <module>')
      .description(
        'Build and run a query from options. Conditions from several --where options are joined with AND, or with OR after --any.',
      )
      .option(
        '-w, --where <condition>',
        'field<op>value with = != < > <= >=, field~pattern for LIKE, or "field in a,b,c" (repeatable)',
        collect,
      )
      .option('--any', 'match records that meet any --where condition (OR)')
      .option(
        '-f, --fields <list>',
        'comma-separated fields to return (default: all)',
      )
      .option('--order-by <list>', 'comma-separated fields to sort by')
      .option('--desc', 'sort in descending order (by id without --order-by)')
      .option(
        '-l, --limit <n>',
        `return at most n records; above ${pageCap} pages by id like --all`,
        parsePositiveInteger,
      )
      .option(
        '--offset <n>',
        'skip the first n records',
        parseNonNegativeInteger,
      )
      .option(
        '--all',
        `page past the ${pageCap}-row cap and return every match`,
      )
      .option('--dry-run', 'print the VTQL instead of running it'),
    'vtiger find Leads --where city=Chicago --fields firstname,lastname --order-by id --limit 500',
    'vtiger find Contacts --where "lastname~Sm%" --where "mailingcountry in USA,Canada" --all',
    'vtiger find Leads --where "annualrevenue>=100000" --dry-run',
    'vtiger find Leads --where city=Chicago --where city=Boston --any --all',
  ).action(async (moduleArgument: string, options: FindOptions) => {
    const paging =
      options.all === true ||
      (options.limit !== undefined && options.limit > pageCap);
    if (paging && options.offset !== undefined) {
      throw new UsageError(
        `--offset cannot be combined with paging past ${pageCap} rows (--all or --limit above ${pageCap}): paging runs by id. Narrow the rows with --where instead.`,
      );
    }
    const orderBy =
      options.orderBy === undefined
        ? undefined
        : parseList('--order-by', options.orderBy, 'lastname,firstname');
    if (
      paging &&
      orderBy !== undefined &&
      (orderBy.length !== 1 || orderBy[0] !== 'id')
    ) {
      throw new UsageError(
        `--order-by ${options.orderBy} cannot be combined with paging past ${pageCap} rows (--all or --limit above ${pageCap}): paging returns rows in id order. Use --order-by id or sort the output afterwards.`,
      );
    }
    if (paging && options.desc === true) {
      throw new UsageError(
        `--desc cannot be combined with paging past ${pageCap} rows (--all or --limit above ${pageCap}): paging returns rows in ascending id order.`,
      );
    }
    const query = buildFindQuery({
      module: moduleArgument,
      where: options.where ?? [],
      any: options.any === true,
      fields:
        options.fields === undefined
          ? undefined
          : parseList('--fields', options.fields, 'firstname,lastname'),
      // --desc alone sorts by id, the order paging and exports use.
      orderBy: orderBy ?? (options.desc === true ? ['id'] : undefined),
      descending: options.desc === true,
      limit: paging ? undefined : options.limit,
      offset: options.offset,
    });
    if (options.dryRun) {
      runtime.io.stdout.write(`${query.toVTQL()}\n`);
      return;
    }
    await runtime.checkModule(moduleArgument);
    const client = await runtime.client();
    if (paging) {
      const count = await writeRecords(
        runtime,
        client.queryAll(
          query,
          options.limit === undefined ? {} : { maxRecords: options.limit },
        ),
      );
      runtime.info(`${count} records`);
      return;
    }
    const records = await client.query(query);
    await writeRecords(runtime, records);
    if (records.length === pageCap && options.limit === undefined) {
      runtime.info(
        `${pageCap} records: the server returns at most ${pageCap} rows per query, so there may be more. Add --all to page through every row.`,
      );
    }
  });
}
