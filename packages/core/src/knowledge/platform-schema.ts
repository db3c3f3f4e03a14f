/**
 * How values move through the language and its standard objects, for the flow engine: calls whose result carries
 * their arguments, callbacks whose parameter is an element of the receiver, methods that put their arguments into
 * their receiver, the global objects that hold other globals. Kept as data so the engine holds no lists of its own.
 */
import { z } from 'zod';
import { kebabId, regexSource } from './primitives.js';

const names = z.array(z.string().min(1)).min(1);

export const mutatorDef = z.strictObject({
  method: z.string().min(1),
  /** The arguments the receiver holds afterwards: `all` (`push`), or positions (`set(key, value)` holds 1). */
  args: z.union([z.literal('all'), z.array(z.number().int().nonnegative()).min(1)]),
});

/**
 * A test runner whose config file says which files are tests. The keys are read from the config's syntax tree (any
 * object property of that name, so `projects: [{ testMatch }]` counts; `test.include` is an `include` property inside
 * the object of a `test` property); a value is a string literal or an array of them, or a regex literal.
 */
export const testRunnerDef = z.strictObject({
  id: kebabId,
  /** File names of its config, relative to a folder; `*` is any extension (`vitest.config.*`, `.storybook/main.*`). */
  configs: names,
  /** Keys whose values are globs of test files (`include`, `testMatch`, `specPattern`, `stories`). */
  globs: names.optional(),
  /** Keys whose values are regex sources matched against the path (`testRegex`). */
  regexes: names.optional(),
  /** Keys whose values are folders holding only test code (`testDir`, `fixturesFolder`). */
  folders: names.optional(),
  /** Keys whose values are files the runner loads around the tests (`setupFiles`, `supportFile`). */
  files: names.optional(),
  docs: z.url(),
});
export type TestRunnerDef = z.infer<typeof testRunnerDef>;

export const platformFile = z.strictObject({
  passThrough: z.strictObject({
    /** Calls whose result carries their arguments' data unchanged in substance (`JSON.stringify`, `String`). */
    functions: names,
    /** Constructors likewise (`new URL(…)`, `new Error(…)`). */
    constructors: names,
    /** Methods whose result carries the receiver's data (`trim`, `slice`, `toISOString`). */
    methods: names,
    /** Methods whose result carries the receiver's and the arguments' data (`concat`). */
    joiningMethods: names,
  }),
  /** Methods whose result is what their callback returns for each element (`map`). */
  mappingMethods: names,
  /** Methods that call their callback with an element of the receiver as its first parameter (`forEach`). */
  elementCallbacks: names,
  /** Methods that call their callback with what the receiver resolves to (`then`). */
  resolvedCallbacks: names,
  /** Methods that put some of their arguments into the receiver: a write into it. */
  mutators: z.array(mutatorDef).min(1),
  /** Globals that hold other globals: `window.localStorage` is `localStorage`, `self.document` is `document`. */
  globalHolders: names,
  /** A `.replace(pattern, replacement)` whose replacement matches this masks what it replaces. */
  maskReplacement: regexSource,
  /** What is test code rather than processing (see `analysis/test-code.ts`). */
  testCode: z.strictObject({
    /** A folder on the path whose whole name matches makes every file under it test code. */
    folders: z.array(regexSource).min(1),
    /** A file whose whole name matches is test code. */
    files: z.array(regexSource).min(1),
    runners: z.array(testRunnerDef).min(1),
  }),
});
export type PlatformFile = z.infer<typeof platformFile>;
