import {
  createdAt,
  emptyValue,
  type FieldGenerator,
  fieldGenerator,
  type GenerationContext,
} from '../data/generate-record.js';
import { formatDateTime } from '../data/time-format.js';
import { MODULES, type ModuleSchema } from '../schema/modules.js';
import { RECORDED_ADMIN_USER } from '../schema/recorded-data.js';

/** A record created or changed through the API, kept in memory. */
interface StoredRecord {
  readonly module: string;
  readonly values: Record<string, string>;
  deleted: boolean;
}

/** A generated crmid range of one module. */
interface ModuleRange {
  readonly first: number;
  readonly count: number;
}

/** A record deletion, kept for `sync`. */
export interface DeletionEntry {
  readonly module: string;
  readonly crmid: number;
  /** Unix seconds. */
  readonly time: number;
}

/** How many records of each module to generate. */
export interface RecordCounts {
  readonly leads: number;
  readonly contacts: number;
  readonly accounts: number;
  readonly products: number;
}

/** crmid of the admin user, `19x1`. */
export const ADMIN_USER_CRMID = 1;

/**
 * Records of every module: generated ones are computed from their index on
 * each read; created, changed and deleted ones live in an overlay map.
 *
 * crmids are global as in Vtiger: 1 is the admin user, then Accounts,
 * Contacts, Leads and Products in consecutive ranges, then created records.
 */
export class RecordStore {
  readonly #ranges = new Map<string, ModuleRange>();
  readonly #overlay = new Map<number, StoredRecord>();
  /** crmids of created records per module, ascending. */
  readonly #created = new Map<string, number[]>();
  readonly #numbers = new Map<string, number>();
  readonly #context: GenerationContext;
  readonly #adminUser: Record<string, string>;
  /** Generators per module and field, resolved once. */
  readonly #generators = new Map<string, Map<string, FieldGenerator>>();
  readonly deletions: DeletionEntry[] = [];
  #nextCrmid: number;
  /** Unix seconds of the latest write, so two writes never share a second order. */
  #clock: () => number;

