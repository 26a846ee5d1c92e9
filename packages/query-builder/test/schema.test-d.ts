import { describe, expectTypeOf, test } from 'vitest';
import {
  asDate,
  createQueryBuilder,
  select,
  type Condition,
  type SchemaFromDescribe,
  type SelectQueryBuilder,
  type VtigerId,
  type VtqlDateInput,
} from '@vtiger/query-builder';

type Schema = {
  Leads: {
    lastname: string;
    city: string;
    leadstatus: 'Hot' | 'Cold';
    noofemployees: number;
    assigned_user_id: VtigerId;
    createdtime: VtqlDateInput;
  };
  Contacts: {
    lastname: string;
    account_id: VtigerId;
  };
};

const qb = createQueryBuilder<Schema>();

describe('schema typing', () => {
  test('known module and fields compile', () => {
    const query = qb
      .select('lastname', 'city')
      .from('Leads')
      .where('leadstatus', '=', 'Hot')
      .and('noofemployees', '>', 10)
      .and('assigned_user_id', '=', '19x1')
      .and('createdtime', '>=', asDate(0))
      .and('id', '>', '10x5')
      .orderBy(['lastname', 'city'], 'desc')
      .limit(10);
    expectTypeOf(query).toEqualTypeOf<SelectQueryBuilder<Schema, 'Leads'>>();
  });

  test('from offers only modules with every selected field', () => {
    expectTypeOf(qb.select('lastname').from<'Leads' | 'Contacts'>)
      .parameter(0)
      .toEqualTypeOf<'Leads' | 'Contacts'>();
    // @ts-expect-error city is not a Contacts field
    qb.select('lastname', 'city').from('Contacts');
    // @ts-expect-error unknown module
    qb.select().from('Leadz');
    // @ts-expect-error module names are case-sensitive
    qb.selectAll().from('leads');
  });

  test('unknown field is a compile error', () => {
    // @ts-expect-error unknown field in select
    qb.select('nosuchfield');
    // @ts-expect-error unknown field in where
    qb.select().from('Leads').where('nosuchfield', '=', 'x');
    // @ts-expect-error unknown field in orderBy
    qb.select().from('Leads').orderBy('nosuchfield');
  });

  test('mistyped values are compile errors', () => {
    const leads = qb.select().from('Leads');
    // @ts-expect-error picklist value not in the list
    leads.where('leadstatus', '=', 'Warm');
    // @ts-expect-error number field takes a number
    leads.where('noofemployees', '>', 'ten');
    // @ts-expect-error reference takes an NxM id
    leads.where('assigned_user_id', '=', 'admin');
    // @ts-expect-error in takes an array
    leads.where('leadstatus', 'in', 'Hot');
    // @ts-expect-error unknown operator
    leads.where('city', 'not like', 'x');
    leads.where('leadstatus', 'in', ['Hot', 'Cold']);
    leads.where('leadstatus', 'like', 'H%');
    leads.where('noofemployees', 'in', [1, 2]);
  });

  test('callback factory is typed by module', () => {
    qb.select()
      .from('Contacts')
      .where((c) => {
        expectTypeOf(c('account_id', '=', '11x6')).toEqualTypeOf<Condition>();
        // @ts-expect-error Leads field on a Contacts query
        c('leadstatus', '=', 'Hot');
        return c.or(c('lastname', '=', 'a'), c('lastname', '=', 'b'));
      });
  });

  test('no schema accepts any name and value', () => {
    const query = select('anything')
      .from('AnyModule')
      .where('whatever', '=', 'x')
      .and('n', '>', 3)
      .and('d', '<', new Date())
      .and('b', '=', true)
      .and('ids', 'in', ['1x1', 2]);
    expectTypeOf(query.toVTQL()).toEqualTypeOf<string>();
  });

  test('pageAfter returns a builder with toVTQL', () => {
    const page = qb.select('lastname').from('Leads').pageAfter(null, 100);
    expectTypeOf(page).toMatchTypeOf<{ toVTQL(): string }>();
  });
});

describe('SchemaFromDescribe', () => {
  const leads = {
    name: 'Leads',
    fields: [
      { name: 'lastname', mandatory: true, type: { name: 'string' } },
      {
        name: 'leadstatus',
        mandatory: false,
        type: {
          name: 'picklist',
          picklistValues: [{ value: 'Hot' }, { value: 'Cold' }],
        },
      },
      {
        name: 'modifiedby',
        mandatory: false,
        type: { name: 'reference', refersTo: ['Users'] },
      },
      { name: 'noofemployees', mandatory: false, type: { name: 'integer' } },
      { name: 'emailoptout', mandatory: false, type: { name: 'boolean' } },
      { name: 'birthday', mandatory: false, type: { name: 'date' } },
    ],
  } as const;
  type Derived = SchemaFromDescribe<[typeof leads]>;

  test('maps describe types to value types', () => {
    expectTypeOf<Derived['Leads']['lastname']>().toEqualTypeOf<string>();
    expectTypeOf<Derived['Leads']['leadstatus']>().toEqualTypeOf<
      'Hot' | 'Cold'
    >();
    expectTypeOf<Derived['Leads']['modifiedby']>().toEqualTypeOf<VtigerId>();
    expectTypeOf<Derived['Leads']['noofemployees']>().toEqualTypeOf<number>();
    expectTypeOf<Derived['Leads']['emailoptout']>().toEqualTypeOf<boolean>();
    expectTypeOf<Derived['Leads']['birthday']>().toEqualTypeOf<VtqlDateInput>();
  });

  test('drives the builder', () => {
    const derived = createQueryBuilder<Derived>();
    derived.select('lastname').from('Leads').where('leadstatus', '=', 'Cold');
    // @ts-expect-error not a listed picklist value
    derived.select().from('Leads').where('leadstatus', '=', 'Warm');
  });
});

describe('from first', () => {
  test('select offers only the module fields', () => {
    const query = qb.from('Contacts').select('account_id', 'lastname');
    expectTypeOf(query).toEqualTypeOf<SelectQueryBuilder<Schema, 'Contacts'>>();
    // @ts-expect-error city is a Leads field
    qb.from('Contacts').select('city');
    // @ts-expect-error unknown module
    qb.from('Leadz');
  });
});
