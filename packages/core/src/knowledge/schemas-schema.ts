/**
 * Schemas the project already has (`rules/schemas.yml`): the validation and ORM libraries whose object definitions
 * name the fields of a record (`z.object({ email: z.string().email() })`, `new Schema({ phone: String })`), and the
 * validators that say what a field holds (`.email()`, `@IsPhoneNumber()`). A schema is a declaration the project
 * wrote on purpose, so a validator counts as strongly as a `@pii` tag.
 */
import { z } from 'zod';
import { kebabId, typeKind } from './primitives.js';
import { apiShape } from './sinks-schema.js';

/** A call that defines a record: `payload.args` are the positions of its object of fields. */
export const schemaBuilder = apiShape.extend({
  /** How code writes it, for the docs: `z.object({ … })`. */
  examples: z.array(z.string().min(1)).min(1),
});

export const schemaValidator = z.strictObject({
  category: kebabId.describe('The category a field validated this way holds.'),
  methods: z
    .array(z.string().min(1))
    .default([])
    .describe('Calls in a field’s definition: `z.string().email()`, `z.email()`, `Joi.string().creditCard()`.'),
  decorators: z
    .array(z.string().min(1))
    .default([])
    .describe('Decorators on a class property (class-validator): `@IsEmail()`.'),
  formats: z
    .array(z.string().min(1))
    .default([])
    .describe('JSON Schema `format` values in a field’s options: `Type.String({ format: "email" })`.'),
});
export type SchemaValidatorDef = z.infer<typeof schemaValidator>;

export const schemasFile = z.strictObject({
  builders: z.array(schemaBuilder).min(1),
  /**
   * The kind of value a field builder makes, by the builder's lower-cased name (`z.string()`, `text('email')`,
   * mongoose `String`): a kind rules a name out as the types of `categories.yml` do (`emailVerified: z.boolean()`).
   */
  fieldKinds: z.array(z.strictObject({ kind: typeKind, names: z.array(z.string().min(1)).min(1) })).min(1),
  /** Calls that wrap a field's builder, whose first argument is the builder (`v.pipe(v.string(), v.email())`). */
  wrappers: z.array(z.string().min(1)).default([]),
  /**
   * Builders of a list whose element is their first argument (`z.array(z.number())`) or their receiver
   * (`Schema.array()`): the list holds what its element holds, so `recipients: z.array(z.number())` is ids, no records.
   */
  lists: z.array(z.string().min(1)).default([]),
  /**
   * Request handlers validated by a schema, where the schema names the fields of the handler's input: tRPC's
   * `.input(S).mutation(({ input }) => …)`, next-safe-action's `.schema(S).action(({ parsedInput }) => …)`.
   */
  validatedInputs: z
    .strictObject({
      /** Methods of the chain that take the schema. */
      schemaMethods: z.array(z.string().min(1)).min(1),
      /** Methods that take the handler. */
      handlerMethods: z.array(z.string().min(1)).min(1),
      /** The property of the handler's first parameter that holds the validated input. */
      inputProperties: z.array(z.string().min(1)).min(1),
    })
    .optional(),
  validators: z.array(schemaValidator).min(1),
});
export type SchemasFile = z.infer<typeof schemasFile>;
