import type TS from 'typescript';
import { expressionName, type Classification, type Classifier, type Evidence, type TypeData } from './classify.js';
import { dottedName, isDataDeclaration, propertyNameText, syntacticTypeKind } from './declarations.js';
import { relativePath, type AnalysisEnvironment } from './environment.js';
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

export interface TraceResult {
  readonly items: readonly DataItem[];
  readonly sanitized: readonly SanitizedUse[];
}

/** A use of a function's parameter in what it returns: at a call, the argument at `index` flows on. */
interface ParamRef {
  readonly fn: TS.SignatureDeclaration;
  readonly index: number;
  /** A destructured property (`({ email }) => email`): only that property of the argument flows. */
  readonly property: string | undefined;
}

interface Flow {
  readonly items: DataItem[];
  readonly params: ParamRef[];
  readonly sanitized: SanitizedUse[];
}

const emptyFlow = (): Flow => ({ items: [], params: [], sanitized: [] });

/** Calls whose result carries their arguments' data unchanged in substance. */
const passThroughFunctions = new Set([
  'JSON.stringify',
  'String',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'btoa',
  'Buffer.from',
  'Object.values',
  'Object.entries',
  'Object.assign',
  'Object.freeze',
  'Array.from',
  'Array.of',
  'structuredClone',
  'Promise.resolve',
  'util.format',
  'util.inspect',
  'format',
  'inspect',
  'querystring.stringify',
  'qs.stringify',
  'new URL',
  'new URLSearchParams',
  'new Error',
  'new TypeError',
  'new RangeError',
  'new Date',
  'new String',
  'new Blob',
]);

/** Methods whose result carries the receiver's data (string and array methods, dates). */
const passThroughMethods = new Set([
  'toString',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'normalize',
  'padStart',
  'padEnd',
  'concat',
  'split',
  'replaceAll',
  'substring',
  'substr',
  'at',
  'join',
  'flat',
  'slice',
  'filter',
  'find',
  'findLast',
  'sort',
  'reverse',
  'toSorted',
  'toReversed',
  'valueOf',
  'toJSON',
  'toISOString',
  'toDateString',
  'toLocaleDateString',
  'toLocaleString',
  'toUTCString',
  'get',
  'getAll',
  'values',
  'entries',
]);

/** Methods that call a function on each element and collect what it returns. */
const mappingMethods = new Set(['map', 'flatMap']);

