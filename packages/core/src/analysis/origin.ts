import type TS from 'typescript';
import { propertyNameText } from './declarations.js';

/**
 * Where a value comes from, as a root and the steps taken from it: `pino().child({})` is module `pino` with steps
 * `()`, `child`, `()`; `window.analytics.track` is global `analytics` with step `track`; `new Analytics({...})` from
 * `@segment/analytics-node` is module `@segment/analytics-node` with steps `Analytics`, `new`.
 *
 * A default import, a namespace import and `require()` all stand for the module itself: packages differ in how they
 * export, and code that imports them does not care.
 */
export interface Origin {
  readonly root: OriginRoot;
  readonly path: readonly string[];
}

export type OriginRoot =
  | { readonly kind: 'module'; readonly module: string }
  /** `declared`: the program declares it (lib.dom, `declare var` in a package); false for names nothing declares. */
  | { readonly kind: 'global'; readonly name: string; readonly declared: boolean }
  /** A name nothing resolves (untyped cross-file import, parameter): only its name is known. */
  | { readonly kind: 'name'; readonly name: string }
  /** A value made in place (a literal, an array, an object, a template): no API's instance. */
  | { readonly kind: 'value' };

/** A type a value has, named by the module that declares it (`express-serve-static-core` `Response`). */
export interface TypeRef {
  readonly module: string | undefined;
  readonly name: string;
}

export const CALL = '()';

/** A module as imports name it either way: `node:http` is `http`. */
export function bareModule(module: string): string {
  return module.replace(/^node:/u, '');
}
export const NEW = 'new';
/** A parameter of a callback passed to a call: `=>` for the first, `=>1` for the second. */
export const CALLBACK = '=>';

const maxDepth = 10;

/** What an origin resolver learns from the rest of the analysis. */
export interface OriginOptions {
  /** Globals that hold other globals (`rules/platform.yml`). */
  readonly globalHolders?: readonly string[] | undefined;
  /** Whether the project stores a method of something else under a name (see `FileFacts.methodAliases`). */
  readonly storesMethodAs?: ((name: string) => boolean) | undefined;
  /** The values assigned to a variable after its declaration, from the facts of its file. */
  readonly writesOf?: ((decl: TS.VariableDeclaration) => readonly TS.Expression[]) | undefined;
  /** Whether the project gives some logger this level in its options (see `FileFacts.customLevels`). */
  readonly declaresLevel?: ((name: string) => boolean) | undefined;
  /** Whether some project file imports a module (see `FileFacts.modules`); unknown means it may. */
  readonly importsModule?: ((name: string) => boolean) | undefined;
}
const defaultGlobalHolders = ['window', 'globalThis', 'self', 'global', 'top', 'parent', 'frames'];

/**
 * Resolves origins through imports, `require`, `const` chains, destructuring, class fields assigned in the
 * constructor, factory functions in the project (also in other files when the checker can see them), and globals.
 */
export class OriginResolver {
  readonly #ts: typeof TS;
  readonly #checker: TS.TypeChecker;
  readonly #program: TS.Program;
  readonly #cache = new WeakMap<TS.Node, readonly Origin[]>();
  readonly #typeCache = new WeakMap<TS.Node, readonly TypeRef[]>();
  /** Origins of a declared name, by its symbol (see `#identifier`). */
  readonly #bySymbol = new WeakMap<TS.Symbol, { text: string; origins: readonly Origin[]; reach: number }>();
  /** Walks cut short by a cycle or the depth bound, and the deepest step of the walk under way. */
  #cuts = 0;
  #deepest = 0;
  /** Globals that hold other globals (`rules/platform.yml`): `window.analytics` is `analytics`. */
  readonly #globalHolders: ReadonlySet<string>;

  /** Whether the project stores a method under a name (else no callee of that name is followed as one). */
  readonly #storesMethodAs: (name: string) => boolean;
  /** The values later assigned to a variable (`instance = new PostHog(…)` for `let instance`). */
  readonly #writesOf: (decl: TS.VariableDeclaration) => readonly TS.Expression[];
  readonly #declaresLevel: (name: string) => boolean;
  readonly #importsModule: (name: string) => boolean;

