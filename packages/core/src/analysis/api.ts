import type TS from 'typescript';
import type { ApiShape, PayloadSpec, ValueRefDef } from '../knowledge/sinks-schema.js';
import { normalizeName } from '../names/tokenize.js';
import { propertyNameText } from './declarations.js';
import { bareModule, CALL, NEW, type Origin, type OriginResolver } from './origin.js';

/** How a call was recognised, strongest first: where the value comes from, its type, the manifest, its name. */
export type MatchBasis = 'origin' | 'type' | 'manifest' | 'name';

export interface ApiMatch<S extends ApiShape = ApiShape> {
  readonly shape: S;
  readonly basis: MatchBasis;
  /** The method called, or undefined for a callable. */
  readonly method: string | undefined;
}

/**
 * Recognises calls of the APIs in one catalogue. Built once per catalogue; a call whose method name no API uses is
 * rejected with one map lookup, so the cost stays in the few calls that can be sinks.
 */
export class ApiMatcher<S extends ApiShape = ApiShape> {
  readonly #ts: typeof TS;
  readonly #byMethod = new Map<string, S[]>();
  readonly #callables: { shape: S; ref: ValueRefDef }[] = [];
  /** The callables by the root an origin must have to reach them (`rootKey`), as indexes into `#callables`. */
  readonly #callablesByRoot = new Map<string, number[]>();
  readonly #callableNames = new Set<string>();
  readonly #shapeNames = new Map<S, readonly RegExp[]>();
  readonly #rootNames = new Map<S, readonly RegExp[]>();
  /** Shapes whose instances take extra levels from their options (`customLevels`): any method may be one. */
  readonly #levelShapes: S[] = [];
  readonly #levels = new Map<string, S[]>();
  readonly #factoryNames = new Map<S, readonly RegExp[]>();
  /** The packages a shape's instances must be imported from, or null when it can be matched otherwise. */
  readonly #gates = new WeakMap<S, readonly string[] | null>();

