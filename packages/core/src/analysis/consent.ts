import type TS from 'typescript';
import { normalizeName } from '../names/tokenize.js';
import { propertyNameText } from './declarations.js';
import type { AnalysisEnvironment } from './environment.js';
import { dottedName } from './declarations.js';
import { resolveAlias } from './origin.js';
import { programIndexFor } from './program-index.js';
import { factsOptions } from './trace.js';
import { locate } from './facts/extract.js';

/** A consent check that guards a point in the code. */
export interface ConsentGuard {
  /** What was checked, for messages and the inventory: `hasConsent('analytics')`, `Cookiebot.consent.statistics`. */
  readonly text: string;
  /** The platform (`cookiebot`) or `project` for the project's own check. */
  readonly source: string;
  /** The purpose the check is for, when it says (`analytics`, `advertising`). */
  readonly purpose?: string | undefined;
  /** How the guard applies: a branch, an early exit, a platform's callback, every caller guarded. */
  readonly how: 'branch' | 'early-exit' | 'callback' | 'callers' | 'handler';
}

interface Check {
  readonly negated: boolean;
  readonly text: string;
  readonly source: string;
  readonly purpose: string | undefined;
}

const maxCallerDepth = 3;

/**
 * Finds the consent check a node is reached only after: the true branch of an `if`, a ternary or `&&` whose condition
 * is a check; after an early `return`/`throw` on its negation; inside a callback a consent platform calls on grant; or,
 * inside a function, when every call of that function in reach is itself guarded. Checks are the manifest's
 * `consent.functions`, the platforms of `rules/consent.yml`, names that read as checks (`hasConsent`,
 * `cookiesAccepted`; not `shouldShowConsentBanner`), and variables assigned from any of those.
 */
export class ConsentAnalyzer {
  readonly #ts: typeof TS;
  readonly #env: AnalysisEnvironment;
  readonly #checker: TS.TypeChecker;
  readonly #checkNames: readonly RegExp[];
  readonly #notCheckNames: readonly RegExp[];
  readonly #refusalNames: readonly RegExp[];
  readonly #grantedValues: ReadonlySet<string>;
  readonly #refusedValues: ReadonlySet<string>;
  readonly #purposeWords: ReadonlyMap<string, string>;
  readonly #platformChecks: readonly { path: string; id: string }[];
  readonly #platformCalls: readonly { path: string; id: string }[];
  readonly #groupLists: ReadonlyMap<string, string>;
  readonly #callbackGlobals: ReadonlyMap<string, string>;
  readonly #registrars: readonly { path: string; id: string }[];
  readonly #events: ReadonlyMap<string, string>;
  readonly #grantHandlerNames: readonly RegExp[];
  readonly #grantHandlerProps: readonly RegExp[];
  readonly #guards = new WeakMap<TS.Node, ConsentGuard | null>();
  readonly #program: TS.Program;