  constructor(ts: typeof TS, program: TS.Program, options: OriginOptions = {}) {
    this.#ts = ts;
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#globalHolders = new Set(options.globalHolders ?? defaultGlobalHolders);
    this.#storesMethodAs = options.storesMethodAs ?? (() => true);
    this.#writesOf = options.writesOf ?? (() => []);
    this.#declaresLevel = options.declaresLevel ?? (() => false);
    this.#importsModule = options.importsModule ?? (() => true);
  }

  /** Whether an origin can start at this module: some project file imports it (true when that is not known). */
  mayImport(module: string): boolean {
    return this.#importsModule(module);
  }

  /** Whether some logger of the project is given a level of this name (`customLevels: { audit: 35 }`). */
  isDeclaredLevel(name: string): boolean {
    return this.#declaresLevel(name);
  }

  originsOf(node: TS.Expression): readonly Origin[] {
    // Every family asks for the same receivers and callees: a known answer needs no cycle guard.
    return this.#cache.get(node) ?? this.#origins(node, 0, new Set());
  }

  #origins(node: TS.Node, depth: number, seen: Set<TS.Node>): readonly Origin[] {
    const cached = this.#cache.get(node);
    if (cached) return cached;
    if (depth > maxDepth || seen.has(node)) {
      this.#cuts++;
      return [];
    }
    if (depth > this.#deepest) this.#deepest = depth;
    seen.add(node);
    const result = distinct(this.#compute(node, depth, seen));
    seen.delete(node);
    if (depth === 0) this.#cache.set(node, result);
    return result;
  }

  #compute(node: TS.Node, depth: number, seen: Set<TS.Node>): readonly Origin[] {
    const ts = this.#ts;
    const next = (child: TS.Node): readonly Origin[] => this.#origins(child, depth + 1, seen);
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isAwaitExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node)
    ) {
      return next(node.expression);
    }
    if (ts.isIdentifier(node)) return this.#identifier(node, depth, seen);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(ts, node.argumentExpression);
      if (name === undefined) return [];
      // `window.analytics` and `globalThis.fetch` are the globals themselves, also through a cast
      // (`(window as any).Plain`, `(globalThis as unknown as { Plain?: Chat }).Plain`).
      const holder = withoutCasts(ts, node.expression);
      if (ts.isIdentifier(holder) && this.#globalHolders.has(holder.text) && this.#isGlobal(holder)) {
        return [{ root: { kind: 'global', name, declared: true }, path: [] }];
      }
      // A member that is itself declared with an initializer (a class field, an object literal property) is
      // followed to that initializer; otherwise the step is appended to the owner's origins. A member of a package
      // or a global is declared in a .d.ts, never with an initializer: asking the checker for its symbol (which
      // checks the whole receiver expression) is skipped then.
      const owner = next(node.expression);
      const declared = outsideProject(owner) ? undefined : this.#memberInitializer(node);
      if (declared) {
        const resolved = next(declared);
        if (resolved.length > 0) return resolved;
      }
      return append(owner, name);
    }
    if (ts.isCallExpression(node)) {
      // `import('posthog-js')` is the module (awaited, or through `.then`).
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const specifier = node.arguments[0];
        return specifier && ts.isStringLiteralLike(specifier)
          ? [{ root: { kind: 'module', module: specifier.text }, path: [] }]
          : [];
      }
      if (isRequire(ts, node)) {
        const specifier = node.arguments[0];
        return specifier && ts.isStringLiteralLike(specifier)
          ? [{ root: { kind: 'module', module: specifier.text }, path: [] }]
          : [];
      }
      // A project function that returns the value (`getLogger()`): the origin is what it returns.
      const returned = this.#returnedExpressions(node.expression);
      if (returned.length > 0) {
        const resolved = returned.flatMap(expression => next(expression));
        if (resolved.length > 0) return resolved;
      }
      return append(next(node.expression), CALL);
    }
    if (ts.isNewExpression(node)) return append(next(node.expression), NEW);
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        return [...next(node.left), ...next(node.right)];
      }
      if (op === ts.SyntaxKind.EqualsToken) return next(node.right);
      return [];
    }
    if (ts.isConditionalExpression(node)) return [...next(node.whenTrue), ...next(node.whenFalse)];
    if (
      ts.isArrayLiteralExpression(node) ||
      ts.isObjectLiteralExpression(node) ||
      ts.isStringLiteralLike(node) ||
      ts.isTemplateExpression(node) ||
      ts.isNumericLiteral(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      return [{ root: { kind: 'value' }, path: [] }];
    }
    return [];
  }

  #identifier(node: TS.Identifier, depth: number, seen: Set<TS.Node>): readonly Origin[] {
    const symbol = this.#checker.getSymbolAtLocation(node);
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) {
      // Nothing declares it: a global the program has no declaration for (untyped lint has no lib), or a name from
      // somewhere the linter cannot see. Catalogue globals match it; names may too, since nothing contradicts them.
      return [{ root: { kind: 'global', name: node.text, declared: false }, path: [] }];
    }
    // Every use of a name has the origins of its declarations: `logger` imported once and called forty times is
    // followed to `pino()` once. A result is kept only when nothing cut it short (no cycle, no depth bound), with how
    // deep it went, and reused only where that depth is still within the bound: the answer is then the one the walk
    // would give, whichever use asked first.
    const known = this.#bySymbol.get(symbol!);
    if (known && known.text === node.text && depth + known.reach <= maxDepth) return known.origins;
    const cuts = this.#cuts;
    const deepest = this.#deepest;
    this.#deepest = depth;
    const origins = this.#declarationOrigins(node, symbol!, declarations, depth, seen);
    if (this.#cuts === cuts) {
      this.#bySymbol.set(symbol!, { text: node.text, origins, reach: this.#deepest - depth });
    }
    this.#deepest = Math.max(deepest, this.#deepest);
    return origins;
  }

  #declarationOrigins(
    node: TS.Identifier,
    symbol: TS.Symbol,
    declarations: readonly TS.Declaration[],
    depth: number,
    seen: Set<TS.Node>,
  ): readonly Origin[] {
    const ts = this.#ts;
    const next = (child: TS.Node): readonly Origin[] => this.#origins(child, depth + 1, seen);
    const origins: Origin[] = [];
    for (const decl of declarations) {
      if (ts.isImportClause(decl) || ts.isNamespaceImport(decl) || ts.isImportSpecifier(decl)) {
        const resolved = this.#throughAlias(symbol, depth, seen);
        if (resolved.length > 0) {
          origins.push(...resolved);
          continue;
        }
        const module = importModule(ts, decl);
        if (module === undefined) continue;
        const path = ts.isImportSpecifier(decl) ? [(decl.propertyName ?? decl.name).text] : [];
        // `import { default as x }` is the module too.
        origins.push({ root: { kind: 'module', module }, path: path[0] === 'default' ? [] : path });
      } else if (ts.isImportEqualsDeclaration(decl)) {
        const reference = decl.moduleReference;
        if (ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
          origins.push({ root: { kind: 'module', module: reference.expression.text }, path: [] });
        }
      } else if (ts.isVariableDeclaration(decl)) {
        // A singleton made on first use: `let instance; … instance = new PostHog(…); return instance`.
        const written = ts.isIdentifier(decl.name) ? this.#writesOf(decl) : [];
        for (const value of written) origins.push(...next(value));
        if (decl.initializer && ts.isIdentifier(decl.name)) origins.push(...next(decl.initializer));
        else if (this.#isAmbientGlobal(decl)) {
          // A `declare const` in the project says a global exists, not what it is: names may still tell.
          const declared = decl.getSourceFile().isDeclarationFile;
          origins.push({ root: { kind: 'global', name: node.text, declared }, path: [] });
        }
      } else if (ts.isBindingElement(decl)) {
        origins.push(...this.#bindingOrigins(decl, depth, seen));
      } else if (ts.isParameter(decl)) {
        origins.push(...this.#callbackParameter(decl, depth, seen));
      } else if (ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl)) {
        if (ts.isPropertyDeclaration(decl) && decl.initializer) origins.push(...next(decl.initializer));
      } else if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) {
        if (this.#isAmbientGlobal(decl))
          origins.push({ root: { kind: 'global', name: node.text, declared: true }, path: [] });
      } else if (ts.isShorthandPropertyAssignment(decl)) {
        origins.push(...next(decl.name));
      }
    }
    if (origins.length === 0) origins.push({ root: { kind: 'name', name: node.text }, path: [] });
    return origins;
  }

  /**
   * A parameter of a callback passed to a call: what the called API gives it, as the callee's origin and a step
   * `=>` (first parameter) or `=>N`: `Sentry.configureScope(scope => …)` makes `scope` `@sentry/node`
   * `[configureScope, =>]`.
   */
  #callbackParameter(decl: TS.ParameterDeclaration, depth: number, seen: Set<TS.Node>): readonly Origin[] {
    const ts = this.#ts;
    const fn = decl.parent;
    const index = fn.parameters.indexOf(decl);
    const option = this.#optionCallback(fn);
    if (option) {
      // `Bugsnag.start({ onError(event) { … } })`, `posthog.init(key, { loaded: ph => … })`: a callback given as an
      // option of a call is `option=>` (`option=>1` for its second parameter).
      // The parameter's own name stays an origin too: an option's callback of a call nobody catalogues is judged as
      // before, by its type and its name.
      const step = `${option.name}${CALLBACK}${index === 0 ? '' : index}`;
      const own: Origin[] = ts.isIdentifier(decl.name)
        ? [{ root: { kind: 'name', name: decl.name.text }, path: [] }]
        : [];
      return [...append(this.#origins(option.call.expression, depth + 1, seen), step), ...own];
    }
    const call = fn.parent;
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !call || !ts.isCallExpression(call)) return [];
    if (!call.arguments.includes(fn)) return [];
    // `promise.then(value => …)`: the value the receiver resolves to.
    if (index === 0 && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then') {
      return this.#origins(call.expression.expression, depth + 1, seen);
    }
    return append(this.#origins(call.expression, depth + 1, seen), index === 0 ? CALLBACK : `${CALLBACK}${index}`);
  }

  /** The option a function is given as, in an object literal argument of a call: its name and the call. */
  #optionCallback(
    fn: TS.SignatureDeclaration,
  ): { name: string; call: TS.CallExpression | TS.NewExpression } | undefined {
    const ts = this.#ts;
    let name: string | undefined;
    let object: TS.Node | undefined;
    if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
      name = propertyNameText(ts, fn.name);
      object = fn.parent;
    } else if (
      (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
      ts.isPropertyAssignment(fn.parent) &&
      fn.parent.initializer === fn
    ) {
      name = propertyNameText(ts, fn.parent.name);
      object = fn.parent.parent;
    }
    const call = object?.parent;
    if (name === undefined || !object || !call || !(ts.isCallExpression(call) || ts.isNewExpression(call)))
      return undefined;
    return call.arguments?.includes(object as TS.Expression) ? { name, call } : undefined;
  }

  /** An import of a project file: follow it to the exported declaration (typed programs see other files). */
  #throughAlias(symbol: TS.Symbol, depth: number, seen: Set<TS.Node>): readonly Origin[] {
    const ts = this.#ts;
    if (!(symbol.flags & ts.SymbolFlags.Alias)) return [];
    let target: TS.Symbol;
    try {
      target = this.#checker.getAliasedSymbol(symbol);
    } catch {
      return [];
    }
    if (target === symbol || target.flags & ts.SymbolFlags.Alias) return [];
    if (!target.declarations?.length) return this.#reexported(symbol);
    const out: Origin[] = [];
    for (const decl of target.declarations ?? []) {
      const sourceFile = decl.getSourceFile();
      // Library declarations are matched by module name, not followed into .d.ts files.
      if (sourceFile.isDeclarationFile || this.#program.isSourceFileFromExternalLibrary(sourceFile)) return [];
      if (ts.isVariableDeclaration(decl) && decl.initializer)
        out.push(...this.#origins(decl.initializer, depth + 1, seen));
      else if (ts.isExportAssignment(decl)) out.push(...this.#origins(decl.expression, depth + 1, seen));
      else if (ts.isBindingElement(decl)) out.push(...this.#bindingOrigins(decl, depth, seen));
    }
    return out;
  }

  /**
   * An import that ends in a package the checker cannot see (not installed), through a re-export of the project
   * (`export { PostHog } from 'posthog-node'` in a workspace package): that package's export.
   */
  #reexported(symbol: TS.Symbol): readonly Origin[] {
    const ts = this.#ts;
    let current: TS.Symbol | undefined = symbol;
    let found: Origin | undefined;
    for (let step = 0; current && step < 8; step++) {
      let next: TS.Symbol | undefined;
      try {
        next = this.#checker.getImmediateAliasedSymbol(current);
      } catch {
        break;
      }
      const decl = next?.declarations?.[0];
      // `export { PostHog } from 'posthog-node'`, or `import { PostHog } from 'posthog-node'; export { PostHog }`.
      if (decl && ts.isExportSpecifier(decl)) {
        const specifier = decl.parent.parent.moduleSpecifier;
        if (specifier && ts.isStringLiteralLike(specifier) && !specifier.text.startsWith('.')) {
          const name = (decl.propertyName ?? decl.name).text;
          found = { root: { kind: 'module', module: specifier.text }, path: name === 'default' ? [] : [name] };
        }
      } else if (decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl))) {
        const module = importModule(ts, decl);
        if (module !== undefined && !module.startsWith('.')) {
          const name = ts.isImportSpecifier(decl) ? (decl.propertyName ?? decl.name).text : 'default';
          found = { root: { kind: 'module', module }, path: name === 'default' ? [] : [name] };
        }
      }
      if (!next || next === current) break;
      current = next;
    }
    return found ? [found] : [];
  }

  /** `const { Logger } = require('@nestjs/common')`: the initializer's origin plus the property taken. */
  #bindingOrigins(decl: TS.BindingElement, depth: number, seen: Set<TS.Node>): readonly Origin[] {
    const ts = this.#ts;
    const pattern = decl.parent;
    const holder = pattern.parent;
    // `const [cookies, setCookie] = useCookies()`: the element's index is the step.
    const name = ts.isArrayBindingPattern(pattern)
      ? String(pattern.elements.indexOf(decl))
      : propertyNameText(ts, decl.propertyName ?? decl.name);
    if (name === undefined) return [];
    let whole: readonly Origin[];
    if (ts.isVariableDeclaration(holder) && holder.initializer) {
      // `const { localStorage } = window`: the global itself, as `window.localStorage` is.
      const source = withoutCasts(ts, holder.initializer);
      if (
        ts.isObjectBindingPattern(pattern) &&
        ts.isIdentifier(source) &&
        this.#globalHolders.has(source.text) &&
        this.#isGlobal(source)
      )
        return [{ root: { kind: 'global', name, declared: true }, path: [] }];
      whole = this.#origins(holder.initializer, depth + 1, seen);
    }
    // `import('posthog-js').then(({ default: posthog }) => …)`: a destructured callback parameter.
    else if (ts.isParameter(holder)) whole = this.#callbackParameter(holder, depth, seen);
    else return [];
    // A module's `default` is the module itself, as a default import is.
    return whole.map(origin =>
      name === 'default' && origin.root.kind === 'module' && origin.path.length === 0
        ? origin
        : { root: origin.root, path: [...origin.path, name] },
    );
  }

  /** The initializer of the member a property access names, when it is a class field or literal property. */
  #memberInitializer(node: TS.PropertyAccessExpression | TS.ElementAccessExpression): TS.Expression | undefined {
    const ts = this.#ts;
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
    const symbol = this.#checker.getSymbolAtLocation(nameNode);
    for (const decl of symbol?.declarations ?? []) {
      if (decl.getSourceFile().isDeclarationFile) continue;
      if ((ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer)
        return decl.initializer;
      if (ts.isPropertyDeclaration(decl) && ts.isClassLike(decl.parent)) {
        const assigned = constructorAssignment(ts, decl.parent, decl);
        if (assigned) return assigned;
      }
      if (ts.isShorthandPropertyAssignment(decl)) return decl.name;
    }
    return undefined;
  }

  /** The expressions a called project function returns (for factories such as `createLogger()` in `logger.ts`). */
  #returnedExpressions(callee: TS.Expression): TS.Expression[] {
    const ts = this.#ts;
    const symbol = this.#checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    const resolved = resolveAlias(ts, this.#checker, symbol);
    const out: TS.Expression[] = [];
    for (const decl of resolved?.declarations ?? []) {
      if (decl.getSourceFile().isDeclarationFile) continue;
      let fn: TS.Node | undefined = decl;
      if (ts.isVariableDeclaration(decl)) fn = decl.initializer;
      if (
        !fn ||
        !(
          ts.isFunctionDeclaration(fn) ||
          ts.isArrowFunction(fn) ||
          ts.isFunctionExpression(fn) ||
          ts.isMethodDeclaration(fn)
        )
      ) {
        continue;
      }
      if (!fn.body) continue;
      if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
        out.push(fn.body);
        continue;
      }
      collectReturns(ts, fn.body, out);
    }
    return out;
  }

  /**
   * The method a callee stands for when it was taken from an instance: `log.info` where `const log = { info:
   * base.info.bind(base) }` (spread into another object, exported, imported: the checker follows it), or `warn` where
   * `const warn = base.warn`. Asked only for names the project stores a method under.
   */
  methodTaken(callee: TS.Expression): { receiver: TS.Expression; method: string } | undefined {
    const ts = this.#ts;
    const nameNode = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
    if (!nameNode || !this.#storesMethodAs(nameNode.text)) return undefined;
    // A member of a package's value or a global (`res.json`, `console.warn`) is no method the project stored.
    if (ts.isPropertyAccessExpression(callee)) {
      if (outsideProject(this.originsOf(callee.expression))) return undefined;
    }
    const symbol = resolveAlias(ts, this.#checker, this.#checker.getSymbolAtLocation(nameNode));
    for (const decl of symbol?.declarations ?? []) {
      if (decl.getSourceFile().isDeclarationFile) continue;
      if (!ts.isPropertyAssignment(decl) && !ts.isVariableDeclaration(decl) && !ts.isPropertyDeclaration(decl))
        continue;
      let value = decl.initializer ? withoutCasts(ts, decl.initializer) : undefined;
      // `x.m.bind(x)` is `x.m`.
      if (
        value &&
        ts.isCallExpression(value) &&
        ts.isPropertyAccessExpression(value.expression) &&
        value.expression.name.text === 'bind'
      ) {
        value = value.expression.expression;
      }
      if (value && ts.isPropertyAccessExpression(value)) {
        return { receiver: withoutCasts(ts, value.expression), method: value.name.text };
      }
    }
    return undefined;
  }

  /** Names nothing declares, and names declared by the default library or ambient `declare var` in packages. */
  #isGlobal(node: TS.Identifier): boolean {
    const symbol = this.#checker.getSymbolAtLocation(node);
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) return true;
    // `window.dataLayer = …` in a JavaScript file adds a declaration to the global `window` itself; the global is
    // still the one the platform declares. A local `const window = …` is another symbol with no ambient declaration.
    const ts = this.#ts;
    // The binder of a JavaScript file makes the identifier itself (and each assignment) the declaration.
    const expando = (decl: TS.Node): boolean =>
      ts.isIdentifier(decl) ||
      ts.isBinaryExpression(decl) ||
      ts.isPropertyAccessExpression(decl) ||
      ts.isElementAccessExpression(decl) ||
      ts.isCallExpression(decl);
    return declarations.some(decl => this.#isAmbientGlobal(decl)) || declarations.every(expando);
  }

  #isAmbientGlobal(decl: TS.Node): boolean {
    const sourceFile = decl.getSourceFile();
    // `declare const analytics: …` in a module, or `declare global { const analytics: … }`, describes a global the
    // page provides (a vendor snippet).
    if (!sourceFile.isDeclarationFile) {
      return (
        (this.#ts.getCombinedModifierFlags(decl as TS.Declaration) & this.#ts.ModifierFlags.Ambient) !== 0 ||
        isInDeclareGlobal(this.#ts, decl)
      );
    }
    // A global is declared at the top of a script .d.ts or inside `declare global`.
    return !this.#ts.isExternalModule(sourceFile) || isInDeclareGlobal(this.#ts, decl);
  }

  /**
   * The types a value has, by name and declaring module (for `res: Response` from express, `logger: Logger` from
   * pino); with the base classes of project classes (`class AppLogger extends ConsoleLogger`). Untyped, the
   * annotation's imported name is used (`logger: Logger` with `import { Logger } from '@nestjs/common'`).
   */
  typeRefsOf(node: TS.Expression): readonly TypeRef[] {
    const cached = this.#typeCache.get(node);
    if (cached) return cached;
    const out: TypeRef[] = [];
    const type = this.#checker.getTypeAtLocation(node);
    this.#collectTypeRefs(type, out, 0);
    if (out.length === 0) out.push(...this.#annotationRefs(node));
    this.#typeCache.set(node, out);
    return out;
  }

  #collectTypeRefs(type: TS.Type, out: TypeRef[], depth: number): void {
    const ts = this.#ts;
    if (depth > 4) return;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (type.isUnion() || type.isIntersection()) {
      for (const member of type.types) this.#collectTypeRefs(member, out, depth + 1);
      return;
    }
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      if (!symbol) continue;
      const decl = symbol.declarations?.[0];
      out.push({ name: symbol.getName(), module: decl ? moduleOfFile(decl.getSourceFile().fileName) : undefined });
    }
    if (type.isClassOrInterface()) {
      for (const base of this.#checker.getBaseTypes(type)) this.#collectTypeRefs(base, out, depth + 1);
    }
  }

  #annotationRefs(node: TS.Expression): TypeRef[] {
    const ts = this.#ts;
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
    if (!nameNode) return [];
    const symbol = this.#checker.getSymbolAtLocation(nameNode);
    const out: TypeRef[] = [];
    for (const decl of symbol?.declarations ?? []) {
      const typeNode = (decl as { type?: TS.TypeNode }).type;
      if (!typeNode || !ts.isTypeReferenceNode(typeNode)) continue;
      const typeName = typeNode.typeName;
      const head = ts.isIdentifier(typeName) ? typeName : leftmost(ts, typeName);
      const last = ts.isIdentifier(typeName) ? typeName.text : typeName.right.text;
      const imported = this.#checker.getSymbolAtLocation(head)?.declarations?.[0];
      const module = imported ? importModule(ts, imported) : undefined;
      out.push({ name: last, module });
    }
    return out;
  }
}

