import type TS from 'typescript';
import { resolveAlias } from './origin.js';
import {
  checkerTypeKind,
  declarationName,
  isDataDeclaration,
  isTypeDeclaration,
  ownerName,
  propertyNameText,
  syntacticTypeKind,
  type DataDeclaration,
} from './declarations.js';
import { relativePath, type AnalysisEnvironment, type DeclaredField } from './environment.js';
import type { SchemaField, SchemaReader } from './schemas.js';
import { readPiiTag, type PiiTag } from './tags.js';
import type { TypeKind } from '../knowledge/schema.js';
import { normalizeName } from '../names/tokenize.js';

/** Why something was classified: the tag, manifest entry, name pattern or value that decided it, and where. */
export interface Evidence {
  readonly source: 'tag' | 'manifest' | 'schema' | 'type-tag' | 'name' | 'value';
  readonly category: string;
  /** What was classified: `User.email`, `email`. */
  readonly symbol: string;
  /** Where the deciding declaration or tag is, relative to the root (POSIX); absent for names read at the use site. */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  /** One human sentence: "tagged `@pii email`", "name matches `e_?mails?`". */
  readonly detail: string;
}

export interface Classification {
  /** Category ids, sorted; empty when `none`. */
  readonly categories: readonly string[];
  readonly evidence: readonly Evidence[];
  /** Declared by a tag or the manifest, as opposed to guessed from a name. */
  readonly declared: boolean;
  /** Explicitly not personal data (`@pii none`, `fields: { X.y: none }`): stops every guess. */
  readonly none: boolean;
}

/** A personal field found inside a type: `address.street` of `User`. */
export interface PersonalField {
  readonly path: string;
  readonly classification: Classification;
}

export interface TypeData {
  /** Categories declared on the type itself (`/** @pii health *\/ interface MedicalRecord`). */
  readonly typeTag?: Classification | undefined;
  readonly fields: readonly PersonalField[];
  /** The type's name for messages: `User`, `User[]`. */
  readonly name: string;
}

export interface AnalysisProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The analysis of the file did not complete (an exception, a budget cut): findings may be missing. */
  readonly incomplete?: boolean | undefined;
}

/** Bounds on type expansion: nested objects and cycles never make one query expensive. */
const maxTypeDepth = 4;
const maxFieldsPerType = 80;
/** Where ORM clients generate the project's model types (`prisma generate` writes `node_modules/.prisma/client`). */
const generatedClientPath = /[\\/]node_modules[\\/]\.prisma[\\/]client[\\/]/u;

const noneClassification = (evidence: Evidence): Classification => ({
  categories: [],
  evidence: [evidence],
  declared: true,
  none: true,
});

/**
 * Answers "is this personal data, which categories, and why" for declarations, member accesses and types, with the
 * strongest evidence first: `@pii` tags, then the manifest's `fields`, then a tag on the declared type, then names.
 * Results are cached per node and per type, so the same question costs once per program.
 */
export class Classifier {
  readonly #env: AnalysisEnvironment;
  readonly #program: TS.Program;
  readonly #checker: TS.TypeChecker;
  readonly #declarations = new WeakMap<TS.Node, Classification | null>();
  readonly #typeTags = new WeakMap<TS.Node, Classification | null>();
  readonly #types = new WeakMap<TS.Type, TypeData | null>();
  readonly #directFields = new WeakMap<TS.Type, readonly DirectField[]>();
  readonly #projectTypes = new WeakMap<TS.Type, boolean>();
  readonly problems: AnalysisProblem[] = [];

  readonly #schemas: SchemaReader | undefined;

  constructor(env: AnalysisEnvironment, program: TS.Program, schemas?: SchemaReader) {
    this.#env = env;
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#schemas = schemas;
  }

  get checker(): TS.TypeChecker {
    return this.#checker;
  }

  get program(): TS.Program {
    return this.#program;
  }

  /** Classifies a declaration that can hold a value: a property, parameter, variable or destructured name. */
  classifyDeclaration(decl: DataDeclaration): Classification | undefined {
    const cached = this.#declarations.get(decl);
    if (cached !== undefined) return cached ?? undefined;
    // Break cycles (a binding element whose initializer's type refers back): a re-entrant query sees "unknown".
    this.#declarations.set(decl, null);
    const result = this.#classifyDeclaration(decl);
    this.#declarations.set(decl, result ?? null);
    return result;
  }

