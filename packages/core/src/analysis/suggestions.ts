import path from 'node:path';
import type TS from 'typescript';
import type { Suggestion, TextEdit } from '../findings/finding.js';
import type { FamilyContext } from './families/family.js';
import type { DataItem } from './trace.js';
import { tokenize } from '../names/tokenize.js';

/**
 * "Wrap it in the sanitizer", offered only where the fix compiles and does what it says: the manifest names the
 * sanitizer, its first parameter accepts the value's type and its result fits where the value was (so an object is
 * never wrapped in `maskEmail(email: string)`, which would break the build and hide the other fields), and it is in
 * scope or can be imported from the one project file that exports it (the import is part of the fix). A value whose
 * type is unknown (`any`, untyped lint of an import) proves nothing, and a whole record (or its JSON string) is more
 * than one value for one masker: no suggestion. A sanitizer whose name says what it is for (`maskEmail`) is offered for
 * that category only.
 */
export function sanitizerSuggestions(
  ctx: FamilyContext,
  expression: TS.Expression,
  items: readonly DataItem[],
): Suggestion[] {
  const { ts } = ctx.env;
  // A masker takes one value: a record (or its JSON) holds several, which one call cannot make safe.
  if (items.length === 0 || items.some(item => item.fields.length > 0 || item.record)) return [];
  const names = ctx.env.manifest.sanitizers.filter(name => /^[A-Za-z_$][\w$]*$/u.test(name));
  if (names.length === 0) return [];
  const checker = ctx.classifier.checker;
  const valueType = checker.getTypeAtLocation(expression);
  if (valueType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [];
  const contextual = checker.getContextualType(expression);
  const text = expression.getText(ctx.sourceFile);
  const categories = new Set(items.flatMap(item => item.categories));
  for (const name of names) {
    const scope = sanitizerScope(ctx, name);
    // `maskEmail` is for emails: not offered for a phone number, whatever its type.
    if (scope !== undefined && [...categories].some(category => category !== scope)) continue;
    const found = findSanitizer(ctx, expression, name);
    if (!found || !accepts(ts, checker, found.type, valueType, contextual)) continue;
    const edits: TextEdit[] = [
      ...(found.importFrom === undefined ? [] : [importEdit(ts, ctx.sourceFile, name, found.importFrom)]),
      { start: expression.getStart(ctx.sourceFile), end: expression.getEnd(), text: `${name}(${text})` },
    ];
    return [{ messageId: 'wrapInSanitizer', data: { data: text, sanitizer: name }, edits }];
  }
  return [];
}

/**
 * The category a sanitizer's name says it is for, read as the name after its verb (`maskEmail` -> `email`,
 * `hashIpAddress` -> `ip-address`); undefined for a general one (`redact`, `scrub`).
 */
function sanitizerScope(ctx: FamilyContext, name: string): string | undefined {
  const tokens = tokenize(name);
  for (let start = 1; start < tokens.length; start++) {
    const rest = tokens
      .slice(start)
      .map((token, index) => (index === 0 ? token : token.charAt(0).toUpperCase() + token.slice(1)))
      .join('');
    const match = ctx.env.knowledge.names.match(rest);
    if (match) return match.category;
  }
  return undefined;
}

interface FoundSanitizer {
  readonly type: TS.Type;
  /** The module specifier to import it from, when it is not in scope. */
  readonly importFrom?: string | undefined;
}

function findSanitizer(ctx: FamilyContext, location: TS.Node, name: string): FoundSanitizer | undefined {
  const { ts } = ctx.env;
  const checker = ctx.classifier.checker;
  const inScope = checker
    .getSymbolsInScope(location, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)
    .find(symbol => symbol.name === name);
  if (inScope) {
    // `import type { maskEmail }` names it, but a call to it would not compile.
    const typeOnly = inScope.declarations?.some(
      declaration =>
        (ts.isImportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly)) ||
        (ts.isImportClause(declaration) && declaration.isTypeOnly),
    );
    if (typeOnly) return undefined;
    return { type: checker.getTypeOfSymbolAtLocation(inScope, location) };
  }
  const exported = exportsNamed(ctx.env.ts, ctx.classifier.program, name);
  // None, or several files that export the name: nothing to import with confidence.
  if (exported.length !== 1) return undefined;
  const [{ file, symbol }] = exported as [{ file: TS.SourceFile; symbol: TS.Symbol }];
  if (file === ctx.sourceFile) return undefined;
  return {
    type: checker.getTypeOfSymbolAtLocation(symbol, file),
    importFrom: moduleSpecifier(ts, ctx.sourceFile, file.fileName, ctx.classifier.program.getCompilerOptions()),
  };
}

