import type { VtqlCondition } from '../vtql/ast.js';
import { idNumber } from './compare-values.js';

/** crmids a WHERE clause can match: an inclusive range, or an explicit set. */
export type IdBounds =
  | { readonly kind: 'range'; readonly low: number; readonly high: number }
  | { readonly kind: 'set'; readonly ids: readonly number[] };

const MAX_ID = Number.MAX_SAFE_INTEGER;
const EVERYTHING: IdBounds = { kind: 'range', low: 0, high: MAX_ID };

/**
 * Derives the crmid bounds implied by `id` conditions, so a keyset page
 * (`id > '10x500' ... ORDER BY id LIMIT 100`) reads only the rows it needs.
 * The bounds are a superset: every row is still checked against the WHERE.
 */
export function idBounds(condition: VtqlCondition | null): IdBounds {
  if (condition === null) return EVERYTHING;
  switch (condition.type) {
    case 'comparison': {
      if (condition.field !== 'id') return EVERYTHING;
      const n = idNumber(condition.value.value);
      switch (condition.operator) {
        case '=':
          return { kind: 'set', ids: [n] };
        case '>':
          return { kind: 'range', low: n + 1, high: MAX_ID };
        case '>=':
          return { kind: 'range', low: n, high: MAX_ID };
        case '<':
          return { kind: 'range', low: 0, high: n - 1 };
        case '<=':
          return { kind: 'range', low: 0, high: n };
        default:
          return EVERYTHING;
      }
    }
    case 'in':
      if (condition.field !== 'id') return EVERYTHING;
      return {
        kind: 'set',
        ids: condition.values.map((value) => idNumber(value.value)),
      };
    case 'and':
      return condition.conditions.map(idBounds).reduce(intersect);
    case 'or':
      return condition.conditions.map(idBounds).reduce(union);
  }
}

function intersect(a: IdBounds, b: IdBounds): IdBounds {
  if (a.kind === 'set' && b.kind === 'set') {
    const other = new Set(b.ids);
    return { kind: 'set', ids: a.ids.filter((id) => other.has(id)) };
  }
  if (a.kind === 'set')
    return { kind: 'set', ids: a.ids.filter((id) => inRange(b, id)) };
  if (b.kind === 'set')
    return { kind: 'set', ids: b.ids.filter((id) => inRange(a, id)) };
  return {
    kind: 'range',
    low: Math.max(a.low, b.low),
    high: Math.min(a.high, b.high),
  };
}

function union(a: IdBounds, b: IdBounds): IdBounds {
  if (a.kind === 'set' && b.kind === 'set')
    return { kind: 'set', ids: [...a.ids, ...b.ids] };
  const [lowA, highA] = hull(a);
  const [lowB, highB] = hull(b);
  return {
    kind: 'range',
    low: Math.min(lowA, lowB),
    high: Math.max(highA, highB),
  };
}

function hull(bounds: IdBounds): [number, number] {
  if (bounds.kind === 'range') return [bounds.low, bounds.high];
  if (bounds.ids.length === 0) return [Number.MAX_SAFE_INTEGER, 0];
  return [Math.min(...bounds.ids), Math.max(...bounds.ids)];
}

function inRange(bounds: IdBounds, id: number): boolean {
  return bounds.kind === 'range' && id >= bounds.low && id <= bounds.high;
}
