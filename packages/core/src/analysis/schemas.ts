import type TS from 'typescript';
import { ApiMatcher, selectPayload, skipOuter } from './api.js';
import { calleeName, propertyNameText } from './declarations.js';
import { resolveAlias, type OriginResolver } from './origin.js';
import type { SchemasFile } from '../knowledge/schemas-schema.js';
import type { TypeKind } from '../knowledge/schema.js';

/** What a schema says about one field: the kind of value its builder makes and the validator that names a category. */
export interface SchemaField {
  /** The library (`zod`, `mongoose`), from `rules/schemas.yml`. */
  readonly builder: string;
  readonly kind: TypeKind | undefined;
  readonly validator: { readonly category: string; readonly detail: string } | undefined;
  /** The field object of an object field, or of a list's element (`z.array(z.object({ … }))`): what it holds. */
  readonly object?: TS.ObjectLiteralExpression | undefined;
}

/** How deep nested field objects are read (`address: { street: String }` in a mongoose schema). */
const maxNesting = 3;

/**
 * Reads the schemas a project already has (`rules/schemas.yml`): which object literals define a record's fields, and
 * what a field's definition or decorators say about it. Syntax plus import origins only; no type is asked for.
 */
export class SchemaReader {
  readonly #ts: typeof TS;
  readonly #origins: OriginResolver;
  readonly #matcher: ApiMatcher;
  readonly #kinds: ReadonlyMap<string, TypeKind>;
  readonly #wrappers: ReadonlySet<string>;
  readonly #lists: ReadonlySet<string>;
  readonly #inputs: SchemasFile['validatedInputs'];
  readonly #checker: TS.TypeChecker | undefined;
  readonly #methods = new Map<string, string>();
  readonly #decorators = new Map<string, string>();
  readonly #formats = new Map<string, string>();
  /** Object literal -> the builder it is the field object of (null: none). */
  readonly #builders = new WeakMap<TS.Node, string | null>();

  constructor(ts: typeof TS, data: SchemasFile, origins: OriginResolver, checker?: TS.TypeChecker) {
    this.#ts = ts;
    this.#origins = origins;
    this.#checker = checker;
    this.#lists = new Set(data.lists);
    this.#inputs = data.validatedInputs;
    this.#matcher = new ApiMatcher(ts, data.builders);
    this.#kinds = fieldKindsByName(data);
    this.#wrappers = new Set(data.wrappers);
    for (const validator of data.validators) {
      for (const name of validator.methods) this.#methods.set(name, validator.category);
      for (const name of validator.decorators) this.#decorators.set(name, validator.category);
      for (const name of validator.formats) this.#formats.set(name, validator.category);
    }
  }

  /** The field objects a call defines, when it is a schema builder: `z.object({ … })` gives its literal. */
  fieldObjects(node: TS.CallExpression | TS.NewExpression): TS.ObjectLiteralExpression[] {
    const ts = this.#ts;
    const args = node.arguments ?? [];
    if (!args.some(arg => ts.isObjectLiteralExpression(skipOuter(ts, arg)))) return [];
    const [match] = this.#matcher.match(node, this.#origins);
    if (!match) return [];
    const out: TS.ObjectLiteralExpression[] = [];
    for (const { expression } of selectPayload(ts, args, match.shape.payload)) {
      const literal = skipOuter(ts, expression);
      if (ts.isObjectLiteralExpression(literal)) {
        this.#builders.set(literal, match.shape.id);
        out.push(literal);
      }
    }
    return out;
  }

  /** The fields of a builder's object, nested objects included (`address.street`), with their paths. */
  fieldsOf(literal: TS.ObjectLiteralExpression): { path: string; node: TS.PropertyAssignment }[] {
    const ts = this.#ts;
    const out: { path: string; node: TS.PropertyAssignment }[] = [];
    const visit = (object: TS.ObjectLiteralExpression, prefix: string, depth: number): void => {
      for (const property of object.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name = propertyNameText(ts, property.name);
        if (name === undefined) continue;
        const value = skipOuter(ts, property.initializer);
        if (ts.isObjectLiteralExpression(value) && !hasTypeKey(ts, value) && depth + 1 < maxNesting) {
          visit(value, `${prefix}${name}.`, depth + 1);
          continue;
        }
        out.push({ path: prefix + name, node: property });
      }
    };
    visit(literal, '', 0);
    return out;
  }

