import { accessDenied, ApiError } from '../operations/api-error.js';
import { MODULES, type ModuleSchema } from '../schema/modules.js';
import {
  RECORDED_ADMIN_USER,
  RECORDED_LISTTYPES,
} from '../schema/recorded-data.js';
import type { RecordStore } from '../store/record-store.js';
import type { VtqlCondition, VtqlQuery } from '../vtql/ast.js';
import {
  type ComparisonKind,
  comparisonKind,
  idNumber,
  isNullable,
  numberValue,
} from './compare-values.js';
import {
  compileCondition,
  type FieldReader,
  type RowPredicate,
} from './compile-condition.js';
import { idBounds } from './id-bounds.js';

/**
 * A query result row: values as strings, null for empty dates and references.
 *
 * @example
 * ```ts
 * emulator.query("SELECT id, birthday FROM Contacts WHERE id IN ('12x53','12x54');");
 * //=> [ { id: '12x53', birthday: '1963-06-28' }, { id: '12x54', birthday: null } ]
 * ```
 */
export type Row = Record<string, string | null>;

/** Settings a query runs with. */
export interface QuerySettings {
  readonly store: RecordStore;
  /** Maximum rows per query; the real server caps at 100. */
  readonly pageCap: number;
  /** Result of `count(*)`: `[]` as 8.4.0 returns, or `[{count:"N"}]`. */
  readonly countStyle: 'empty' | 'number';
}

/**
 * Runs a parsed query against the store. A keyset page ordered by id costs
 * O(offset + page), because rows are read in id order from the lowest id
 * the WHERE allows and reading stops once the page is full.
 *
 * `restrict` narrows the rows further (used by `query_related`).
 */
export function executeQuery(
  query: VtqlQuery,
  settings: QuerySettings,
  restrict?: RowPredicate,
): Row[] {
  const schema = MODULES.get(query.module);
  if (schema === undefined) {
    if (RECORDED_LISTTYPES.types.includes(query.module)) return [];
    throw accessDenied(` for name : ${query.module}`);
  }
  const columns = selectedColumns(query, schema);
  const where = compileCondition(query.where, schema);
  const matches: RowPredicate =
    restrict === undefined ? where : (read) => where(read) && restrict(read);
  const { store } = settings;

  if (query.columns === 'count') {
    if (settings.countStyle === 'empty') return [];
    let count = 0;
    for (const crmid of candidateIds(query, schema, store, false)) {
      if (matches(reader(store, schema, crmid))) count++;
    }
    return [{ count: String(count) }];
  }

  const orderFields = query.orderBy?.fields ?? ['id'];
  if (orderFields.some((field) => !schema.fieldTypes.has(field))) return [];

  const offset = query.limit?.offset ?? 0;
  const limit = Math.min(
    query.limit?.count ?? Number.POSITIVE_INFINITY,
    settings.pageCap,
  );
  if (limit <= 0) return [];

  let page: number[];
  if (orderFields[0] === 'id') {
    const descending =
      orderFields.length === 1 && query.orderBy?.direction === 'DESC';
    page = [];
    let skipped = 0;
    // The id bounds match exactly the rows such a WHERE matches.
    const checkRows = restrict !== undefined || !onlyIdRanges(query.where);
    for (const crmid of candidateIds(query, schema, store, descending)) {
      if (checkRows && !matches(reader(store, schema, crmid))) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      page.push(crmid);
      if (page.length >= limit) break;
    }
  } else {
    page = sortedMatches(
      query,
      schema,
      store,
      matches,
      orderFields,
      offset + limit,
    ).slice(offset, offset + limit);
  }
  const plan = projectionPlan(store, schema, columns);
  return page.map((crmid) => projectPlanned(schema, crmid, plan));
}

function selectedColumns(
  query: VtqlQuery,
  schema: ModuleSchema,
): readonly string[] {
  if (query.columns === '*' || query.columns === 'count') {
    if (schema.name === 'Users') return Object.keys(RECORDED_ADMIN_USER);
    return [...schema.fields.map((field) => field.name), 'id'];
  }
  for (const column of query.columns) {
    if (!schema.fieldTypes.has(column)) {
      throw new ApiError(
        'ACCESS_DENIED',
        `Permission to access '.${column}.' attribute denied.`,
      );
    }
  }
  return query.columns;
}

function* candidateIds(
  query: VtqlQuery,
  schema: ModuleSchema,
  store: RecordStore,
  descending: boolean,
): Generator<number> {
  const bounds = idBounds(query.where);
  if (bounds.kind === 'range') {
    yield* store.ids(schema.name, bounds.low, bounds.high, descending);
    return;
  }
  const ids = [...new Set(bounds.ids)].sort((a, b) =>
    descending ? b - a : a - b,
  );
  for (const crmid of ids) {
    if (store.exists(schema.name, crmid)) yield crmid;
  }
}

/** Returns a reader of one row's stored values. */
export function reader(
  store: RecordStore,
  schema: ModuleSchema,
  crmid: number,
): FieldReader {
  return (field) =>
    field === 'id' ? String(crmid) : store.value(schema, crmid, field);
}

type SortKey = string | number | null;

/** Converts a stored value once into a key that compares like MySQL. */
function sortKey(
  kind: ComparisonKind,
  nullable: boolean,
  value: string,
): SortKey {
  if (nullable && value === '') return null;
  switch (kind) {
    case 'number':
      return numberValue(value);
    case 'id':
      return idNumber(value);
    case 'text':
      return value.toLowerCase();
    case 'ordered-text':
      return value;
  }
}

