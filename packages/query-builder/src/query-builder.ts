import { QueryBuildError } from './errors.js';
import { describe, parseIdentifier } from './identifier.js';
import { node, type SelectionNode } from './nodes.js';
import type {
  AnyFieldName,
  AnySchema,
  FieldName,
  ModuleName,
  ModulesWithFields,
  VtqlSchema,
} from './schema.js';
import {
  createSelectQueryBuilder,
  type NormalizedBuilderOptions,
  type SelectQueryBuilder,
} from './select-query-builder.js';
import { DEFAULT_MAX_QUERY_LENGTH } from './url-length.js';

/** Options of {@link createQueryBuilder}. */
export interface QueryBuilderOptions {
  /**
   * Rows the server returns at most per query; `limit()` above it is
   * rejected unless the caller opts out. Minimum: `1`.
   *
   * @default 100
   */
  readonly pageCap?: number;
  /**
   * Budget for the URL-encoded query text, in characters; `toVTQL()` rejects
   * longer queries. Lower it when the base URL or session id is long.
   * Minimum: `100`.
   *
   * @default 8050
   */
  readonly maxQueryLength?: number;
}

/** A query under construction before `from`: the fields are known. */
export interface SelectFrom<S, F extends string> {
  /**
   * Sets the module. With a schema, only modules that have every selected
   * field are accepted. Module names are case-sensitive (`Leads`).
   *
   * @example
   * ```ts
   * select('lastname').from('Leads').toVTQL();
   * //=> 'SELECT lastname FROM Leads;'
   * ```
   */
  from<M extends ModulesWithFields<S, F>>(module: M): SelectQueryBuilder<S, M>;
}

/** A query with its module chosen first, so fields complete per module. */
export interface FromModule<S, M extends keyof S> {
  /**
   * Selects fields of the module; with no fields, `*`.
   *
   * @example
   * ```ts
   * const { from } = createQueryBuilder<MySchema>();
   * from('Leads').select('firstname', 'lastname').toVTQL();
   * //=> 'SELECT firstname, lastname FROM Leads;'
   * ```
   */
  select(): SelectQueryBuilder<S, M>;
  select<F extends FieldName<S, M>>(...fields: F[]): SelectQueryBuilder<S, M>;

  /**
   * Selects `*`.
   *
   * @example
   * ```ts
   * createQueryBuilder().from('Leads').selectAll().toVTQL();
   * //=> 'SELECT * FROM Leads;'
   * ```
   */
  selectAll(): SelectQueryBuilder<S, M>;

  /**
   * Selects `count(*)`; Vtiger 8.4.0 returns an empty result for it.
   *
   * @example
   * ```ts
   * createQueryBuilder().from('Leads').count().toVTQL();
   * //=> 'SELECT count(*) FROM Leads;'
   * ```
   */
  count(): SelectQueryBuilder<S, M>;
}

/** The entry points of a builder bound to a schema. */
export interface QueryCreator<S> {
  /**
   * Starts from the module, so that `select` offers only its fields.
   *
   * @example
   * ```ts
   * const { from } = createQueryBuilder<MySchema>();
   * from('Leads').select('lastname').where('leadstatus', '=', 'Hot').toVTQL();
   * //=> "SELECT lastname FROM Leads WHERE leadstatus = 'Hot';"
   * ```
   */
  from<M extends ModuleName<S>>(module: M): FromModule<S, M>;

  /**
   * Starts `SELECT field, ...`; with no fields, `SELECT *`.
   *
   * @example
   * ```ts
   * select('firstname', 'lastname').from('Leads').toVTQL();
   * //=> 'SELECT firstname, lastname FROM Leads;'
   * select().from('Leads').toVTQL();
   * //=> 'SELECT * FROM Leads;'
   * ```
   */
  select(): SelectFrom<S, never>;
  select<F extends AnyFieldName<S>>(...fields: F[]): SelectFrom<S, F>;

  /**
   * Starts `SELECT *`.
   *
   * @example
   * ```ts
   * selectAll().from('Leads').limit(2).toVTQL();
   * //=> 'SELECT * FROM Leads LIMIT 2;'
   * ```
   */
  selectAll(): SelectFrom<S, never>;

  /**
   * Starts `SELECT count(*)`. Vtiger 8.4.0 returns an empty result for every
   * count query (older versions return `[{ count: 'N' }]`), so do not
   * rely on it alone.
   *
   * @example
   * ```ts
   * count().from('Leads').where('city', '=', 'Boston').toVTQL();
   * //=> "SELECT count(*) FROM Leads WHERE city = 'Boston';"
   * ```
   */
  count(): SelectFrom<S, never>;
}