  constructor(env: AnalysisEnvironment, program: TS.Program) {
    this.#ts = env.ts;
    this.#env = env;
    this.#checker = program.getTypeChecker();
    this.#program = program;
    const data = env.knowledge.data.consent;
    this.#checkNames = data.checkNames.map(source => new RegExp(source, 'u'));
    this.#notCheckNames = data.notCheckNames.map(source => new RegExp(source, 'u'));
    this.#refusalNames = data.refusalNames.map(source => new RegExp(source, 'u'));
    this.#grantedValues = new Set(data.checkValues.granted.map(word => word.toLowerCase()));
    this.#refusedValues = new Set(data.checkValues.refused.map(word => word.toLowerCase()));
    this.#purposeWords = new Map(data.purposeWords.map(entry => [entry.word.toLowerCase(), entry.purpose]));
    this.#platformChecks = data.platforms.flatMap(platform => platform.checks.map(path => ({ path, id: platform.id })));
    this.#platformCalls = data.platforms.flatMap(platform => platform.calls.map(path => ({ path, id: platform.id })));
    this.#groupLists = new Map(
      data.platforms.flatMap(platform => platform.groupLists.map(name => [name, platform.id] as const)),
    );
    this.#callbackGlobals = new Map(
      data.platforms.flatMap(platform => platform.callbackGlobals.map(name => [name, platform.id] as const)),
    );
    this.#registrars = data.platforms.flatMap(platform =>
      platform.callbackRegistrars.map(path => ({ path, id: platform.id })),
    );
    this.#grantHandlerNames = data.grantHandlerNames.map(source => new RegExp(source, 'u'));
    this.#grantHandlerProps = data.grantHandlerProps.map(source => new RegExp(source, 'u'));
    this.#events = new Map(
      data.platforms.flatMap(platform => platform.events.map(name => [name, platform.id] as const)),
    );
  }

  /** The purpose a word means (`statistics` -> analytics, `C0004` -> advertising), if any. */
  purposeOf(word: string | undefined): string | undefined {
    if (word === undefined) return undefined;
    const lower = word.toLowerCase();
    const direct = this.#purposeWords.get(lower);
    if (direct) return direct;
    for (const token of normalizeName(word).split('_')) {
      const purpose = this.#purposeWords.get(token);
      if (purpose) return purpose;
    }
    return undefined;
  }

  /** The guard of a node, or undefined when it can be reached without consent. */
  guardOf(node: TS.Node): ConsentGuard | undefined {
    return this.#guardOf(node, 0);
  }

  #guardOf(node: TS.Node, depth: number): ConsentGuard | undefined {
    const ts = this.#ts;
    let child: TS.Node = node;
    for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        const check = this.checkOf(parent.expression);
        if (check && check.negated === (child === parent.elseStatement)) return guard(check, 'branch');
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        const check = this.checkOf(parent.condition);
        if (check && check.negated === (child === parent.whenFalse)) return guard(check, 'branch');
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const op = parent.operatorToken.kind;
        const check =
          op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken
            ? this.checkOf(parent.left)
            : undefined;
        if (check && check.negated === (op === ts.SyntaxKind.BarBarToken)) return guard(check, 'branch');
      }
      if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
        const exit = this.#earlyExit(parent.statements, child);
        if (exit) return exit;
      }
      if (ts.isFunctionLike(parent)) {
        const callback = this.#callbackGuard(parent);
        if (callback) return callback;
        const handler = this.#grantHandler(parent);
        if (handler) return handler;
        return depth < maxCallerDepth ? this.#callersGuard(parent, depth) : undefined;
      }
    }
    return undefined;
  }

  /** A grant prop of the file given the function itself (`onAccept={startAnalytics}`), if one is. */
  #grantPropFor(sourceFile: TS.SourceFile, symbol: TS.Symbol): ConsentGuard | undefined {
    const ts = this.#ts;
    let found: ConsentGuard | undefined;
    const visit = (node: TS.Node): void => {
      if (found) return;
      if (ts.isJsxAttribute(node) && node.initializer && ts.isJsxExpression(node.initializer)) {
        const value = node.initializer.expression;
        const prop = node.name.getText();
        if (
          value &&
          ts.isIdentifier(value) &&
          this.#grantHandlerProps.some(regex => regex.test(normalizeName(prop))) &&
          this.#checker.getSymbolAtLocation(value) === symbol
        ) {
          found = { text: `${prop}={${value.text}}`, source: 'project', how: 'handler' };
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    if (sourceFile.languageVariant === ts.LanguageVariant.JSX) visit(sourceFile);
    return found;
  }

  /** A function of the project's own that handles the user's acceptance (`acceptAllCookies`, `onConsentGiven`). */
  #grantHandler(fn: TS.SignatureDeclaration): ConsentGuard | undefined {
    const ts = this.#ts;
    // `<CookieBanner onAccept={() => …} />`: the banner calls it when the user agrees.
    const attribute = fn.parent && ts.isJsxExpression(fn.parent) ? fn.parent.parent : undefined;
    if (attribute && ts.isJsxAttribute(attribute)) {
      const prop = attribute.name.getText();
      if (this.#grantHandlerProps.some(regex => regex.test(normalizeName(prop))))
        return { text: `${prop} handler`, source: 'project', how: 'handler' };
    }
    const name = functionNameNode(this.#ts, fn)?.text;
    if (name === undefined) return undefined;
    const normalized = normalizeName(name);
    return this.#grantHandlerNames.some(regex => regex.test(normalized))
      ? { text: `${name}()`, source: 'project', how: 'handler' }
      : undefined;
  }

  /** `if (!hasConsent()) return;` before the statement that holds the node. */
  #earlyExit(statements: TS.NodeArray<TS.Statement>, child: TS.Node): ConsentGuard | undefined {
    const ts = this.#ts;
    for (const statement of statements) {
      if (statement === child) break;
      if (!ts.isIfStatement(statement) || statement.elseStatement) continue;
      if (!exits(ts, statement.thenStatement)) continue;
      const check = this.checkOf(statement.expression);
      if (check?.negated) return guard({ ...check, negated: false }, 'early-exit');
    }
    return undefined;
  }

  /** A function a consent platform calls on grant. */
  #callbackGuard(fn: TS.SignatureDeclaration): ConsentGuard | undefined {
    const ts = this.#ts;
    const parent = fn.parent;
    // `window.OptanonWrapper = function () {…}`, `CookiebotCallback_OnAccept = () => {…}`
    if (parent && ts.isBinaryExpression(parent) && parent.right === fn) {
      const target = dottedName(ts, parent.left)?.replace(/^(?:window|globalThis|self)\./u, '');
      const platform = target === undefined ? undefined : this.#callbackGlobals.get(target);
      if (platform) return { text: `${target}()`, source: platform, how: 'callback' };
    }
    if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as TS.Expression)) {
      const callee = dottedName(ts, parent.expression)?.replace(/^(?:window|globalThis|self)\./u, '');
      // `window.addEventListener('CookiebotOnAccept', cb)`, `document.addEventListener('cookieyes_consent_update', cb)`
      if (callee !== undefined && /(?:^|\.)addEventListener$/u.test(callee)) {
        const event = parent.arguments[0];
        const platform = event && ts.isStringLiteralLike(event) ? this.#events.get(event.text) : undefined;
        if (platform && event && ts.isStringLiteralLike(event)) {
          return { text: `'${event.text}' event`, source: platform, how: 'callback' };
        }
      }
      const registrar =
        callee === undefined
          ? undefined
          : this.#registrars.find(entry => callee === entry.path || callee.endsWith(`.${entry.path}`));
      // TCF's listener is called for every state, granted or not: only a check inside it guards.
      if (registrar && registrar.id !== 'tcf') return { text: `${callee}(…)`, source: registrar.id, how: 'callback' };
    }
    // Klaro: `manager.watch({ update(manager, eventType) {…} })`.
    if (parent && ts.isObjectLiteralExpression(parent) && ts.isMethodDeclaration(fn)) {
      const call = parent.parent;
      const callee = call && ts.isCallExpression(call) ? dottedName(ts, call.expression) : undefined;
      const registrar =
        callee === undefined
          ? undefined
          : this.#registrars.find(
              entry => callee === entry.path || callee.endsWith(`.${entry.path.split('.').pop() ?? ''}`),
            );
      if (registrar) return { text: `${callee}(…)`, source: registrar.id, how: 'callback' };
    }
    return undefined;
  }

  /**
   * A function whose every call in reach is guarded is guarded too: calls in its own file and, when the function is
   * exported, calls in every other project file of the program that mentions its name. Untyped, the program is the
   * file alone (see `createSingleFileProgram`), so only the same file is seen.
   */
  /**
   * The project's calls of a named function (all of them when it is exported, else its own file's), each with the
   * program it was found in: a function exported from a package of a monorepo is also called from the other packages'
   * programs (`AnalysisEnvironment.projectPrograms`). Its own file's first, then the others by file and position, so
   * what is shown of them does not depend on file or program order.
   */
  callsOf(fn: TS.SignatureDeclaration): readonly ProgramCall[] {
    const ts = this.#ts;
    const nameNode = functionNameNode(ts, fn);
    const symbol = nameNode ? this.#checker.getSymbolAtLocation(nameNode) : undefined;
    if (!nameNode || !symbol) return [];
    const home = fn.getSourceFile();
    const exported = this.#isExported(fn, symbol);
    const found = new Map<string, ProgramCall>();
    const collect = (program: TS.Program, target: TS.Symbol): void => {
      for (const call of programIndexFor(ts, program, factsOptions(this.#env)).callsOf(target, nameNode.text)) {
        if (!exported && call.getSourceFile() !== home) continue;
        const key = `${call.getSourceFile().fileName}:${call.pos}`;
        if (!found.has(key)) found.set(key, { call, program });
      }
    };
    collect(this.#program, symbol);
    if (exported) {
      for (const program of this.#env.projectPrograms?.() ?? []) {
        if (program === this.#program) continue;
        // The function as that program sees it: the same parse when the programs share it, else the node at its place.
        const otherHome = program.getSourceFile(home.fileName);
        const otherName = otherHome === home ? nameNode : otherHome ? locate(ts, otherHome, nameNode) : undefined;
        const target = otherName ? program.getTypeChecker().getSymbolAtLocation(otherName) : undefined;
        if (target) collect(program, target);
      }
    }
    return [...found.values()].sort((a, b) => {
      const fileA = a.call.getSourceFile();
      const fileB = b.call.getSourceFile();
      if (fileA.fileName !== fileB.fileName) {
        if (fileA === home) return -1;
        if (fileB === home) return 1;
        return fileA.fileName < fileB.fileName ? -1 : 1;
      }
      return a.call.pos - b.call.pos;
    });
  }

  #callersGuard(fn: TS.SignatureDeclaration, depth: number): ConsentGuard | undefined {
    const cached = this.#guards.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    this.#guards.set(fn, null);
    const nameNode = functionNameNode(this.#ts, fn);
    const symbol = nameNode ? this.#checker.getSymbolAtLocation(nameNode) : undefined;
    if (!symbol) return undefined;
    const home = fn.getSourceFile();
    const calls = this.callsOf(fn);
    if (calls.length === 0) {
      // Never called, only handed over: `<CookieBanner onAccept={startAnalytics} />`.
      const handedTo = this.#grantPropFor(home, symbol);
      if (handedTo) this.#guards.set(fn, handedTo);
      return handedTo;
    }
    const result = this.#everyCallGuarded(calls, depth + 1);
    this.#guards.set(fn, result ?? null);
    return result;
  }

  /**
   * The consent check every one of these calls stands behind, if they all do (the first one's, as the callers'): a
   * cookie helper's calls that give one name, or all the calls of a function.
   */
  guardOfCalls(calls: readonly ProgramCall[]): ConsentGuard | undefined {
    return this.#everyCallGuarded(calls, 0);
  }

  #everyCallGuarded(calls: readonly ProgramCall[], depth: number): ConsentGuard | undefined {
    let result: ConsentGuard | undefined;
    for (const { call, program } of calls) {
      // A call in another program is judged by that program's analyzer, which can resolve its names.
      const analyzer = program === this.#program ? this : consentAnalyzerFor(this.#env, program);
      const callerGuard = analyzer.#guardOf(call, depth);
      if (!callerGuard) return undefined;
      result ??= { ...callerGuard, how: 'callers' };
    }
    return result;
  }

  /** Callable from other files: among its module's exports (`export function f`, `export { f }`), or a method of an
   * exported class. */
  #isExported(fn: TS.SignatureDeclaration, symbol: TS.Symbol): boolean {
    const ts = this.#ts;
    if (!ts.isMethodDeclaration(fn)) return this.#amongExports(fn.getSourceFile(), symbol);
    const owner = fn.parent;
    if (!ts.isClassDeclaration(owner) || !owner.name) return false;
    const classSymbol = this.#checker.getSymbolAtLocation(owner.name);
    return classSymbol !== undefined && this.#amongExports(fn.getSourceFile(), classSymbol);
  }

  #amongExports(sourceFile: TS.SourceFile, symbol: TS.Symbol): boolean {
    const ts = this.#ts;
    const moduleSymbol = this.#checker.getSymbolAtLocation(sourceFile);
    if (!moduleSymbol) return false;
    return this.#checker
      .getExportsOfModule(moduleSymbol)
      .some(exported => resolveAlias(ts, this.#checker, exported) === symbol);
  }

  /** Whether an expression is a consent check, and whether it is negated (`!hasConsent()`). */
  checkOf(expression: TS.Expression, depth = 0): Check | undefined {
    const ts = this.#ts;
    if (depth > 8) return undefined;
    const next = (node: TS.Expression): Check | undefined => this.checkOf(node, depth + 1);
    if (
      ts.isParenthesizedExpression(expression) ||
      ts.isAwaitExpression(expression) ||
      ts.isNonNullExpression(expression)
    ) {
      return next(expression.expression);
    }
    if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = next(expression.operand);
      return inner && { ...inner, negated: !inner.negated };
    }
    if (ts.isBinaryExpression(expression)) {
      const op = expression.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        // All must hold: a positive check on any side guards the whole. `a && b && c && …` nests to the left as deep
        // as it is long; its operands are collected in a loop, so a long condition costs no depth.
        const operands: TS.Expression[] = [];
        let current: TS.Expression = expression;
        while (
          ts.isBinaryExpression(current) &&
          current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
          operands.length < 1000
        ) {
          operands.push(current.right);
          current = current.left;
        }
        operands.push(current);
        for (const operand of operands.reverse()) {
          const check = next(operand);
          if (check && !check.negated) return check;
        }
        return undefined;
      }
      if (op === ts.SyntaxKind.BarBarToken) {
        // `!a || !b` is the negation of `a && b`: an early exit on it guards what follows.
        const left = next(expression.left);
        const right = next(expression.right);
        if (left?.negated) return left;
        if (right?.negated) return right;
        return left && right && !left.negated && !right.negated ? left : undefined;
      }
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken
      ) {
        const inequality =
          op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
        for (const [side, other] of [
          [expression.left, expression.right],
          [expression.right, expression.left],
        ] as const) {
          const check = next(side);
          if (!check) continue;
          const value = literalValue(ts, other);
          if (value === undefined) continue;
          // Platforms and projects say it in words of their own (`rules/consent.yml` `checkValues`): Osano
          // `'ACCEPT'`/`'DENY'`, Consent Mode `'granted'`/`'denied'`, a level `'full'`/`'necessary'`.
          const word = typeof value === 'string' ? value.toLowerCase().replace(/[\s-]+/gu, '_') : value;
          const positive = word === true || word === 1 || (typeof word === 'string' && this.#grantedValues.has(word));
          const negative =
            word === false ||
            word === 0 ||
            word === null ||
            (typeof word === 'string' && this.#refusedValues.has(word));
          if (!positive && !negative) continue;
          return { ...check, negated: check.negated !== (negative !== inequality) };
        }
        return undefined;
      }
      if (op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken) {
        // `OnetrustActiveGroups.indexOf('C0002') > -1`
        return next(expression.left);
      }
      return undefined;
    }
    if (ts.isCallExpression(expression)) return this.#callCheck(expression);
    if (
      ts.isIdentifier(expression) ||
      ts.isPropertyAccessExpression(expression) ||
      ts.isElementAccessExpression(expression)
    ) {
      return this.#referenceCheck(expression, depth);
    }
    return undefined;
  }

  #callCheck(call: TS.CallExpression): Check | undefined {
    const ts = this.#ts;
    const callee = call.expression;
    const text = pathText(ts, callee)?.replace(/^(?:window|globalThis|self)\./u, '');
    const argument = call.arguments[0];
    const argumentWord = argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
    const shown = `${text ?? callee.getText()}(${argumentWord === undefined ? '' : `'${argumentWord}'`})`;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      // `OnetrustActiveGroups.includes('C0002')`, `.indexOf(…)`, `/C0002/.test(OnetrustActiveGroups)`
      if (method === 'includes' || method === 'indexOf' || method === 'search' || method === 'match') {
        const list = dottedName(ts, callee.expression)?.replace(/^(?:window|globalThis|self)\./u, '');
        const platform = list === undefined ? undefined : this.#groupLists.get(list);
        if (platform) return { negated: false, text: shown, source: platform, purpose: this.purposeOf(argumentWord) };
      }
      if (method === 'test' && argument) {
        const list = dottedName(ts, argument)?.replace(/^(?:window|globalThis|self)\./u, '');
        const platform = list === undefined ? undefined : this.#groupLists.get(list);
        if (platform) {
          const pattern = ts.isRegularExpressionLiteral(callee.expression) ? callee.expression.text : undefined;
          return {
            negated: false,
            text: `${pattern ?? 'pattern'}.test(${list})`,
            source: platform,
            purpose: this.purposeOf(pattern?.replace(/\W/gu, '')),
          };
        }
      }
    }
    if (text === undefined) return undefined;
    const project = this.#env.manifest.consentFunctions.find(name => text === name || text.endsWith(`.${name}`));
    if (project !== undefined) {
      return {
        negated: false,
        text: shown,
        source: 'project',
        purpose: this.purposeOf(argumentWord) ?? this.#env.manifest.consentPurpose(project) ?? this.purposeOf(project),
      };
    }
    const platform = this.#platformCalls.find(entry => matchesPath(text, entry.path));
    if (platform) return { negated: false, text: shown, source: platform.id, purpose: this.purposeOf(argumentWord) };
    const last = text.split('.').pop() ?? text;
    if (this.#isCheckName(last))
      return {
        negated: false,
        text: shown,
        source: 'project',
        purpose: this.purposeOf(argumentWord) ?? this.purposeOf(last),
      };
    // Stored consent read back: `cookies.get('cookie_consent')`, `localStorage.getItem('consent')`.
    if (
      argumentWord !== undefined &&
      /^(?:get|get_?item|get_?cookie|read|load)$/u.test(normalizeName(last)) &&
      this.#isCheckName(argumentWord)
    ) {
      return { negated: false, text: shown, source: 'stored', purpose: this.purposeOf(argumentWord) };
    }
    return undefined;
  }

  #referenceCheck(node: TS.Expression, depth: number): Check | undefined {
    const ts = this.#ts;
    const text = pathText(ts, node)?.replace(/^(?:window|globalThis|self)\./u, '') ?? node.getText();
    const member = ts.isPropertyAccessExpression(node)
      ? node.name.text
      : ts.isElementAccessExpression(node)
        ? propertyNameText(ts, node.argumentExpression)
        : undefined;
    // `Cookiebot.consent.statistics`, `Fides.consent.analytics`, `getCkyConsent().categories.analytics`,
    // `tcData.purpose.consents[1]`.
    for (const entry of this.#platformChecks) {
      if (
        matchesPath(text, entry.path) ||
        text.startsWith(`${entry.path}.`) ||
        (ts.isElementAccessExpression(node) && matchesPath(dottedName(ts, node.expression) ?? '', entry.path))
      ) {
        return { negated: false, text, source: entry.id, purpose: this.purposeOf(member) };
      }
    }
    // A member of a platform call's result: `getCkyConsent().categories.analytics`.
    let base: TS.Expression = node;
    while (ts.isPropertyAccessExpression(base) || ts.isElementAccessExpression(base)) base = base.expression;
    if (ts.isCallExpression(base)) {
      const call = this.#callCheck(base);
      if (call && call.source !== 'project') {
        return {
          ...call,
          text: node.getText(),
          purpose: (member === 'value' ? undefined : this.purposeOf(member)) ?? call.purpose,
        };
      }
    }
    // A variable or property assigned from a check: `const ok = hasConsent('analytics')`.
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const symbol = this.#checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
      for (const decl of symbol?.declarations ?? []) {
        const initializer = (decl as { initializer?: TS.Expression }).initializer;
        if (
          initializer &&
          (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl))
        ) {
          const check = this.checkOf(initializer, depth + 1);
          if (check) return check;
        }
      }
    }
    const project = this.#env.manifest.consentFunctions.find(name => text === name || text.endsWith(`.${name}`));
    if (project !== undefined) {
      return {
        negated: false,
        text,
        source: 'project',
        purpose: this.#env.manifest.consentPurpose(project) ?? this.purposeOf(member),
      };
    }
    // `consent.analytics`, `cookiesAccepted`, `user.trackingAllowed`: a name that reads as a check.
    const name = member ?? (ts.isIdentifier(node) ? node.text : undefined);
    // `optedOut`, `trackingBlocked`: the record of a refusal, true when consent is missing.
    if (name !== undefined && this.#isRefusalName(name))
      return { negated: true, text, source: 'project', purpose: this.purposeOf(name) };
    if (name !== undefined && this.#isCheckName(name))
      return { negated: false, text, source: 'project', purpose: this.purposeOf(name) };
    if (
      member !== undefined &&
      ts.isPropertyAccessExpression(node) &&
      this.#isCheckName(dottedName(ts, node.expression)?.split('.').pop() ?? '')
    ) {
      return { negated: false, text, source: 'project', purpose: this.purposeOf(member) };
    }
    return undefined;
  }

  #isRefusalName(name: string): boolean {
    const normalized = normalizeName(name);
    return normalized !== '' && this.#refusalNames.some(regex => regex.test(normalized));
  }

  #isCheckName(name: string): boolean {
    const normalized = normalizeName(name);
    if (normalized === '' || this.#notCheckNames.some(regex => regex.test(normalized))) return false;
    return this.#checkNames.some(regex => regex.test(normalized));
  }
}

