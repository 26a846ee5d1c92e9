import { z } from 'zod';

const errorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  message: z.string().catch(''),
});

/** The `{ success, result | error }` envelope of every Vtiger response. */
export const envelopeSchema = z.discriminatedUnion('success', [
  z.looseObject({ success: z.literal(true), result: z.unknown() }),
  z.looseObject({ success: z.literal(false), error: errorSchema }),
]);

/** Field value of a record: numbers and booleans become strings. */
const recordValueSchema = z.union([
  z.string(),
  z.null(),
  z.number().transform(String),
  z.boolean().transform((value) => (value ? '1' : '0')),
]);

/** A query row: every value is a string or null. */
export const recordSchema = z.record(z.string(), recordValueSchema);

/** A retrieved record; inventory modules add arrays such as `LineItems`. */
export const entitySchema = z
  .record(
    z.string(),
    z.union([
      recordValueSchema,
      z.array(z.unknown()),
      z.record(z.string(), z.unknown()),
    ]),
  )
  .refine((record) => typeof record['id'] === 'string', {
    message: 'the record has no string id',
  });

export const recordsSchema = z.array(recordSchema);

export const challengeSchema = z.looseObject({
  token: z.string().min(1),
  serverTime: z.number(),
  expireTime: z.number(),
});

export const loginSchema = z.looseObject({
  sessionName: z.string().min(1),
  userId: z.string(),
});

export const listTypesSchema = z.looseObject({
  types: z.array(z.string()),
  information: z.record(z.string(), z.looseObject({})).catch({}),
});

const fieldTypeSchema = z.looseObject({
  name: z.string(),
  refersTo: z.array(z.string()).optional(),
  picklistValues: z
    .array(z.looseObject({ label: z.string(), value: z.string() }))
    .optional(),
  format: z.string().optional(),
});

export const describeSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  idPrefix: z.string(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  deleteable: z.boolean().optional(),
  retrieveable: z.boolean().optional(),
  isEntity: z.boolean().optional(),
  labelFields: z.union([z.string(), z.array(z.string())]).optional(),
  fields: z.array(
    z.looseObject({
      name: z.string(),
      label: z.string(),
      mandatory: z.boolean(),
      type: fieldTypeSchema,
      nullable: z.boolean().optional(),
      editable: z.boolean().optional(),
      default: z.unknown().optional(),
    }),
  ),
});

export const syncSchema = z.looseObject({
  updated: z.array(recordSchema),
  deleted: z.array(z.string()),
  more: z.boolean(),
  lastModifiedTime: z.coerce.number(),
});

export const relatedTypesSchema = z.looseObject({
  types: z.array(z.string()),
  information: z.record(z.string(), z.looseObject({})).catch({}),
});

export const statusSchema = z.looseObject({ status: z.string() });
export const messageSchema = z.looseObject({ message: z.string() });

export const convertLeadSchema = z.record(z.string(), z.unknown());

export const filesSchema = z.array(
  z.looseObject({
    fileid: z.union([z.string(), z.number()]).optional(),
    filename: z.string(),
    filetype: z.string().optional(),
    filesize: z.union([z.string(), z.number()]).optional(),
    filecontents: z.string(),
  }),
);

export const meSchema = z.looseObject({
  id: z.string(),
  user_name: z.string(),
});

export const tagsSchema = z.unknown();
