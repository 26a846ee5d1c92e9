import { compileQuery } from './compiler.js';
import {
  and,
  andNodes,
  condition,
  conditionFromNode,
  isCondition,
  or,
  orNodes,
  toCondition,
  type Condition,
} from './condition.js';
import { QueryBuildError } from './errors.js';
import { describe, parseIdentifier } from './identifier.js';
import {
  node,
  type ComparisonNode,
  type DisjunctionNode,
  type ListValueNode,
  type SelectQueryNode,
} from './nodes.js';
import type { Operator } from './operators.js';
import type { FieldName, FieldValue, OperandFor } from './schema.js';
import { encodedQueryLength } from './url-length.js';

/** Limits a builder checks; see `createQueryBuilder`. */
export interface NormalizedBuilderOptions {
  readonly pageCap: number;
  readonly maxQueryLength: number;
}

/** Options of {@link SelectQueryBuilder.limit}. */
export interface LimitOptions {
  /**
   * Allow a count above the page cap. The server still returns at most its
   * cap (100 rows on Vtiger 8.4.0) and does not report the cut rows.
   *
   * @default false
   */
  readonly ignorePageCap?: boolean;
}

/**
 * Builds a condition inside a `where` callback, typed by the query's module.
 * Call it like `condition`, and use `.and` / `.or` to combine.
 *
 * @example
 * ```ts
 * select('id').from('Leads')
 *   .where((c) => c.or(c('city', '=', 'Boston'), c.and(c('city', '=', 'Denver'), c('rating', '=', 'Hot'))))
 *   .toVTQL();
 * //=> "SELECT id FROM Leads WHERE city = 'Boston' OR city = 'Denver' AND rating = 'Hot';"
 * ```
 */
export interface ConditionFactory<S, M extends keyof S> {
  /** Builds `field operator value`, the value typed by the field. */
  <F extends FieldName<S, M>, O extends Operator>(
    field: F,
    operator: O,
    value: OperandFor<FieldValue<S, M, F>, O>,
  ): Condition;
  /** Joins the conditions with AND, like {@link and}. */
  and(first: Condition, ...rest: Condition[]): Condition;
  /** Joins the conditions with OR, like {@link or}. */
  or(first: Condition, ...rest: Condition[]): Condition;
}

/**
 * An immutable VTQL SELECT query for module `M` of schema `S`. Every method
 * returns a new builder, so a base query can be branched safely.
 */
export interface SelectQueryBuilder<S, M extends keyof S> {
  /**
   * ANDs a comparison, a {@link Condition} or a callback's condition onto the
   * query's condition. VTQL has no parentheses, so AND is distributed over
   * every OR term already present.
   *
   * @example
   * ```ts
   * select('id').from('Leads').where('city', '=', "O'Hare").toVTQL();
   * //=> "SELECT id FROM Leads WHERE city = 'O''Hare';"
   *
   * select('id').from('Leads')
   *   .where((c) => c.or(c('city', '=', 'Boston'), c('city', '=', 'Denver')))
   *   .where('leadstatus', '=', 'Hot')
   *   .toVTQL();
   * //=> "SELECT id FROM Leads WHERE city = 'Boston' AND leadstatus = 'Hot' OR city = 'Denver' AND leadstatus = 'Hot';"
   * ```
   */
  where<F extends FieldName<S, M>, O extends Operator>(
    field: F,
    operator: O,
    value: OperandFor<FieldValue<S, M, F>, O>,
  ): SelectQueryBuilder<S, M>;
  where(condition: Condition): SelectQueryBuilder<S, M>;
  where(
    build: (c: ConditionFactory<S, M>) => Condition,
  ): SelectQueryBuilder<S, M>;

  /**
   * Same as {@link SelectQueryBuilder.where}: ANDs onto the whole condition
   * so far.
   *
   * @example
   * ```ts
   * select('id').from('Leads')
   *   .where('city', '=', 'Boston').or('city', '=', 'Denver')
   *   .and('noofemployees', '>', 10)
   *   .toVTQL();
   * //=> "SELECT id FROM Leads WHERE city = 'Boston' AND noofemployees > 10 OR city = 'Denver' AND noofemployees > 10;"
   * ```
   */
  and<F extends FieldName<S, M>, O extends Operator>(
    field: F,
    operator: O,
    value: OperandFor<FieldValue<S, M, F>, O>,
  ): SelectQueryBuilder<S, M>;
  and(condition: Condition): SelectQueryBuilder<S, M>;
  and(
    build: (c: ConditionFactory<S, M>) => Condition,
  ): SelectQueryBuilder<S, M>;