/**
 * Creates `select`, `selectAll` and `count` bound to a schema type and to
 * the server's limits. Without a schema, any module and field name is
 * accepted (and still checked to be a plain name at run time).
 *
 * @example
 * ```ts
 * import { createQueryBuilder } from '@vtiger/query-builder';
 * import type { VtigerSchema } from './vtiger-schema.js'; // from `vtiger codegen`
 *
 * const { select } = createQueryBuilder<VtigerSchema>({ pageCap: 100 });
 * select('lastname').from('Leads').where('leadstatus', '=', 'Hot').toVTQL();
 * //=> "SELECT lastname FROM Leads WHERE leadstatus = 'Hot';"
 * ```
 */
export function createQueryBuilder<S extends VtqlSchema = AnySchema>(
  options: QueryBuilderOptions = {},
): QueryCreator<S> {
  const normalized = normalizeOptions(options);
  const start = (selection: SelectionNode): SelectFrom<S, never> => ({
    from(module: string) {
      return createSelectQueryBuilder(
        node({
          kind: 'select',
          selection,
          module: parseIdentifier(module, 'module'),
          where: undefined,
          orderBy: undefined,
          limit: undefined,
        }),
        normalized,
      ) as never;
    },
  });
  const fieldsSelection = (fields: string[]): SelectionNode =>
    fields.length === 0
      ? node({ kind: 'all' })
      : node({
          kind: 'fields',
          fields: fields.map((field) => parseIdentifier(field, 'field')),
        });
  return Object.freeze({
    select: (...fields: string[]) => start(fieldsSelection(fields)),
    selectAll: () => start(node({ kind: 'all' })),
    count: () => start(node({ kind: 'count' })),
    from: (module: string) => {
      // Checked now, so the error points at from() rather than select().
      parseIdentifier(module, 'module');
      return Object.freeze({
        select: (...fields: string[]) =>
          start(fieldsSelection(fields)).from(module as never),
        selectAll: () => start(node({ kind: 'all' })).from(module as never),
        count: () => start(node({ kind: 'count' })).from(module as never),
      });
    },
  }) as unknown as QueryCreator<S>;
}

function normalizeOptions(
  options: QueryBuilderOptions,
): NormalizedBuilderOptions {
  const pageCap = options.pageCap ?? 100;
  const maxQueryLength = options.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;
  if (!Number.isSafeInteger(pageCap) || pageCap < 1) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `Invalid pageCap ${describe(pageCap)}: expected a whole number >= 1.`,
    );
  }
  if (!Number.isSafeInteger(maxQueryLength) || maxQueryLength < 100) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `Invalid maxQueryLength ${describe(maxQueryLength)}: expected a whole ` +
        `number >= 100.`,
    );
  }
  return Object.freeze({ pageCap, maxQueryLength });
}

const defaultBuilder = createQueryBuilder();

/**
 * Starts `SELECT field, ...` (or `SELECT *` with no fields) with no schema
 * and the default limits.
 *
 * @example
 * ```ts
 * import { select } from '@vtiger/query-builder';
 *
 * select('firstname', 'lastname').from('Leads').where('city', '=', 'Chicago').toVTQL();
 * //=> "SELECT firstname, lastname FROM Leads WHERE city = 'Chicago';"
 * ```
 */
export const select: QueryCreator<AnySchema>['select'] = defaultBuilder.select;

/**
 * Starts `SELECT *` with no schema and the default limits.
 *
 * @example
 * ```ts
 * import { selectAll } from '@vtiger/query-builder';
 *
 * selectAll().from('Contacts').limit(2).toVTQL(); //=> 'SELECT * FROM Contacts LIMIT 2;'
 * ```
 */
export const selectAll: QueryCreator<AnySchema>['selectAll'] =
  defaultBuilder.selectAll;

/**
 * Starts `SELECT count(*)` with no schema. Vtiger 8.4.0 returns an empty
 * result for every count query.
 *
 * @example
 * ```ts
 * import { count } from '@vtiger/query-builder';
 *
 * count().from('Leads').toVTQL(); //=> 'SELECT count(*) FROM Leads;'
 * ```
 */
export const count: QueryCreator<AnySchema>['count'] = defaultBuilder.count;