  constructor(ts: typeof TS, shapes: readonly S[]) {
    this.#ts = ts;
    for (const shape of shapes) {
      if ((shape as { levelOptions?: readonly string[] }).levelOptions?.length) this.#levelShapes.push(shape);
      for (const method of shape.methods) {
        const list = this.#byMethod.get(method) ?? [];
        list.push(shape);
        this.#byMethod.set(method, list);
      }
      for (const ref of shape.callables) {
        const key = refRootKey(ref);
        if (key !== undefined) {
          const list = this.#callablesByRoot.get(key) ?? [];
          list.push(this.#callables.length);
          this.#callablesByRoot.set(key, list);
        }
        this.#callables.push({ shape, ref });
        const last = lastName(ref);
        if (last !== undefined) this.#callableNames.add(last);
      }
      this.#shapeNames.set(
        shape,
        shape.receiverNames.map(source => new RegExp(source, 'u')),
      );
      this.#rootNames.set(
        shape,
        shape.rootNames.map(source => new RegExp(source, 'u')),
      );
      this.#factoryNames.set(
        shape,
        (shape.factoryNames ?? []).map(source => new RegExp(source, 'u')),
      );
    }
  }

  /** Whether any API has a method of this name: the cheap first test. */
  hasMethod(name: string): boolean {
    return this.#byMethod.has(name);
  }

  /** The APIs a call (or `new`) expression is a use of. */
  match(node: TS.CallExpression | TS.NewExpression, resolver: OriginResolver): readonly ApiMatch<S>[] {
    const ts = this.#ts;
    const callee = skipOuter(ts, node.expression);
    // Asked by every family for every call, nearly always in vain: nothing is allocated until something matches.
    let out: ApiMatch<S>[] | undefined;
    const isNew = ts.isNewExpression(node);

    // A method call on an instance: `logger.info(...)`, `localStorage.setItem(...)`.
    if (!isNew && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
      const method = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : propertyNameText(ts, callee.argumentExpression);
      const shapes =
        method === undefined ? undefined : (this.#byMethod.get(method) ?? this.#levelsNamed(method, resolver));
      let present: S[] | undefined;
      if (shapes) for (const shape of shapes) if (this.#present(shape, resolver)) (present ??= []).push(shape);
      if (present && method !== undefined) {
        const receiver = callee.expression;
        const origins = resolver.originsOf(receiver);
        for (const shape of present) {
          const basis = this.#instanceBasis(shape, receiver, origins, resolver);
          if (basis) (out ??= []).push({ shape, basis, method });
        }
      }
    }

    // A callable: `fetch(...)`, `debug('app')(...)`, `gtag(...)`, `new URLSearchParams(...)`.
    if (this.#callables.length > 0 && this.#mayBeCallable(callee)) {
      const origins = resolver.originsOf(callee);
      // Only the callables rooted where some origin is can match it; in catalogue order, as the first match counts.
      let candidates: number[] | undefined;
      for (const origin of origins) {
        const key = originRootKey(origin);
        const indexes = key === undefined ? undefined : this.#callablesByRoot.get(key);
        if (indexes) for (const index of indexes) if (!candidates?.includes(index)) (candidates ??= []).push(index);
      }
      for (const index of candidates ? candidates.sort((a, b) => a - b) : noIndexes) {
        const { shape, ref } = this.#callables[index]!;
        if (out?.some(match => match.shape === shape)) continue;
        if (origins.some(origin => originMatches(isNew ? extend(origin, [NEW]) : origin, ref, shape.chain))) {
          (out ??= []).push({ shape, basis: 'origin', method: undefined });
        }
      }
    }
    if (!out && !isNew) {
      const aliased = this.#methodAlias(callee, resolver);
      if (aliased.length > 0) out = aliased;
    }
    return out ?? noMatches;
  }

  /**
   * A method taken from an instance and called under another name: `const log = { info: pino.info.bind(pino) }`
   * then `log.info(…)`, or `const warn = logger.warn.bind(logger); warn(…)`. Read from the syntax of the object or
   * variable the callee names (one symbol lookup), then matched as a call of the method on its instance.
   */
  #methodAlias(callee: TS.Expression, resolver: OriginResolver): ApiMatch<S>[] {
    const taken = resolver.methodTaken(callee);
    if (!taken) return [];
    const shapes = (this.#byMethod.get(taken.method) ?? this.#levelsNamed(taken.method, resolver))?.filter(shape =>
      this.#present(shape, resolver),
    );
    if (!shapes?.length) return [];
    const origins = resolver.originsOf(taken.receiver);
    const out: ApiMatch<S>[] = [];
    for (const shape of shapes) {
      if (origins.some(origin => shape.instances.some(ref => originMatches(origin, ref, shape.chain)))) {
        out.push({ shape, basis: 'origin', method: taken.method });
      }
    }
    return out;
  }

  /**
   * The shapes a method may be a custom level of: `logger.audit(…)` when some logger of the project is given an
   * `audit` level. Only an instance recognised by where it comes from counts (see `#levelBasis`).
   */
  #levelsNamed(method: string, resolver: OriginResolver): S[] | undefined {
    if (this.#levelShapes.length === 0 || !resolver.isDeclaredLevel(method)) return undefined;
    let shapes = this.#levels.get(method);
    if (!shapes) {
      // Origin only: a type or a variable's name says nothing about levels given in options.
      shapes = this.#levelShapes.map(shape => ({ ...shape, types: [], receiverNames: [], rootNames: [] }));
      this.#levels.set(method, shapes);
    }
    return shapes;
  }

  /** Whether an expression (the receiver of an assignment such as `localStorage.x = v`) is an instance. */
  instanceOf(receiver: TS.Expression, resolver: OriginResolver, filter: (shape: S) => boolean): ApiMatch<S>[] {
    const out: ApiMatch<S>[] = [];
    // Asked only once some shape passes the filter: most assignments write a property no API takes.
    let origins: readonly Origin[] | undefined;
    const seen = new Set<S>();
    for (const shapes of this.#byMethod.values()) {
      for (const shape of shapes) {
        if (seen.has(shape) || !filter(shape) || !this.#present(shape, resolver)) continue;
        seen.add(shape);
        origins ??= resolver.originsOf(receiver);
        const basis = this.#instanceBasis(shape, receiver, origins, resolver);
        if (basis) out.push({ shape, basis, method: undefined });
      }
    }
    return out;
  }

  /**
   * Whether a shape can be matched in this program. One known only by where its instances come from, all of them
   * packages (no type, no root or receiver name), matches only values that start at an import of one of those
   * packages: with none in the project, its receivers need not be traced (`state.items.filter(…)` is no Castle call
   * when nothing imports `@castleio/sdk`).
   */
  #present(shape: S, resolver: OriginResolver): boolean {
    let modules = this.#gates.get(shape);
    if (modules === undefined) {
      const byOriginOnly =
        shape.types.length === 0 &&
        shape.rootNames.length === 0 &&
        shape.receiverNames.length === 0 &&
        (shape.factoryNames ?? []).length === 0 &&
        shape.instances.length > 0 &&
        shape.instances.every(ref => ref.module !== undefined);
      modules = byOriginOnly ? shape.instances.map(ref => ref.module!) : null;
      this.#gates.set(shape, modules);
    }
    if (modules === null) return true;
    for (const module of modules) if (resolver.mayImport(module)) return true;
    return false;
  }

  #instanceBasis(
    shape: S,
    receiver: TS.Expression,
    origins: readonly Origin[],
    resolver: OriginResolver,
  ): MatchBasis | undefined {
    // Loops, not closures: this runs for every present shape of every method call.
    for (const origin of origins) {
      for (const ref of shape.instances) if (originMatches(origin, ref, shape.chain)) return 'origin';
    }
    if (origins.length > 0 && origins.every(settled)) return undefined;
    // Asking the checker for a receiver's type is the expensive step. A package's export was matched by origin above
    // if it is an API, so its type has nothing to add (`Router()` from express is not an axios instance).
    if (shape.types.length > 0 && !(origins.length > 0 && origins.every(fromPackage))) {
      const refs = resolver.typeRefsOf(receiver);
      if (
        refs.some(ref =>
          shape.types.some(
            def => def.names.includes(ref.name) && (ref.module === undefined || moduleMatches(ref.module, def.module)),
          ),
        )
      ) {
        return 'type';
      }
    }
    // A client built in a file the linter cannot see: its variable's name and the steps taken from it.
    const roots = this.#rootNames.get(shape) ?? noPatterns;
    const factories = this.#factoryNames.get(shape) ?? noPatterns;
    if (roots.length > 0 || factories.length > 0) {
      for (const origin of origins) if (matchesByRootName(origin, shape, roots, factories)) return 'name';
    }
    // Names only when nothing says where the value comes from (a package import may be an untyped path alias).
    const patterns = this.#shapeNames.get(shape) ?? noPatterns;
    if (patterns.length === 0) return undefined;
    const name = receiverName(this.#ts, receiver);
    if (name === undefined) return undefined;
    const normalized = normalizeName(name);
    return patterns.some(regex => regex.test(normalized)) ? 'name' : undefined;
  }

  /**
   * Whether resolving the callee's origin is worth it. A local name may hold a callable from a factory
   * (`const log = debug('app')`), and resolving a name is cheap; a member (`http.request`) is resolved only when some
   * callable ends in that name, since resolving a member asks the checker for the receiver's type.
   */
  #mayBeCallable(callee: TS.Expression): boolean {
    const ts = this.#ts;
    if (ts.isIdentifier(callee) || ts.isCallExpression(callee)) return true;
    if (ts.isPropertyAccessExpression(callee)) return this.#callableNames.has(callee.name.text);
    return false;
  }
}

