import { RECORDED_DESCRIBE } from './recorded-data.js';
import type { DescribeResult, FieldDescription } from './schema-types.js';

/** Field type names whose empty value `query` returns as null. */
const NULL_WHEN_EMPTY = new Set(['date', 'datetime', 'reference']);

/** A module the emulator stores records for, derived from its describe. */
export interface ModuleSchema {
  readonly name: string;
  /** Entity type id, the `10` of `10x42`. */
  readonly idPrefix: number;
  readonly describe: DescribeResult;
  /** Fields in describe order, without `id`. */
  readonly fields: readonly FieldDescription[];
  readonly fieldTypes: ReadonlyMap<string, string>;
  readonly mandatory: readonly string[];
  readonly labelFields: readonly string[];
  /** Record number field (`lead_no`) and its prefix (`LEA`), if any. */
  readonly numbering: { field: string; prefix: string } | null;
}

const NUMBERING: Readonly<Record<string, { field: string; prefix: string }>> = {
  Leads: { field: 'lead_no', prefix: 'LEA' },
  Contacts: { field: 'contact_no', prefix: 'CON' },
  Accounts: { field: 'account_no', prefix: 'ACC' },
  Products: { field: 'product_no', prefix: 'PRO' },
};

function buildSchema(describe: DescribeResult): ModuleSchema {
  const fields = describe.fields.filter((field) => field.name !== 'id');
  const fieldTypes = new Map<string, string>();
  for (const field of describe.fields)
    fieldTypes.set(field.name, field.type.name);
  return {
    name: describe.name,
    idPrefix: Number(describe.idPrefix),
    describe,
    fields,
    fieldTypes,
    mandatory: fields
      .filter((field) => field.mandatory === true && field.editable !== false)
      .map((field) => field.name),
    labelFields: describe.labelFields.split(',').filter(Boolean),
    numbering: NUMBERING[describe.name] ?? null,
  };
}

/** Schemas of the modules with records: Leads, Contacts, Accounts, Products, Users. */
export const MODULES: ReadonlyMap<string, ModuleSchema> = new Map(
  Object.values(RECORDED_DESCRIBE).map((describe) => [
    describe.name,
    buildSchema(describe),
  ]),
);

/** Schemas keyed by entity type id. */
export const MODULES_BY_PREFIX: ReadonlyMap<number, ModuleSchema> = new Map(
  [...MODULES.values()].map((schema) => [schema.idPrefix, schema]),
);

/** Reports whether `query` returns null for an empty value of this type. */
export function isNullWhenEmpty(typeName: string | undefined): boolean {
  return typeName !== undefined && NULL_WHEN_EMPTY.has(typeName);
}
