import type TS from 'typescript';
import { resolveAlias } from './origin.js';
import { skipOuter } from './api.js';
import { expressionName, type Classification, type Classifier, type Evidence, type TypeData } from './classify.js';
import { dottedName, isDataDeclaration, isLiteralValue, propertyNameText, syntacticTypeKind } from './declarations.js';
import { relativePath, type AnalysisEnvironment } from './environment.js';
import { locate, type FactsOptions } from './facts/extract.js';
import type { WriteFact } from './facts/facts.js';
import { factsOf, spanKey } from './facts/store.js';
import { Fixpoint } from './fixpoint.js';
import type { SanitizerMatcher } from './sanitizers.js';

/** Personal data that reaches a point in the code: what it is written as, its categories, and why. */
export interface DataItem {
  /** The expression as written where the data is read (`user.email`, `user`), shortened to one line. */
  readonly text: string;
  readonly categories: readonly string[];
  readonly evidence: readonly Evidence[];
  /** A whole object's personal fields (`email`, `address.street`); empty for a single value. */
  readonly fields: readonly string[];
  /**
   * A whole person record whose type is unknown (untyped lint, `any`): `logger.info(req.user)`. Its categories are
   * unknown, so `categories` is empty; the message says so.
   */
  readonly record?: boolean;
  /** Declared by a tag or the manifest, not guessed from a name. */
  readonly declared: boolean;
  /** How it got there, e.g. "returned by `describeUser()` (src/format.ts:3)". */
  readonly steps: readonly string[];
  /** Where the data is read: file relative to the root, 1-based line. */
  readonly file: string;
  readonly line: number;
}

/** Personal data that passed through a sanitizer on its way: allowed, and listed in the inventory as such. */
export interface SanitizedUse {
  readonly text: string;
  readonly sanitizer: string;
  readonly categories: readonly string[];
}

/**
 * A value that comes from outside the expression's own code: a parameter of a function (`{ kind: 'param' }`; with a
 * property when only `param.email` or a destructured `{ email }` is used), or a field of the enclosing class read as
 * `this.name`. A caller of the function (or the code that sets the field) decides what data it is.
 */
export type Ref =
  | {
      readonly kind: 'param';
      readonly fn: TS.SignatureDeclaration;
      readonly index: number;
      readonly property: string | undefined;
      /** `...args`: every argument from `index` on. */
      readonly rest: boolean;
    }
  | { readonly kind: 'field'; readonly owner: TS.ClassLikeDeclaration; readonly name: string };

export interface TraceResult {
  readonly items: readonly DataItem[];
  readonly sanitized: readonly SanitizedUse[];
  /** Parameters and fields the value comes from, for function summaries (absent: none). */
  readonly refs?: readonly Ref[] | undefined;
  /** A bound (depth, steps, a summary that did not settle) cut the answer short: some data may be missing. */
  readonly incomplete?: boolean | undefined;
}

interface Flow {
  readonly items: DataItem[];
  readonly refs: Ref[];
  readonly sanitized: SanitizedUse[];
}

const emptyFlow = (): Flow => ({ items: [], refs: [], sanitized: [] });

/** The bounds of one question (a trace from a sink, or one evaluation of a function summary). */
class Run {
  steps = 0;
  /** Times a bound cut the answer: the result is incomplete. */
  cuts = 0;
  /** Times an unsettled summary (inside a recursive group) was used: results are not final yet. */
  provisional = 0;
  /** The deepest level reached so far, to know how deep a memoised answer goes. */
  deepest = 0;
  /** Nodes a cycle was cut at, while they are still being computed above. */
  readonly openCycles: TS.Node[] = [];
  constructor(readonly budget: number) {}
}

interface Memo {
  readonly flow: Flow;
  readonly cost: number;
  readonly height: number;
}

export interface TracerOptions {
  /** Steps one question may take (a trace, or one evaluation of a summary). */
  readonly budget?: number;
  /** Nesting one question may follow (names to initializers, members, calls). */
  readonly maxDepth?: number;
}

const defaultBudget = 25_000;
/** Distinct operands of one `+` chain that are traced. */
const maxOperands = 400;
const defaultMaxDepth = 150;

/**
 * Follows an expression back to the personal data it carries: through local names, `let` reassignments and
 * destructuring, member access and the writes into an object (`ctx.who = user.email`, `list.push(email)`,
 * `this.email = email`), object and array literals, spread, template literals and concatenation, pass-through calls
 * (`rules/platform.yml`), callbacks of array and promise methods, `await`, conditionals, and the return values of
 * project functions, in other files too when the checker sees them. Sanitizers end a flow.
 *
 * Answers do not depend on where a question is asked from: parameters and `this` fields are returned as refs for the
 * caller to bind, so every answer is memoised. Function summaries are solved to a fixpoint over recursive groups
 * (`Fixpoint`), so the order in which functions are met does not matter. Each question has its own step budget and
 * depth bound; a cut answer says it is incomplete and is never memoised as complete.
 */
export class Tracer {
  readonly #env: AnalysisEnvironment;
  readonly #classifier: Classifier;
  readonly #sanitizers: SanitizerMatcher;
  readonly #memo = new WeakMap<TS.Node, Memo>();
  /**
   * Items that stand in for a parameter or field (its declared type, the key it is stored under), with the refs
   * they stand for: a summary leaves them out, since its callers' arguments say what the data is.
   */
  readonly #standIns = new WeakMap<DataItem, readonly Ref[]>();
  readonly #returns: Fixpoint<TS.SignatureDeclaration, Flow>;
  readonly #budget: number;
  readonly #maxDepth: number;
  readonly #passFunctions: ReadonlySet<string>;
  readonly #passConstructors: ReadonlySet<string>;
  readonly #passMethods: ReadonlySet<string>;
  readonly #joiningMethods: ReadonlySet<string>;
  readonly #mappingMethods: ReadonlySet<string>;
  readonly #elementCallbacks: ReadonlySet<string>;
  readonly #resolvedCallbacks: ReadonlySet<string>;
  readonly #maskReplacement: RegExp;
  readonly facts: FactsOptions;
  /** The run of the question being answered. */
  #run: Run | undefined;

