import type TS from 'typescript';
import type { TypeKind } from '../knowledge/schema.js';

/** The declarations that can hold personal data and be classified by name, tag or manifest. */
export type DataDeclaration =
  | TS.PropertySignature
  | TS.PropertyDeclaration
  | TS.ParameterDeclaration
  | TS.VariableDeclaration
  | TS.BindingElement
  | TS.PropertyAssignment
  | TS.ShorthandPropertyAssignment
  | TS.GetAccessorDeclaration;

export function isDataDeclaration(ts: typeof TS, node: TS.Node): node is DataDeclaration {
  return (
    ts.isPropertySignature(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isParameter(node) ||
    ts.isVariableDeclaration(node) ||
    ts.isBindingElement(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isShorthandPropertyAssignment(node) ||
    ts.isGetAccessorDeclaration(node)
  );
}

/** The declarations a `@pii` tag on a type applies to: every value of that type is personal data. */
export type TypeDeclaration = TS.InterfaceDeclaration | TS.TypeAliasDeclaration | TS.ClassDeclaration;

export function isTypeDeclaration(ts: typeof TS, node: TS.Node): node is TypeDeclaration {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node);
}

/** The plain name of a property name node, or undefined for computed names that are not literals. */
export function propertyNameText(ts: typeof TS, name: TS.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text.replace(/^#/u, '');
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) return propertyNameText(ts, name.expression);
  return undefined;
}

/** The name a declaration introduces (`email` for `email: string`, `{ email }` and `email = x`). */
export function declarationName(ts: typeof TS, node: DataDeclaration): string | undefined {
  if (ts.isBindingElement(node)) {
    // `const { email: contact } = user`: the data is `user.email`; the local name says what it is too.
    return ts.isIdentifier(node.name) ? node.name.text : propertyNameText(ts, node.propertyName);
  }
  return propertyNameText(ts, node.name);
}

/**
 * The name of what owns a declaration, for manifest `fields` keys (`User.email`) and for names that are personal only
 * on a person (`user.name`): the interface, class or type alias of a member (with the path of nested literals:
 * `User.address`), the function of a parameter, the variable an object literal is assigned to.
 */
export function ownerName(ts: typeof TS, node: TS.Node): string | undefined {
  const path: string[] = [];
  let current: TS.Node = node;
  for (let depth = 0; depth < 12; depth++) {
    const parent: TS.Node | undefined = current.parent;
    if (!parent) break;
    if (ts.isParameter(current)) {
      const fn = parent;
      const name = functionName(ts, fn);
      return name;
    }
    if (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) {
      const name = parent.name?.text ?? (ts.isClassExpression(parent) ? variableNameOf(ts, parent) : undefined);
      return name === undefined ? undefined : [name, ...path].join('.');
    }
    if (ts.isTypeAliasDeclaration(parent)) return [parent.name.text, ...path].join('.');
    if (ts.isPropertySignature(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
      const name = propertyNameText(ts, parent.name);
      if (name !== undefined) path.unshift(name);
    }
    if (ts.isVariableDeclaration(parent)) {
      const name = ts.isIdentifier(parent.name) ? parent.name.text : undefined;
      return name === undefined ? undefined : [name, ...path].join('.');
    }
    if (ts.isBindingElement(current) && (ts.isObjectBindingPattern(parent) || ts.isArrayBindingPattern(parent))) {
      const holder = parent.parent;
      if (ts.isParameter(holder)) return functionName(ts, holder.parent);
      if (ts.isVariableDeclaration(holder)) return initializerName(ts, holder.initializer);
      return undefined;
    }
    if (ts.isSourceFile(parent) || ts.isBlock(parent)) break;
    current = parent;
  }
  return path.length > 0 ? path.join('.') : undefined;
}

function functionName(ts: typeof TS, fn: TS.Node): string | undefined {
  if (
    (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) &&
    fn.name !== undefined
  ) {
    return propertyNameText(ts, fn.name);
  }
  if (ts.isConstructorDeclaration(fn)) return ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
  return variableNameOf(ts, fn);
}

/** `const createUser = (…) => …` gives `createUser`; `{ createUser: (…) => … }` too. */
function variableNameOf(ts: typeof TS, node: TS.Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return propertyNameText(ts, parent.name);
  return undefined;
}

function initializerName(ts: typeof TS, node: TS.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

/**
 * The kind of a declaration's value read from syntax alone (untyped lint): its annotation, else its initializer.
 * `undefined` when the syntax does not say.
 */
export function syntacticTypeKind(ts: typeof TS, node: TS.Node): TypeKind | undefined {
  if (ts.isGetAccessorDeclaration(node)) return node.type ? typeNodeKind(ts, node.type) : undefined;
  if (ts.isMethodDeclaration(node) || ts.isMethodSignature(node) || ts.isFunctionDeclaration(node)) return 'function';
  const typed = node as { type?: TS.TypeNode; initializer?: TS.Expression };
  if (typed.type) return typeNodeKind(ts, typed.type);
  if (typed.initializer) return expressionKind(ts, typed.initializer);
  return undefined;
}

function typeNodeKind(ts: typeof TS, type: TS.TypeNode): TypeKind | undefined {
  switch (type.kind) {
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BigIntKeyword:
      return 'bigint';
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
      return 'function';
    default:
      break;
  }
  if (ts.isParenthesizedTypeNode(type)) return typeNodeKind(ts, type.type);
  if (ts.isLiteralTypeNode(type)) {
    const literal = type.literal;
    if (literal.kind === ts.SyntaxKind.TrueKeyword || literal.kind === ts.SyntaxKind.FalseKeyword) return 'boolean';
    if (ts.isNumericLiteral(literal)) return 'number';
    if (ts.isStringLiteral(literal)) return 'string';
    return undefined;
  }
  if (ts.isUnionTypeNode(type)) {
    const kinds = new Set<TypeKind | undefined>();
    for (const member of type.types) {
      if (isNullishTypeNode(ts, member)) continue;
      kinds.add(typeNodeKind(ts, member));
    }
    return kinds.size === 1 ? [...kinds][0] : undefined;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    if (name === 'Date') return 'date';
    if (name === 'Function') return 'function';
  }
  if (ts.isTypeLiteralNode(type) || ts.isArrayTypeNode(type)) return 'object';
  return undefined;
}

function isNullishTypeNode(ts: typeof TS, type: TS.TypeNode): boolean {
  return (
    type.kind === ts.SyntaxKind.UndefinedKeyword ||
    type.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

function expressionKind(ts: typeof TS, expression: TS.Expression): TypeKind | undefined {
  if (expression.kind === ts.SyntaxKind.TrueKeyword || expression.kind === ts.SyntaxKind.FalseKeyword) return 'boolean';
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    return 'boolean';
  }
  if (ts.isNumericLiteral(expression)) return 'number';
  if (ts.isBigIntLiteral(expression)) return 'bigint';
  if (ts.isStringLiteralLike(expression) || ts.isTemplateExpression(expression)) return 'string';
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return 'function';
  if (
    ts.isNewExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'Date'
  ) {
    return 'date';
  }
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken ||
      op === ts.SyntaxKind.LessThanToken ||
      op === ts.SyntaxKind.GreaterThanToken ||
      op === ts.SyntaxKind.InstanceOfKeyword ||
      op === ts.SyntaxKind.InKeyword
    ) {
      return 'boolean';
    }
  }
  if (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) return typeNodeKind(ts, expression.type);
  return undefined;
}

/** The kind of a type from the checker: unions with null/undefined are reduced to the rest. */
export function checkerTypeKind(ts: typeof TS, type: TS.Type): TypeKind {
  const members = type.isUnion() ? type.types : [type];
  const kinds = new Set<TypeKind>();
  for (const member of members) {
    const flags = member.flags;
    if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) continue;
    if (flags & ts.TypeFlags.BooleanLike) kinds.add('boolean');
    else if (flags & ts.TypeFlags.NumberLike) kinds.add('number');
    else if (flags & ts.TypeFlags.BigIntLike) kinds.add('bigint');
    else if (flags & ts.TypeFlags.StringLike) kinds.add('string');
    else if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) kinds.add('unknown');
    else if (member.getCallSignatures().length > 0 && member.getProperties().length <= 5) kinds.add('function');
    else if (member.getSymbol()?.getName() === 'Date') kinds.add('date');
    else if (flags & ts.TypeFlags.Object) kinds.add('object');
    else kinds.add('unknown');
  }
  if (kinds.size === 0) return 'unknown';
  if (kinds.size === 1) return [...kinds][0]!;
  // `string | number` and the like: say nothing that would rule a name out.
  return 'unknown';
}

/** `JSON.stringify`, `util.format`, `String`: the callee as a dotted name when it is one. */
export function dottedName(ts: typeof TS, node: TS.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const left = dottedName(ts, node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

/** The name a call is made by: `f` for `f()`, and the last name for `ns.f()` and `a.b.f()`. */
export function calleeName(ts: typeof TS, callee: TS.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** A literal (`''`, `1`, `true`, `false`, `null`): a value no person gave. */
export function isLiteralValue(ts: typeof TS, node: TS.Node): boolean {
  return (
    ts.isStringLiteralLike(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  );
}