  /**
   * ORs a comparison or condition with the whole condition so far.
   *
   * @example
   * ```ts
   * select('id').from('Leads')
   *   .where('city', '=', 'Boston').and('leadstatus', '=', 'Hot')
   *   .or('city', '=', 'Denver')
   *   .toVTQL();
   * //=> "SELECT id FROM Leads WHERE city = 'Boston' AND leadstatus = 'Hot' OR city = 'Denver';"
   * ```
   */
  or<F extends FieldName<S, M>, O extends Operator>(
    field: F,
    operator: O,
    value: OperandFor<FieldValue<S, M, F>, O>,
  ): SelectQueryBuilder<S, M>;
  or(condition: Condition): SelectQueryBuilder<S, M>;
  or(build: (c: ConditionFactory<S, M>) => Condition): SelectQueryBuilder<S, M>;

  /**
   * Adds ORDER BY columns. VTQL takes one direction after the whole list,
   * so every call must agree on it (no direction means ascending).
   *
   * @example
   * ```ts
   * select('id').from('Leads').orderBy(['city', 'lastname'], 'desc').toVTQL();
   * //=> 'SELECT id FROM Leads ORDER BY city, lastname DESC;'
   * ```
   */
  orderBy(
    fields: FieldName<S, M> | readonly FieldName<S, M>[],
    direction?: 'asc' | 'desc',
  ): SelectQueryBuilder<S, M>;

  /**
   * Sets the row count. A count above the page cap (100 by default) is
   * rejected, because the server cuts it to 100 without saying so, unless
   * `ignorePageCap` is set.
   *
   * @example
   * ```ts
   * select('id').from('Leads').limit(10).offset(20).toVTQL();
   * //=> 'SELECT id FROM Leads LIMIT 20, 10;'
   * ```
   */
  limit(count: number, options?: LimitOptions): SelectQueryBuilder<S, M>;

  /**
   * Sets the number of rows to skip; needs {@link SelectQueryBuilder.limit}.
   * For reading everything, prefer keyset paging with `pageAfter`.
   *
   * @example
   * ```ts
   * select('id').from('Leads').offset(100).limit(100).toVTQL();
   * //=> 'SELECT id FROM Leads LIMIT 100, 100;'
   * ```
   */
  offset(count: number): SelectQueryBuilder<S, M>;

  /**
   * Returns the same query restricted to one keyset page: `id > lastId`
   * ANDed onto (and so distributed over every OR term of) the condition,
   * `ORDER BY id`, `LIMIT pageSize`. `id` is added to the selected fields
   * when missing. `lastId` null gives the first page. Core's `queryAll`
   * calls this for each page of a query without a LIMIT (a query with one
   * is paged from its text, so that the LIMIT holds).
   *
   * Rejects a count query, an offset and an ORDER BY other than `id`
   * ascending. Any `limit` of this query is replaced by `pageSize`.
   *
   * @example
   * ```ts
   * select('lastname').from('Leads')
   *   .where('city', '=', 'Boston').or('city', '=', 'Denver')
   *   .pageAfter('10x500', 100)
   *   .toVTQL();
   * //=> "SELECT lastname, id FROM Leads WHERE city = 'Boston' AND id > '10x500' OR city = 'Denver' AND id > '10x500' ORDER BY id LIMIT 100;"
   * ```
   */
  pageAfter(lastId: string | null, pageSize: number): SelectQueryBuilder<S, M>;

  /**
   * Splits a query that is too long for a GET URL into several queries,
   * each carrying a slice of the longest IN list (or of the IN list on
   * `field`). Each part stays within the length budget also after keyset
   * paging adds `id > 'last'` to every OR term and `ORDER BY id LIMIT n`.
   * Returns `[this]` when the query already fits that way.
   *
   * Run each part with core's `queryAll()`: a part can match more rows than
   * the server's page cap (100), and `query()` would return only the first
   * 100 without saying so. Rows must be merged by the caller; LIMIT and
   * ORDER BY apply to each query separately.
   *
   * @example
   * ```ts
   * const ids = Array.from({ length: 1000 }, (_, i) => `10x${1000 + i}`);
   * const queries = select('id').from('Leads').where('id', 'in', ids).splitInList();
   * queries.map((q) => q.toVTQL());
   * //=> ["SELECT id FROM Leads WHERE id IN ('10x1000',…,'10x1495');",
   * //    "SELECT id FROM Leads WHERE id IN ('10x1496',…,'10x1991');",
   * //    "SELECT id FROM Leads WHERE id IN ('10x1992',…,'10x1999');"]
   * for (const part of queries) {
   *   for await (const lead of client.queryAll(part)) console.log(lead.id);
   * }
   * ```
   */
  splitInList(field?: FieldName<S, M>): SelectQueryBuilder<S, M>[];

