import type {
  ComparisonNode,
  DisjunctionNode,
  LimitNode,
  OrderByNode,
  SelectionNode,
  SelectQueryNode,
  ValueNode,
} from './nodes.js';
import { quoteString } from './values.js';

/**
 * Compiles a query tree to VTQL text ending in `;`. Keywords are upper
 * case; IN lists have no spaces, to keep the URL short.
 */
export function compileQuery(query: SelectQueryNode): string {
  let text = `SELECT ${compileSelection(query.selection)} FROM ${query.module}`;
  if (query.where) text += ` WHERE ${compileCondition(query.where)}`;
  if (query.orderBy) text += ` ${compileOrderBy(query.orderBy)}`;
  if (query.limit) text += compileLimit(query.limit);
  return `${text};`;
}

/** Compiles a condition without `WHERE`: `a AND b OR c`. */
export function compileCondition(condition: DisjunctionNode): string {
  return condition.terms
    .map((term) => term.terms.map(compileComparison).join(' AND '))
    .join(' OR ');
}

function compileSelection(selection: SelectionNode): string {
  switch (selection.kind) {
    case 'all':
      return '*';
    case 'count':
      return 'count(*)';
    case 'fields':
      return selection.fields.join(', ');
  }
}

function compileComparison(comparison: ComparisonNode): string {
  return `${comparison.field} ${comparison.operator} ${compileValue(comparison.value)}`;
}

function compileValue(value: ValueNode): string {
  switch (value.kind) {
    case 'string':
      return quoteString(value.value);
    case 'integer':
      return value.text;
    case 'list':
      return `(${value.items.map(compileValue).join(',')})`;
  }
}

function compileOrderBy(orderBy: OrderByNode): string {
  const direction = orderBy.direction ? ` ${orderBy.direction}` : '';
  return `ORDER BY ${orderBy.fields.join(', ')}${direction}`;
}

function compileLimit(limit: LimitNode): string {
  if (limit.count === undefined) return '';
  if (limit.offset === undefined) return ` LIMIT ${limit.count}`;
  return ` LIMIT ${limit.offset}, ${limit.count}`;
}
