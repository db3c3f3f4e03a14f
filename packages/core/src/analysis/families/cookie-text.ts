import type TS from 'typescript';
import { propertyNameText } from '../declarations.js';
import { resolveAlias } from '../origin.js';

/** A piece of a string the code builds: known text, or a part computed at run time and why it cannot be read. */
export type TextPart =
  | { readonly text: string }
  | { readonly unknown: string; readonly why: string; readonly node?: TS.Expression | undefined };

/** What the code's cookie name reads as: a name, a `*` pattern with the parts that stay unknown, or nothing known. */
export interface ResolvedName {
  /** The name, or a glob (`trial_shown_*`) when some parts are computed; undefined when nothing of it is known. */
  readonly name: string | undefined;
  /** Whether every part is known. */
  readonly exact: boolean;
  /** Why the name (or a part of it) stays unknown, for the message: "`prefix` is a parameter". */
  readonly why?: string | undefined;
}

const maxDepth = 6;

/**
 * What a cookie name may hold: RFC 6265's token characters, and the colon, a separator the RFC leaves out that every
 * browser accepts in a name and that projects use to namespace UI state (shadcn/ui's `sidebar:state`). Markup,
 * addresses, spaces and controls still make the text no name.
 */
const tokenCharacter = /[!#$%&'*+\-.^_`|~0-9A-Za-z:]/u;
const cookieName = new RegExp(`^${tokenCharacter.source}+$`, 'u');

/**
 * Why the text before `=` is no cookie name, by the first character a name cannot hold (see `tokenCharacter`):
 * enough to find it in the code, and never the text itself, which may hold personal data (`seen_+44 20 …`).
 */
function invalidNameReason(text: string): string {
  if (text === '') return 'the string starts with `=`';
  const bad = [...text].find(character => !tokenCharacter.test(character)) ?? text[0]!;
  const shown = bad === ' ' ? 'a space' : `\`${bad}\``;
  return `the text before \`=\` holds ${shown}, which no cookie name may`;
}

/**
 * Reads a string expression the way a reader does: literals; `const`s in the same file and imported ones (with a
 * program); members of constant objects and enums; template literals and `+` of those; and simple helpers whose body
 * returns a template of their parameters (`const secure = (name) => \`__Secure-${name}\``). What stays unknown says
 * why: a parameter, the environment, a call the reader cannot follow.
 */
export class TextResolver {
  readonly #ts: typeof TS;
  readonly #checker: TS.TypeChecker;

  constructor(ts: typeof TS, checker: TS.TypeChecker) {
    this.#ts = ts;
    this.#checker = checker;
  }

  /** The parts of a string expression. */
  parts(expression: TS.Expression): TextPart[] {
    return merge(this.#parts(expression, 0, new Map()));
  }

  /** A cookie name given as a whole argument (`res.cookie(NAME, …)`). */
  name(expression: TS.Expression): ResolvedName {
    return nameOf(this.parts(expression));
  }

  /** The name of a `name=value; attributes` string: the parts before the first `=` of known text. */
  cookieStringName(expression: TS.Expression): ResolvedName & { readonly hasEquals: boolean } {
    const before: TextPart[] = [];
    for (const part of this.parts(expression)) {
      if ('text' in part) {
        const equals = part.text.indexOf('=');
        if (equals >= 0) {
          if (equals > 0) before.push({ text: part.text.slice(0, equals) });
          const resolved = nameOf(merge(before));
          const valid = resolved.name === undefined || cookieName.test(resolved.name.trim());
          return valid
            ? { ...resolved, name: resolved.name?.trim(), hasEquals: true }
            : { name: undefined, exact: false, why: invalidNameReason(resolved.name!.trim()), hasEquals: true };
        }
      }
      before.push(part);
    }
    return { ...nameOf(merge(before)), hasEquals: false };
  }

  /** A number the code states: a literal, arithmetic of literals and constants (`60 * 60 * 24 * 365`). */
  number(expression: TS.Expression, depth = 0): number | undefined {
    const ts = this.#ts;
    if (depth > maxDepth) return undefined;
    if (ts.isNumericLiteral(expression)) return Number(expression.text);
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isNonNullExpression(expression))
      return this.number(expression.expression, depth + 1);
    if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken) {
      const inner = this.number(expression.operand, depth + 1);
      return inner === undefined ? undefined : -inner;
    }
    if (ts.isBinaryExpression(expression)) {
      const left = this.number(expression.left, depth + 1);
      const right = this.number(expression.right, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (expression.operatorToken.kind) {
        case ts.SyntaxKind.AsteriskToken:
          return left * right;
        case ts.SyntaxKind.PlusToken:
          return left + right;
        case ts.SyntaxKind.MinusToken:
          return left - right;
        case ts.SyntaxKind.SlashToken:
          return right === 0 ? undefined : left / right;
        default:
          return undefined;
      }
    }
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      const initializer = this.#constantInitializer(expression);
      if (initializer) return this.number(initializer, depth + 1);
    }
    return undefined;
  }

  /** What a call of a project function returns, when returning it is all the function does. */
  returnedBy(call: TS.CallExpression): TS.Expression | undefined {
    const ts = this.#ts;
    const symbol = this.#symbolOf(call.expression);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (declaration && ts.isFunctionDeclaration(declaration)) return returnedExpression(ts, declaration);
    if (
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
    ) {
      return returnedExpression(ts, declaration.initializer);
    }
    return undefined;
  }

  /** The initializer of the constant an identifier or member names, if it is one. */
  constantInitializer(expression: TS.Expression): TS.Expression | undefined {
    return this.#constantInitializer(expression);
  }

  #parts(expression: TS.Expression, depth: number, bindings: ReadonlyMap<TS.Symbol, TextPart[]>): TextPart[] {
    const ts = this.#ts;
    const unknown = (why: string): TextPart[] => [{ unknown: shortText(ts, expression), why, node: expression }];
    if (depth > maxDepth) return unknown('is built too deep to follow');
    if (ts.isStringLiteralLike(expression)) return [{ text: expression.text }];
    if (ts.isNumericLiteral(expression)) return [{ text: expression.text }];
    if (
      ts.isParenthesizedExpression(expression) ||
      ts.isAsExpression(expression) ||
      ts.isNonNullExpression(expression) ||
      ts.isSatisfiesExpression(expression) ||
      ts.isTypeAssertionExpression(expression)
    ) {
      return this.#parts(expression.expression, depth, bindings);
    }
    if (ts.isTemplateExpression(expression)) {
      const out: TextPart[] = [{ text: expression.head.text }];
      for (const span of expression.templateSpans) {
        out.push(...this.#parts(span.expression, depth + 1, bindings), { text: span.literal.text });
      }
      return out;
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return [
        ...this.#parts(expression.left, depth + 1, bindings),
        ...this.#parts(expression.right, depth + 1, bindings),
      ];
    }
    if (ts.isConditionalExpression(expression)) {
      const whenTrue = merge(this.#parts(expression.whenTrue, depth + 1, bindings));
      const whenFalse = merge(this.#parts(expression.whenFalse, depth + 1, bindings));
      if (sameParts(whenTrue, whenFalse)) return whenTrue;
      return unknown('depends on a condition');
    }
    if (ts.isCallExpression(expression)) return this.#callParts(expression, depth, bindings);
    if (
      ts.isIdentifier(expression) ||
      ts.isPropertyAccessExpression(expression) ||
      ts.isElementAccessExpression(expression)
    ) {
      const dotted = expression.getText();
      if (/^(?:process\.env|import\.meta\.env)\b/u.test(dotted)) return unknown('is read from the environment');
      const symbol = this.#symbolOf(expression);
      if (symbol) {
        const bound = bindings.get(symbol);
        if (bound) return bound;
        const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
        if (declaration && ts.isParameter(declaration)) return unknown('is a parameter');
      }
      const initializer = this.#constantInitializer(expression);
      if (initializer) return this.#parts(initializer, depth + 1, new Map());
      const literal = this.#literalType(expression);
      if (literal !== undefined) return [{ text: literal }];
      if (this.#isUnresolvedImport(expression)) return unknown('is imported from a module privlint could not resolve');
      if (symbol === undefined && ts.isIdentifier(expression))
        return unknown('is declared where privlint cannot see it');
      return unknown('is computed at run time');
    }
    return unknown('is computed at run time');
  }

  /** A helper that builds a name from its parameters: its returned template, with the arguments put in. */
  #callParts(call: TS.CallExpression, depth: number, bindings: ReadonlyMap<TS.Symbol, TextPart[]>): TextPart[] {
    const ts = this.#ts;
    const unknown = (why: string): TextPart[] => [{ unknown: shortText(ts, call), why, node: call }];
    const symbol = this.#symbolOf(call.expression);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    let fn: TS.SignatureDeclaration | undefined;
    if (declaration && ts.isFunctionDeclaration(declaration)) fn = declaration;
    else if (
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
    ) {
      fn = declaration.initializer;
    }
    if (!fn) return unknown('is the result of a call privlint cannot follow');
    const returned = returnedExpression(ts, fn);
    if (!returned) return unknown('comes from a function that does more than build a string');
    const inner = new Map<TS.Symbol, TextPart[]>();
    fn.parameters.forEach((parameter, index) => {
      if (!ts.isIdentifier(parameter.name)) return;
      const parameterSymbol = this.#checker.getSymbolAtLocation(parameter.name);
      const argument = call.arguments[index];
      if (!parameterSymbol) return;
      const value = argument
        ? this.#parts(argument, depth + 1, bindings)
        : parameter.initializer
          ? this.#parts(parameter.initializer, depth + 1, bindings)
          : [{ unknown: parameter.name.text, why: 'is not given' }];
      inner.set(parameterSymbol, value);
    });
    return this.#parts(returned, depth + 1, inner);
  }

  #symbolOf(expression: TS.Expression): TS.Symbol | undefined {
    const ts = this.#ts;
    try {
      const at = ts.isPropertyAccessExpression(expression) ? expression.name : expression;
      const symbol = this.#checker.getSymbolAtLocation(at);
      return resolveAlias(ts, this.#checker, symbol) ?? symbol;
    } catch {
      return undefined;
    }
  }

  /** An imported name whose module the program does not hold (untyped lint, or a package without types). */
  #isUnresolvedImport(expression: TS.Expression): boolean {
    const ts = this.#ts;
    let root: TS.Expression = expression;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return false;
    try {
      const symbol = this.#checker.getSymbolAtLocation(root);
      if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return false;
      const target = resolveAlias(ts, this.#checker, symbol);
      return !target || !target.declarations || target.declarations.length === 0;
    } catch {
      return false;
    }
  }

  #constantInitializer(expression: TS.Expression): TS.Expression | undefined {
    const ts = this.#ts;
    const symbol = this.#symbolOf(expression);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!declaration) return this.#syntacticMember(expression);
    if (ts.isVariableDeclaration(declaration)) {
      const list = declaration.parent;
      const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      return isConst && ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
    }
    if (ts.isEnumMember(declaration)) return declaration.initializer;
    if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
    if (ts.isShorthandPropertyAssignment(declaration)) {
      const value = this.#checker.getShorthandAssignmentValueSymbol(declaration);
      const valueDeclaration = value?.valueDeclaration;
      return valueDeclaration && ts.isVariableDeclaration(valueDeclaration) ? valueDeclaration.initializer : undefined;
    }
    if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
      const readonly = ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly;
      return readonly ? declaration.initializer : undefined;
    }
    return undefined;
  }

  /**
   * `COOKIES.theme` when the checker has no symbol for the member (an untyped object the checker widened): the
   * property of the constant object literal the receiver names.
   */
  #syntacticMember(expression: TS.Expression): TS.Expression | undefined {
    const ts = this.#ts;
    if (!ts.isPropertyAccessExpression(expression) && !ts.isElementAccessExpression(expression)) return undefined;
    const key = ts.isPropertyAccessExpression(expression)
      ? expression.name.text
      : propertyNameText(ts, expression.argumentExpression);
    if (key === undefined) return undefined;
    const owner = this.#constantInitializer(expression.expression);
    let object = owner;
    while (
      object &&
      (ts.isAsExpression(object) || ts.isSatisfiesExpression(object) || ts.isParenthesizedExpression(object))
    )
      object = object.expression;
    if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
    for (const property of object.properties) {
      if (ts.isPropertyAssignment(property) && propertyNameText(ts, property.name) === key) return property.initializer;
    }
    return undefined;
  }

  /** With types, a constant the checker knows by its literal type (`'theme'`), e.g. from a declaration file. */
  #literalType(expression: TS.Expression): string | undefined {
    try {
      const type = this.#checker.getTypeAtLocation(expression);
      return type.isStringLiteral() ? type.value : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The expression a function returns when that is all it does: an expression body, or one `return` statement. */
function returnedExpression(ts: typeof TS, fn: TS.SignatureDeclaration): TS.Expression | undefined {
  const body = (fn as { body?: TS.Node }).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body as TS.Expression;
  const statements = body.statements;
  if (statements.length !== 1) return undefined;
  const only = statements[0]!;
  return ts.isReturnStatement(only) ? only.expression : undefined;
}

function merge(parts: readonly TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if ('text' in part && last && 'text' in last) out[out.length - 1] = { text: last.text + part.text };
    else if (!('text' in part && part.text === '')) out.push(part);
  }
  return out;
}

function sameParts(a: readonly TextPart[], b: readonly TextPart[]): boolean {
  return (
    a.length === b.length &&
    a.every((part, index) => {
      const other = b[index]!;
      return 'text' in part && 'text' in other && part.text === other.text;
    })
  );
}

function nameOf(parts: readonly TextPart[]): ResolvedName {
  const unknowns = parts.filter((part): part is Extract<TextPart, { unknown: string }> => 'unknown' in part);
  const known = parts.filter((part): part is { text: string } => 'text' in part);
  const first = unknowns[0];
  const why = first ? `\`${first.unknown}\` ${first.why}` : undefined;
  if (unknowns.length === 0) return { name: known.map(part => part.text).join(''), exact: true };
  if (known.every(part => part.text.trim() === '')) return { name: undefined, exact: false, why };
  const glob = parts
    .map(part => ('text' in part ? part.text : '*'))
    .join('')
    .replace(/\*+/gu, '*');
  return { name: glob, exact: false, why };
}

function shortText(ts: typeof TS, node: TS.Node): string {
  const text = node.getText().replace(/\s+/gu, ' ');
  void ts;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