function compareKeys(left: SortKey, right: SortKey): number {
  // MySQL sorts NULL first in ascending order.
  if (left === null || right === null) {
    if (left === right) return 0;
    return left === null ? -1 : 1;
  }
  if (typeof left === 'number' && typeof right === 'number')
    return left - right;
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

/** Above this many rows (offset + limit) a full sort beats keeping the best rows. */
const TOP_ROWS_LIMIT = 5000;

interface SortRow {
  readonly crmid: number;
  readonly keys: SortKey[];
}

/**
 * Returns the crmids of the first `wanted` matching rows in ORDER BY order.
 * Only the best `wanted` rows are kept while scanning, so a page of a
 * sorted query over a million rows does not sort a million rows.
 */
function sortedMatches(
  query: VtqlQuery,
  schema: ModuleSchema,
  store: RecordStore,
  matches: RowPredicate,
  orderFields: readonly string[],
  wanted: number,
): number[] {
  const kinds = orderFields.map((field) =>
    comparisonKind(schema.fieldTypes.get(field)),
  );
  const nullable = orderFields.map((field) =>
    isNullable(schema.fieldTypes.get(field)),
  );
  // MySQL applies the one direction to the last column only.
  const last = orderFields.length - 1;
  const lastSign = query.orderBy?.direction === 'DESC' ? -1 : 1;
  const compareRows = (a: SortRow, b: SortRow): number => {
    for (let i = 0; i <= last; i++) {
      const order = compareKeys(a.keys[i] as SortKey, b.keys[i] as SortKey);
      if (order !== 0) return i === last ? order * lastSign : order;
    }
    return a.crmid - b.crmid;
  };
  const keep = wanted <= TOP_ROWS_LIMIT ? wanted : Number.POSITIVE_INFINITY;
  const rows: SortRow[] = [];
  for (const crmid of candidateIds(query, schema, store, false)) {
    const read = reader(store, schema, crmid);
    if (!matches(read)) continue;
    const row: SortRow = {
      crmid,
      keys: orderFields.map((field, i) =>
        sortKey(kinds[i] ?? 'text', nullable[i] ?? false, read(field)),
      ),
    };
    if (keep === Number.POSITIVE_INFINITY) {
      rows.push(row);
      continue;
    }
    if (
      rows.length >= keep &&
      compareRows(row, rows[rows.length - 1] as SortRow) >= 0
    ) {
      continue;
    }
    rows.splice(insertionPoint(rows, row, compareRows), 0, row);
    if (rows.length > keep) rows.pop();
  }
  if (keep === Number.POSITIVE_INFINITY) rows.sort(compareRows);
  return rows.map((row) => row.crmid);
}

function insertionPoint(
  rows: readonly SortRow[],
  row: SortRow,
  compareRows: (a: SortRow, b: SortRow) => number,
): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRows(rows[middle] as SortRow, row) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

const ID_RANGE_OPERATORS = new Set<string>(['=', '<', '<=', '>', '>=']);

/**
 * Reports whether a WHERE contains only `id` comparisons joined by AND. The
 * crmids of {@link idBounds} then match it exactly, as both read an id by
 * its number after the `x`, and no row needs checking.
 */
function onlyIdRanges(condition: VtqlCondition | null): boolean {
  if (condition === null) return true;
  switch (condition.type) {
    case 'and':
      return condition.conditions.every(onlyIdRanges);
    case 'comparison':
      return (
        condition.field === 'id' && ID_RANGE_OPERATORS.has(condition.operator)
      );
    default:
      return false;
  }
}

interface ColumnPlan {
  readonly name: string;
  /** Reads the stored value; null for the `id` column. */
  readonly read: ((crmid: number) => string) | null;
  readonly nullable: boolean;
}

interface ProjectionPlan {
  readonly columns: readonly ColumnPlan[];
  /**
   * An object with the row's keys in order, from `JSON.parse`. Rows copied
   * from it keep V8's fast properties; a row built key by key from `{}`
   * turns into a slow dictionary after a dozen keys, and stringifies slower.
   */
  readonly template: Row;
}

function projectionPlan(
  store: RecordStore,
  schema: ModuleSchema,
  columns: readonly string[],
): ProjectionPlan {
  const keys: Row = {};
  for (const name of columns) keys[name] = null;
  return {
    columns: columns.map((name) => ({
      name,
      read: name === 'id' ? null : store.fieldReader(schema, name),
      nullable: isNullable(schema.fieldTypes.get(name)),
    })),
    template: JSON.parse(JSON.stringify(keys)) as Row,
  };
}

function projectPlanned(
  schema: ModuleSchema,
  crmid: number,
  plan: ProjectionPlan,
): Row {
  const row: Row = { ...plan.template };
  for (const column of plan.columns) {
    if (column.read === null) {
      row[column.name] = `${schema.idPrefix}x${crmid}`;
      continue;
    }
    const value = column.read(crmid);
    row[column.name] = value === '' && column.nullable ? null : value;
  }
  return row;
}

/** Builds one result row: null for empty dates and references, as `query` returns. */
export function projectRow(
  store: RecordStore,
  schema: ModuleSchema,
  crmid: number,
  columns: readonly string[],
): Row {
  return projectPlanned(schema, crmid, projectionPlan(store, schema, columns));
}
