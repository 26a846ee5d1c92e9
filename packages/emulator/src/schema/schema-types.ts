/** A field's type in a describe result. */
export interface FieldTypeDescription {
  name: string;
  refersTo?: string[];
  picklistValues?: { label: string; value: string }[];
  defaultValue?: string;
  format?: string;
  [key: string]: unknown;
}

/** One entry of a describe result's `fields`. */
export interface FieldDescription {
  name: string;
  label: string;
  mandatory: boolean | string;
  type: FieldTypeDescription;
  nullable?: boolean | string;
  editable?: boolean | string;
  default?: string;
  [key: string]: unknown;
}

/** The result of `describe`. */
export interface DescribeResult {
  label: string;
  name: string;
  createable: boolean;
  updateable: boolean;
  deleteable: boolean;
  retrieveable: boolean;
  fields: FieldDescription[];
  idPrefix: string;
  isEntity: boolean;
  allowDuplicates: boolean;
  labelFields: string;
  [key: string]: unknown;
}

/** The result of `listtypes`. */
export interface ListTypesResult {
  types: string[];
  information: Record<
    string,
    { isEntity: boolean; label: string; singular: string }
  >;
}

/** The result of `relatedtypes`. */
export interface RelatedTypesResult {
  types: string[];
  information: Record<
    string,
    { name: string; label: string; isEntity: string }
  >;
}