  constructor(
    env: AnalysisEnvironment,
    classifier: Classifier,
    sanitizers: SanitizerMatcher,
    options: TracerOptions = {},
  ) {
    this.#env = env;
    this.#classifier = classifier;
    this.#sanitizers = sanitizers;
    this.#budget = options.budget ?? defaultBudget;
    this.#maxDepth = options.maxDepth ?? defaultMaxDepth;
    const platform = env.knowledge.data.platform;
    this.#passFunctions = new Set(platform.passThrough.functions);
    this.#passConstructors = new Set(platform.passThrough.constructors);
    this.#passMethods = new Set(platform.passThrough.methods);
    this.#joiningMethods = new Set(platform.passThrough.joiningMethods);
    this.#mappingMethods = new Set(platform.mappingMethods);
    this.#elementCallbacks = new Set(platform.elementCallbacks);
    this.#resolvedCallbacks = new Set(platform.resolvedCallbacks);
    this.#maskReplacement = new RegExp(platform.maskReplacement, 'iu');
    this.facts = factsOptions(env);
    this.#returns = new Fixpoint<TS.SignatureDeclaration, Flow>({
      bottom: emptyFlow,
      same: (a, b) => flowSignature(a) === flowSignature(b),
      evaluate: declaration => this.#ask(() => this.#summarize(declaration)),
    });
  }

  /** What an expression carries. */
  trace(expression: TS.Expression): TraceResult {
    const { value: flow, incomplete } = this.#ask(() => this.#visit(expression, 0, new Set()));
    return {
      items: mergeItems(flow.items),
      sanitized: dedupeSanitized(flow.sanitized),
      refs: dedupeRefs(flow.refs),
      incomplete,
    };
  }

  /** Runs one question with its own budget, restoring the outer one: summaries met on the way get their own. */
  #ask(question: () => Flow): { value: Flow; incomplete: boolean } {
    const outer = this.#run;
    const run = new Run(this.#budget);
    this.#run = run;
    try {
      const value = question();
      // A summary that used an unsettled one is evaluated again by the fixpoint; its provisional uses are not cuts.
      if (outer && run.provisional > 0) outer.provisional++;
      return { value, incomplete: run.cuts > 0 };
    } finally {
      this.#run = outer;
    }
  }

  #visit(start: TS.Expression, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const run = this.#run!;
    // Parentheses, `!`, casts and `await` change nothing: skipped in a loop, so no nesting of them costs depth.
    let node = start;
    while (
      ts.isParenthesizedExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isAwaitExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isSpreadElement(node)
    ) {
      node = node.expression;
    }
    const memo = this.#memo.get(node);
    if (memo) {
      // The same cost and depth as computing it again, so a memoised answer never makes a question look cheaper.
      run.steps += memo.cost;
      if (depth + memo.height > this.#maxDepth) run.cuts++;
      run.deepest = Math.max(run.deepest, depth + memo.height);
      return memo.flow;
    }
    if (depth > this.#maxDepth || run.steps >= run.budget) {
      run.cuts++;
      return emptyFlow();
    }
    if (active.has(node)) {
      // A value defined through itself (`x = x + 1`, mutual initializers): what it adds is found where it starts.
      run.openCycles.push(node);
      return emptyFlow();
    }
    run.steps++;
    const before = { steps: run.steps, cuts: run.cuts, provisional: run.provisional, cycles: run.openCycles.length };
    const outerDeepest = run.deepest;
    run.deepest = depth;
    active.add(node);
    let flow: Flow;
    try {
      flow = this.#compute(node, depth, active);
    } finally {
      active.delete(node);
    }
    // `let customerId: string` assigned an untyped `session.customer`: a string holds no person record, only an id.
    if (flow.items.some(item => item.record) && this.#isPrimitive(node)) flow = withoutRecords(flow);
    const height = run.deepest - depth;
    run.deepest = Math.max(outerDeepest, run.deepest);
    // Cycles cut at this node are closed here; those cut at a node still being computed above make this answer
    // depend on where the question came from, so it is not memoised.
    const opened = run.openCycles.splice(before.cycles).filter(cut => cut !== node);
    run.openCycles.push(...opened);
    if (run.cuts === before.cuts && run.provisional === before.provisional && opened.length === 0) {
      this.#memo.set(node, { flow, cost: run.steps - before.steps + 1, height });
    }
    return flow;
  }

  #compute(node: TS.Expression, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active);

    if (ts.isIdentifier(node)) return this.#identifier(node, depth, active);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      return this.#member(node, depth, active);
    }
    if (ts.isCallExpression(node)) return this.#call(node, depth, active);
    if (ts.isNewExpression(node)) {
      const name = ts.isIdentifier(node.expression) ? node.expression.text : undefined;
      if (name !== undefined && this.#passConstructors.has(name)) return union((node.arguments ?? []).map(next));
      return emptyFlow();
    }
    if (ts.isTemplateExpression(node)) {
      return scalarOnly(union(node.templateSpans.map(span => next(span.expression))));
    }
    if (ts.isTaggedTemplateExpression(node)) {
      const template = node.template;
      return ts.isTemplateExpression(template)
        ? scalarOnly(union(template.templateSpans.map(span => next(span.expression))))
        : emptyFlow();
    }
    if (ts.isBinaryExpression(node)) return this.#binary(node, next);
    if (ts.isConditionalExpression(node)) {
      // `typeof c === 'string' ? c : c.id`: the branch the check says holds a primitive holds no record.
      const primitive = typeofGuard(ts, node.condition);
      const branch = (expression: TS.Expression, checked: boolean): Flow =>
        primitive && primitive.holds === checked && sameReference(ts, expression, primitive.subject)
          ? withoutRecords(next(expression))
          : next(expression);
      return union([branch(node.whenTrue, true), branch(node.whenFalse, false)]);
    }
    if (ts.isObjectLiteralExpression(node)) return this.#objectLiteral(node, next);
    if (ts.isArrayLiteralExpression(node)) return union(node.elements.map(next));
    if (node.kind === ts.SyntaxKind.ThisKeyword) return this.#wholeThis(node);
    return emptyFlow();
  }

  /**
   * `a + b + c + …` nests to the left as deep as it is long: its operands are collected in a loop, so a generated
   * sum of thousands of terms costs no depth.
   */
  #binary(node: TS.BinaryExpression, next: (child: TS.Expression) => Flow): Flow {
    const ts = this.#env.ts;
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) {
      const operands: TS.Expression[] = [];
      let current: TS.Expression = node;
      while (
        ts.isBinaryExpression(current) &&
        (current.operatorToken.kind === ts.SyntaxKind.PlusToken ||
          current.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
      ) {
        operands.push(current.right);
        current = current.left;
      }
      operands.push(current);
      // The same text twice in one expression means the same value: each is traced once. Past a bound the rest is
      // cut (the checker's name lookups walk up the tree, so a generated sum of thousands of terms is quadratic).
      const unique = new Map<string, TS.Expression>();
      for (const operand of operands.reverse()) {
        const text = operand.getText();
        if (!unique.has(text)) unique.set(text, operand);
      }
      const traced = [...unique.values()];
      if (traced.length > maxOperands) {
        this.#run!.cuts++;
        traced.length = maxOperands;
      }
      return scalarOnly(union(traced.map(next)));
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      return union([next(node.left), next(node.right)]);
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return next(node.right);
    if (
      op === ts.SyntaxKind.EqualsToken ||
      op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      op === ts.SyntaxKind.BarBarEqualsToken
    ) {
      return next(node.right);
    }
    return emptyFlow();
  }

  #identifier(node: TS.Identifier, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const checker = this.#classifier.checker;
    if (node.text === 'undefined') return emptyFlow();
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active);
    const flows: Flow[] = [];
    const classification = this.#classifier.classifyReference(node);
    if (classification?.none) return emptyFlow();
    if (classification) flows.push(itemFlow(this.#item(node, classification)));

    let symbol = checker.getSymbolAtLocation(node);
    // `{ email }` in an object literal: the value is the variable, not the property being created.
    if (symbol && ts.isShorthandPropertyAssignment(node.parent)) {
      symbol = checker.getShorthandAssignmentValueSymbol(node.parent) ?? symbol;
    }
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      try {
        symbol = checker.getAliasedSymbol(symbol);
      } catch {
        // An alias the checker cannot resolve (untyped import): nothing more to follow.
      }
    }
    for (const decl of symbol?.declarations ?? []) {
      if (ts.isParameter(decl)) {
        flows.push(this.#parameter(decl, undefined, next));
        flows.push(this.#writes(node, symbol!, decl, next, [], true));
      } else if (ts.isBindingElement(decl)) {
        flows.push(this.#binding(decl, depth, active));
        flows.push(this.#writes(node, symbol!, decl, next, [], true));
      } else if (ts.isVariableDeclaration(decl)) {
        if (decl.initializer) {
          if (!this.#initializerOverwritten(node, symbol!, decl)) flows.push(next(decl.initializer));
        } else if (ts.isVariableDeclarationList(decl.parent) && ts.isForOfStatement(decl.parent.parent)) {
          // `for (const email of emails)`: each element of what is iterated.
          flows.push(next(decl.parent.parent.expression));
        }
        flows.push(this.#writes(node, symbol!, decl, next, [], true));
      }
    }
    const flow = union(flows);
    if (flow.items.length === 0 && !declaredScalar(ts, symbol)) {
      // No scalar evidence: a whole object whose type has personal fields (`logger.info(user)`). A value declared
      // as a string, number or date has none, and asking the checker for its type is the expensive step.
      return this.#wholeObject(node, flow, this.#keysHeld(node, symbol));
    }
    return classification ? foldIntoName(flow) : flow;
  }

  /** The keys a `const` object literal holds: those it sets and those written into it later (`base.ip = …`). */
  #keysHeld(node: TS.Identifier, symbol: TS.Symbol | undefined): ReadonlySet<string> | undefined {
    const keys = keysMadeHere(this.#env.ts, symbol);
    if (!keys) return undefined;
    const sourceFile = symbol!.valueDeclaration!.getSourceFile();
    const writes = factsOf(this.#env.ts, sourceFile, this.facts).writesByRoot.get(node.text) ?? [];
    const held = new Set(keys);
    for (const write of writes) {
      if (write.path.length === 0) continue;
      held.add(write.path[0]!);
    }
    return held;
  }

  /**
   * A parameter: a ref for the function's callers to bind, and, for the callbacks of array and promise methods, the
   * elements (`emails.forEach(e => …)`) or the resolved value (`load().then(user => …)`) of the receiver.
   */
  #parameter(decl: TS.ParameterDeclaration, property: string | undefined, next: (child: TS.Expression) => Flow): Flow {
    const ts = this.#env.ts;
    const fn = decl.parent;
    const index = fn.parameters.indexOf(decl);
    const ref: Ref = { kind: 'param', fn, index, property, rest: decl.dotDotDotToken !== undefined };
    const flows: Flow[] = [{ items: [], refs: [ref], sanitized: [] }];
    const call = fn.parent;
    if (
      index === 0 &&
      (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
      call &&
      ts.isCallExpression(call) &&
      call.arguments.includes(fn) &&
      ts.isPropertyAccessExpression(call.expression)
    ) {
      const method = call.expression.name.text;
      if (this.#elementCallbacks.has(method) || this.#resolvedCallbacks.has(method)) {
        const receiver = next(call.expression.expression);
        flows.push(property === undefined ? receiver : { ...receiver, items: receiver.items.filter(isScalarItem) });
      }
    }
    return union(flows);
  }

  /**
   * The writes into a variable after its declaration: reassignments (`email = user.email`) and, for a whole read,
   * the properties and elements written into it (`ctx.who = user.email; log(ctx)`, `list.push(email)`). A write
   * counts when it comes before the read in the same function, is in the same loop, or is in another function (which
   * may run at any time). Only the declaring file can assign a variable: imports are read-only.
   */
  #writes(
    read: TS.Node,
    symbol: TS.Symbol,
    decl: TS.Node,
    next: (child: TS.Expression) => Flow,
    path: readonly string[],
    whole: boolean,
  ): Flow {
    const ts = this.#env.ts;
    const name = ts.isIdentifier(read) ? read.text : undefined;
    if (name === undefined) return emptyFlow();
    const sourceFile = decl.getSourceFile();
    const writes = factsOf(ts, sourceFile, this.facts).writesByRoot.get(name);
    if (!writes) return emptyFlow();
    const readFn = enclosingFunction(ts, read);
    const seen: { write: WriteFact; value: TS.Expression }[] = [];
    for (const write of writes) {
      if (!pathApplies(write.path, path, whole)) continue;
      if (!this.#seenBy(write, read, readFn, sourceFile)) continue;
      const root = locate(ts, sourceFile, write.rootAt);
      if (!root || this.#resolved(root) !== symbol) continue;
      const value = locate(ts, sourceFile, write.value) as TS.Expression | undefined;
      if (!value) continue;
      seen.push({ write, value });
    }
    const readStart = read.getStart(sourceFile);
    const live = seen.filter(
      ({ write }) => !seen.some(later => overwrites(ts, sourceFile, later.write, write, readStart)),
    );
    return union(live.map(({ write, value }) => this.#written(value, write, next)));
  }

  /** `let changes = diff(a, b); changes = redact(changes); log(changes)`: the first value never reaches the read. */
  #initializerOverwritten(read: TS.Identifier, symbol: TS.Symbol, decl: TS.VariableDeclaration): boolean {
    const ts = this.#env.ts;
    if (!ts.isVariableDeclarationList(decl.parent) || decl.parent.flags & ts.NodeFlags.Const) return false;
    const sourceFile = decl.getSourceFile();
    if (read.getSourceFile() !== sourceFile || read.pos < decl.end) return false;
    const writes = factsOf(ts, sourceFile, this.facts).writesByRoot.get(read.text);
    if (!writes) return false;
    const fn = enclosingFunction(ts, decl);
    const declared = {
      at: { pos: decl.pos, end: decl.end, kind: decl.kind },
      fn: fn ? { pos: fn.pos, end: fn.end, kind: fn.kind } : undefined,
      path: [],
      by: 'assignment',
    } as unknown as WriteFact;
    const readStart = read.getStart(sourceFile);
    return writes.some(write => {
      if (!overwrites(ts, sourceFile, write, declared, readStart)) return false;
      const root = locate(ts, sourceFile, write.rootAt);
      return root !== undefined && this.#resolved(root) === symbol;
    });
  }

  /**
   * What a write puts where it is read: the value, or its property for a destructuring write. A value written deeper
   * than what is read (`ctx.user.email = v` read as `ctx.user`) is part of what is read.
   */
  #written(value: TS.Expression, write: WriteFact, next: (child: TS.Expression) => Flow): Flow {
    if (write.valueProperty !== undefined) {
      const classification = this.#propertyOfValue(value, write.valueProperty);
      return union([next(value), ...(classification ? [itemFlow(classification)] : [])]);
    }
    return next(value);
  }

  /** `({ email: to } = user)`: the property `email` of `user`, classified by its declaration. */
  #propertyOfValue(value: TS.Expression, property: string): DataItem | undefined {
    const checker = this.#classifier.checker;
    const symbol = checker.getPropertyOfType(checker.getTypeAtLocation(value), property);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl || !isDataDeclaration(this.#env.ts, decl)) return undefined;
    const classification = this.#classifier.classifyDeclaration(decl);
    if (!classification || classification.none) return undefined;
    return { ...this.#item(value, classification), text: `${shorten(value.getText())}.${property}` };
  }

  #seenBy(write: WriteFact, read: TS.Node, readFn: TS.Node | undefined, sourceFile: TS.SourceFile): boolean {
    const sameFunction =
      readFn === undefined
        ? write.fn === undefined
        : write.fn !== undefined && write.fn.pos === readFn.pos && write.fn.end === readFn.end;
    if (!sameFunction) return true;
    if (write.at.end <= read.getStart(sourceFile)) return true;
    return write.loop !== undefined && write.loop.pos <= read.pos && read.end <= write.loop.end;
  }

  #resolved(node: TS.Node): TS.Symbol | undefined {
    const ts = this.#env.ts;
    const checker = this.#classifier.checker;
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && ts.isShorthandPropertyAssignment(node.parent)) {
      symbol = checker.getShorthandAssignmentValueSymbol(node.parent) ?? symbol;
    }
    return symbol;
  }

  /** `const { email } = user`, `function f({ email })`: the bound property of the destructured value. */
  #binding(decl: TS.BindingElement, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active);
    const pattern = decl.parent;
    const holder = pattern.parent;
    const property = propertyNameText(ts, decl.propertyName ?? decl.name);
    if (ts.isParameter(holder)) {
      if (!ts.isObjectBindingPattern(pattern)) return emptyFlow();
      return this.#parameter(holder, property, next);
    }
    if (ts.isVariableDeclaration(holder) && holder.initializer) {
      if (ts.isArrayBindingPattern(pattern)) return next(holder.initializer);
      if (property !== undefined) return this.#property(holder.initializer, property, depth, active);
    }
    return emptyFlow();
  }

  /** What `expression.name` carries, read through object literals that the expression resolves to. */
  #property(expression: TS.Expression, name: string, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active);
    let target: TS.Expression = expression;
    while (ts.isParenthesizedExpression(target) || ts.isAwaitExpression(target) || ts.isAsExpression(target)) {
      target = target.expression;
    }
    if (ts.isObjectLiteralExpression(target)) {
      for (const property of target.properties) {
        if (propertyNameText(ts, property.name) !== name) continue;
        if (ts.isPropertyAssignment(property)) return next(property.initializer);
        if (ts.isShorthandPropertyAssignment(property)) return next(property.name);
      }
      return emptyFlow();
    }
    if (ts.isIdentifier(target)) {
      const symbol = this.#classifier.checker.getSymbolAtLocation(target);
      const decl = symbol?.declarations?.[0];
      const flows: Flow[] = [];
      if (
        decl &&
        ts.isVariableDeclaration(decl) &&
        decl.initializer &&
        ts.isObjectLiteralExpression(decl.initializer)
      ) {
        flows.push(this.#property(decl.initializer, name, depth + 1, active));
      }
      if (decl && ts.isParameter(decl)) flows.push(this.#parameter(decl, name, next));
      // `ctx.who = user.email; log(ctx.who)`: what was written into that property.
      if (symbol && decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl))) {
        flows.push(this.#writes(target, symbol, decl, next, [name], false));
      }
      return union(flows);
    }
    // Otherwise the property's declaration decides (found through the checker, by type or by name).
    return emptyFlow();
  }

  #member(node: TS.PropertyAccessExpression | TS.ElementAccessExpression, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active);
    const classification = this.#classifier.classifyReference(node);
    if (classification?.none) return emptyFlow();
    const flows: Flow[] = [];
    if (classification) flows.push(itemFlow(this.#item(node, classification)));
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(ts, node.argumentExpression);
    if (name !== undefined) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const field = this.#thisField(node, name, next);
        // A classified `this.email` is one item: what was written there adds refs, not a second item.
        flows.push(classification ? { ...field, items: [] } : field);
      } else if (!classification) {
        // Read through object literals and parameters only when the member's own declaration said nothing: a
        // classified `u.contact` needs no second item for the argument's `contact`.
        flows.push(this.#property(node.expression, name, depth, active));
      }
    } else if (ts.isElementAccessExpression(node)) {
      // `emails[i]`: an element of a list carries what the list carries.
      const type = this.#classifier.checker.getTypeAtLocation(node.expression);
      if (this.#classifier.checker.isArrayType(type) || this.#classifier.checker.isTupleType(type)) {
        flows.push(next(node.expression));
      }
    }
    const flow = union(flows);
    if (flow.items.length === 0 && !classification) {
      const nameNode = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
      const symbol = this.#classifier.checker.getSymbolAtLocation(nameNode);
      // `profile.contact` where `get contact() { return this.member.email; }`: what the getter returns.
      const getter = projectGetter(ts, symbol);
      if (getter) {
        const returned = this.#getterAt(getter);
        if (returned.items.length > 0 || returned.sanitized.length > 0) return union([flow, returned]);
      }
      // A member declared as a scalar (`id: string`) carries no fields; the checker's type is not asked for it.
      if (declaredScalar(ts, symbol)) return flow;
      return this.#wholeObject(node, flow);
    }
    return flow;
  }

  /** A read of a project getter: what its returns carry, as for a call of a function with no parameters. */
  #getterAt(getter: TS.GetAccessorDeclaration): Flow {
    const run = this.#run!;
    const summary = this.#returns.get(getter);
    if (summary.provisional) run.provisional++;
    if (summary.incomplete) run.cuts++;
    const sourceFile = getter.getSourceFile();
    const line = sourceFile.getLineAndCharacterOfPosition(getter.getStart(sourceFile)).line + 1;
    const owner = getter.parent && 'name' in getter.parent ? (getter.parent.name as TS.Node | undefined) : undefined;
    const name = propertyNameText(this.#env.ts, getter.name) ?? 'getter';
    const shown = owner && this.#env.ts.isIdentifier(owner) ? `${owner.text}.${name}` : name;
    const step = `returned by the getter \`${shown}\` (${relativePath(this.#env.rootDir, sourceFile.fileName)}:${line})`;
    return {
      items: summary.value.items.map(item => withStep(item, step)),
      refs: [],
      sanitized: summary.value.sanitized,
    };
  }

  /**
   * A value with no scalar evidence, read whole: its type's personal fields (`User` carries `email`), or, untyped, a
   * person record by name. When the value comes from a parameter or field, the item stands for what the declared
   * type says; a summary of the function leaves it out, since its callers' arguments say it better.
   */
  #wholeObject(node: TS.Expression, flow: Flow, keys?: ReadonlySet<string>): Flow {
    // What a sanitizer returned (`redactPii(user)`) keeps its type but not its contents: the type says nothing then.
    if (flow.sanitized.length > 0) return flow;
    let typeData = this.#classifier.typeDataOf(node);
    if (typeData && keys) {
      const fields = typeData.fields.filter(field => keys.has(field.path.split('.')[0]!));
      typeData = fields.length > 0 ? { ...typeData, fields } : undefined;
      if (!typeData) return flow;
    }
    const item = typeData ? this.#objectItem(node, typeData) : this.#recordItem(node);
    if (!item) return flow;
    if (flow.refs.length > 0) this.#standIns.set(item, flow.refs);
    return union([flow, itemFlow(item)]);
  }

  /**
   * `this.email` in a class: a ref to the field (what a constructor or setter assigns there, bound by their
   * callers), the field's initializer, and what any method of the class writes into it.
   */
  #thisField(
    node: TS.PropertyAccessExpression | TS.ElementAccessExpression,
    name: string,
    next: (child: TS.Expression) => Flow,
  ): Flow {
    const ts = this.#env.ts;
    const owner = enclosingClass(ts, node);
    if (!owner) return emptyFlow();
    const flows: Flow[] = [{ items: [], refs: [{ kind: 'field', owner, name }], sanitized: [] }];
    for (const member of owner.members) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(ts, member.name) === name && member.initializer) {
        const init = member.initializer;
        if (!ts.isArrowFunction(init) && !ts.isFunctionExpression(init)) flows.push(next(init));
      }
    }
    const sourceFile = owner.getSourceFile();
    for (const write of factsOf(ts, sourceFile, this.facts).writesByRoot.get('this') ?? []) {
      if (write.path[0] !== name || write.at.pos < owner.pos || write.at.end > owner.end) continue;
      const root = locate(ts, sourceFile, write.rootAt);
      if (!root || enclosingClass(ts, root) !== owner) continue;
      const value = locate(ts, sourceFile, write.value) as TS.Expression | undefined;
      if (value) flows.push(this.#written(value, write, next));
    }
    return union(flows);
  }

  /** `this` as a whole (`logger.info(this)`): an object whose type may have personal fields. */
  #wholeThis(node: TS.Expression): Flow {
    const typeData = this.#classifier.typeDataOf(node);
    return typeData ? itemFlow(this.#objectItem(node, typeData)) : emptyFlow();
  }

  #call(node: TS.CallExpression, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active);
    const sanitizer = this.#sanitizers.sanitizerOf(node);
    if (sanitizer !== undefined) {
      const inner = union(node.arguments.map(next));
      const receiver = ts.isPropertyAccessExpression(node.expression) ? next(node.expression.expression) : emptyFlow();
      const all = union([inner, receiver]);
      return {
        items: [],
        refs: [],
        sanitized: [
          ...all.sanitized,
          ...all.items.map(item => ({ text: item.text, sanitizer, categories: item.categories })),
        ],
      };
    }
    const callee = node.expression;
    const calleeText = dottedName(ts, callee);
    if (calleeText !== undefined && this.#passFunctions.has(calleeText)) return union(node.arguments.map(next));

    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'replace') {
        const replacement = node.arguments[1];
        if (replacement && ts.isStringLiteralLike(replacement) && this.#maskReplacement.test(replacement.text)) {
          const masked = next(callee.expression);
          return {
            items: [],
            refs: [],
            sanitized: [
              ...masked.sanitized,
              ...masked.items.map(item => ({ text: item.text, sanitizer: 'replace', categories: item.categories })),
            ],
          };
        }
        return next(callee.expression);
      }
      if (this.#passMethods.has(method)) return next(callee.expression);
      if (this.#joiningMethods.has(method)) return union([next(callee.expression), ...node.arguments.map(next)]);
      if (this.#mappingMethods.has(method)) {
        const mapper = node.arguments[0];
        if (mapper && (ts.isArrowFunction(mapper) || ts.isFunctionExpression(mapper))) {
          return union(this.#returnedExpressions(mapper).map(next));
        }
        return emptyFlow();
      }
    }

    // A function of the project: what its returns carry, with arguments flowing through parameters it returns.
    const declaration = calledFunction(ts, this.#classifier.checker, callee);
    if (declaration) return this.#summaryAt(node, declaration, depth, active);

    // A call nothing resolves (untyped, a library): its name may say what it returns (`getEmail()`).
    return this.#getterByName(node, calleeText);
  }

  /** A call of a project function: its summary, with the arguments its returned parameters stand for. */
  #summaryAt(node: TS.CallExpression, declaration: TS.SignatureDeclaration, depth: number, active: Set<TS.Node>): Flow {
    const run = this.#run!;
    const summary = this.#returns.get(declaration);
    if (summary.provisional) run.provisional++;
    if (summary.incomplete) run.cuts++;
    const step = this.#returnStep(declaration, node.expression);
    const flows: Flow[] = [
      {
        items: summary.value.items.map(item => withStep(item, step)),
        refs: [],
        sanitized: summary.value.sanitized,
      },
    ];
    for (const ref of summary.value.refs) {
      if (ref.kind !== 'param' || ref.fn !== declaration) continue;
      const args = ref.rest ? node.arguments.slice(ref.index) : node.arguments.slice(ref.index, ref.index + 1);
      for (const arg of args) {
        flows.push(
          ref.property === undefined
            ? this.#visit(arg, depth + 1, active)
            : this.#argumentProperty(arg, ref.property, depth, active),
        );
      }
    }
    return union(flows);
  }

  /** What a function's returns carry, its own parameters kept as refs: one evaluation for the fixpoint. */
  #summarize(declaration: TS.SignatureDeclaration): Flow {
    const flow = union(this.#returnedExpressions(declaration).map(expression => this.#visit(expression, 0, new Set())));
    const ownParam = (ref: Ref): boolean => ref.kind === 'param' && ref.fn === declaration;
    return {
      items: mergeItems(flow.items.filter(item => !this.#standIns.get(item)?.some(ownParam))),
      refs: dedupeRefs(flow.refs.filter(ref => ref.kind === 'param' && ref.fn === declaration)),
      sanitized: dedupeSanitized(flow.sanitized),
    };
  }

  #returnedExpressions(fn: TS.SignatureDeclaration): TS.Expression[] {
    const ts = this.#env.ts;
    const sourceFile = fn.getSourceFile();
    const spans = factsOf(ts, sourceFile, this.facts).returnsByFunction.get(
      spanKey({ pos: fn.pos, end: fn.end, kind: fn.kind }),
    );
    const out: TS.Expression[] = [];
    for (const span of spans ?? []) {
      const expression = locate(ts, sourceFile, span) as TS.Expression | undefined;
      if (expression) out.push(expression);
    }
    return out;
  }

  #getterByName(node: TS.CallExpression, calleeText: string | undefined): Flow {
    const ts = this.#env.ts;
    const callee = node.expression;
    const name = calleeText?.split('.').pop();
    if (name === undefined) return emptyFlow();
    const getter = /^(?:get|fetch|load|find|read|lookup|retrieve)_?(.+)$/u.exec(
      name.replace(/^([a-z]+)([A-Z])/u, '$1_$2'),
    );
    if (!getter) return emptyFlow();
    const match = this.#env.knowledge.names.match(getter[1]!, {
      owner: ts.isPropertyAccessExpression(callee) ? expressionName(ts, callee.expression) : undefined,
    });
    if (!match) return emptyFlow();
    return itemFlow({
      text: shorten(node.getText(node.getSourceFile())),
      categories: [match.category],
      evidence: [
        {
          source: 'name',
          category: match.category,
          symbol: name,
          detail: `\`${name}()\` reads as returning ${match.category}`,
        },
      ],
      fields: [],
      declared: false,
      steps: [],
      ...this.#fileOf(node),
    });
  }

  /** `f(user)` where `f` returns `arg.email`: the `email` of the argument. */
  #argumentProperty(arg: TS.Expression, property: string, depth: number, active: Set<TS.Node>): Flow {
    const ts = this.#env.ts;
    const read = this.#property(arg, property, depth, active);
    const literal = skipOuter(ts, arg);
    if (ts.isObjectLiteralExpression(literal)) {
      // An object written here says what its property holds; the declared type speaks only when the value did not.
      if (read.items.length > 0) return read;
      // A property the object does not set is absent, whatever its type declares (the callee's default applies), and
      // one set to a constant holds that constant: `{ ipAddress: UNKNOWN }` is no IP address.
      const own = ownProperty(ts, literal, property);
      if (own === 'absent' || (own !== 'unknown' && isConstantValue(ts, own, this.#classifier.checker))) return read;
    }
    const flows = [read];
    const checker = this.#classifier.checker;
    const symbol = checker.getPropertyOfType(checker.getTypeAtLocation(arg), property);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (decl && isDataDeclaration(this.#env.ts, decl)) {
      const classification = this.#classifier.classifyDeclaration(decl);
      if (classification && !classification.none) {
        flows.push(
          itemFlow({
            ...this.#item(arg, classification),
            text: `${shorten(arg.getText(arg.getSourceFile()))}.${property}`,
          }),
        );
      }
    }
    return union(flows);
  }

  /**
   * What an argument carries into a parameter: the argument itself, or only its `property` when the function reads
   * one (`function f({ email })`, `function f(u) { log(u.email) }`). For binding a caller's arguments to a summary.
   */
  argument(arg: TS.Expression, property: string | undefined): TraceResult {
    if (property === undefined) return this.trace(arg);
    const { value: flow, incomplete } = this.#ask(() => this.#argumentProperty(arg, property, 0, new Set()));
    return {
      items: mergeItems(flow.items),
      sanitized: dedupeSanitized(flow.sanitized),
      refs: dedupeRefs(flow.refs),
      incomplete,
    };
  }

  /**
   * Whether a sink's trace already reports what a ref brings: the ref is personal data by its own declaration, or
   * an item stands in for it (its declared type, the key it is stored under). Callers are then not told again.
   */
  covers(result: TraceResult, ref: Ref): boolean {
    const key = refKey(ref);
    if (result.items.some(item => this.#standIns.get(item)?.some(standIn => refKey(standIn) === key))) return true;
    return this.refCarriesData(ref);
  }

  /**
   * Whether what a parameter or field is declared as is personal data by itself (`email: string`, `u: User`, a
   * tagged field): a sink that receives it reports it where it stands, so its callers need not report it again.
   */
  refCarriesData(ref: Ref): boolean {
    const ts = this.#env.ts;
    let decl: TS.Node | undefined;
    if (ref.kind === 'param') {
      const param = ref.fn.parameters[ref.index];
      if (!param) return false;
      decl = param;
      if (ref.property !== undefined) {
        if (!ts.isObjectBindingPattern(param.name)) return false;
        decl = param.name.elements.find(
          element => propertyNameText(ts, element.propertyName ?? element.name) === ref.property,
        );
      }
    } else {
      decl = ref.owner.members.find(member => propertyNameText(ts, member.name) === ref.name);
    }
    if (!decl || !isDataDeclaration(ts, decl)) return false;
    const classification = this.#classifier.classifyDeclaration(decl);
    if (classification) return !classification.none;
    const name = (decl as { name?: TS.Node }).name;
    return name !== undefined && ts.isIdentifier(name) && this.#classifier.typeDataOf(name) !== undefined;
  }

  #returnStep(declaration: TS.SignatureDeclaration, callee: TS.Expression): string {
    const ts = this.#env.ts;
    const name = dottedName(ts, callee) ?? 'function';
    const sourceFile = declaration.getSourceFile();
    const line = sourceFile.getLineAndCharacterOfPosition(declaration.getStart(sourceFile)).line + 1;
    return `returned by \`${name}()\` (${relativePath(this.#env.rootDir, sourceFile.fileName)}:${line})`;
  }

  #objectLiteral(node: TS.ObjectLiteralExpression, next: (child: TS.Expression) => Flow): Flow {
    const ts = this.#env.ts;
    const flows: Flow[] = [];
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const valueFlow = next(property.initializer);
        flows.push(valueFlow);
        // `{ email: form.value }`: the key says what an unclassified value read from elsewhere is. A value built
        // here (a literal, a template of non-personal parts) is what the trace says it is.
        // A value from a parameter gets its key's item too; a summary leaves it out for its callers to say.
        if (valueFlow.items.length === 0 && valueFlow.sanitized.length === 0 && isReference(ts, property.initializer)) {
          const keyed = this.#keyItem(property);
          if (keyed) {
            if (valueFlow.refs.length > 0) this.#standIns.set(keyed, valueFlow.refs);
            flows.push(itemFlow(keyed));
          }
        }
      } else if (ts.isShorthandPropertyAssignment(property)) {
        flows.push(next(property.name));
      } else if (ts.isSpreadAssignment(property)) {
        flows.push(next(property.expression));
      }
    }
    return union(flows);
  }

  #keyItem(property: TS.PropertyAssignment): DataItem | undefined {
    const ts = this.#env.ts;
    const name = propertyNameText(ts, property.name);
    if (name === undefined) return undefined;
    const classification = this.#classifier.classifyDeclaration(property);
    if (!classification || classification.none) return undefined;
    return this.#item(property.initializer, classification, name);
  }

  #item(node: TS.Node, classification: Classification, label?: string): DataItem {
    const text = shorten(node.getText(node.getSourceFile()));
    return {
      text: label === undefined ? text : `${label}: ${text}`,
      categories: classification.categories,
      evidence: classification.evidence,
      fields: [],
      declared: classification.declared,
      steps: [],
      ...this.#fileOf(node),
    };
  }

  #objectItem(node: TS.Node, typeData: TypeData): DataItem {
    const fields = typeData.fields;
    const categories = new Set<string>(typeData.typeTag?.categories ?? []);
    for (const field of fields) for (const category of field.classification.categories) categories.add(category);
    const evidence = [...(typeData.typeTag?.evidence ?? []), ...fields.flatMap(field => field.classification.evidence)];
    return {
      text: shorten(node.getText(node.getSourceFile())),
      categories: [...categories].sort(),
      evidence,
      fields: fields.map(field => field.path),
      declared: Boolean(typeData.typeTag?.declared) || fields.some(field => field.classification.declared),
      steps: [],
      ...this.#fileOf(node),
    };
  }

  /** Whether the checker knows a value is a string, number, boolean or the like, and nothing else. */
  #isPrimitive(node: TS.Expression): boolean {
    const ts = this.#env.ts;
    const primitive =
      ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike;
    const type = this.#classifier.checker.getTypeAtLocation(node);
    const parts = type.isUnion() ? type.types : [type];
    const empty = ts.TypeFlags.Undefined | ts.TypeFlags.Null;
    return parts.some(part => part.flags & primitive) && parts.every(part => part.flags & (primitive | empty));
  }

  /**
   * `user`, `currentCustomer`, `req.user` of a type nobody knows: a person record. Only when the checker has no type
   * for it (any, an unresolved import); a known type without personal fields is not personal data.
   */
  #recordItem(node: TS.Expression): DataItem | undefined {
    const ts = this.#env.ts;
    const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
    if (name === undefined || !this.#env.knowledge.names.isPersonRecord(name)) return undefined;
    const type = this.#classifier.checker.getTypeAtLocation(node);
    if (!(type.flags & ts.TypeFlags.Any)) return undefined;
    // A validated input whose schema says it holds scalars (`recipients: z.array(z.number())`: ids) holds no record,
    // nor one whose schema spells out objects without a personal field (`z.array(z.object({ memberId, role }))`).
    const field = this.#classifier.schemaFieldOf(node);
    const kind = field?.kind;
    if (kind !== undefined && kind !== 'object' && kind !== 'unknown') return undefined;
    if (field?.object && !this.#classifier.schemaObjectHoldsData(field.object)) return undefined;
    return {
      text: shorten(node.getText(node.getSourceFile())),
      categories: [],
      evidence: [{ source: 'name', category: 'unknown', symbol: name, detail: `\`${name}\` names a person record` }],
      fields: [],
      record: true,
      declared: false,
      steps: [],
      ...this.#fileOf(node),
    };
  }

  #fileOf(node: TS.Node): { file: string; line: number } {
    const sourceFile = node.getSourceFile();
    return {
      file: relativePath(this.#env.rootDir, sourceFile.fileName),
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
    };
  }
}

