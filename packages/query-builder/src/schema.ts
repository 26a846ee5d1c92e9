import type { DateValue } from './dates.js';
import type { TextOperator } from './operators.js';
import type { VtqlScalar } from './values.js';

/** A Vtiger record id, `{entityTypeId}x{recordId}`, e.g. `'10x42'`. */
export type VtigerId = `${number}x${number}`;

/** Value of a date field: a Date, an {@link asDate} value or `'YYYY-MM-DD'`. */
export type VtqlDateInput = Date | DateValue | `${number}-${number}-${number}`;

/** Value of a datetime field: a date value or `'YYYY-MM-DD HH:MM:SS'`. */
export type VtqlDateTimeInput =
  VtqlDateInput | `${number}-${number}-${number} ${number}:${number}:${number}`;

/**
 * A schema: module name -> field name -> the value type a comparison takes.
 * Write one by hand or generate it with `schemaSourceFromDescribe`.
 *
 * @example
 * ```ts
 * type MySchema = {
 *   Leads: { lastname: string; leadstatus: 'Hot' | 'Cold'; assigned_user_id: VtigerId };
 * };
 * ```
 */
export type VtqlSchema = {
  readonly [module: string]: { readonly [field: string]: unknown };
};

/** The schema used when none is given: any module, any field, any value. */
export type AnySchema = Record<string, Record<string, VtqlScalar>>;

/** Module names of a schema. */
export type ModuleName<S> = keyof S & string;

/** Field names of a module; `id` is always present. */
export type FieldName<S, M extends keyof S> = (keyof S[M] & string) | 'id';

/** Every field name of every module, for completion before `from`. */
export type AnyFieldName<S> = {
  [M in keyof S]: FieldName<S, M>;
}[keyof S];

/** Modules that have every field in `F`. */
export type ModulesWithFields<S, F extends string> = {
  [M in keyof S]: [F] extends [FieldName<S, M>] ? M : never;
}[keyof S] &
  string;

/** The value type of one field. */
export type FieldValue<S, M extends keyof S, F> = F extends keyof S[M]
  ? S[M][F]
  : F extends 'id'
    ? VtigerId
    : never;

/** The value an operator takes for a field of type `T`. */
export type OperandFor<T, O> = O extends 'in'
  ? readonly T[]
  : O extends TextOperator
    ? string
    : T;