  /** What the schema says about a property of an object literal, when that literal is a builder's field object. */
  field(property: TS.PropertyAssignment): SchemaField | undefined {
    const ts = this.#ts;
    let literal: TS.Node = property.parent;
    for (let depth = 0; depth < maxNesting; depth++) {
      if (!ts.isObjectLiteralExpression(literal)) return undefined;
      const builder = this.#builderOf(literal);
      if (builder) return { builder, ...this.#describe(property.initializer) };
      const outer = literal.parent;
      if (!ts.isPropertyAssignment(outer)) return undefined;
      literal = outer.parent;
    }
    return undefined;
  }

  /**
   * What a request handler's validated input says of one of its fields: `recipients` in
   * `.input(z.object({ recipients: z.array(z.number()) })).mutation(({ input }) => { const { recipients } = input })`,
   * or `input.recipients`. Read from the schema the chain is given, in this file or (typed) another.
   */
  inputField(node: TS.BindingElement | TS.PropertyAccessExpression): SchemaField | undefined {
    const ts = this.#ts;
    if (!this.#inputs || !this.#checker) return undefined;
    let holder: TS.Expression | undefined;
    let name: string | undefined;
    if (ts.isBindingElement(node)) {
      const pattern = node.parent;
      const declaration = pattern.parent;
      if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration)) return undefined;
      holder = declaration.initializer;
      name = propertyNameText(ts, node.propertyName ?? node.name);
    } else {
      holder = node.expression;
      name = node.name.text;
    }
    if (!holder || name === undefined) return undefined;
    const schema = this.#inputSchema(skipOuter(ts, holder));
    const property = schema?.properties.find(
      (entry): entry is TS.PropertyAssignment =>
        ts.isPropertyAssignment(entry) && propertyNameText(ts, entry.name) === name,
    );
    return property ? this.field(property) : undefined;
  }