const exportsByProgram = new WeakMap<TS.Program, Map<string, { file: TS.SourceFile; symbol: TS.Symbol }[]>>();

/** The project files (not declarations, not dependencies) that export a value of that name; cached per program. */
function exportsNamed(ts: typeof TS, program: TS.Program, name: string): { file: TS.SourceFile; symbol: TS.Symbol }[] {
  let byName = exportsByProgram.get(program);
  if (!byName) {
    byName = new Map();
    exportsByProgram.set(program, byName);
  }
  let found = byName.get(name);
  if (!found) {
    found = [];
    const checker = program.getTypeChecker();
    for (const file of program.getSourceFiles()) {
      if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
      if (/[\\/]node_modules[\\/]/u.test(file.fileName)) continue;
      const moduleSymbol = checker.getSymbolAtLocation(file);
      if (!moduleSymbol) continue;
      const symbol = checker.getExportsOfModule(moduleSymbol).find(entry => entry.name === name);
      if (symbol && symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) found.push({ file, symbol });
    }
    byName.set(name, found);
  }
  return found;
}

/** Whether `sanitizer(value)` compiles where `value` is: one argument accepted, and a result that fits. */
function accepts(
  ts: typeof TS,
  checker: TS.TypeChecker,
  sanitizerType: TS.Type,
  valueType: TS.Type,
  contextual: TS.Type | undefined,
): boolean {
  return checker.getSignaturesOfType(sanitizerType, ts.SignatureKind.Call).some(signature => {
    const [first, ...rest] = signature.parameters;
    if (!first || rest.some(parameter => isRequired(ts, parameter))) return false;
    const parameterType = checker.getTypeOfSymbol(first);
    if (!checker.isTypeAssignableTo(valueType, parameterType)) return false;
    return contextual === undefined || checker.isTypeAssignableTo(signature.getReturnType(), contextual);
  });
}

function isRequired(ts: typeof TS, parameter: TS.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return true;
  return !declaration.questionToken && !declaration.initializer && !declaration.dotDotDotToken;
}

/**
 * The import, after the file's last import (or before its first statement, after any `'use client'`-style
 * directive), in the style of the file: with `.js` extensions when its relative imports have them or the module
 * resolution needs them.
 */
function importEdit(ts: typeof TS, sourceFile: TS.SourceFile, name: string, specifier: string): TextEdit {
  const statements = sourceFile.statements;
  const imports = statements.filter(statement => ts.isImportDeclaration(statement));
  const line = `import { ${name} } from '${specifier}';`;
  const last = imports[imports.length - 1];
  if (last) return { start: last.getEnd(), end: last.getEnd(), text: `\n${line}` };
  const first = statements.find(
    statement => !(ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)),
  );
  if (!first) return { start: sourceFile.getEnd(), end: sourceFile.getEnd(), text: `${line}\n` };
  const at = first.getStart(sourceFile);
  return { start: at, end: at, text: `${line}\n\n` };
}

function moduleSpecifier(ts: typeof TS, from: TS.SourceFile, target: string, options: TS.CompilerOptions): string {
  let relative = path.posix.relative(path.posix.dirname(toPosix(from.fileName)), toPosix(target));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const relativeImports = from.statements
    .filter(statement => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier))
    .map(statement => ((statement as TS.ImportDeclaration).moduleSpecifier as TS.StringLiteral).text)
    .filter(specifier => specifier.startsWith('.'));
  const resolution = options.moduleResolution;
  const needsExtension =
    relativeImports.length > 0
      ? relativeImports.some(specifier => /\.[cm]?[jt]sx?$/u.test(specifier))
      : resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext;
  const bare = relative.replace(/\.(?:d\.)?[cm]?[jt]sx?$/u, '');
  const extension = /\.([cm]?)[jt]sx?$/u.exec(relative)?.[1] ?? '';
  return needsExtension ? `${bare}.${extension}js` : bare.replace(/\/index$/u, '');
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