  /**
   * Returns the query's condition, or undefined when it has none.
   *
   * @example
   * ```ts
   * select().from('Leads').where('city', '=', 'Boston').getCondition()?.toVTQL();
   * //=> "city = 'Boston'"
   * ```
   */
  getCondition(): Condition | undefined;

  /**
   * Returns the query's frozen tree.
   *
   * @example
   * ```ts
   * select('id').from('Leads').toOperationNode().module; //=> 'Leads'
   * ```
   */
  toOperationNode(): SelectQueryNode;

  /**
   * Returns the VTQL text, ending in `;`. Throws a `QueryBuildError` when
   * the URL-encoded text is over the length budget, or when `offset` was
   * set without `limit`.
   *
   * @example
   * ```ts
   * select('firstname', 'lastname').from('Leads').where('city', '=', 'Chicago').toVTQL();
   * //=> "SELECT firstname, lastname FROM Leads WHERE city = 'Chicago';"
   * ```
   */
  toVTQL(): string;

  /**
   * Same as {@link SelectQueryBuilder.toVTQL}.
   *
   * @example
   * ```ts
   * `${select().from('Leads')}`; //=> 'SELECT * FROM Leads;'
   * ```
   */
  toString(): string;
}

interface BuilderProps {
  readonly query: SelectQueryNode;
  readonly options: NormalizedBuilderOptions;
}

type WhereArgs = readonly unknown[];

const idPattern = /^[0-9]+x[0-9]+$/;

/**
 * Id that `splitInList()` reserves room for in each part's keyset condition.
 * NOTE: a part may exceed the budget while paging past an id longer than
 * these 16 characters (a module prefix over 3 digits or a record number
 * over 12).
 */
const pagingReserveId = '999x999999999999';

const conditionFactory = Object.freeze(
  Object.assign(
    (field: string, operator: Operator, value: unknown) =>
      condition(field, operator, value),
    { and, or },
  ),
);

/** Creates a builder for `SELECT <selection> FROM <module>`. */
export function createSelectQueryBuilder(
  query: SelectQueryNode,
  options: NormalizedBuilderOptions,
): SelectQueryBuilder<never, never> {
  return new SelectQueryBuilderImpl({ query, options });
}

class SelectQueryBuilderImpl {
  readonly #props: BuilderProps;

  constructor(props: BuilderProps) {
    this.#props = Object.freeze(props);
  }

  where(...args: WhereArgs): SelectQueryBuilderImpl {
    return this.and(...args);
  }

  and(...args: WhereArgs): SelectQueryBuilderImpl {
    const added = resolveCondition(args).node;
    const where = this.#props.query.where;
    return this.#with({ where: where ? andNodes(where, added) : added });
  }

  or(...args: WhereArgs): SelectQueryBuilderImpl {
    const added = resolveCondition(args).node;
    const where = this.#props.query.where;
    return this.#with({ where: where ? orNodes(where, added) : added });
  }

