import type TS from 'typescript';
import { calleeName, propertyNameText } from '../declarations.js';
import type { CallFact, FileFacts, FunctionFact, Span, WriteFact } from './facts.js';

/**
 * Mutating methods and the arguments they put into their receiver (`list.push(v)`, `params.set(k, v)`), from
 * `rules/platform.yml`.
 */
export type MutatorTable = ReadonlyMap<string, 'all' | readonly number[]>;

/** What the walk needs from the knowledge base: mutating methods, and the logger options that declare levels. */
export interface FactsOptions {
  readonly mutators: MutatorTable;
  /** `customLevels` (pino), `levels` (winston): the keys of an object under one of these names are levels. */
  readonly levelOptions: ReadonlySet<string>;
}

/** The nodes a file's walk hands to the sink families. */
export interface DispatchLists {
  /**
   * Calls and `new`, assignments (`=`, `+=`), string and numeric literals and JSX elements, in source order: the
   * families see them in the order a reader does (a tag's snippet before its `init` call).
   */
  readonly nodes: (
    | TS.CallExpression
    | TS.NewExpression
    | TS.BinaryExpression
    | TS.StringLiteralLike
    | TS.NumericLiteral
    | TS.JsxOpeningElement
    | TS.JsxSelfClosingElement
  )[];
  /** The calls and `new`s among them, for the calls of summarised functions. */
  readonly calls: (TS.CallExpression | TS.NewExpression)[];
  /** Properties of types and classes: the inventory's fields. */
  readonly properties: (TS.PropertySignature | TS.PropertyDeclaration)[];
}

export function spanOf(node: TS.Node): Span {
  return { pos: node.pos, end: node.end, kind: node.kind };
}

/**
 * One walk of a file's syntax (no type checker): its facts, and the nodes the sink families look at. The walk uses an
 * explicit stack: generated or hostile files nest deeper than the call stack allows.
 */