/** What the fact extractor takes from the knowledge base, built once per knowledge base. */
export function factsOptions(env: AnalysisEnvironment): FactsOptions {
  const data = env.knowledge.data;
  let options = factsOptionsByKnowledge.get(data);
  if (!options) {
    options = {
      mutators: new Map(data.platform.mutators.map(entry => [entry.method, entry.args] as const)),
      levelOptions: new Set(data.loggers.loggers.flatMap(logger => logger.levelOptions ?? [])),
    };
    factsOptionsByKnowledge.set(data, options);
  }
  return options;
}

const factsOptionsByKnowledge = new WeakMap<object, FactsOptions>();

/**
 * The project function a callee names, with a body: a function or method declaration, an arrow or function
 * expression stored in a variable, an object property or a class field. Library functions (declaration files) are
 * not followed.
 */
export function calledFunction(
  ts: typeof TS,
  checker: TS.TypeChecker,
  callee: TS.Expression,
): TS.SignatureDeclaration | undefined {
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const symbol = resolveAlias(ts, checker, checker.getSymbolAtLocation(nameNode));
  for (const decl of symbol?.declarations ?? []) {
    if (decl.getSourceFile().isDeclarationFile) continue;
    if (
      (ts.isFunctionDeclaration(decl) ||
        ts.isMethodDeclaration(decl) ||
        ts.isGetAccessorDeclaration(decl) ||
        ts.isConstructorDeclaration(decl)) &&
      decl.body
    ) {
      return decl;
    }
    if (
      (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)) &&
      decl.initializer
    ) {
      const init = decl.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    // `return { capture }` from a hook: the local function the shorthand property holds.
    if (ts.isShorthandPropertyAssignment(decl)) {
      for (const value of checker.getShorthandAssignmentValueSymbol(decl)?.declarations ?? []) {
        if (ts.isFunctionDeclaration(value) && value.body) return value;
        if (ts.isVariableDeclaration(value) && value.initializer) {
          const init = value.initializer;
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
        }
      }
    }
  }
  return undefined;
}