/** Whether an origin reaches a catalogue value: same root, and the same steps once chained calls are removed. */
export function originMatches(origin: Origin, ref: ValueRefDef, chain: readonly string[]): boolean {
  const root = origin.root;
  if (ref.module !== undefined) {
    if (root.kind !== 'module' || !moduleMatches(root.module, ref.module)) return false;
  } else if (ref.global !== undefined) {
    const global = globalRefOf(ref, ref.global);
    if (root.kind !== 'global' || root.name !== global.head) return false;
    return samePath(origin.path, global.path, chain);
  } else {
    return false;
  }
  return samePath(origin.path, ref.path, chain);
}

/** The root a catalogue value hangs from, as `originMatches` compares it: `m:http` (also `node:http`), `g:gtag`. */
function refRootKey(ref: ValueRefDef): string | undefined {
  if (ref.module !== undefined) return `m:${bareModule(ref.module)}`;
  if (ref.global !== undefined) return `g:${ref.global.split('.')[0]}`;
  return undefined;
}

function originRootKey(origin: Origin): string | undefined {
  const root = origin.root;
  if (root.kind === 'module') return `m:${bareModule(root.module)}`;
  if (root.kind === 'global') return `g:${root.name}`;
  return undefined;
}

/** `node:http` is `http`; a subpath import (`firebase/analytics`) matches only itself. */
function moduleMatches(actual: string, expected: string): boolean {
  return actual === expected || actual === `node:${expected}` || `node:${actual}` === expected;
}

/** `window.dataLayer` with path `['push']`: the global `window`, then `dataLayer.push`; split once per catalogue entry. */
const globalRefs = new WeakMap<ValueRefDef, { readonly head: string; readonly path: readonly string[] }>();

function globalRefOf(ref: ValueRefDef, global: string): { readonly head: string; readonly path: readonly string[] } {
  let split = globalRefs.get(ref);
  if (!split) {
    const [head = '', ...rest] = global.split('.');
    split = { head, path: [...rest, ...ref.path] };
    globalRefs.set(ref, split);
  }
  return split;
}

/** Compares in place: it runs for every origin against every candidate shape, so it allocates nothing. */
function samePath(actual: readonly string[], expected: readonly string[], chain: readonly string[]): boolean {
  let length = actual.length;
  // `logger.child({...})` is a logger again: strip chained calls from the end until the path is the instance's.
  for (;;) {
    if (length === expected.length) {
      let same = true;
      for (let index = 0; index < length && same; index++) same = actual[index] === expected[index];
      if (same) return true;
    }
    if (length >= 2 && actual[length - 1] === CALL && chain.includes(actual[length - 2]!)) {
      length -= 2;
      continue;
    }
    return false;
  }
}

