/**
 * The shapes shared by every catalogue of APIs in `rules/`: loggers, browser storage, URL builders, and (with their
 * own files) cookie writers, consent platforms and third-party SDKs. An API is recognised by where its values come
 * from (an import, a factory call, `new`, a global), by their type when the checker knows it, and only as a last
 * resort by a variable's name.
 */
import { z } from 'zod';
import { kebabId, regexSource } from './primitives.js';

/**
 * A value reached from a module or a global by steps: property names, `()` for a call, `new` for a construction.
 * `{ module: pino, path: ['()'] }` is `pino()`; `{ module: winston, path: [createLogger, '()'] }` is
 * `winston.createLogger()`; `{ global: console }` is `console`. A default import, a namespace import and
 * `require()` all stand for the module itself.
 */
export const valueRef = z
  .strictObject({
    module: z
      .string()
      .min(1)
      .optional()
      .describe('Import or require specifier, e.g. `pino` or `@segment/analytics-node`.'),
    global: z.string().min(1).optional().describe('A global name; `window.x`, `globalThis.x` and `self.x` are `x`.'),
    path: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Steps from the module or global: property names, `()` for a call, `new` for a construction, `=>` for the first parameter of a callback passed to a call (`=>1` the second), `name=>` for a callback given as the option `name` of an object argument (`loaded=>`).',
      ),
  })
  .refine(ref => (ref.module === undefined) !== (ref.global === undefined), {
    message: 'give exactly one of `module` or `global`',
  });
export type ValueRefDef = z.infer<typeof valueRef>;

/** Types whose values are instances of an API (typed lint): `pino` `Logger`, express `Response`. */
export const typeRefDef = z.strictObject({
  module: z.string().min(1).describe('Package that declares the type (`lib` for TypeScript’s own libs).'),
  names: z.array(z.string().min(1)).min(1),
});
export type TypeRefDef = z.infer<typeof typeRefDef>;

/** Which arguments of a call carry the data. */
export const payloadSpec = z.strictObject({
  args: z
    .union([z.literal('all'), z.array(z.number().int().min(0))])
    .optional()
    .describe('Whole arguments: `all`, or their 0-based positions.'),
  keys: z
    .array(z.strictObject({ arg: z.number().int().min(0), keys: z.array(z.string().min(1)).min(1) }))
    .optional()
    .describe('Properties of an object argument, e.g. `{ arg: 1, keys: [params] }` for axios query parameters.'),
});
export type PayloadSpec = z.infer<typeof payloadSpec>;

/** How one API is reached. */
export const apiShape = z.strictObject({
  id: kebabId,
  title: z.string().min(1),
  /** Objects whose `methods` are the API. */
  instances: z.array(valueRef).default([]),
  /** Methods that return another instance (`logger.child()`). */
  chain: z.array(z.string()).default([]),
  methods: z.array(z.string()).default([]),
  /** Values that are themselves the API's function (`debug('app')` returns a log function; global `fetch`). */
  callables: z.array(valueRef).default([]),
  /** Types of instances, for typed lint and scans. */
  types: z.array(typeRefDef).default([]),
  /**
   * Untyped fallback for this API: receiver names (normalised, `res` or `app_logger`) whose methods are the API when
   * nothing says where the receiver comes from (a parameter, an import the linter cannot follow).
   */
  receiverNames: z.array(regexSource).default([]),
  /**
   * Untyped fallback for clients built elsewhere (`export const stripe = new Stripe(key)` in another file): names of
   * the client variable (normalised). With the steps after it (`stripe.customers`), they stand for the instance
   * whose catalogue path ends in the same steps after its construction.
   */
  rootNames: z.array(regexSource).default([]),
  /**
   * Untyped fallback for clients a project function returns (`getStripe().customers.update(…)`,
   * `const analytics = useAnalytics()`): names of the function (normalised, `get_stripe`). Its call stands for the
   * client, as a root name does. Only names that name the vendor. Optional, so catalogues without it stay as they are.
   */
  factoryNames: z.array(regexSource).optional(),
  payload: payloadSpec.default({ args: 'all' }),
  /** Where the API is documented, for the docs and rule messages. */
  docs: z.string().url().optional(),
});
export type ApiShape = z.infer<typeof apiShape>;

export const loggerShape = apiShape.extend({
  /**
   * Options of the logger's constructor whose keys are extra levels, each a method of the instance
   * (`pino({ customLevels: { audit: 35 } })` makes `logger.audit(…)` a log call).
   */
  levelOptions: z.array(z.string().min(1)).optional(),
});
export type LoggerShape = z.infer<typeof loggerShape>;

export const loggersFile = z.strictObject({
  loggers: z.array(loggerShape).min(1),
});

export const storageShape = apiShape.extend({
  /** `localStorage.token = value` and `localStorage['k'] = v` write too. */
  propertyWrites: z.boolean().default(false),
  /**
   * The argument that names the entry (`setItem(key, value)`: 0). A literal key that reads as personal data
   * (`setItem('ssn', v)`) makes what is stored under it personal data, whatever the value is called.
   */
  keyArg: z.number().int().min(0).optional(),
  /**
   * Methods whose result is an instance (`objectStore`, or dotted from a global: `caches.open`), also through a
   * `const` or a `.then` callback: raw IndexedDB code reaches its stores by calls nothing in the catalogue can name
   * the root of (`request.result`).
   */
  returnedBy: z.array(z.string().min(1)).optional(),
});

export const storageFile = z.strictObject({
  storage: z.array(storageShape).min(1),
});

export const urlShape = apiShape.extend({
  /** `location.href = url` writes a URL: the properties of instances that take one on assignment. */
  propertyWrites: z.array(z.string()).default([]),
});

export const urlsFile = z.strictObject({
  urls: z.array(urlShape).min(1),
});