/** Masking: `.replace(/.(?=.*@)/g, '*')` keeps the shape and drops the data. */
const maskReplacement = /^[*•x#X_-]+$|\[?(?:redacted|masked|hidden|removed)\]?/iu;

const maxDepth = 40;
const defaultBudget = 200_000;

/**
 * Follows an expression back to the personal data it carries: through local names and `const` chains,
 * destructuring, member access, object and array literals, spread, template literals and concatenation,
 * `JSON.stringify` and string methods, `await`, conditionals, and the return values of project functions (in other
 * files too when the checker sees them; each function's summary is computed once). Sanitizers end a flow.
 *
 * Bounded: a depth limit per path and a step budget per file (exceeding it marks the file incomplete rather than
 * slowing it down), so no input makes tracing blow up.
 */
export class Tracer {
  readonly #env: AnalysisEnvironment;
  readonly #classifier: Classifier;
  readonly #sanitizers: SanitizerMatcher;
  readonly #summaries = new WeakMap<TS.Node, Flow | 'pending'>();
  readonly #memo = new WeakMap<TS.Node, Flow>();
  readonly #perFile: number;
  #budget: number;
  /** Set when the budget ran out: results may miss flows, and say so. */
  exhausted = false;

  constructor(env: AnalysisEnvironment, classifier: Classifier, sanitizers: SanitizerMatcher, budget = defaultBudget) {
    this.#env = env;
    this.#classifier = classifier;
    this.#sanitizers = sanitizers;
    this.#perFile = budget;
    this.#budget = budget;
  }

  /** Starts a new file's budget: one file's size never takes another's share. */
  startFile(): void {
    this.#budget = this.#perFile;
    this.exhausted = false;
  }

  trace(expression: TS.Expression): TraceResult {
    const flow = this.#visit(expression, 0, new Set(), undefined);
    return { items: mergeItems(flow.items), sanitized: dedupeSanitized(flow.sanitized) };
  }

  /** Traces a property of an expression, as `expression.name` would read it (`axios(url, { params })`). */
  #visit(node: TS.Expression, depth: number, active: Set<TS.Node>, fn: TS.SignatureDeclaration | undefined): Flow {
    if (depth > maxDepth || active.has(node)) return emptyFlow();
    if (this.#budget-- <= 0) {
      this.exhausted = true;
      return emptyFlow();
    }
    // Outside a summary, a node's flow is the same wherever it is asked from: remember it.
    if (fn === undefined) {
      const memo = this.#memo.get(node);
      if (memo) return memo;
    }
    active.add(node);
    let flow: Flow;
    try {
      flow = this.#compute(node, depth, active, fn);
    } finally {
      active.delete(node);
    }
    if (fn === undefined && depth === 0) this.#memo.set(node, flow);
    return flow;
  }

  #compute(node: TS.Expression, depth: number, active: Set<TS.Node>, fn: TS.SignatureDeclaration | undefined): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active, fn);

    // Wrappers carry their operand unchanged and cost no depth: 41 parentheses or casts must not hide a flow.
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isAwaitExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isSpreadElement(node)
    ) {
      let inner: TS.Expression = node.expression;
      while (
        ts.isParenthesizedExpression(inner) ||
        ts.isNonNullExpression(inner) ||
        ts.isAwaitExpression(inner) ||
        ts.isAsExpression(inner) ||
        ts.isSatisfiesExpression(inner) ||
        ts.isTypeAssertionExpression(inner)
      ) {
        inner = inner.expression;
      }
      return this.#visit(inner, depth, active, fn);
    }
    if (ts.isIdentifier(node)) return this.#identifier(node, depth, active, fn);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      return this.#member(node, depth, active, fn);
    }
    if (ts.isCallExpression(node)) return this.#call(node, depth, active, fn);
    if (ts.isNewExpression(node)) {
      const name = `new ${ts.isIdentifier(node.expression) ? node.expression.text : ''}`;
      if (passThroughFunctions.has(name)) return union((node.arguments ?? []).map(next));
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
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) {
        return scalarOnly(union([next(node.left), next(node.right)]));
      }
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        return union([next(node.left), next(node.right)]);
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return next(node.right);
      if (op === ts.SyntaxKind.EqualsToken) return next(node.right);
      return emptyFlow();
    }
    if (ts.isConditionalExpression(node)) return union([next(node.whenTrue), next(node.whenFalse)]);
    if (ts.isObjectLiteralExpression(node)) return this.#objectLiteral(node, next);
    if (ts.isArrayLiteralExpression(node)) return union(node.elements.map(next));
    return emptyFlow();
  }

  #identifier(node: TS.Identifier, depth: number, active: Set<TS.Node>, fn: TS.SignatureDeclaration | undefined): Flow {
    const ts = this.#env.ts;
    const checker = this.#classifier.checker;
    if (node.text === 'undefined') return emptyFlow();
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
        const owner = decl.parent;
        if (fn !== undefined && owner === fn) {
          flows.push({
            items: [],
            params: [{ fn, index: owner.parameters.indexOf(decl), property: undefined }],
            sanitized: [],
          });
        }
      } else if (ts.isBindingElement(decl)) {
        flows.push(this.#binding(decl, depth, active, fn));
      } else if (ts.isVariableDeclaration(decl)) {
        if (decl.initializer) {
          flows.push(this.#visit(decl.initializer, depth + 1, active, fn));
          flows.push(this.#urlMutations(decl, depth, active, fn));
        } else if (ts.isVariableDeclarationList(decl.parent) && ts.isForOfStatement(decl.parent.parent)) {
          // `for (const email of emails)`: each element of what is iterated.
          flows.push(this.#visit(decl.parent.parent.expression, depth + 1, active, fn));
        }
      }
    }
    const flow = union(flows);
    if (flow.items.length === 0 && flow.params.length === 0 && !declaredScalar(ts, symbol)) {
      // No scalar evidence: a whole object whose type has personal fields (`logger.info(user)`). A value declared
      // as a string, number or date has none, and asking the checker for its type is the expensive step.
      const typeData = this.#classifier.typeDataOf(node);
      if (typeData) return union([flow, itemFlow(this.#objectItem(node, typeData))]);
      const record = this.#recordItem(node);
      if (record) return union([flow, itemFlow(record)]);
    }
    return classification ? foldIntoName(flow) : flow;
  }

  /** `const { email } = user`, `function f({ email })`: the bound property of the destructured value. */
  #binding(
    decl: TS.BindingElement,
    depth: number,
    active: Set<TS.Node>,
    fn: TS.SignatureDeclaration | undefined,
  ): Flow {
    const ts = this.#env.ts;
    const pattern = decl.parent;
    const holder = pattern.parent;
    const property = propertyNameText(ts, decl.propertyName ?? decl.name);
    if (ts.isParameter(holder)) {
      const owner = holder.parent;
      if (fn !== undefined && owner === fn && ts.isObjectBindingPattern(pattern)) {
        return { items: [], params: [{ fn, index: owner.parameters.indexOf(holder), property }], sanitized: [] };
      }
      return emptyFlow();
    }
    if (ts.isVariableDeclaration(holder) && holder.initializer) {
      if (ts.isArrayBindingPattern(pattern)) return this.#visit(holder.initializer, depth + 1, active, fn);
      if (property !== undefined) return this.#property(holder.initializer, property, depth, active, fn);
    }
    return emptyFlow();
  }

  /** What `expression.name` carries, read through object literals that the expression resolves to. */
  #property(
    expression: TS.Expression,
    name: string,
    depth: number,
    active: Set<TS.Node>,
    fn: TS.SignatureDeclaration | undefined,
  ): Flow {
    const ts = this.#env.ts;
    let target: TS.Expression = expression;
    while (ts.isParenthesizedExpression(target) || ts.isAwaitExpression(target) || ts.isAsExpression(target)) {
      target = target.expression;
    }
    if (ts.isObjectLiteralExpression(target)) {
      for (const property of target.properties) {
        if (propertyNameText(ts, property.name) !== name) continue;
        if (ts.isPropertyAssignment(property)) return this.#visit(property.initializer, depth + 1, active, fn);
        if (ts.isShorthandPropertyAssignment(property)) return this.#visit(property.name, depth + 1, active, fn);
      }
      return emptyFlow();
    }
    if (ts.isIdentifier(target)) {
      const symbol = this.#classifier.checker.getSymbolAtLocation(target);
      const decl = symbol?.declarations?.[0];
      if (
        decl &&
        ts.isVariableDeclaration(decl) &&
        decl.initializer &&
        ts.isObjectLiteralExpression(decl.initializer)
      ) {
        return this.#property(decl.initializer, name, depth + 1, active, fn);
      }
      if (decl && ts.isParameter(decl) && fn !== undefined && decl.parent === fn) {
        return { items: [], params: [{ fn, index: fn.parameters.indexOf(decl), property: name }], sanitized: [] };
      }
    }
    // Otherwise the property's declaration decides (found through the checker, by type or by name).
    return emptyFlow();
  }

  #member(
    node: TS.PropertyAccessExpression | TS.ElementAccessExpression,
    depth: number,
    active: Set<TS.Node>,
    fn: TS.SignatureDeclaration | undefined,
  ): Flow {
    const ts = this.#env.ts;
    const classification = this.#classifier.classifyReference(node);
    if (classification?.none) return emptyFlow();
    const flows: Flow[] = [];
    if (classification) flows.push(itemFlow(this.#item(node, classification)));
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(ts, node.argumentExpression);
    if (name !== undefined) {
      // Read through object literals and parameters only when the member's own declaration said nothing: a
      // classified `u.contact` needs no second item for the argument's `contact`.
      if (!classification) flows.push(this.#property(node.expression, name, depth, active, fn));
    } else if (ts.isElementAccessExpression(node)) {
      // `emails[i]`: an element of a list carries what the list carries.
      const type = this.#classifier.checker.getTypeAtLocation(node.expression);
      if (this.#classifier.checker.isArrayType(type) || this.#classifier.checker.isTupleType(type)) {
        flows.push(this.#visit(node.expression, depth + 1, active, fn));
      }
    }
    const flow = union(flows);
    if (flow.items.length === 0 && flow.params.length === 0 && !classification) {
      const typeData = this.#classifier.typeDataOf(node);
      if (typeData) return itemFlow(this.#objectItem(node, typeData));
      const record = this.#recordItem(node);
      if (record) return itemFlow(record);
    }
    return flow;
  }

  #call(node: TS.CallExpression, depth: number, active: Set<TS.Node>, fn: TS.SignatureDeclaration | undefined): Flow {
    const ts = this.#env.ts;
    const next = (child: TS.Expression): Flow => this.#visit(child, depth + 1, active, fn);
    const sanitizer = this.#sanitizers.sanitizerOf(node);
    if (sanitizer !== undefined) {
      const inner = union(node.arguments.map(next));
      const receiver = ts.isPropertyAccessExpression(node.expression) ? next(node.expression.expression) : emptyFlow();
      const all = union([inner, receiver]);
      return {
        items: [],
        params: [],
        sanitized: [
          ...all.sanitized,
          ...all.items.map(item => ({ text: item.text, sanitizer, categories: item.categories })),
        ],
      };
    }
    const callee = node.expression;
    const calleeText = dottedName(ts, callee);
    if (calleeText !== undefined && passThroughFunctions.has(calleeText)) return union(node.arguments.map(next));

    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'replace') {
        const replacement = node.arguments[1];
        if (replacement && ts.isStringLiteralLike(replacement) && maskReplacement.test(replacement.text)) {
          const masked = next(callee.expression);
          return {
            items: [],
            params: [],
            sanitized: [
              ...masked.sanitized,
              ...masked.items.map(item => ({ text: item.text, sanitizer: 'replace', categories: item.categories })),
            ],
          };
        }
        return next(callee.expression);
      }
      if (passThroughMethods.has(method)) {
        return union([next(callee.expression), ...(method === 'concat' ? node.arguments.map(next) : [])]);
      }
      if (mappingMethods.has(method)) {
        const mapper = node.arguments[0];
        if (mapper && (ts.isArrowFunction(mapper) || ts.isFunctionExpression(mapper))) {
          return union(returnedExpressions(ts, mapper).map(expression => next(expression)));
        }
        return emptyFlow();
      }
    }

    // A function of the project: what its returns carry, with arguments flowing through parameters it returns.
    const declaration = this.#calledFunction(callee);
    if (declaration) {
      const summary = this.#summary(declaration);
      if (summary) {
        const flows: Flow[] = [
          {
            items: summary.items.map(item => withStep(item, this.#returnStep(declaration, callee))),
            params: [],
            sanitized: summary.sanitized,
          },
        ];
        for (const param of summary.params) {
          const arg = node.arguments[param.index];
          if (!arg) continue;
          flows.push(
            param.property === undefined ? next(arg) : this.#argumentProperty(arg, param.property, depth, active, fn),
          );
        }
        return union(flows);
      }
      return emptyFlow();
    }

    // A call nothing resolves (untyped, a library): its name may say what it returns (`getEmail()`).
    const name = calleeText?.split('.').pop();
    if (name !== undefined) {
      const getter = /^(?:get|fetch|load|find|read|lookup|retrieve)_?(.+)$/u.exec(
        name.replace(/^([a-z]+)([A-Z])/u, '$1_$2'),
      );
      if (getter) {
        const match = this.#env.knowledge.names.match(getter[1]!, {
          owner: ts.isPropertyAccessExpression(callee) ? expressionName(ts, callee.expression) : undefined,
        });
        if (match) {
          const file = this.#fileOf(node);
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
            ...file,
          });
        }
      }
    }
    return emptyFlow();
  }

  /** `f(user)` where `f` returns `arg.email`: the `email` of the argument. */
  #argumentProperty(
    arg: TS.Expression,
    property: string,
    depth: number,
    active: Set<TS.Node>,
    fn: TS.SignatureDeclaration | undefined,
  ): Flow {
    const flows = [this.#property(arg, property, depth, active, fn)];
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

  #calledFunction(callee: TS.Expression): TS.SignatureDeclaration | undefined {
    const ts = this.#env.ts;
    const checker = this.#classifier.checker;
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    let symbol = checker.getSymbolAtLocation(nameNode);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      try {
        symbol = checker.getAliasedSymbol(symbol);
      } catch {
        return undefined;
      }
    }
    for (const decl of symbol?.declarations ?? []) {
      if (decl.getSourceFile().isDeclarationFile) continue;
      if (
        (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isGetAccessorDeclaration(decl)) &&
        decl.body
      ) {
        return decl;
      }
      if (ts.isVariableDeclaration(decl) && decl.initializer) {
        const init = decl.initializer;
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
      }
      if ((ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer) {
        const init = decl.initializer;
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
      }
    }
    return undefined;
  }

  /** What a function's returns carry: computed once per function, with recursion cut. */
  #summary(declaration: TS.SignatureDeclaration): Flow | undefined {
    const cached = this.#summaries.get(declaration);
    if (cached === 'pending') return undefined;
    if (cached) return cached;
    this.#summaries.set(declaration, 'pending');
    const ts = this.#env.ts;
    const flows = returnedExpressions(ts, declaration).map(expression =>
      this.#visit(expression, 0, new Set(), declaration),
    );
    const flow = union(flows);
    const summary: Flow = {
      items: flow.items,
      params: flow.params.filter(param => param.fn === declaration),
      sanitized: flow.sanitized,
    };
    this.#summaries.set(declaration, summary);
    return summary;
  }

  #returnStep(declaration: TS.SignatureDeclaration, callee: TS.Expression): string {
    const ts = this.#env.ts;
    const name = dottedName(ts, callee) ?? 'function';
    const sourceFile = declaration.getSourceFile();
    const line = sourceFile.getLineAndCharacterOfPosition(declaration.getStart(sourceFile)).line + 1;
    return `returned by \`${name}()\` (${relativePath(this.#env.rootDir, sourceFile.fileName)}:${line})`;
  }

  /**
   * `const params = new URLSearchParams(); params.set('email', email)`: a query built step by step carries what was
   * set on it, within the same function.
   */
  #urlMutations(
    decl: TS.VariableDeclaration,
    depth: number,
    active: Set<TS.Node>,
    fn: TS.SignatureDeclaration | undefined,
  ): Flow {
    const ts = this.#env.ts;
    const init = decl.initializer;
    if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return emptyFlow();
    const kind = init.expression.text;
    if ((kind !== 'URLSearchParams' && kind !== 'URL') || !ts.isIdentifier(decl.name)) return emptyFlow();
    const name = decl.name.text;
    const scope = enclosingScope(ts, decl);
    const flows: Flow[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const target = node.expression.expression;
        const onParams = ts.isIdentifier(target) && target.text === name;
        const onSearchParams =
          ts.isPropertyAccessExpression(target) &&
          target.name.text === 'searchParams' &&
          ts.isIdentifier(target.expression) &&
          target.expression.text === name;
        if ((onParams || onSearchParams) && (method === 'set' || method === 'append')) {
          const value = node.arguments[1];
          if (value) flows.push(this.#visit(value, depth + 1, active, fn));
        }
      }
      ts.forEachChild(node, visit);
    };
    if (scope) visit(scope);
    return union(flows);
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
        if (
          valueFlow.items.length === 0 &&
          valueFlow.params.length === 0 &&
          valueFlow.sanitized.length === 0 &&
          isReference(ts, property.initializer)
        ) {
          const keyed = this.#keyItem(property);
          if (keyed) flows.push(itemFlow(keyed));
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
    params: flow.params,
    sanitized: flow.sanitized,
  };
}