  #classifyDeclaration(decl: DataDeclaration): Classification | undefined {
    const { ts } = this.#env;
    const name = declarationName(ts, decl);
    if (name === undefined) return undefined;
    const owner = ownerName(ts, decl);
    const symbol = owner === undefined ? name : `${owner}.${name}`;
    const sourceFile = decl.getSourceFile();

    const tagged = this.#fromTag(decl, symbol, 'tag');
    if (tagged) return tagged;

    const declared = this.#env.manifest.fieldCategories(owner, name);
    if (declared) {
      const fromManifest = manifestClassification(this.#env, declared, symbol);
      if (fromManifest) return fromManifest;
    }

    // A schema the project wrote (`email: z.string().email()`, `@IsEmail() email`) declares what the field holds.
    const schema = this.#schemaField(decl);
    if (schema?.validator) {
      const at = sourceFile.getLineAndCharacterOfPosition(decl.getStart(sourceFile)).line + 1;
      const file = relativePath(this.#env.rootDir, sourceFile.fileName);
      const { category, detail } = schema.validator;
      return declaredClassification([{ source: 'schema', category, symbol, file, line: at, detail }]);
    }

    // `const { email } = user`: the property of the destructured type may carry the declaration.
    if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent)) {
      const fromProperty = this.#classifyBindingSource(decl);
      if (fromProperty) return fromProperty;
    }

    // A tag on the declared type (`to: Email` with `/** @pii email *\/ type Email = …`). Read from the annotation's
    // names when there is one, which costs a symbol lookup; the checker's type is asked only for a value whose type
    // is inferred from a call (`const to = asEmail(raw)`), since asking for types is what makes scans slow.
    const annotation = (decl as { type?: TS.TypeNode }).type;
    let type: TS.Type | undefined;
    if (annotation) {
      const typeTag = this.#annotationTypeTag(annotation, 0);
      if (typeTag) return typeTag;
    } else if (initializerIsCall(ts, decl)) {
      type = this.#declaredType(decl);
      const typeTag = type ? this.#typeTagOf(type) : undefined;
      if (typeTag) return typeTag;
    }

