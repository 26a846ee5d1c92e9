import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { schemaSourceFromDescribe } from '@vtiger/query-builder';
import { UsageError } from '../errors.js';
import { parseList } from '../parse-number.js';
import type { Runtime } from '../runtime.js';
import { withExamples } from './help.js';

interface CodegenOptions {
  modules?: string;
  out?: string;
  typeName: string;
  openPicklists?: boolean;
}

/** Registers `codegen`. */
export function registerCodegenCommand(
  program: Command,
  runtime: Runtime,
): void {
  withExamples(
    program
      .command('codegen')
      .description(
        "Write a TypeScript schema type from the modules' describe results, for the query builder's schema generic.",
      )
      .option(
        '-m, --modules <list>',
        'comma-separated modules (default: every entity module)',
      )
      .option('--out <file>', 'file to write (default: standard output)')
      .option('--type-name <name>', 'name of the exported type', 'VtigerSchema')
      .option(
        '--open-picklists',
        'also accept picklist values the describe result does not list',
      ),
    'vtiger codegen --modules Leads,Contacts --out vtiger-schema.ts',
    'vtiger codegen --modules Accounts --type-name CrmSchema > crm-schema.ts',
  ).action(async (options: CodegenOptions) => {
    // Checked before connecting; the same rule the query builder applies.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.typeName)) {
      throw new UsageError(
        `Invalid --type-name "${options.typeName}": expected a TypeScript identifier (letters, digits and _, not starting with a digit), for example --type-name CrmSchema.`,
      );
    }
    const moduleNames =
      options.modules === undefined
        ? undefined
        : parseList('--modules', options.modules, 'Leads,Contacts');
    const client = await runtime.client();
    let modules: string[];
    if (moduleNames === undefined) {
      const types = await client.listTypes();
      modules = types
        .filter((type) => type.isEntity !== false)
        .map((type) => type.name);
    } else {
      modules = [];
      for (const name of moduleNames) {
        modules.push(await runtime.checkModule(name));
      }
    }
    const describes = [];
    for (const module of modules) describes.push(await client.describe(module));
    const source = schemaSourceFromDescribe(
      describes.map((description) => ({
        name: description.name,
        fields: description.fields.map((field) => ({
          name: field.name,
          mandatory: field.mandatory === true,
          type: {
            name: field.type?.name ?? 'string',
            ...(field.type?.picklistValues
              ? { picklistValues: field.type.picklistValues }
              : {}),
            ...(field.type?.refersTo ? { refersTo: field.type.refersTo } : {}),
          },
        })),
      })),
      {
        typeName: options.typeName,
        openPicklists: options.openPicklists === true,
      },
    );
    if (options.out === undefined) {
      runtime.io.stdout.write(source);
      return;
    }
    const path = resolve(runtime.io.cwd, options.out);
    await writeFile(path, source);
    runtime.info(`Wrote ${path} (${modules.length} modules).`);
  });
}