/** The expression inside parentheses, `!`, `as`, `satisfies` and `<T>` assertions. */
/** A value known to come from a package or a global: its members are declared in a .d.ts, never by the project. */
function outsideProject(origins: readonly Origin[]): boolean {
  return origins.length > 0 && origins.every(origin => origin.root.kind === 'module' || origin.root.kind === 'global');
}

function withoutCasts(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** A value made in place is no API's instance, whatever is taken from it: its steps are not kept. */
const madeInPlace: Origin = { root: { kind: 'value' }, path: [] };

function append(origins: readonly Origin[], step: string): Origin[] {
  return origins.map(origin =>
    origin.root.kind === 'value' ? madeInPlace : { root: origin.root, path: [...origin.path, step] },
  );
}

/** Most origins a value is given: a variable written in many places must not make every use of it expensive. */
const maxOrigins = 12;

/** Each origin once (a value assigned the same way in several places), at most `maxOrigins`. */
function distinct(origins: readonly Origin[]): readonly Origin[] {
  if (origins.length <= 1) return origins;
  const seen = new Map<string, Origin>();
  for (const origin of origins) {
    const root = origin.root;
    const key = `${root.kind}:${'module' in root ? root.module : 'name' in root ? root.name : ''}:${origin.path.join('\u0000')}`;
    if (!seen.has(key)) seen.set(key, origin);
    if (seen.size >= maxOrigins) break;
  }
  return seen.size === origins.length ? origins : [...seen.values()];
}

function isRequire(ts: typeof TS, node: TS.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

function importModule(ts: typeof TS, decl: TS.Node): string | undefined {
  let current: TS.Node | undefined = decl;
  while (current && !ts.isImportDeclaration(current)) current = current.parent;
  if (!current || !ts.isImportDeclaration(current)) return undefined;
  return ts.isStringLiteralLike(current.moduleSpecifier) ? current.moduleSpecifier.text : undefined;
}

function isInDeclareGlobal(ts: typeof TS, decl: TS.Node): boolean {
  for (let current = decl.parent; current; current = current.parent) {
    if (ts.isModuleDeclaration(current) && current.name.getText() === 'global') return true;
  }
  return false;
}

/**
 * What an import alias stands for (`import { f } from './x'` is `f` in x.ts); any other symbol is itself. Undefined
 * when the checker cannot resolve the alias (an untyped import).
 */
export function resolveAlias(
  ts: typeof TS,
  checker: TS.TypeChecker,
  symbol: TS.Symbol | undefined,
): TS.Symbol | undefined {
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return symbol;
  try {
    return checker.getAliasedSymbol(symbol);
  } catch {
    return undefined;
  }
}

function collectReturns(ts: typeof TS, node: TS.Node, out: TS.Expression[]): void {
  if (ts.isReturnStatement(node)) {
    if (node.expression) out.push(node.expression);
    return;
  }
  // Returns of nested functions belong to them.
  if (ts.isFunctionLike(node)) return;
  ts.forEachChild(node, child => collectReturns(ts, child, out));
}

function constructorAssignment(
  ts: typeof TS,
  owner: TS.ClassLikeDeclaration,
  decl: TS.PropertyDeclaration,
): TS.Expression | undefined {
  const name = propertyNameText(ts, decl.name);
  const ctor = owner.members.find(ts.isConstructorDeclaration);
  if (!ctor?.body || name === undefined) return undefined;
  for (const statement of ctor.body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (
      operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      left.name.text === name
    ) {
      return right;
    }
  }
  return undefined;
}

function leftmost(ts: typeof TS, name: TS.QualifiedName): TS.Identifier {
  let current: TS.EntityName = name;
  while (!ts.isIdentifier(current)) current = current.left;
  return current;
}

/**
 * The package a declaration file belongs to: `…/node_modules/@types/express-serve-static-core/index.d.ts` is
 * `express-serve-static-core`, `…/node_modules/pino/pino.d.ts` is `pino`; TypeScript's own libs are `lib`.
 */
export function moduleOfFile(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/gu, '/');
  // TypeScript's own libs (inside node_modules/typescript/lib, or bundled by ts-morph) are the platform.
  if (/\/lib\.[\w.]*\.d\.ts$|\/lib\.d\.ts$/u.test(normalized)) return 'lib';
  const index = normalized.lastIndexOf('/node_modules/');
  if (index >= 0) {
    const rest = normalized.slice(index + '/node_modules/'.length).split('/');
    const first = rest[0] ?? '';
    let name = first.startsWith('@') ? `${first}/${rest[1] ?? ''}` : first;
    if (name.startsWith('@types/')) {
      name = name.slice('@types/'.length);
      // `@types/babel__core` is `@babel/core`.
      if (name.includes('__')) name = `@${name.replace('__', '/')}`;
    }
    // pnpm's store: `node_modules/.pnpm/pino@9.0.0/node_modules/pino/…` is caught by lastIndexOf above.
    return name;
  }
  return undefined;
}