  constructor(seed: number, counts: RecordCounts, username: string) {
    let next = ADMIN_USER_CRMID + 1;
    const order: [string, number][] = [
      ['Accounts', counts.accounts],
      ['Contacts', counts.contacts],
      ['Leads', counts.leads],
      ['Products', counts.products],
    ];
    for (const [module, count] of order) {
      this.#ranges.set(module, { first: next, count });
      this.#numbers.set(module, count);
      this.#created.set(module, []);
      next += count;
    }
    this.#nextCrmid = next;
    this.#context = {
      seed,
      accountCount: counts.accounts,
      firstAccountCrmid: this.#ranges.get('Accounts')?.first ?? 0,
    };
    this.#adminUser = { ...RECORDED_ADMIN_USER, user_name: username };
    this.#clock = () => Math.floor(Date.now() / 1000);
  }

  /** Returns the module of an existing or deleted crmid, or null. */
  moduleOf(crmid: number): string | null {
    if (crmid === ADMIN_USER_CRMID) return 'Users';
    const stored = this.#overlay.get(crmid);
    if (stored !== undefined) return stored.module;
    for (const [module, range] of this.#ranges) {
      if (crmid >= range.first && crmid < range.first + range.count)
        return module;
    }
    return null;
  }

  /** Reports whether a live (not deleted) record of `module` has this crmid. */
  exists(module: string, crmid: number): boolean {
    if (module === 'Users') return crmid === ADMIN_USER_CRMID;
    const stored = this.#overlay.get(crmid);
    if (stored !== undefined)
      return stored.module === module && !stored.deleted;
    const range = this.#ranges.get(module);
    return (
      range !== undefined &&
      crmid >= range.first &&
      crmid < range.first + range.count
    );
  }

  /** Returns the generated index of a crmid, or -1 for created records. */
  generatedIndex(module: string, crmid: number): number {
    const range = this.#ranges.get(module);
    if (
      range === undefined ||
      crmid < range.first ||
      crmid >= range.first + range.count
    )
      return -1;
    return crmid - range.first;
  }

  /** Returns the stored value of one field ("" for an empty date or reference). */
  value(schema: ModuleSchema, crmid: number, field: string): string {
    if (schema.name === 'Users') return this.#adminUser[field] ?? '';
    if (this.#overlay.size > 0) {
      const stored = this.#overlay.get(crmid);
      if (stored !== undefined) {
        return stored.values[field] ?? emptyValue(schema.fieldTypes.get(field));
      }
    }
    const range = this.#ranges.get(schema.name) as ModuleRange;
    return this.#generator(schema, field)(crmid - range.first, this.#context);
  }

  /**
   * Returns a reader of one field for many crmids of a module, with the
   * lookups of {@link RecordStore.value} done once. It reads the same
   * values as `value`, also for records changed after it was made.
   */
  fieldReader(schema: ModuleSchema, field: string): (crmid: number) => string {
    if (schema.name === 'Users') return () => this.#adminUser[field] ?? '';
    const overlay = this.#overlay;
    const empty = emptyValue(schema.fieldTypes.get(field));
    const generate = this.#generator(schema, field);
    const first = (this.#ranges.get(schema.name) as ModuleRange).first;
    const context = this.#context;
    return (crmid) => {
      if (overlay.size > 0) {
        const stored = overlay.get(crmid);
        if (stored !== undefined) return stored.values[field] ?? empty;
      }
      return generate(crmid - first, context);
    };
  }

  #generator(schema: ModuleSchema, field: string): FieldGenerator {
    let generators = this.#generators.get(schema.name);
    if (generators === undefined) {
      generators = new Map();
      this.#generators.set(schema.name, generators);
    }
    let generator = generators.get(field);
    if (generator === undefined) {
      generator = fieldGenerator(
        schema.name,
        field,
        schema.fieldTypes.get(field),
      );
      generators.set(field, generator);
    }
    return generator;
  }

  /** Returns every stored field of a record, in describe order. */
  values(schema: ModuleSchema, crmid: number): Record<string, string> {
    if (schema.name === 'Users') {
      const { id: _id, ...user } = this.#adminUser;
      return user;
    }
    const record: Record<string, string> = {};
    for (const field of schema.fields)
      record[field.name] = this.value(schema, crmid, field.name);
    return record;
  }

  /** Iterates live crmids of a module within [low, high], ascending or descending. */
  *ids(
    module: string,
    low: number,
    high: number,
    descending: boolean,
  ): Generator<number> {
    if (module === 'Users') {
      if (low <= ADMIN_USER_CRMID && ADMIN_USER_CRMID <= high)
        yield ADMIN_USER_CRMID;
      return;
    }
    const range = this.#ranges.get(module);
    const created = this.#created.get(module) ?? [];
    if (range === undefined) return;
    const from = Math.max(low, range.first);
    const to = Math.min(high, range.first + range.count - 1);
    if (!descending) {
      for (let crmid = from; crmid <= to; crmid++) {
        if (this.#isLive(crmid)) yield crmid;
      }
      for (let i = lowerBound(created, low); i < created.length; i++) {
        const crmid = created[i] as number;
        if (crmid > high) return;
        if (this.#isLive(crmid)) yield crmid;
      }
      return;
    }
    for (let i = lowerBound(created, high + 1) - 1; i >= 0; i--) {
      const crmid = created[i] as number;
      if (crmid < low) return;
      if (this.#isLive(crmid)) yield crmid;
    }
    for (let crmid = to; crmid >= from; crmid--) {
      if (this.#isLive(crmid)) yield crmid;
    }
  }

  /** Returns the overlay records of a module (created or changed), live or deleted. */
  *overlayRecords(module: string): Generator<[number, boolean]> {
    for (const [crmid, stored] of this.#overlay) {
      if (stored.module === module) yield [crmid, stored.deleted];
    }
  }

  /** Reports whether a crmid was changed through the API. */
  isOverlaid(crmid: number): boolean {
    return this.#overlay.has(crmid);
  }

  /** Number of generated records of a module. */
  generatedCount(module: string): number {
    return this.#ranges.get(module)?.count ?? 0;
  }

  /** First generated crmid of a module. */
  firstCrmid(module: string): number {
    return this.#ranges.get(module)?.first ?? 0;
  }

  /** Current time as Vtiger writes it. */
  now(): string {
    return formatDateTime(this.#clock());
  }

  /** Stores a new record and returns its crmid. `values` must be normalised. */
  create(schema: ModuleSchema, values: Record<string, string>): number {
    const crmid = this.#nextCrmid++;
    const record: Record<string, string> = {};
    const now = this.now();
    for (const field of schema.fields) {
      record[field.name] = values[field.name] ?? emptyValue(field.type.name);
    }
    if (schema.numbering !== null) {
      const number = (this.#numbers.get(schema.name) ?? 0) + 1;
      this.#numbers.set(schema.name, number);
      record[schema.numbering.field] = `${schema.numbering.prefix}${number}`;
    }
    record.createdtime = now;
    record.modifiedtime = now;
    record.modifiedby = '19x1';
    record.source = 'WEBSERVICE';
    this.#overlay.set(crmid, {
      module: schema.name,
      values: record,
      deleted: false,
    });
    this.#created.get(schema.name)?.push(crmid);
    return crmid;
  }

  /** Changes fields of a live record and stamps modifiedtime. */
  update(
    schema: ModuleSchema,
    crmid: number,
    changes: Record<string, string>,
  ): void {
    let stored = this.#overlay.get(crmid);
    if (stored === undefined) {
      stored = {
        module: schema.name,
        values: this.values(schema, crmid),
        deleted: false,
      };
      this.#overlay.set(crmid, stored);
    }
    Object.assign(stored.values, changes);
    stored.values.modifiedtime = this.now();
  }

  /** Marks a live record deleted. */
  delete(schema: ModuleSchema, crmid: number): void {
    let stored = this.#overlay.get(crmid);
    if (stored === undefined) {
      stored = {
        module: schema.name,
        values: this.values(schema, crmid),
        deleted: false,
      };
      this.#overlay.set(crmid, stored);
    }
    stored.deleted = true;
    this.deletions.push({ module: schema.name, crmid, time: this.#clock() });
  }

  /** Generated createdtime of a crmid in Unix seconds, for planning scans. */
  generatedCreatedAt(module: string, crmid: number): number {
    return createdAt(crmid - (this.#ranges.get(module)?.first ?? 0));
  }

  #isLive(crmid: number): boolean {
    const stored = this.#overlay.get(crmid);
    return stored === undefined || !stored.deleted;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Returns the schema of a module the emulator stores, or undefined. */
export function schemaOf(module: string): ModuleSchema | undefined {
  return MODULES.get(module);
}