    const where = {
      file: relativePath(this.#env.rootDir, sourceFile.fileName),
      line: sourceFile.getLineAndCharacterOfPosition(decl.getStart(sourceFile)).line + 1,
    };
    // The name first, without its type: most names match nothing, and then the type is never needed.
    if (!this.#env.knowledge.names.mayMatch(name, { owner })) {
      return ts.isVariableDeclaration(decl) ? this.#untypedDocument(decl, name, symbol) : undefined;
    }
    // `const SUPPORT_EMAIL = …` and `const from = 'noreply@…'` are configuration; a literal that is somebody's
    // address is `no-hardcoded-pii`'s to report, by its value.
    if (ts.isVariableDeclaration(decl) && isConstantDeclaration(ts, decl)) return undefined;
    let typeKind = schema?.kind ?? (schema ? undefined : syntacticTypeKind(ts, decl));
    // A schema field's own type is the library's (`ZodString`), which says nothing about the value.
    if (typeKind === undefined && !schema) {
      type ??= this.#declaredType(decl);
      typeKind = type ? checkerTypeKind(ts, type) : undefined;
    }
    return nameClassification(this.#env, name, symbol, owner, typeKind, where);
  }

  /**
   * `const doc = await User.findOne({ … })` with no types (Mongoose, Sequelize or any ORM without its types): the
   * document is untyped, but the code reads `doc.email` nearby, so `doc` holds an email address and logging or
   * sending it whole sends that too. Only for a variable initialised by a call whose type says nothing, read in the
   * same function; names that are person records (`user`) are records already.
   */
  #untypedDocument(decl: TS.VariableDeclaration, name: string, symbol: string): Classification | undefined {
    const { ts } = this.#env;
    const names = this.#env.knowledge.names;
    if (!ts.isIdentifier(decl.name) || !initializerIsCall(ts, decl) || names.isPersonRecord(name)) return undefined;
    let scope: TS.Node = decl;
    while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    const sourceFile = decl.getSourceFile();
    const text = decl.name.text;
    // Reads of `doc.<personal name>` by text first: most variables have none, and then no type is asked for.
    const reads: { node: TS.PropertyAccessExpression; category: string }[] = [];
    const seen = new Set<string>();
    let budget = 5000;
    const visit = (node: TS.Node): void => {
      if (--budget < 0) return;
      if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === text &&
        !seen.has(node.name.text)
      ) {
        const match = names.match(node.name.text, { owner: name });
        if (match) {
          seen.add(node.name.text);
          reads.push({ node, category: match.category });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    if (reads.length === 0 || this.#declaredType(decl) !== undefined) return undefined;
    const variable = this.#checker.getSymbolAtLocation(decl.name);
    const evidence: Evidence[] = reads
      .filter(read => variable !== undefined && this.#checker.getSymbolAtLocation(read.node.expression) === variable)
      .map(read => ({
        source: 'name',
        category: read.category,
        symbol,
        file: relativePath(this.#env.rootDir, sourceFile.fileName),
        line: sourceFile.getLineAndCharacterOfPosition(read.node.getStart(sourceFile)).line + 1,
        detail: `untyped \`${name}\` has its \`${read.node.name.text}\` read nearby, which reads as ${read.category}`,
      }));
    if (evidence.length === 0) return undefined;
    return {
      categories: [...new Set(evidence.map(item => item.category))].sort(),
      evidence,
      declared: false,
      none: false,
    };
  }

  /** A `@pii` tag on a type an annotation names, through unions, arrays, generics and aliases of aliases. */
  #annotationTypeTag(node: TS.TypeNode, depth: number): Classification | undefined {
    const { ts } = this.#env;
    if (depth > 4) return undefined;
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) {
      for (const member of node.types) {
        const found = this.#annotationTypeTag(member, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isArrayTypeNode(node)) return this.#annotationTypeTag(node.elementType, depth + 1);
    if (ts.isParenthesizedTypeNode(node)) return this.#annotationTypeTag(node.type, depth + 1);
    if (!ts.isTypeReferenceNode(node)) return undefined;
    for (const argument of node.typeArguments ?? []) {
      const found = this.#annotationTypeTag(argument, depth + 1);
      if (found) return found;
    }
    const nameNode = ts.isIdentifier(node.typeName) ? node.typeName : node.typeName.right;
    const symbol = resolveAlias(ts, this.#checker, this.#checker.getSymbolAtLocation(nameNode));
    for (const decl of symbol?.declarations ?? []) {
      if (!isTypeDeclaration(ts, decl)) continue;
      let cached = this.#typeTags.get(decl);
      if (cached === undefined) {
        cached = this.#fromTag(decl, decl.name?.text ?? 'type', 'type-tag') ?? null;
        this.#typeTags.set(decl, cached);
      }
      if (cached && !cached.none) return cached;
      if (ts.isTypeAliasDeclaration(decl)) {
        const found = this.#annotationTypeTag(decl.type, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * Classifies a member access (`user.email`, `user['email']`) or a name by the declaration it resolves to; with no
   * declaration in reach (untyped, `any`), by its name and the name of its owner (`user.name` is a person's name).
   */
  classifyReference(node: TS.Expression): Classification | undefined {
    const { ts } = this.#env;
    let nameNode: TS.Node | undefined;
    let ownerExpression: TS.Expression | undefined;
    if (ts.isPropertyAccessExpression(node)) {
      nameNode = node.name;
      ownerExpression = node.expression;
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      nameNode = node.argumentExpression;
      ownerExpression = node.expression;
    } else if (ts.isIdentifier(node)) {
      nameNode = node;
    } else {
      return undefined;
    }
    if (ownerExpression) {
      const signIn = this.#signInRequest(node, ownerExpression, nameNode);
      if (signIn) return signIn;
    }
    const symbol = this.#symbolOf(nameNode);
    const declarations = symbol?.declarations ?? [];
    const dataDeclarations = declarations.filter(decl => isDataDeclaration(ts, decl));
    if (dataDeclarations.length > 0) {
      const results = dataDeclarations.map(decl => this.classifyDeclaration(decl));
      if (results.some(result => result?.none)) return results.find(result => result?.none);
      // A declaration exists: it was judged there, with its tag, manifest entry, type and owner.
      return mergeClassifications(results);
    }
    // Functions, classes, modules, imports that resolve to nothing classifiable: not a value we can judge by name.
    if (declarations.length > 0) return undefined;
    const name = propertyNameText(ts, nameNode) ?? (ts.isIdentifier(nameNode) ? nameNode.text : undefined);
    if (name === undefined) return undefined;
    const owner = ownerExpression ? expressionName(ts, ownerExpression) : undefined;
    const symbolText = owner === undefined ? name : `${owner}.${name}`;
    // `input.email` of a handler whose input a schema validates: the schema says what it is.
    const schema = ts.isPropertyAccessExpression(node) ? this.#schemas?.inputField(node) : undefined;
    if (schema?.validator) {
      const { category, detail } = schema.validator;
      return declaredClassification([{ source: 'schema', category, symbol: symbolText, detail }]);
    }
    const type = this.#typeAt(node);
    const typeKind = schema?.kind ?? (type ? checkerTypeKind(ts, type) : undefined);
    // Untyped, `order.notes` has no declaration to carry a tag, but the manifest's `Order.notes` still names it.
    const declared = this.#env.manifest.fieldCategories(owner, name);
    if (declared) return manifestClassification(this.#env, declared, symbolText);
    // `process.env.SUPPORT_EMAIL` is the deployment's configuration, not a person's data.
    if (ownerExpression && isEnvironmentObject(ts, ownerExpression)) return undefined;
    return nameClassification(this.#env, name, symbolText, owner, typeKind, undefined);
  }

  /**
   * `req.body` in a sign-up or sign-in handler (`router.post('/signup', …)`, `async function handleLogin(req)`,
   * `app/api/auth/register/route.ts`): what the person sent to get an account, their credentials and contact. Only
   * when its type says nothing (untyped, `any`): a typed body is judged by its fields.
   */
  #signInRequest(node: TS.Expression, owner: TS.Expression, nameNode: TS.Node): Classification | undefined {
    const { ts } = this.#env;
    const vocabulary = this.#env.knowledge.data.vocabulary.signInRequests;
    const input = propertyNameText(ts, nameNode) ?? (ts.isIdentifier(nameNode) ? nameNode.text : undefined);
    if (input === undefined || !vocabulary.inputs.includes(input)) return undefined;
    const request = expressionName(ts, owner);
    if (request === undefined || !vocabulary.requests.includes(request)) return undefined;
    const handler = signInHandler(ts, node, new RegExp(vocabulary.handlers, 'u'), this.#env.rootDir);
    if (handler === undefined || this.#typeAt(node) !== undefined) return undefined;
    const sourceFile = node.getSourceFile();
    const evidence = vocabulary.categories.map((category): Evidence => ({
      source: 'name',
      category,
      symbol: `${request}.${input}`,
      file: relativePath(this.#env.rootDir, sourceFile.fileName),
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
      detail: `\`${request}.${input}\` in the sign-up or sign-in handler ${handler} is what a person sends for an account`,
    }));
    return { categories: [...vocabulary.categories].sort(), evidence, declared: false, none: false };
  }

  /** The personal fields an expression's type carries (a `User` carries `User.email`), or undefined. */
  typeDataOf(node: TS.Expression): TypeData | undefined {
    const type = this.#typeAt(node);
    return type ? this.typeData(type) : undefined;
  }

  typeData(type: TS.Type): TypeData | undefined {
    const cached = this.#types.get(type);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.#computeTypeData(type);
    this.#types.set(type, result ?? null);
    return result;
  }

  #computeTypeData(root: TS.Type): TypeData | undefined {
    const checker = this.#checker;
    const fields: PersonalField[] = [];
    let typeTag = this.#typeTagOf(root);
    // Breadth first, so the fields nearest the top are kept when the bound cuts the list.
    const queue: { type: TS.Type; prefix: string; depth: number; path: ReadonlySet<TS.Type> }[] = [
      { type: root, prefix: '', depth: 0, path: new Set() },
    ];
    while (queue.length > 0 && fields.length < maxFieldsPerType) {
      const { type, prefix, depth, path } = queue.shift()!;
      for (const member of this.#objectMembers(type)) {
        if (path.has(member)) continue;
        if (member !== root && depth > 0) {
          const nestedTag = this.#typeTagOf(member);
          if (nestedTag) {
            fields.push({ path: prefix.slice(0, -1), classification: nestedTag });
            continue;
          }
        }
        const nextPath = new Set(path).add(member);
        for (const field of this.#fieldsOf(member)) {
          if (fields.length >= maxFieldsPerType) break;
          if (field.classification) {
            if (!field.classification.none)
              fields.push({ path: prefix + field.name, classification: field.classification });
            continue;
          }
          if (depth + 1 < maxTypeDepth && field.type) {
            queue.push({ type: field.type, prefix: `${prefix}${field.name}.`, depth: depth + 1, path: nextPath });
          }
        }
      }
    }
    if (!typeTag && fields.length === 0) return undefined;
    typeTag ??= undefined;
    return { typeTag, fields: dedupeFields(fields), name: checker.typeToString(root) };
  }

  /** The object types a type stands for: itself, union members, array elements, without null and undefined. */
  #objectMembers(type: TS.Type): TS.Type[] {
    const { ts } = this.#env;
    const checker = this.#checker;
    const out: TS.Type[] = [];
    const visit = (current: TS.Type, depth: number): void => {
      if (depth > 4) return;
      if (current.isUnion()) {
        for (const member of current.types) visit(member, depth + 1);
        return;
      }
      if (!(current.flags & ts.TypeFlags.Object) && !current.isIntersection()) return;
      if (checker.isArrayType(current) || checker.isTupleType(current)) {
        for (const element of checker.getTypeArguments(current as TS.TypeReference)) visit(element, depth + 1);
        return;
      }
      if (!this.#isProjectType(current)) return;
      out.push(current);
    };
    visit(type, 0);
    return out;
  }

  /**
   * Types declared in the project (or anonymous literals there); library types such as `Request` are not expanded.
   * A type a library computes from the project's own declarations counts too: `z.infer<typeof UserSchema>` is a
   * mapped type declared in zod, but its properties are the project's `z.object({ email: … })` entries. So do the
   * model types of ORM clients generated into `node_modules` (Prisma's `.prisma/client`): the schema is the project's.
   */
  #isProjectType(type: TS.Type): boolean {
    const cached = this.#projectTypes.get(type);
    if (cached !== undefined) return cached;
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const inProject = (decl: TS.Declaration): boolean => this.#isProjectFile(decl.getSourceFile());
    let result = (symbol?.declarations ?? []).some(inProject);
    if (!result && symbol) {
      result = this.#checker
        .getPropertiesOfType(type)
        .slice(0, maxFieldsPerType)
        .some(property => (property.declarations ?? []).some(inProject));
    }
    this.#projectTypes.set(type, result);
    return result;
  }

  #isProjectFile(sourceFile: TS.SourceFile): boolean {
    if (generatedClientPath.test(sourceFile.fileName)) return true;
    return (
      !this.#program.isSourceFileFromExternalLibrary(sourceFile) &&
      !this.#program.isSourceFileDefaultLibrary(sourceFile) &&
      !/[\\/]node_modules[\\/]/u.test(sourceFile.fileName)
    );
  }

  #fieldsOf(type: TS.Type): readonly DirectField[] {
    const cached = this.#directFields.get(type);
    if (cached) return cached;
    const { ts } = this.#env;
    const checker = this.#checker;
    const fields: DirectField[] = [];
    for (const property of checker.getPropertiesOfType(type).slice(0, maxFieldsPerType)) {
      const decl = property.valueDeclaration ?? property.declarations?.[0];
      if (!decl) continue;
      if (ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl) || ts.isSetAccessorDeclaration(decl)) continue;
      const classification = isDataDeclaration(ts, decl) ? this.classifyDeclaration(decl) : undefined;
      const propertyType = classification ? undefined : checker.getTypeOfSymbolAtLocation(property, decl);
      fields.push({ name: property.getName(), classification, type: propertyType });
    }
    this.#directFields.set(type, fields);
    return fields;
  }

  /** A `@pii` tag on the type's declaration (interface, alias, class), including a branded `type Email = string`. */
  #typeTagOf(type: TS.Type): Classification | undefined {
    const { ts } = this.#env;
    const candidates = new Set<TS.Symbol>();
    if (type.aliasSymbol) candidates.add(type.aliasSymbol);
    const symbol = type.getSymbol();
    if (symbol) candidates.add(symbol);
    if (type.isIntersection()) {
      for (const member of type.types) if (member.aliasSymbol) candidates.add(member.aliasSymbol);
    }
    for (const candidate of candidates) {
      for (const decl of candidate.declarations ?? []) {
        if (!isTypeDeclaration(ts, decl)) continue;
        const cached = this.#typeTags.get(decl);
        if (cached !== undefined) {
          if (cached) return cached;
          continue;
        }
        const result = this.#fromTag(decl, decl.name?.text ?? 'type', 'type-tag');
        this.#typeTags.set(decl, result ?? null);
        if (result && !result.none) return result;
      }
    }
    return undefined;
  }

  /** What a schema says about a declaration: a field of a builder's object, or a decorated class property. */
  #schemaField(decl: DataDeclaration): Omit<SchemaField, 'builder'> | undefined {
    const schemas = this.#schemas;
    if (!schemas) return undefined;
    const { ts } = this.#env;
    if (ts.isPropertyAssignment(decl)) return schemas.field(decl);
    if (ts.isPropertyDeclaration(decl)) {
      const validator = schemas.decoratorValidator(decl);
      return validator ? { kind: undefined, validator } : undefined;
    }
    // `const { email } = input` in a handler whose input a schema validates.
    if (ts.isBindingElement(decl)) return schemas.inputField(decl);
    return undefined;
  }

  /**
   * The kind of value a validated input's field holds (`recipients: z.array(z.number())` holds numbers), for a name
   * bound from it or read off it: what untyped code can know of its type.
   */
  schemaKindOf(node: TS.Expression): TypeKind | undefined {
    return this.schemaFieldOf(node)?.kind;
  }

  /** What a validated input's schema says of the field a name is bound from or read off. */
  schemaFieldOf(node: TS.Expression): SchemaField | undefined {
    const { ts } = this.#env;
    const schemas = this.#schemas;
    if (!schemas) return undefined;
    if (ts.isPropertyAccessExpression(node)) return schemas.inputField(node);
    if (!ts.isIdentifier(node)) return undefined;
    // `{ recipients }` in an object literal: the variable, not the property being made.
    const symbol = ts.isShorthandPropertyAssignment(node.parent)
      ? this.#checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.#checker.getSymbolAtLocation(node);
    const decl = symbol?.declarations?.[0];
    return decl && ts.isBindingElement(decl) ? schemas.inputField(decl) : undefined;
  }

  /**
   * Whether a schema's field object holds personal data: a field whose name, validator or tag says so. An object
   * the schema spells out without one (`{ organisationMemberId, teamRole }`) is no person record.
   */
  schemaObjectHoldsData(object: TS.ObjectLiteralExpression): boolean {
    const { ts } = this.#env;
    const schemas = this.#schemas;
    if (!schemas) return true;
    // A spread or computed key adds fields nobody can see here.
    if (
      object.properties.some(property => !ts.isPropertyAssignment(property) || ts.isComputedPropertyName(property.name))
    )
      return true;
    return schemas.fieldsOf(object).some(({ node }) => {
      const classification = this.classifyDeclaration(node);
      return classification !== undefined && !classification.none && classification.categories.length > 0;
    });
  }

  #fromTag(node: TS.Node, symbol: string, source: 'tag' | 'type-tag'): Classification | undefined {
    const sourceFile = node.getSourceFile();
    const tag = readPiiTag(this.#env.ts, node, sourceFile);
    if (!tag) return undefined;
    const position = sourceFile.getLineAndCharacterOfPosition(tag.pos);
    const at = {
      file: relativePath(this.#env.rootDir, sourceFile.fileName),
      line: position.line + 1,
      column: position.character + 1,
    };
    return tagClassification(this.#env, tag, symbol, at, source, this.problems);
  }

  #classifyBindingSource(decl: TS.BindingElement): Classification | undefined {
    const { ts } = this.#env;
    const checker = this.#checker;
    const propertyName = propertyNameText(ts, decl.propertyName ?? decl.name);
    if (propertyName === undefined) return undefined;
    const patternType = checker.getTypeAtLocation(decl.parent);
    const property = checker.getPropertyOfType(patternType, propertyName);
    const propertyDecl = property?.valueDeclaration ?? property?.declarations?.[0];
    if (!propertyDecl || propertyDecl === decl || !isDataDeclaration(ts, propertyDecl)) return undefined;
    return this.classifyDeclaration(propertyDecl);
  }

  #declaredType(decl: DataDeclaration): TS.Type | undefined {
    const type = this.#checker.getTypeAtLocation(decl.name);
    return this.#isKnownType(type) ? type : undefined;
  }

  #typeAt(node: TS.Node): TS.Type | undefined {
    const type = this.#checker.getTypeAtLocation(node);
    return this.#isKnownType(type) ? type : undefined;
  }

  /** The error type (unresolved import, no lib) says nothing; treat it as unknown rather than as an object. */
  #isKnownType(type: TS.Type): boolean {
    const { ts } = this.#env;
    if (type.flags & ts.TypeFlags.Any) return false;
    return true;
  }

  #symbolOf(node: TS.Node): TS.Symbol | undefined {
    const { ts } = this.#env;
    const checker = this.#checker;
    // `{ address }` in an object literal is the variable `address` (`const { email: address } = member`), not the
    // property being made, whose name is all it has.
    let symbol =
      ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
        ? (checker.getShorthandAssignmentValueSymbol(node.parent) ?? checker.getSymbolAtLocation(node))
        : checker.getSymbolAtLocation(node);
    // `user.email` where user comes from a destructured or shorthand property: take the property, not the local.
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    if (!symbol && ts.isStringLiteralLike(node) && ts.isElementAccessExpression(node.parent)) {
      const type = checker.getTypeAtLocation(node.parent.expression);
      symbol = checker.getPropertyOfType(type, node.text);
    }
    return symbol;
  }
}

/** `const to = asEmail(raw)`: a value whose type comes from a call, where a tagged return type can hide. */
function initializerIsCall(ts: typeof TS, decl: DataDeclaration): boolean {
  let initializer = (decl as { initializer?: TS.Expression }).initializer;
  while (initializer && (ts.isAwaitExpression(initializer) || ts.isParenthesizedExpression(initializer))) {
    initializer = initializer.expression;
  }
  return initializer !== undefined && (ts.isCallExpression(initializer) || ts.isNewExpression(initializer));
}

interface DirectField {
  readonly name: string;
  readonly classification: Classification | undefined;
  readonly type: TS.Type | undefined;
}

/**
 * What a `@pii` tag says of `symbol`, as evidence pointing at the tag; words that name no category, and a tag with
 * none, are problems at the tag's position.
 */
export function tagClassification(
  env: AnalysisEnvironment,
  tag: PiiTag,
  symbol: string,
  at: { file: string; line: number; column: number },
  source: 'tag' | 'type-tag',
  problems: AnalysisProblem[],
): Classification | undefined {
  const { file, line, column } = at;
  if (tag.none) {
    return noneClassification({ source, category: 'none', symbol, file, line, detail: 'tagged `@pii none`' });
  }
  const evidence: Evidence[] = [];
  for (const word of tag.categories) {
    const ids = env.knowledge.resolveCategory(word);
    if (ids.length === 0) {
      problems.push({
        file,
        line,
        column,
        message: `\`@pii ${word}\` on \`${symbol}\` names no known category; see docs/categories.md`,
      });
      continue;
    }
    for (const category of ids) {
      const detail = source === 'tag' ? `tagged \`@pii ${word}\`` : `its type is tagged \`@pii ${word}\``;
      evidence.push({ source, category, symbol, file, line, detail });
    }
  }
  if (tag.categories.length === 0) {
    problems.push({
      file,
      line,
      column,
      message: `\`@pii\` on \`${symbol}\` needs a category (\`@pii email\`) or \`none\``,
    });
  }
  return evidence.length > 0 ? declaredClassification(evidence) : undefined;
}

/** What the manifest's `fields` say of `symbol`, as evidence pointing at the manifest line. */
export function manifestClassification(
  env: AnalysisEnvironment,
  declared: DeclaredField,
  symbol: string,
): Classification | undefined {
  const detail = `declared in privacy.yml \`fields\` as \`${declared.key}\``;
  const evidence = (category: string): Evidence => ({
    source: 'manifest',
    category,
    symbol,
    file: env.manifest.file,
    line: declared.line,
    detail,
  });
  if (declared.none) return noneClassification(evidence('none'));
  if (declared.categories.length > 0) return declaredClassification(declared.categories.map(evidence));
  return undefined;
}

/** What a name alone says (`email`, `user.name` on a person-like owner), ruled out by the value's kind. */
export function nameClassification(
  env: AnalysisEnvironment,
  name: string,
  symbol: string,
  owner: string | undefined,
  typeKind: TypeKind | undefined,
  where: { file: string; line: number } | undefined,
): Classification | undefined {
  const match = env.knowledge.names.match(name, { typeKind, owner });
  if (!match) return undefined;
  const detail =
    match.viaOwner !== undefined
      ? `name \`${name}\` of \`${match.viaOwner}\` reads as ${match.category}`
      : match.contextual
        ? `name \`${name}\` on a person-like \`${owner ?? ''}\` reads as ${match.category}`
        : `name \`${name}\` reads as ${match.category}`;
  return {
    categories: [match.category],
    evidence: [{ source: 'name', category: match.category, symbol, file: where?.file, line: where?.line, detail }],
    declared: false,
    none: false,
  };
}

export function declaredClassification(evidence: Evidence[]): Classification {
  return {
    categories: [...new Set(evidence.map(item => item.category))].sort(),
    evidence,
    declared: true,
    none: false,
  };
}

/** Merges the classifications of several declarations of one symbol (an interface declared twice, a union). */
export function mergeClassifications(results: readonly (Classification | undefined)[]): Classification | undefined {
  const present = results.filter((result): result is Classification => result !== undefined && !result.none);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  const declared = present.filter(result => result.declared);
  const chosen = declared.length > 0 ? declared : present;
  const evidence = chosen.flatMap(result => result.evidence);
  return {
    categories: [...new Set(chosen.flatMap(result => result.categories))].sort(),
    evidence,
    declared: declared.length > 0,
    none: false,
  };
}

function dedupeFields(fields: readonly PersonalField[]): PersonalField[] {
  const seen = new Set<string>();
  const out: PersonalField[] = [];
  for (const field of fields) {
    if (seen.has(field.path)) continue;
    seen.add(field.path);
    out.push(field);
  }
  return out;
}

/** A short name for an expression that owns a member: `user` for `user`, `this.user`, `req.user`, `getUser()`. */
/** A constant by convention (`SUPPORT_EMAIL`) or a `const` bound to a string literal. */
function isConstantDeclaration(ts: typeof TS, decl: TS.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u.test(decl.name.text)) return true;
  if (!(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) || !decl.initializer) return false;
  return ts.isStringLiteralLike(decl.initializer);
}

/** The process environment: `process.env`, `import.meta.env`, `Bun.env`, `Deno.env`. */
function isEnvironmentObject(ts: typeof TS, node: TS.Expression): boolean {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const holder = node.expression;
  if (ts.isMetaProperty(holder)) return true;
  return ts.isIdentifier(holder) && (holder.text === 'process' || holder.text === 'Bun' || holder.text === 'Deno');
}

export function expressionName(ts: typeof TS, node: TS.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  if (ts.isCallExpression(node)) return expressionName(ts, node.expression);
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAwaitExpression(node)) {
    return expressionName(ts, node.expression);
  }
  if (ts.isAsExpression(node)) return expressionName(ts, node.expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

/**
 * The sign-in or sign-up handler a node is in, described for the evidence: a function whose name says so, a route
 * whose path says so (`router.post('/auth/login', …)`), or a file whose path does (`api/auth/register/route.ts`).
 */
function signInHandler(ts: typeof TS, node: TS.Node, handlers: RegExp, rootDir: string): string | undefined {
  const says = (text: string): boolean => handlers.test(normalizeName(text));
  for (let current: TS.Node | undefined = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const name = functionName(ts, current);
    if (name !== undefined && says(name)) return `\`${name}\``;
    const call = current.parent;
    if (call && ts.isCallExpression(call) && call.arguments.includes(current as unknown as TS.Expression)) {
      const [route] = call.arguments;
      // The nearest route decides: `app.post('/orders', …)` inside a `setUpRoutes` is about orders.
      if (route && ts.isStringLiteralLike(route) && route.text.startsWith('/')) {
        return says(route.text) ? `for \`${route.text}\`` : undefined;
      }
    }
  }
  const file = relativePath(rootDir, node.getSourceFile().fileName).replace(/\.[cm]?[jt]sx?$/u, '');
  return file.split('/').some(segment => says(segment)) ? `of ${file}` : undefined;
}

/** A function's own name, or the name it is given (`const handleLogin = …`, `{ signUp: async () => … }`). */
function functionName(ts: typeof TS, fn: TS.SignatureDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteralLike(fn.name))) return fn.name.text;
  const parent = fn.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
    (ts.isIdentifier(parent.name) || ts.isStringLiteralLike(parent.name))
  ) {
    return parent.name.text;
  }
  return undefined;
}
