import type { ExportClient, ExportClientEvent } from '../../src/client.js';
import type { ExportRecord } from '../../src/types.js';
import { splitOrTerms } from '../../src/vtql.js';

/**
 * An in-memory client for the exporter's own query shapes, for walk tests
 * that need exact control over failures. Conditions: parts joined by AND
 * and OR, each `field op 'literal'` with =, >, >=, <, <=, LIKE 'prefix%'.
 */
export interface FakeClientOptions {
  readonly records: readonly ExportRecord[];
  readonly fields: readonly string[];
  /** Rows returned at most per query. Default 100. */
  readonly pageCap?: number;
  /** Return [{count}] for count(*) (true) or [] as Vtiger 8.4.0 (false). */
  readonly countNumber?: boolean;
  /** Answers sync calls; leave out for a client without sync. */
  readonly sync?: ExportClient['sync'];
  /** Called before each query; throw to fail it. */
  readonly beforeQuery?: (query: string, call: number) => void;
}

export interface FakeClient extends ExportClient {
  readonly queries: string[];
  emit(event: ExportClientEvent): void;
}

/** Reads a literal as MySQL does: '' is a quote, \\ a backslash, \% and \_ stay. */
function unquote(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(/''|\\\\|\\(.)/g, (text, next?: string) => {
      if (text === "''") return "'";
      if (next === undefined) return '\\';
      return next === '%' || next === '_' ? text : next;
    });
}

function idNumber(id: string): number {
  return Number(id.slice(id.indexOf('x') + 1));
}

function compare(field: string, left: string, right: string): number {
  if (field === 'id') return idNumber(left) - idNumber(right);
  return left < right ? -1 : left > right ? 1 : 0;
}

function likePrefix(pattern: string): string {
  // Patterns here are `prefix%` with \%, \_ and \\ escapes.
  return pattern.slice(0, -1).replace(/\\(.)/g, '$1');
}

function matchPart(record: ExportRecord, part: string): boolean {
  const match = /^(\w+)\s*(<=|>=|=|<|>|LIKE)\s*('.*')$/s.exec(part.trim());
  if (match === null) throw new Error(`fake client cannot read \`${part}\``);
  const [, field, operator, literal] = match as unknown as [
    string,
    string,
    string,
    string,
  ];
  const value = record[field] ?? '';
  const target = unquote(literal);
  if (operator === 'LIKE') {
    return value.toLowerCase().startsWith(likePrefix(target).toLowerCase());
  }
  const order = compare(field, value, target);
  if (operator === '=') return order === 0;
  if (operator === '>') return order > 0;
  if (operator === '>=') return order >= 0;
  if (operator === '<') return order < 0;
  return order <= 0;
}

function splitAnd(term: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < term.length; index += 1) {
    const char = term[index];
    if (char === "'") quoted = !quoted;
    if (!quoted && /^ AND /i.test(term.slice(index, index + 5))) {
      parts.push(term.slice(start, index));
      start = index + 5;
    }
  }
  parts.push(term.slice(start));
  return parts;
}

function matches(record: ExportRecord, condition: string | undefined): boolean {
  if (condition === undefined) return true;
  return splitOrTerms(condition).some((term) =>
    splitAnd(term).every((part) => matchPart(record, part)),
  );
}

export function createFakeClient(options: FakeClientOptions): FakeClient {
  const sorted = [...options.records].sort(
    (a, b) => idNumber(a.id) - idNumber(b.id),
  );
  const queries: string[] = [];
  const listeners = new Set<(event: ExportClientEvent) => void>();
  const cap = options.pageCap ?? 100;
  return {
    queries,
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...(options.sync === undefined ? {} : { sync: options.sync }),
    async describe() {
      await Promise.resolve();
      return {
        fields: options.fields.map((name) => ({ name })),
        idPrefix: '10',
      };
    },
    async query(query: string) {
      queries.push(query);
      await new Promise((resolve) => setImmediate(resolve));
      options.beforeQuery?.(query, queries.length);
      const match =
        /^SELECT (.+?) FROM (\w+)(?: WHERE (.+?))?(?: ORDER BY id(?: (ASC|DESC))?)?(?: LIMIT (\d+))?;$/s.exec(
          query,
        );
      if (match === null) throw new Error(`fake client cannot run ${query}`);
      const [, select, , condition, direction, limit] = match;
      const rows = sorted.filter((record) => matches(record, condition));
      if (select === 'count(*)') {
        return options.countNumber === true
          ? [{ count: String(rows.length) }]
          : [];
      }
      if (direction === 'DESC') rows.reverse();
      const page = rows.slice(0, Math.min(cap, Number(limit ?? cap)));
      if (select === '*') return page;
      const names = (select as string).split(', ');
      return page.map((record) =>
        Object.fromEntries(names.map((name) => [name, record[name] ?? null])),
      );
    },
  };
}

/** Records with ids 10x<start>, 10x<start+step>, ... and tricky values. */
export function makeRecords(count: number, step = 1): ExportRecord[] {
  const names = [
    'Alpha',
    'beta',
    'Gamma, "g"',
    "O'Neil",
    'line\nbreak',
    '=SUM(1)',
    'Ümlaut',
  ];
  return Array.from({ length: count }, (_, index) => ({
    lastname: `${names[index % names.length]} ${index}`,
    city: index % 3 === 0 ? 'Boston' : 'Denver',
    description: index % 5 === 0 ? null : `row ${index}\r\nsecond line`,
    modifiedtime: `2026-01-${String(1 + (index % 28)).padStart(2, '0')} 10:00:00`,
    id: `10x${1 + index * step}`,
  }));
}