  orderBy(fields: unknown, direction?: unknown): SelectQueryBuilderImpl {
    const list = (Array.isArray(fields) ? fields : [fields]) as unknown[];
    if (list.length === 0) {
      throw new QueryBuildError(
        'UNSUPPORTED',
        'orderBy([]): give at least one field.',
      );
    }
    const names = list.map((field) => parseIdentifier(field, 'ORDER BY field'));
    const next = parseDirection(direction);
    const current = this.#props.query.orderBy;
    if (current && (current.direction ?? 'ASC') !== (next ?? 'ASC')) {
      throw new QueryBuildError(
        'UNSUPPORTED',
        `orderBy(${names.join(', ')}, ${next ?? 'ASC'}) after ` +
          `orderBy(${current.fields.join(', ')}, ${current.direction ?? 'ASC'}): ` +
          `VTQL takes one direction for the whole ORDER BY list ` +
          `("ORDER BY a ASC, b DESC" is a syntax error). Use one direction, ` +
          `or sort on the client.`,
      );
    }
    return this.#with({
      orderBy: node({
        kind: 'orderBy',
        fields: [...(current?.fields ?? []), ...names],
        direction: next ?? current?.direction,
      }),
    });
  }

  limit(count: number, options: LimitOptions = {}): SelectQueryBuilderImpl {
    checkCount(count, 'limit');
    const cap = this.#props.options.pageCap;
    if (count > cap && options.ignorePageCap !== true) {
      throw new QueryBuildError(
        'LIMIT_ABOVE_PAGE_CAP',
        `limit(${count}) is above the server's page cap of ${cap} rows: the ` +
          `server would return ${cap} rows and not say that the rest were ` +
          `cut. Page with pageAfter() (core's queryAll), or pass ` +
          `{ ignorePageCap: true } to send it anyway.`,
      );
    }
    const offset = this.#props.query.limit?.offset;
    return this.#with({ limit: node({ kind: 'limit', count, offset }) });
  }

  offset(count: number): SelectQueryBuilderImpl {
    checkCount(count, 'offset');
    const limit = this.#props.query.limit?.count;
    return this.#with({
      limit: node({ kind: 'limit', count: limit, offset: count }),
    });
  }

  pageAfter(lastId: string | null, pageSize: number): SelectQueryBuilderImpl {
    const query = this.#props.query;
    checkPageable(query);
    checkLastId(lastId);
    checkCount(pageSize, 'pageAfter page size');
    const cap = this.#props.options.pageCap;
    if (pageSize < 1 || pageSize > cap) {
      throw new QueryBuildError(
        'LIMIT_ABOVE_PAGE_CAP',
        `pageAfter(…, ${pageSize}): the page size must be 1 to ${cap} ` +
          `(the server's page cap).`,
      );
    }

    return this.#keysetPage(lastId, pageSize, undefined);
  }

  splitInList(field?: string): SelectQueryBuilderImpl[] {
    const max = this.#props.options.maxQueryLength;
    if (this.#pagedLength() <= max) return [this];
    const target = findLongestInList(this.#props.query.where, field);
    // Without an IN list, a query that fits unpaged is still usable by query().
    if (!target && this.#length() <= max) return [this];
    if (!target) {
      throw new QueryBuildError(
        'QUERY_TOO_LONG',
        `splitInList(${field ?? ''}): the query is ${this.#length()} ` +
          `characters once URL-encoded (budget ${max}) and has no ` +
          `${field ? `IN list on ${field}` : 'IN list'} to split. ` +
          `Shorten the condition.`,
      );
    }
    const items = (target.value as ListValueNode).items;
    const queries: SelectQueryBuilderImpl[] = [];
    let start = 0;
    while (start < items.length) {
      // Binary search for the longest slice from `start` that fits.
      let low = 0;
      let high = items.length - start;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (this.#withList(target, start, mid).#pagedLength() <= max) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      if (low === 0) {
        throw new QueryBuildError(
          'QUERY_TOO_LONG',
          `splitInList(): even one value of the IN list on ${target.field} ` +
            `gives a query longer than ${max} characters once URL-encoded ` +
            `with the keyset paging condition that queryAll() adds. ` +
            `Shorten the other parts of the condition.`,
        );
      }
      queries.push(this.#withList(target, start, low));
      start += low;
    }
    return queries;
  }

  getCondition(): Condition | undefined {
    const where = this.#props.query.where;
    return where ? conditionFromNode(where) : undefined;
  }

  toOperationNode(): SelectQueryNode {
    return this.#props.query;
  }

  toVTQL(): string {
    const limit = this.#props.query.limit;
    if (limit && limit.count === undefined) {
      throw new QueryBuildError(
        'UNSUPPORTED',
        `offset(${limit.offset}) without limit(): VTQL writes an offset only ` +
          `as "LIMIT offset, count". Add .limit(count).`,
      );
    }
    const text = compileQuery(this.#props.query);
    const length = encodedQueryLength(text);
    const max = this.#props.options.maxQueryLength;
    if (length > max) {
      throw new QueryBuildError(
        'QUERY_TOO_LONG',
        `The query is ${length} characters once URL-encoded, over the ` +
          `budget of ${max}: the server answers HTTP 414 for a GET URL over ` +
          `about 8,160 characters, and a query cannot be sent by POST. ` +
          `Split the IN list with .splitInList(), or narrow the condition.`,
      );
    }
    return text;
  }

  toString(): string {
    return this.toVTQL();
  }

  #length(): number {
    return encodedQueryLength(compileQuery(this.#props.query));
  }

  /**
   * Returns the longer of the query's encoded length and that of a keyset
   * page of it after the longest id expected, as core's `queryAll()` sends
   * it (`ORDER BY id ASC` covers the text that core writes for a raw query).
   */
  #pagedLength(): number {
    const page = this.#keysetPage(
      pagingReserveId,
      this.#props.options.pageCap,
      'ASC',
    );
    return Math.max(this.#length(), page.#length());
  }

  /** Builds a keyset page without checking that the query can be paged. */
  #keysetPage(
    lastId: string | null,
    pageSize: number,
    direction: 'ASC' | undefined,
  ): SelectQueryBuilderImpl {
    const query = this.#props.query;
    // Keyset paging needs each row's id to find the next page.
    const selection =
      query.selection.kind === 'fields' &&
      !query.selection.fields.includes('id')
        ? node({
            kind: 'fields' as const,
            fields: [...query.selection.fields, 'id'],
          })
        : query.selection;

    let where = query.where;
    if (lastId !== null) {
      const after = condition('id', '>', lastId).node;
      where = where ? andNodes(where, after) : after;
    }

    return this.#with({
      selection,
      where,
      orderBy: node({ kind: 'orderBy', fields: ['id'], direction }),
      limit: node({ kind: 'limit', count: pageSize, offset: undefined }),
    });
  }

  #withList(
    target: ComparisonNode,
    start: number,
    count: number,
  ): SelectQueryBuilderImpl {
    const list = target.value as ListValueNode;
    const replacement = node({
      ...target,
      value: node({
        kind: 'list' as const,
        items: list.items.slice(start, start + count),
      }),
    });
    const where = this.#props.query.where as DisjunctionNode;
    return this.#with({
      where: node({
        kind: 'or',
        terms: where.terms.map((term) =>
          node({
            kind: 'and',
            terms: term.terms.map((c) => (c === target ? replacement : c)),
          }),
        ),
      }),
    });
  }

  #with(changes: Partial<SelectQueryNode>): SelectQueryBuilderImpl {
    return new SelectQueryBuilderImpl({
      ...this.#props,
      query: node({ ...this.#props.query, ...changes }),
    });
  }
}

