import type { Command } from 'commander';
import { confirm } from '../confirm.js';
import { CommandFailedError, UsageError } from '../errors.js';
import { checkRecordId, readFieldValues } from '../record-input.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

interface ValuesOptions {
  json?: string;
}

interface DeleteOptions {
  yes?: boolean;
}

const jsonHelp =
  'field values as a JSON object, or - to read it from standard input; field=value arguments override it';

/** Registers `create`, `update`, `revise` and `delete`. */
export function registerWriteCommands(
  program: Command,
  runtime: Runtime,
): void {
  withExamples(
    program
      .command('create <module> [fields...]')
      .description(
        'Create a record from field=value arguments and/or --json, and print it.',
      )
      .option('--json <object>', jsonHelp),
    'vtiger create Leads lastname=Smith company="Acme Inc" city=Chicago',
    `echo '{"lastname":"Smith","company":"Acme"}' | vtiger create Leads --json -`,
  ).action(
    async (moduleArgument: string, pairs: string[], options: ValuesOptions) => {
      const values = await readFieldValues(
        pairs,
        options.json,
        runtime.io.stdin,
        'lastname=Smith',
      );
      const module = await runtime.checkModule(moduleArgument);
      const client = await runtime.client();
      await runtime.print(await client.create(module, values));
    },
  );

  withExamples(
    program
      .command('update <id> [fields...]')
      .description(
        'Change fields of a record. The record is retrieved first and sent back whole, as the update operation requires.',
      )
      .option('--json <object>', jsonHelp),
    'vtiger update 10x42 city=Denver leadstatus=Hot',
    `vtiger update 10x42 --json '{"description":"Met at the fair"}'`,
  ).action(
    async (idArgument: string, pairs: string[], options: ValuesOptions) => {
      const id = checkRecordId(idArgument);
      const values = await readFieldValues(
        pairs,
        options.json,
        runtime.io.stdin,
        'city=Denver',
      );
      const client = await runtime.client();
      const current = await client.retrieve(id);
      await runtime.print(await client.update({ ...current, ...values, id }));
    },
  );

  withExamples(
    program
      .command('revise <id> [fields...]')
      .description(
        'Change only the given fields of a record; an empty value (field=) clears a field.',
      )
      .option('--json <object>', jsonHelp),
    'vtiger revise 10x42 leadstatus=Cold',
    'vtiger revise 12x7 phone=',
  ).action(
    async (idArgument: string, pairs: string[], options: ValuesOptions) => {
      const id = checkRecordId(idArgument);
      const values = await readFieldValues(
        pairs,
        options.json,
        runtime.io.stdin,
        'leadstatus=Cold',
      );
      const client = await runtime.client();
      await runtime.print(await client.revise({ ...values, id }));
    },
  );

  withExamples(
    program
      .command('delete <id>')
      .description(
        'Delete a record. Asks first on a terminal; scripts must pass --yes.',
      )
      .option('-y, --yes', 'delete without asking'),
    'vtiger delete 10x42',
    'vtiger delete 10x42 --yes',
  ).action(async (idArgument: string, options: DeleteOptions) => {
    const id = checkRecordId(idArgument);
    if (!options.yes) {
      if (runtime.io.stdin.isTTY !== true) {
        throw new UsageError(
          `Not deleting ${id}: standard input is not a terminal, so there is no one to confirm. Pass --yes to delete without asking.`,
        );
      }
      if (!(await confirm(runtime.io, `Delete record ${id}?`))) {
        throw new CommandFailedError(`Not deleted: ${id} was kept.`);
      }
    }
    const client = await runtime.client();
    await client.delete(id);
    runtime.info(`Deleted ${id}.`);
    await runtime.print({ id, deleted: true });
  });
}
