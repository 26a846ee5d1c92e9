import { ApiError } from '../operations/api-error.js';
import type { ModuleSchema } from '../schema/modules.js';
import type { VtqlCondition, VtqlOperator, VtqlValue } from '../vtql/ast.js';
import {
  type ComparisonKind,
  comparisonKind,
  compareStored,
  isNullable,
} from './compare-values.js';
import { likeToRegExp } from './like-pattern.js';

/** Reads one field of the row under test. */
export type FieldReader = (field: string) => string;

/** A compiled WHERE clause. */
export type RowPredicate = (read: FieldReader) => boolean;

/**
 * Compiles a WHERE tree into a predicate. Unknown fields raise the
 * server's ACCESS_DENIED ("Permission to access X attribute denied.").
 */
export function compileCondition(
  condition: VtqlCondition | null,
  schema: ModuleSchema,
): RowPredicate {
  if (condition === null) return () => true;
  switch (condition.type) {
    case 'and': {
      const parts = condition.conditions.map((part) =>
        compileCondition(part, schema),
      );
      return (read) => parts.every((part) => part(read));
    }
    case 'or': {
      const parts = condition.conditions.map((part) =>
        compileCondition(part, schema),
      );
      return (read) => parts.some((part) => part(read));
    }
    case 'in': {
      const tests = condition.values.map((value) =>
        compileComparison(schema, condition.field, '=', value),
      );
      return (read) => tests.some((test) => test(read));
    }
    case 'comparison':
      return compileComparison(
        schema,
        condition.field,
        condition.operator,
        condition.value,
      );
  }
}

function compileComparison(
  schema: ModuleSchema,
  field: string,
  operator: VtqlOperator,
  value: VtqlValue,
): RowPredicate {
  const typeName = schema.fieldTypes.get(field);
  if (typeName === undefined) {
    throw new ApiError(
      'ACCESS_DENIED',
      `Permission to access ${field} attribute denied.`,
    );
  }
  const nullable = isNullable(typeName);
  if (operator === 'LIKE') {
    const pattern = likeToRegExp(value.value);
    return (read) => {
      const stored = read(field);
      if (nullable && stored === '') return false;
      return pattern.test(stored);
    };
  }
  const kind: ComparisonKind = comparisonKind(typeName);
  const test = operatorTest(operator);
  const expected = value.value;
  return (read) => {
    const stored = read(field);
    if (nullable && stored === '') return false;
    return test(compareStored(kind, stored, expected));
  };
}

function operatorTest(
  operator: Exclude<VtqlOperator, 'LIKE'>,
): (order: number) => boolean {
  switch (operator) {
    case '=':
      return (order) => order === 0;
    case '!=':
      return (order) => order !== 0;
    case '<':
      return (order) => order < 0;
    case '>':
      return (order) => order > 0;
    case '<=':
      return (order) => order <= 0;
    case '>=':
      return (order) => order >= 0;
  }
}