const noMatches: readonly never[] = Object.freeze([]);
const noPatterns: readonly RegExp[] = Object.freeze([]);
const noIndexes: readonly number[] = Object.freeze([]);

function extend(origin: Origin, steps: readonly string[]): Origin {
  return steps.length === 0 ? origin : { root: origin.root, path: [...origin.path, ...steps] };
}

/**
 * Origins that say all there is to know, so no type or name can add to them: a value made in place, a global the
 * program declares. A package import is not settled: untyped, a path alias (`@server/logging/Logger`) looks like one.
 */
/**
 * `stripe.customers` where `stripe` is unresolved (a local name, or an untyped import from a project file): the
 * name matches a root name and the steps after it match an instance's steps after its construction
 * (`[new, customers]` -> `[customers]`).
 */
function matchesByRootName(
  origin: Origin,
  shape: ApiShape,
  roots: readonly RegExp[],
  factories: readonly RegExp[],
): boolean {
  let name: string | undefined;
  let rest: readonly string[];
  if (origin.root.kind === 'name' || (origin.root.kind === 'global' && !origin.root.declared)) {
    name = origin.root.name;
    rest = origin.path;
  } else if (origin.root.kind === 'module' && (origin.root.module.startsWith('.') || factories.length > 0)) {
    [name, ...rest] = origin.path;
  } else {
    return false;
  }
  if (name === undefined) return false;
  const normalized = normalizeName(name);
  // `getStripe()` from a project module (relative or a path alias): its call is the client.
  if (rest[0] === CALL && factories.some(regex => regex.test(normalized))) rest = rest.slice(1);
  else if (
    (origin.root.kind === 'module' && !origin.root.module.startsWith('.')) ||
    !roots.some(regex => regex.test(normalized))
  )
    return false;
  return shape.instances.some(ref => {
    const built = Math.max(ref.path.lastIndexOf(NEW), ref.path.lastIndexOf(CALL));
    const tail = built >= 0 ? ref.path.slice(built + 1) : ref.path;
    return samePath(rest, tail, shape.chain);
  });
}

function fromPackage(origin: Origin): boolean {
  return origin.root.kind === 'module' && !origin.root.module.startsWith('.');
}

function settled(origin: Origin): boolean {
  return origin.root.kind === 'value' || (origin.root.kind === 'global' && origin.root.declared);
}

function lastName(ref: ValueRefDef): string | undefined {
  const names = ref.path.filter(step => step !== CALL && step !== NEW);
  return names[names.length - 1] ?? ref.global ?? undefined;
}

/** The expression inside parentheses, `!`, `as` and `satisfies`: `(z.object({…}) as Schema)` is the call. */
export function skipOuter(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The name a receiver goes by: `logger`, `this.logger`, `req.log` -> `log`, `getLogger()` -> `getLogger`. */
export function receiverName(ts: typeof TS, node: TS.Expression): string | undefined {
  const inner = skipOuter(ts, node);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text;
  if (ts.isElementAccessExpression(inner)) return propertyNameText(ts, inner.argumentExpression);
  if (ts.isCallExpression(inner)) return receiverName(ts, inner.expression);
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  return undefined;
}

/** The argument expressions a payload spec selects, with the property name when it came from an object key. */
export function selectPayload(
  ts: typeof TS,
  args: readonly TS.Expression[],
  spec: PayloadSpec,
): { expression: TS.Expression; key?: string }[] {
  const out: { expression: TS.Expression; key?: string }[] = [];
  const taken = new Set<TS.Expression>();
  const take = (expression: TS.Expression, key?: string): void => {
    if (taken.has(expression)) return;
    taken.add(expression);
    out.push(key === undefined ? { expression } : { expression, key });
  };
  if (spec.args === 'all') {
    for (const arg of args) take(arg);
  } else if (spec.args) {
    for (const index of spec.args) {
      const arg = args[index];
      // An options object in a URL position (`axios({ url, params })`) is read through `keys` instead.
      if (arg && !(spec.keys?.some(key => key.arg === index) && ts.isObjectLiteralExpression(skipOuter(ts, arg))))
        take(arg);
    }
  }
  for (const { arg: index, keys } of spec.keys ?? []) {
    const arg = args[index];
    if (!arg) continue;
    const literal = skipOuter(ts, arg);
    if (!ts.isObjectLiteralExpression(literal)) continue;
    for (const property of literal.properties) {
      const name = propertyNameText(ts, property.name);
      if (name === undefined || !keys.includes(name)) continue;
      if (ts.isPropertyAssignment(property)) take(property.initializer, name);
      else if (ts.isShorthandPropertyAssignment(property)) take(property.name, name);
    }
  }
  return out;
}