export function extractFacts(
  ts: typeof TS,
  sourceFile: TS.SourceFile,
  options: FactsOptions,
): { facts: FileFacts; dispatch: DispatchLists } {
  const { mutators, levelOptions } = options;
  const functions: FunctionFact[] = [];
  const returnsOf = new Map<TS.Node, Span[]>();
  const calls: CallFact[] = [];
  const writes: WriteFact[] = [];
  const methodAliases = new Set<string>();
  const levels = new Set<string>();
  const modules = new Set<string>();
  const moduleAt = (specifier: TS.Node | undefined): void => {
    if (specifier && ts.isStringLiteralLike(specifier)) modules.add(specifier.text);
  };
  // `x.m` or `x.m.bind(x)`: a method taken from its object.
  const isMethodReference = (value: TS.Expression): boolean =>
    ts.isPropertyAccessExpression(value) ||
    (ts.isCallExpression(value) &&
      ts.isPropertyAccessExpression(value.expression) &&
      value.expression.name.text === 'bind' &&
      ts.isPropertyAccessExpression(value.expression.expression));
  const dispatch: DispatchLists = { nodes: [], calls: [], properties: [] };

  interface Frame {
    readonly fn: TS.Node | undefined;
    readonly loop: TS.Node | undefined;
  }

  const addWrite = (
    at: TS.Node,
    target: TS.Expression,
    value: TS.Expression,
    frame: Frame,
    valueProperty?: string,
  ): void => {
    const path: string[] = [];
    let current = target;
    for (;;) {
      if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) {
        current = current.expression;
      } else if (ts.isPropertyAccessExpression(current)) {
        path.unshift(current.name.text);
        current = current.expression;
      } else if (ts.isElementAccessExpression(current)) {
        const name = propertyNameText(ts, current.argumentExpression);
        // `list[i] = v` writes an element: the list carries it, under no property name.
        if (name !== undefined) path.unshift(name);
        current = current.expression;
      } else {
        break;
      }
    }
    if (!ts.isIdentifier(current) && current.kind !== ts.SyntaxKind.ThisKeyword) return;
    writes.push({
      at: spanOf(at),
      by: ts.isCallExpression(at) ? 'call' : 'assignment',
      root: ts.isIdentifier(current) ? current.text : 'this',
      rootAt: spanOf(current),
      path,
      value: spanOf(value),
      ...(valueProperty === undefined ? {} : { valueProperty }),
      ...(frame.fn ? { fn: spanOf(frame.fn) } : {}),
      ...(frame.loop ? { loop: spanOf(frame.loop) } : {}),
    });
  };

  /** `({ email: to } = user)`, `[a, b] = pair`: each target is written from the matching part of the value. */
  const addPatternWrites = (
    at: TS.Node,
    pattern: TS.ObjectLiteralExpression | TS.ArrayLiteralExpression,
    value: TS.Expression,
    frame: Frame,
  ): void => {
    if (ts.isArrayLiteralExpression(pattern)) {
      for (const element of pattern.elements) {
        const target = ts.isSpreadElement(element) ? element.expression : element;
        if (ts.isIdentifier(target) || ts.isPropertyAccessExpression(target)) addWrite(at, target, value, frame);
      }
      return;
    }
    for (const property of pattern.properties) {
      if (ts.isShorthandPropertyAssignment(property)) {
        addWrite(at, property.name, value, frame, property.name.text);
      } else if (ts.isPropertyAssignment(property)) {
        const name = propertyNameText(ts, property.name);
        const target = property.initializer;
        if (name !== undefined && (ts.isIdentifier(target) || ts.isPropertyAccessExpression(target))) {
          addWrite(at, target, value, frame, name);
        }
      }
    }
  };

  // Three parallel stacks (node, enclosing function, enclosing loop) and one scratch list for children: a walk
  // allocates per fact, not per node.
  const nodes: TS.Node[] = [sourceFile];
  const fns: (TS.Node | undefined)[] = [undefined];
  const loops: (TS.Node | undefined)[] = [undefined];
  // Reused, never emptied by `length = 0` (that frees the list's storage, so each node would grow it again).
  const children: TS.Node[] = [];
  let childCount = 0;
  // Identifiers, keywords and punctuation are leaves no fact or family starts from (a fact reads its names from the
  // node above): they are not pushed, which halves the nodes the walk handles. Literals are kept for the families.
  const lastToken = ts.SyntaxKind.LastToken;
  const { NumericLiteral, StringLiteral, NoSubstitutionTemplateLiteral } = ts.SyntaxKind;
  const collect = (child: TS.Node): void => {
    const kind = child.kind;
    if (
      kind <= lastToken &&
      kind !== StringLiteral &&
      kind !== NoSubstitutionTemplateLiteral &&
      kind !== NumericLiteral
    )
      return;
    children[childCount++] = child;
  };
  const relevant = relevantKinds(ts);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    let fn = fns.pop();
    let loop = loops.pop();
    // Most nodes (names, member reads, type references, blocks) start no fact: straight to their children. A kind
    // this chain starts to test must be added to `relevantKinds`' tests too.
    if (relevant[node.kind] === 1) {
      const body = ts.isFunctionLike(node) ? (node as { body?: TS.Node }).body : undefined;
      if (body) {
        fn = node;
        loop = undefined;
        const returns: Span[] = [];
        returnsOf.set(node, returns);
        if (!ts.isBlock(body)) returns.push(spanOf(body));
        const name = functionName(ts, node);
        functions.push({ at: spanOf(node), ...(name === undefined ? {} : { name }), returns });
      } else if (ts.isIterationStatement(node, false)) {
        loop = node;
      }
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
        moduleAt(node.moduleSpecifier);
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
        moduleAt(node.moduleReference.expression);
      }
      if (ts.isReturnStatement(node)) {
        if (node.expression && fn) returnsOf.get(fn)?.push(spanOf(node.expression));
      } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        dispatch.nodes.push(node);
        dispatch.calls.push(node);
        const callee = node.expression;
        const name = calleeName(ts, callee);
        calls.push({ at: spanOf(node), ...(name === undefined ? {} : { name }), isNew: ts.isNewExpression(node) });
        if (
          ts.isCallExpression(node) &&
          (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
        ) {
          moduleAt(node.arguments[0]);
        }
        // `list.push(v)`, `params.set('email', v)`, `Object.assign(target, source)`: the receiver now holds v.
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee)) {
          const method = callee.name.text;
          const receiver = callee.expression;
          if (method === 'assign' && ts.isIdentifier(receiver) && receiver.text === 'Object') {
            const [target, ...sources] = node.arguments;
            if (target) for (const source of sources) addWrite(node, target, source, { fn, loop });
          } else {
            const slots = mutators.get(method);
            if (slots) {
              node.arguments.forEach((arg, index) => {
                if (slots === 'all' || slots.includes(index)) addWrite(node, receiver, arg, { fn, loop });
              });
            }
          }
        }
      } else if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.PlusEqualsToken) dispatch.nodes.push(node);
        if (
          op === ts.SyntaxKind.EqualsToken ||
          op === ts.SyntaxKind.PlusEqualsToken ||
          op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
          op === ts.SyntaxKind.BarBarEqualsToken ||
          op === ts.SyntaxKind.AmpersandAmpersandEqualsToken
        ) {
          const target = node.left;
          if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) {
            addPatternWrites(node, target, node.right, { fn, loop });
          } else {
            addWrite(node, target, node.right, { fn, loop });
          }
        }
      } else if (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) {
        if (
          ts.isPropertyAssignment(node) &&
          ts.isObjectLiteralExpression(node.initializer) &&
          levelOptions.has(propertyNameText(ts, node.name) ?? '')
        ) {
          for (const level of node.initializer.properties) {
            const name = propertyNameText(ts, level.name);
            if (name !== undefined) levels.add(name);
          }
        }
        const name = ts.isVariableDeclaration(node)
          ? ts.isIdentifier(node.name)
            ? node.name.text
            : undefined
          : propertyNameText(ts, node.name);
        if (name !== undefined && node.initializer && isMethodReference(node.initializer)) methodAliases.add(name);
      } else if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) {
        dispatch.nodes.push(node);
      } else if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        dispatch.nodes.push(node);
      } else if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) {
        dispatch.properties.push(node);
      }
    }
    childCount = 0;
    ts.forEachChild(node, collect);
    for (let index = childCount - 1; index >= 0; index--) {
      nodes.push(children[index]!);
      fns.push(fn);
      loops.push(loop);
    }
  }
  return {
    facts: {
      functions,
      calls,
      writes,
      methodAliases: [...methodAliases],
      customLevels: [...levels],
      modules: [...modules],
    },
    dispatch,
  };
}

