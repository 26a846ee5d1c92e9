export { and, condition, isCondition, MAX_OR_TERMS, or } from './condition.js';
export { asDate, asDateTime, isDateValue } from './dates.js';
export { schemaSourceFromDescribe } from './describe-schema.js';
export { isQueryBuildError, QueryBuildError } from './errors.js';
export { operators } from './operators.js';
export {
  count,
  createQueryBuilder,
  select,
  selectAll,
} from './query-builder.js';
export { DEFAULT_MAX_QUERY_LENGTH, encodedQueryLength } from './url-length.js';
export { escapeLikeText, quoteString } from './values.js';

export type { Condition } from './condition.js';
export type { DateOptions, DateValue } from './dates.js';
export type {
  DescribeFieldLike,
  DescribeLike,
  FieldValueFromDescribe,
  ModuleSchemaFromDescribe,
  SchemaFromDescribe,
  SchemaSourceOptions,
} from './describe-schema.js';
export type { QueryBuildErrorCode } from './errors.js';
export type {
  ComparisonNode,
  ComparisonOperator,
  ConjunctionNode,
  DisjunctionNode,
  IntegerValueNode,
  LimitNode,
  ListValueNode,
  OrderByNode,
  ScalarValueNode,
  SelectionNode,
  SelectQueryNode,
  StringValueNode,
  ValueNode,
} from './nodes.js';
export type { Operator, TextOperator } from './operators.js';
export type {
  FromModule,
  QueryBuilderOptions,
  QueryCreator,
  SelectFrom,
} from './query-builder.js';
export type {
  AnyFieldName,
  AnySchema,
  FieldName,
  FieldValue,
  ModuleName,
  ModulesWithFields,
  OperandFor,
  VtigerId,
  VtqlDateInput,
  VtqlDateTimeInput,
  VtqlSchema,
} from './schema.js';
export type {
  ConditionFactory,
  LimitOptions,
  SelectQueryBuilder,
} from './select-query-builder.js';
export type { VtqlScalar } from './values.js';
