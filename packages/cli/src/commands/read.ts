import type { Command } from 'commander';
import { checkRecordId } from '../record-input.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

/** Registers `me`, `types`, `describe` and `retrieve`. */
export function registerReadCommands(program: Command, runtime: Runtime): void {
  withExamples(
    program
      .command('me')
      .description('Show the user the connection logs in as.'),
    'vtiger me',
    'vtiger --profile work me --output json',
  ).action(async () => {
    const client = await runtime.client();
    await runtime.print(await client.me());
  });

  withExamples(
    program
      .command('types')
      .description('List the modules this user can access.'),
    'vtiger types',
    'vtiger types --output json',
  ).action(async () => {
    const client = await runtime.client();
    await runtime.print(await client.listTypes());
  });

  withExamples(
    program
      .command('describe <module>')
      .description(
        "Show a module's fields: name, label, type, whether mandatory, and references or picklist values.",
      ),
    'vtiger describe Leads',
    'vtiger describe Contacts --output json',
  ).action(async (moduleArgument: string) => {
    const module = await runtime.checkModule(moduleArgument);
    const client = await runtime.client();
    const description = await client.describe(module);
    if (runtime.outputFormat !== 'table' && runtime.outputFormat !== 'csv') {
      await runtime.print(description);
      return;
    }
    runtime.info(
      `${description.label ?? module}: id prefix ${description.idPrefix ?? '?'}, ${description.fields.length} fields`,
    );
    await runtime.print(
      description.fields.map((field) => ({
        name: field.name,
        label: field.label ?? '',
        type: field.type?.name ?? '',
        mandatory: field.mandatory === true ? 'yes' : '',
        values:
          field.type?.refersTo?.join(', ') ??
          field.type?.picklistValues?.map((entry) => entry.value).join(', ') ??
          '',
      })),
    );
  });

  withExamples(
    program
      .command('retrieve <id>')
      .description('Show one record by id (NxM).'),
    'vtiger retrieve 10x42',
    'vtiger retrieve 12x7 --output json',
  ).action(async (idArgument: string) => {
    const id = checkRecordId(idArgument);
    const client = await runtime.client();
    await runtime.print(await client.retrieve(id));
  });
}