const relevantByTs = new WeakMap<typeof TS, Uint8Array>();

/**
 * The syntax kinds the walk does something with, found by asking the same tests the walk makes of a node of each kind
 * (they read only the kind), so the table cannot disagree with the walk.
 */
function relevantKinds(ts: typeof TS): Uint8Array {
  let table = relevantByTs.get(ts);
  if (!table) {
    table = new Uint8Array(ts.SyntaxKind.Count);
    for (let kind = 0; kind < ts.SyntaxKind.Count; kind++) {
      const probe = { kind } as TS.Node;
      const starts =
        ts.isFunctionLike(probe) ||
        ts.isIterationStatement(probe, false) ||
        ts.isImportDeclaration(probe) ||
        ts.isExportDeclaration(probe) ||
        ts.isImportEqualsDeclaration(probe) ||
        ts.isReturnStatement(probe) ||
        ts.isCallExpression(probe) ||
        ts.isNewExpression(probe) ||
        ts.isBinaryExpression(probe) ||
        ts.isVariableDeclaration(probe) ||
        ts.isPropertyAssignment(probe) ||
        ts.isStringLiteralLike(probe) ||
        ts.isNumericLiteral(probe) ||
        ts.isJsxOpeningElement(probe) ||
        ts.isJsxSelfClosingElement(probe) ||
        ts.isPropertySignature(probe) ||
        ts.isPropertyDeclaration(probe);
      table[kind] = starts ? 1 : 0;
    }
    relevantByTs.set(ts, table);
  }
  return table;
}

/** The name a function is called by: its own, or that of the variable, property or field it is stored in. */
export function functionName(ts: typeof TS, fn: TS.Node): string | undefined {
  if (
    (ts.isFunctionDeclaration(fn) ||
      ts.isMethodDeclaration(fn) ||
      ts.isFunctionExpression(fn) ||
      ts.isGetAccessorDeclaration(fn) ||
      ts.isSetAccessorDeclaration(fn)) &&
    fn.name !== undefined
  ) {
    const name = propertyNameText(ts, fn.name);
    if (name !== undefined) return name;
  }
  if (ts.isConstructorDeclaration(fn)) return ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === fn) {
    return parent.name.text;
  }
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === fn) {
    return propertyNameText(ts, parent.name);
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === fn &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left)
  ) {
    return parent.left.name.text;
  }
  return undefined;
}

/**
 * The node at a span: descends from the file through the children that contain it. Cost is the depth of the node
 * times the width of its ancestors, paid only when the engine needs a node back from a fact.
 */
export function locate(ts: typeof TS, sourceFile: TS.SourceFile, span: Span): TS.Node | undefined {
  let current: TS.Node = sourceFile;
  for (;;) {
    if (current.pos === span.pos && current.end === span.end && current.kind === span.kind) return current;
    let next: TS.Node | undefined;
    ts.forEachChild(current, child => {
      if (child.pos <= span.pos && span.end <= child.end && child.end > child.pos) {
        next = child;
        return true;
      }
      return undefined;
    });
    // Children with the same range as their parent are tried in order; a node with an empty range has no children.
    if (!next) return undefined;
    current = next;
  }
}