/** Whether a written path is what a read sees: the same path, a deeper one, or (whole reads) anything inside. */
function pathApplies(written: readonly string[], read: readonly string[], whole: boolean): boolean {
  if (whole) return true;
  if (written.length < read.length) return false;
  return read.every((step, index) => written[index] === step);
}

function enclosingFunction(ts: typeof TS, node: TS.Node): TS.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && (current as { body?: TS.Node }).body) return current;
  }
  return undefined;
}

function enclosingClass(ts: typeof TS, node: TS.Node): TS.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    // `this` inside a plain function or an object method is not the class instance.
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
    if (ts.isClassLike(current)) return current;
  }
  return undefined;
}

/**
 * `const email = profile.email ?? token.email; log(email)`: one item for `email`, not three. The name's item is
 * first in the flow; the items it was assigned from add their categories, their stronger evidence (a tag beats a
 * name) and a step saying where the value came from.
 */
function foldIntoName(flow: Flow): Flow {
  const [own, ...rest] = flow.items;
  if (!own || rest.length === 0) return flow;
  const sources = rest.filter(item => item.fields.length === 0 && !item.record);
  if (sources.length === 0) return flow;
  const declared = [...sources, own].filter(item => item.declared);
  const evidence = [
    ...declared.flatMap(item => item.evidence),
    ...own.evidence,
    ...sources.flatMap(item => item.evidence),
  ];
  const seen = new Set<string>();
  const folded: DataItem = {
    ...own,
    categories: [...new Set([...own.categories, ...sources.flatMap(item => item.categories)])].sort(),
    evidence: evidence.filter(entry => {
      const key = `${entry.source}|${entry.category}|${entry.symbol}|${entry.file ?? ''}|${entry.line ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    declared: own.declared || declared.length > 0,
    steps: [
      ...new Set([
        `from ${sources
          .slice(0, 3)
          .map(item => `\`${item.text}\``)
          .join(', ')}`,
        ...sources.flatMap(item => item.steps),
      ]),
    ],
  };
  return {
    items: [folded, ...rest.filter(item => item.fields.length > 0)],
    refs: flow.refs,
    sanitized: flow.sanitized,
  };
}

function itemFlow(item: DataItem): Flow {
  return { items: [item], refs: [], sanitized: [] };
}

function union(flows: readonly Flow[]): Flow {
  if (flows.length === 1) return flows[0]!;
  const out = emptyFlow();
  for (const flow of flows) {
    out.items.push(...flow.items);
    out.refs.push(...flow.refs);
    out.sanitized.push(...flow.sanitized);
  }
  return out;
}

function isScalarItem(item: DataItem): boolean {
  return item.fields.length === 0 && !item.record;
}

/**
 * A whole object in a template or a concatenation prints as `[object Object]`: only its scalar values leak there.
 * `JSON.stringify(user)` is different, and keeps the object.
 */
/**
 * Whether `later` replaces what `earlier` wrote before a read at `readStart` can see it: both are in one function
 * before the read, `later` is a plain `x = …` of the whole variable standing as a statement of a block that holds
 * `earlier`, so it runs whenever `earlier` did (`changes = diff(a, b); changes = redact(changes);`).
 */
function overwrites(
  ts: typeof TS,
  sourceFile: TS.SourceFile,
  later: WriteFact,
  earlier: WriteFact,
  readStart: number,
): boolean {
  if (later === earlier || later.path.length > 0 || later.by !== 'assignment') return false;
  if (later.at.pos < earlier.at.end || later.at.end > readStart) return false;
  if (later.fn?.pos !== earlier.fn?.pos || later.fn?.end !== earlier.fn?.end) return false;
  const assignment = locate(ts, sourceFile, later.at);
  if (
    !assignment ||
    !ts.isBinaryExpression(assignment) ||
    assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    !ts.isExpressionStatement(assignment.parent)
  ) {
    return false;
  }
  const block = assignment.parent.parent;
  const isBlock = ts.isBlock(block) || ts.isSourceFile(block) || ts.isCaseClause(block) || ts.isDefaultClause(block);
  return isBlock && block.pos <= earlier.at.pos && earlier.at.end <= block.end;
}

/**
 * A property of an object literal: its value, `'absent'` when the literal surely has no such property (no spread,
 * no computed key could add it), or `'unknown'`.
 */
function ownProperty(
  ts: typeof TS,
  literal: TS.ObjectLiteralExpression,
  property: string,
): TS.Expression | 'absent' | 'unknown' {
  let value: TS.Expression | 'absent' | 'unknown' = 'absent';
  for (const element of literal.properties) {
    if (ts.isSpreadAssignment(element)) value = 'unknown';
    else if (element.name && ts.isComputedPropertyName(element.name)) value = 'unknown';
    else if (propertyNameText(ts, element.name) === property) {
      value = ts.isPropertyAssignment(element)
        ? element.initializer
        : ts.isShorthandPropertyAssignment(element)
          ? element.name
          : 'unknown';
    }
  }
  return value;
}

/** A literal, or a `const` whose initializer is one (`const UNKNOWN = 'unknown'`): a value no person gave. */
function isConstantValue(ts: typeof TS, expression: TS.Expression, checker: TS.TypeChecker, depth = 0): boolean {
  const node = skipOuter(ts, expression);
  if (isLiteralValue(ts, node)) return true;
  if (depth > 4 || !(ts.isIdentifier(node) || ts.isPropertyAccessExpression(node))) return false;
  const symbol = resolveAlias(ts, checker, checker.getSymbolAtLocation(node));
  const decl = symbol?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  if (!ts.isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return false;
  return isConstantValue(ts, decl.initializer, checker, depth + 1);
}

/**
 * A `const` whose value is an object literal written here (`const base: LogFields = { path, auth: null }`): the keys
 * it sets, since it holds those and not every field its annotation declares (what it spreads is traced on its own).
 * Undefined for any other variable, or when a computed key could set any field.
 */
function keysMadeHere(ts: typeof TS, symbol: TS.Symbol | undefined): ReadonlySet<string> | undefined {
  const decl = symbol?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  if (!ts.isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return undefined;
  const literal = skipOuter(ts, decl.initializer);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const keys = new Set<string>();
  for (const element of literal.properties) {
    if (ts.isSpreadAssignment(element)) continue;
    const name = propertyNameText(ts, element.name);
    if (name === undefined) return undefined;
    keys.add(name);
  }
  return keys;
}

function withoutRecords(flow: Flow): Flow {
  return { items: flow.items.filter(item => !item.record), refs: flow.refs, sanitized: flow.sanitized };
}

const primitiveTypeofs = new Set(['string', 'number', 'bigint', 'boolean', 'symbol']);

/**
 * `typeof x === 'string'` (or `!==`, either side): what it checks, and whether the condition being true means `x`
 * is a primitive. Undefined for any other condition.
 */
function typeofGuard(ts: typeof TS, condition: TS.Expression): { subject: TS.Expression; holds: boolean } | undefined {
  let node = condition;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (!ts.isBinaryExpression(node)) return undefined;
  const op = node.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !unequal) return undefined;
  const [check, literal] = ts.isTypeOfExpression(node.left) ? [node.left, node.right] : [node.right, node.left];
  if (!ts.isTypeOfExpression(check) || !ts.isStringLiteralLike(literal) || !primitiveTypeofs.has(literal.text)) {
    return undefined;
  }
  return { subject: check.expression, holds: equal };
}

/** Whether two expressions name the same thing the same way (`session.customer` twice, `a?.b` and `a.b`). */
function sameReference(ts: typeof TS, a: TS.Expression, b: TS.Expression): boolean {
  const strip = (node: TS.Expression): TS.Expression => {
    let current = node;
    while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
    return current;
  };
  const left = strip(a);
  const right = strip(b);
  if (ts.isIdentifier(left) && ts.isIdentifier(right)) return left.text === right.text;
  if (ts.isPropertyAccessExpression(left) && ts.isPropertyAccessExpression(right)) {
    return left.name.text === right.name.text && sameReference(ts, left.expression, right.expression);
  }
  return left.kind === ts.SyntaxKind.ThisKeyword && right.kind === ts.SyntaxKind.ThisKeyword;
}

function scalarOnly(flow: Flow): Flow {
  if (flow.items.every(isScalarItem)) return flow;
  return { items: flow.items.filter(isScalarItem), refs: flow.refs, sanitized: flow.sanitized };
}

function withStep(item: DataItem, step: string): DataItem {
  return { ...item, steps: [...item.steps, step] };
}

/** Items that read the same expression merge their categories and evidence; the result is in a fixed order. */
function mergeItems(items: readonly DataItem[]): DataItem[] {
  const byText = new Map<string, DataItem>();
  for (const item of items) {
    const key = itemKey(item);
    const existing = byText.get(key);
    if (!existing) {
      byText.set(key, item);
      continue;
    }
    const declared = existing.declared || item.declared;
    byText.set(key, {
      ...existing,
      categories: [...new Set([...existing.categories, ...item.categories])].sort(),
      evidence: declared
        ? [...existing.evidence, ...item.evidence].filter(evidence => evidence.source !== 'name' || !declared)
        : [...existing.evidence, ...item.evidence],
      fields: [...new Set([...existing.fields, ...item.fields])],
      declared,
      steps: shorterSteps(existing.steps, item.steps),
    });
  }
  return [...byText.values()];
}

/**
 * The shorter of two ways the same data arrived (the most direct), and of two as long the first in text order: never
 * the order they were found in, so recursive summaries settle on the same words whatever the order.
 */
function shorterSteps(a: readonly string[], b: readonly string[]): readonly string[] {
  if (a.length !== b.length) return a.length < b.length ? a : b;
  return a.join('\u0000') <= b.join('\u0000') ? a : b;
}

function itemKey(item: DataItem): string {
  return `${item.file}:${item.line}:${item.text}`;
}

function dedupeSanitized(uses: readonly SanitizedUse[]): SanitizedUse[] {
  const seen = new Set<string>();
  return uses.filter(use => {
    const key = `${use.text}|${use.sanitizer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function refKey(ref: Ref): string {
  return ref.kind === 'param'
    ? `p:${ref.fn.pos}:${ref.fn.end}:${ref.index}:${ref.property ?? ''}`
    : `f:${ref.owner.pos}:${ref.owner.end}:${ref.name}`;
}

function dedupeRefs(refs: readonly Ref[]): Ref[] {
  const seen = new Map<string, Ref>();
  for (const ref of refs) if (!seen.has(refKey(ref))) seen.set(refKey(ref), ref);
  return [...seen.values()];
}

/** What a summary says, as one string: the fixpoint compares evaluations by it. */
function flowSignature(flow: Flow): string {
  const items = flow.items.map(item => `${itemKey(item)}:${item.categories.join(',')}:${item.fields.join(',')}`).sort();
  const refs = flow.refs.map(refKey).sort();
  const sanitized = flow.sanitized.map(use => `${use.text}|${use.sanitizer}`).sort();
  return [items.join('\n'), refs.join('\n'), sanitized.join('\n')].join('\u0001');
}

/** A value read from somewhere else: a name, a member, a call's result, possibly awaited or asserted. */
function isReference(ts: typeof TS, node: TS.Expression): boolean {
  let current = node;
  while (
    ts.isAwaitExpression(current) ||
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return (
    ts.isIdentifier(current) ||
    ts.isPropertyAccessExpression(current) ||
    ts.isElementAccessExpression(current) ||
    ts.isCallExpression(current)
  );
}

export function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** A callee as the message shows it: `logger.info`, or `….warn` when the receiver is long (`logger.child({…}).warn`). */
export function calleeText(ts: typeof TS, callee: TS.Expression, sourceFile: TS.SourceFile): string {
  const dotted = dottedName(ts, callee);
  if (dotted !== undefined) return dotted;
  const text = callee.getText(sourceFile).replace(/\s+/gu, ' ');
  if (text.length <= 48) return text;
  return ts.isPropertyAccessExpression(callee) ? `….${callee.name.text}` : shorten(text, 48);
}

const scalarKinds: ReadonlySet<string> = new Set(['boolean', 'number', 'bigint', 'string', 'date', 'function']);

/** Every declaration of the symbol says, in its own syntax, that the value is a scalar (`id: string`, `n = 0`). */
/** The project getter a member resolves to, with a body to read (a getter of a library says nothing here). */
function projectGetter(ts: typeof TS, symbol: TS.Symbol | undefined): TS.GetAccessorDeclaration | undefined {
  for (const decl of symbol?.declarations ?? []) {
    if (ts.isGetAccessorDeclaration(decl) && decl.body && !decl.getSourceFile().isDeclarationFile) return decl;
  }
  return undefined;
}

function declaredScalar(ts: typeof TS, symbol: TS.Symbol | undefined): boolean {
  const declarations = symbol?.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every(decl => {
      const kind = syntacticTypeKind(ts, decl);
      return kind !== undefined && scalarKinds.has(kind);
    })
  );
}
