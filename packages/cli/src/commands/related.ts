import type { Command } from 'commander';
import { checkRecordId } from '../record-input.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

interface LabelOptions {
  label?: string;
}

/** Registers `related types|list|query|add|remove`. */
export function registerRelatedCommands(
  program: Command,
  runtime: Runtime,
): void {
  const related = withExamples(
    program
      .command('related')
      .description('Read and change links between records.'),
    'vtiger related types Accounts',
    'vtiger related list 11x5 Contacts',
  );

  withExamples(
    related
      .command('types <module>')
      .description(
        'List the modules that can be linked to records of a module.',
      ),
    'vtiger related types Accounts',
  ).action(async (moduleArgument: string) => {
    const module = await runtime.checkModule(moduleArgument);
    const client = await runtime.client();
    const related = (await client.relatedTypes(module)) as {
      types?: string[];
      information?: Record<string, { name?: string; label?: string }>;
    };
    if (runtime.outputFormat !== 'table' && runtime.outputFormat !== 'csv') {
      await runtime.print(related);
      return;
    }
    // One row per relation; the information map is keyed by relation label.
    await runtime.print(
      Object.entries(related.information ?? {}).map(([key, entry]) => ({
        module: entry.name ?? key,
        label: entry.label ?? key,
      })),
    );
  });

  withExamples(
    related
      .command('list <id> <relatedModule>')
      .description(
        'List records of relatedModule linked to a record (at most 100).',
      )
      .option(
        '--label <label>',
        'relation label, when a module is linked twice',
      ),
    'vtiger related list 11x5 Contacts',
    'vtiger related list 11x5 Potentials --label Opportunities',
  ).action(
    async (
      idArgument: string,
      relatedArgument: string,
      options: LabelOptions,
    ) => {
      const id = checkRecordId(idArgument);
      const relatedModule = await runtime.checkModule(relatedArgument);
      const client = await runtime.client();
      await runtime.print(
        await client.retrieveRelated(id, relatedModule, options.label),
      );
    },
  );

  withExamples(
    related
      .command('query <id> <vtql>')
      .description('Run a VTQL query over the records linked to a record.')
      .option(
        '--label <label>',
        'relation label, when a module is linked twice',
      ),
    `vtiger related query 11x5 "SELECT firstname, lastname FROM Contacts"`,
  ).action(async (idArgument: string, vtql: string, options: LabelOptions) => {
    const id = checkRecordId(idArgument);
    const client = await runtime.client();
    // query_related must not end with a semicolon: the server adds one.
    const text = vtql.trim().replace(/;+$/, '');
    await runtime.print(await client.queryRelated(id, text, options.label));
  });

  withExamples(
    related
      .command('add <id> <relatedIds...>')
      .description('Link records to a record.')
      .option(
        '--label <label>',
        'relation label, when a module is linked twice',
      ),
    'vtiger related add 11x5 12x7 12x8',
  ).action(
    async (
      idArgument: string,
      relatedArguments: string[],
      options: LabelOptions,
    ) => {
      const id = checkRecordId(idArgument);
      const relatedIds = relatedArguments.map(checkRecordId);
      const client = await runtime.client();
      await runtime.print(
        await client.addRelated(id, relatedIds, options.label),
      );
    },
  );

  withExamples(
    related
      .command('remove <id> <relatedIds...>')
      .description('Unlink records from a record (Cloud REST API only).')
      .option(
        '--label <label>',
        'relation label, when a module is linked twice',
      ),
    'vtiger related remove 11x5 12x7',
  ).action(
    async (
      idArgument: string,
      relatedArguments: string[],
      options: LabelOptions,
    ) => {
      const id = checkRecordId(idArgument);
      const relatedIds = relatedArguments.map(checkRecordId);
      const client = await runtime.client();
      await runtime.print(
        await client.deleteRelated(id, relatedIds, options.label),
      );
    },
  );
}