function itemFlow(item: DataItem): Flow {
  return { items: [item], params: [], sanitized: [] };
}

function union(flows: readonly Flow[]): Flow {
  if (flows.length === 1) return flows[0]!;
  const out = emptyFlow();
  for (const flow of flows) {
    out.items.push(...flow.items);
    out.params.push(...flow.params);
    out.sanitized.push(...flow.sanitized);
  }
  return out;
}

/**
 * A whole object in a template or a concatenation prints as `[object Object]`: only its scalar values leak there.
 * `JSON.stringify(user)` is different, and keeps the object.
 */
function scalarOnly(flow: Flow): Flow {
  const scalar = (item: DataItem): boolean => item.fields.length === 0 && !item.record;
  if (flow.items.every(scalar)) return flow;
  return { items: flow.items.filter(scalar), params: flow.params, sanitized: flow.sanitized };
}

function withStep(item: DataItem, step: string): DataItem {
  return { ...item, steps: [...item.steps, step] };
}

/** Items that read the same expression merge their categories and evidence. */
function mergeItems(items: readonly DataItem[]): DataItem[] {
  const byText = new Map<string, DataItem>();
  for (const item of items) {
    const key = `${item.file}:${item.line}:${item.text}`;
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
      steps: existing.steps.length >= item.steps.length ? existing.steps : item.steps,
    });
  }
  return [...byText.values()];
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

function returnedExpressions(ts: typeof TS, fn: TS.SignatureDeclaration): TS.Expression[] {
  const body = (fn as { body?: TS.Node }).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body as TS.Expression];
  const out: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node)) {
      if (node.expression) out.push(node.expression);
      return;
    }
    if (ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return out;
}

function enclosingScope(ts: typeof TS, node: TS.Node): TS.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isSourceFile(current)) return current;
  }
  return undefined;
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