/** A dotted path where calls show as `()`: `klaro.getManager().getConsent`; optional chains read as plain ones. */
function pathText(ts: typeof TS, node: TS.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const left = pathText(ts, node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (ts.isCallExpression(node)) {
    const left = pathText(ts, node.expression);
    return left === undefined ? undefined : `${left}()`;
  }
  if (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) return pathText(ts, node.expression);
  return undefined;
}

function guard(check: Check, how: ConsentGuard['how']): ConsentGuard {
  return { text: check.text, source: check.source, purpose: check.purpose, how };
}

/** A dotted call path matches with any receiver before it, and `()` steps written in the catalogue are ignored. */
function matchesPath(text: string, path: string): boolean {
  const plain = path;
  const actual = text;
  return actual === plain || actual.endsWith(`.${plain}`) || (plain.endsWith(`.${actual}`) && actual.includes('.'));
}

function exits(ts: typeof TS, statement: TS.Statement): boolean {
  if (
    ts.isReturnStatement(statement) ||
    ts.isThrowStatement(statement) ||
    ts.isContinueStatement(statement) ||
    ts.isBreakStatement(statement)
  ) {
    return true;
  }
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && exits(ts, last);
  }
  return false;
}

function literalValue(ts: typeof TS, node: TS.Expression): string | number | boolean | null | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  ) {
    return -Number(node.operand.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  return undefined;
}

function functionNameNode(ts: typeof TS, fn: TS.SignatureDeclaration): TS.Identifier | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name))
    return fn.name;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name;
  return undefined;
}

const analyzers = new WeakMap<AnalysisEnvironment, WeakMap<TS.Program, ConsentAnalyzer>>();

/** The consent analyzer of an environment and program, shared by the families that ask about guards. */
/** A call of a project function, with the program it was found in (and whose checker can answer questions on it). */
export interface ProgramCall {
  readonly call: TS.CallExpression;
  readonly program: TS.Program;
}

export function consentAnalyzerFor(env: AnalysisEnvironment, program: TS.Program): ConsentAnalyzer {
  let byProgram = analyzers.get(env);
  if (!byProgram) {
    byProgram = new WeakMap();
    analyzers.set(env, byProgram);
  }
  let analyzer = byProgram.get(program);
  if (!analyzer) {
    analyzer = new ConsentAnalyzer(env, program);
    byProgram.set(program, analyzer);
  }
  return analyzer;
}