  /** The object of fields validating the input a name stands for, when it is a handler's validated input. */
  #inputSchema(holder: TS.Expression): TS.ObjectLiteralExpression | undefined {
    const ts = this.#ts;
    const inputs = this.#inputs!;
    if (!ts.isIdentifier(holder)) return undefined;
    const decl = this.#declarationOf(holder);
    // `({ input, ctx }) => …`: the destructured property of the handler's first parameter.
    if (
      !decl ||
      !ts.isBindingElement(decl) ||
      !inputs.inputProperties.includes(propertyNameText(ts, decl.propertyName ?? decl.name) ?? '')
    ) {
      return undefined;
    }
    const parameter = decl.parent.parent;
    if (!ts.isParameter(parameter)) return undefined;
    const handler = parameter.parent;
    const call = handler.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(handler as TS.Expression)) return undefined;
    if (!ts.isPropertyAccessExpression(call.expression) || !inputs.handlerMethods.includes(call.expression.name.text)) {
      return undefined;
    }
    // Down the chain: `procedure.meta(…).input(S).output(…).mutation(handler)`.
    for (let current: TS.Expression = call.expression.expression, steps = 0; steps < 16; steps++) {
      current = skipOuter(ts, current);
      if (!ts.isCallExpression(current) || !ts.isPropertyAccessExpression(current.expression)) return undefined;
      if (inputs.schemaMethods.includes(current.expression.name.text)) {
        const schema = current.arguments[0];
        return schema ? this.#objectOf(schema, 0) : undefined;
      }
      current = current.expression.expression;
    }
    return undefined;
  }

  /** The field object of a schema expression: `z.object({…})`, a `const` of one, `.strict()`/`.extend()` on one. */
  #objectOf(expression: TS.Expression, depth: number): TS.ObjectLiteralExpression | undefined {
    const ts = this.#ts;
    if (depth > 6) return undefined;
    const current = skipOuter(ts, expression);
    if (ts.isIdentifier(current)) {
      const decl = this.#declarationOf(current);
      return decl && ts.isVariableDeclaration(decl) && decl.initializer
        ? this.#objectOf(decl.initializer, depth + 1)
        : undefined;
    }
    if (ts.isCallExpression(current)) {
      const [literal] = this.fieldObjects(current);
      if (literal) return literal;
      // `Schema.strict()`, `Schema.describe('…')`: the object is further down the chain.
      if (ts.isPropertyAccessExpression(current.expression))
        return this.#objectOf(current.expression.expression, depth + 1);
    }
    return undefined;
  }

  #declarationOf(identifier: TS.Identifier): TS.Declaration | undefined {
    const ts = this.#ts;
    const symbol = resolveAlias(ts, this.#checker!, this.#checker!.getSymbolAtLocation(identifier));
    const decl = symbol?.declarations?.[0];
    return decl && !decl.getSourceFile().isDeclarationFile ? decl : undefined;
  }

  /** A class-validator decorator on a class property: `@IsEmail() email: string`. */
  decoratorValidator(decl: TS.Node): { category: string; detail: string } | undefined {
    const ts = this.#ts;
    if (this.#decorators.size === 0 || !ts.canHaveDecorators(decl)) return undefined;
    for (const decorator of ts.getDecorators(decl) ?? []) {
      const call = decorator.expression;
      const callee = ts.isCallExpression(call) ? call.expression : call;
      const name = calleeName(ts, callee);
      const category = name === undefined ? undefined : this.#decorators.get(name);
      if (category) return { category, detail: `decorated \`@${name}()\`` };
    }
    return undefined;
  }

  #builderOf(literal: TS.ObjectLiteralExpression): string | undefined {
    const cached = this.#builders.get(literal);
    if (cached !== undefined) return cached ?? undefined;
    const ts = this.#ts;
    let call: TS.Node = literal.parent;
    while (ts.isParenthesizedExpression(call) || ts.isAsExpression(call) || ts.isSatisfiesExpression(call)) {
      call = call.parent;
    }
    let builder: string | undefined;
    if (ts.isCallExpression(call) || ts.isNewExpression(call)) {
      this.#builders.set(literal, null);
      if (this.fieldObjects(call).includes(literal)) builder = this.#builders.get(literal) ?? undefined;
    }
    this.#builders.set(literal, builder ?? null);
    return builder;
  }

  /**
   * Reads a field's definition: `z.string().email().optional()` is a string validated as email; `String` and
   * `{ type: String, match: … }` are strings; `Type.String({ format: 'email' })` is an email.
   */
  #describe(definition: TS.Expression): Omit<SchemaField, 'builder'> {
    const ts = this.#ts;
    let kind: TypeKind | undefined;
    let validator: SchemaField['validator'];
    let object: TS.ObjectLiteralExpression | undefined;
    const pending: TS.Expression[] = [definition];
    let steps = 0;
    while (pending.length > 0 && steps++ < 32) {
      const current = skipOuter(ts, pending.pop()!);
      if (ts.isIdentifier(current)) {
        kind ??= this.#kinds.get(current.text.toLowerCase());
      } else if (ts.isObjectLiteralExpression(current)) {
        // mongoose `{ type: String, … }` and options objects with a JSON Schema `format`.
        for (const property of current.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const key = propertyNameText(ts, property.name);
          if (key === 'type') pending.push(property.initializer);
          if (key === 'format' && ts.isStringLiteralLike(property.initializer)) {
            const category = this.#formats.get(property.initializer.text);
            if (category)
              validator ??= { category, detail: `its schema has \`format: '${property.initializer.text}'\`` };
          }
        }
      } else if (ts.isCallExpression(current)) {
        object ??= this.fieldObjects(current)[0];
        const callee = skipOuter(ts, current.expression);
        const name = calleeName(ts, callee);
        const category = name === undefined ? undefined : this.#methods.get(name);
        if (category) validator ??= { category, detail: `its schema validates it with \`${name}()\`` };
        if (name !== undefined && this.#lists.has(name)) {
          // `z.array(z.number())` holds what its element holds; `Element.array()` what its receiver does.
          const element = current.arguments[0];
          if (element) pending.push(element);
          else if (ts.isPropertyAccessExpression(callee)) pending.push(callee.expression);
          continue;
        }
        // `v.pipe(v.string(), v.email())` and `optional(…)` wrap the definition; other calls take options objects.
        if (name !== undefined && this.#wrappers.has(name)) pending.push(...current.arguments);
        else for (const arg of current.arguments) if (ts.isObjectLiteralExpression(arg)) pending.push(arg);
        if (ts.isPropertyAccessExpression(callee)) {
          const receiver = skipOuter(ts, callee.expression);
          // `z.string().email()`: the chain goes on through the receiver; at its root the builder's name is the kind.
          if (ts.isCallExpression(receiver)) pending.push(receiver);
          else if (name !== undefined) kind ??= this.#kinds.get(name.toLowerCase());
        } else if (name !== undefined) {
          kind ??= this.#kinds.get(name.toLowerCase());
        }
      }
    }
    return { kind, validator, ...(object ? { object } : {}) };
  }
}

/** The kind of value a field builder makes, by its lower-cased name (`string`, `text`, `boolean`, `datetime`). */
export function fieldKindsByName(data: SchemasFile): ReadonlyMap<string, TypeKind> {
  const kinds = new Map<string, TypeKind>();
  for (const { kind, names } of data.fieldKinds) for (const name of names) kinds.set(name.toLowerCase(), kind);
  return kinds;
}

/** A mongoose field given as `{ type: String }` is one field, not a nested object. */
function hasTypeKey(ts: typeof TS, literal: TS.ObjectLiteralExpression): boolean {
  return literal.properties.some(
    property => ts.isPropertyAssignment(property) && propertyNameText(ts, property.name) === 'type',
  );
}