function resolveCondition(args: WhereArgs): Condition {
  const [first] = args;
  if (args.length === 1 && typeof first === 'function') {
    const result: unknown = (first as (c: unknown) => unknown)(
      conditionFactory,
    );
    if (!isCondition(result)) {
      throw new QueryBuildError(
        'UNSUPPORTED',
        `The where callback returned ${describe(result)}; it must return a ` +
          `Condition, e.g. (c) => c.or(c('a', '=', 1), c('b', '=', 2)).`,
      );
    }
    return result;
  }
  return toCondition(args);
}

/** Rejects the queries keyset paging cannot restrict. */
function checkPageable(query: SelectQueryNode): void {
  if (query.selection.kind === 'count') {
    throw new QueryBuildError(
      'UNSUPPORTED',
      'pageAfter() on a count(*) query: a count has no rows to page. ' +
        'Page a select() query instead.',
    );
  }
  if (query.limit?.offset !== undefined) {
    throw new QueryBuildError(
      'UNSUPPORTED',
      `pageAfter() on a query with offset(${query.limit.offset}): keyset ` +
        `paging starts after an id, not at an offset. Remove offset().`,
    );
  }
  const order = query.orderBy;
  const byIdAscending =
    order === undefined ||
    (order.direction !== 'DESC' &&
      order.fields.length === 1 &&
      order.fields[0] === 'id');
  if (!byIdAscending) {
    throw new QueryBuildError(
      'UNSUPPORTED',
      `pageAfter() on a query ordered by ${order.fields.join(', ')} ` +
        `${order.direction ?? 'ASC'}: keyset paging orders by id ascending. ` +
        `Remove orderBy() and sort the rows on the client.`,
    );
  }
}

function checkLastId(lastId: unknown): void {
  if (lastId === null) return;
  if (typeof lastId !== 'string' || !idPattern.test(lastId)) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `pageAfter(${describe(lastId)}): expected a record id such as ` +
        `'10x42' or null for the first page.`,
    );
  }
}

function findLongestInList(
  where: DisjunctionNode | undefined,
  field: string | undefined,
): ComparisonNode | undefined {
  let best: ComparisonNode | undefined;
  for (const term of where?.terms ?? []) {
    for (const comparison of term.terms) {
      if (comparison.value.kind !== 'list') continue;
      if (field !== undefined && comparison.field !== field) continue;
      const size = comparison.value.items.length;
      if (!best || size > (best.value as ListValueNode).items.length) {
        best = comparison;
      }
    }
  }
  return best;
}

function parseDirection(direction: unknown): 'ASC' | 'DESC' | undefined {
  if (direction === undefined) return undefined;
  if (typeof direction === 'string') {
    const upper = direction.toUpperCase();
    if (upper === 'ASC' || upper === 'DESC') return upper;
  }
  throw new QueryBuildError(
    'UNSUPPORTED',
    `Invalid ORDER BY direction ${describe(direction)}: expected 'asc' or ` +
      `'desc'.`,
  );
}

function checkCount(value: unknown, what: string): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `Invalid ${what} ${describe(value)}: expected a whole number >= 0.`,
    );
  }
}
