import { createHash } from 'node:crypto';
import type TS from 'typescript';
import { Classifier, type AnalysisProblem } from './classify.js';
import { isDataDeclaration, isTypeDeclaration } from './declarations.js';
import { defaultFileTimeBudgetMs, relativePath, type AnalysisEnvironment } from './environment.js';
import type { FamilyContext, FamilyFactory, FindingInput, SinkFamily } from './families/family.js';
import { createCookiesFamily } from './families/cookies.js';
import { createHardcodedFamily } from './families/hardcoded.js';
import { createLogsFamily } from './families/logs.js';
import { createSharingFamily } from './families/sharing.js';
import { createStorageFamily } from './families/storage.js';
import { createUrlsFamily } from './families/urls.js';
import { OriginResolver } from './origin.js';
import { createSingleFileProgram } from './program.js';
import { SanitizerMatcher } from './sanitizers.js';
import { SchemaReader } from './schemas.js';
import { Tracer } from './trace.js';
import type { FieldFact, Finding, FlowFact, SourceRange } from '../findings/finding.js';
import { formatMessage, ruleMeta } from '../findings/rules.js';

/** Everything the analysis found in one file. */
export interface FileAnalysis {
  /** Relative to the root, POSIX separators. */
  readonly file: string;
  /** Sorted by position, then rule. */
  readonly findings: readonly Finding[];
  readonly flows: readonly FlowFact[];
  readonly fields: readonly FieldFact[];
  readonly problems: readonly AnalysisProblem[];
  /** The analysis did not complete (step or time budget, an exception): some flows may be missing. */
  readonly incomplete: boolean;
}

/** The families every analysis runs, in order. Cookies, third parties and literals register here too. */
export const familyFactories: FamilyFactory[] = [
  createLogsFamily,
  createStorageFamily,
  createUrlsFamily,
  createCookiesFamily,
  createSharingFamily,
  createHardcodedFamily,
];

const familiesByEnv = new WeakMap<AnalysisEnvironment, readonly SinkFamily[]>();

function familiesFor(env: AnalysisEnvironment): readonly SinkFamily[] {
  let families = familiesByEnv.get(env);
  if (!families) {
    families = familyFactories.map(factory => factory(env));
    familiesByEnv.set(env, families);
  }
  return families;
}

/**
 * The analysis of one program: typed (a real program, as the scanner and typed ESLint have) or one file at a time
 * (untyped ESLint: see `createSingleFileProgram`). Caches live here, so files analysed with the same analyzer share
 * classifications and function summaries.
 */
export class Analyzer {
  readonly env: AnalysisEnvironment;
  readonly program: TS.Program;
  readonly classifier: Classifier;
  readonly origins: OriginResolver;
  readonly schemas: SchemaReader;
  readonly tracer: Tracer;
  readonly sanitizers: SanitizerMatcher;
  readonly #results = new WeakMap<TS.SourceFile, FileAnalysis>();

  constructor(env: AnalysisEnvironment, program: TS.Program) {
    this.env = env;
    this.program = program;
    this.origins = new OriginResolver(env.ts, program);
    this.schemas = new SchemaReader(env.ts, env.knowledge.data.schemas, this.origins);
    this.classifier = new Classifier(env, program, this.schemas);
    this.sanitizers = new SanitizerMatcher(env.ts, env.knowledge.data.sanitizers.sanitizers, env.manifest.sanitizers);
    this.tracer = new Tracer(env, this.classifier, this.sanitizers);
  }

  /** Analyses a file of this program; the result is cached for the file. Never throws for odd input. */
  analyzeFile(sourceFile: TS.SourceFile): FileAnalysis {
    const cached = this.#results.get(sourceFile);
    if (cached) return cached;
    const result = this.#analyze(sourceFile);
    this.#results.set(sourceFile, result);
    return result;
  }

  #analyze(sourceFile: TS.SourceFile): FileAnalysis {
    const { ts } = this.env;
    const file = relativePath(this.env.rootDir, sourceFile.fileName);
    const findings: Omit<Finding, 'fingerprint'>[] = [];
    const flows: FlowFact[] = [];
    const fields: FieldFact[] = [];
    const problemsBefore = this.classifier.problems.length;
    const problems: AnalysisProblem[] = [];
    const range = (node: TS.Node): SourceRange => {
      const start = node.getStart(sourceFile);
      const end = node.getEnd();
      const from = sourceFile.getLineAndCharacterOfPosition(start);
      const to = sourceFile.getLineAndCharacterOfPosition(end);
      return {
        file,
        line: from.line + 1,
        column: from.character + 1,
        endLine: to.line + 1,
        endColumn: to.character + 1,
        start,
        end,
      };
    };
    const ctx: FamilyContext = {
      env: this.env,
      sourceFile,
      classifier: this.classifier,
      origins: this.origins,
      tracer: this.tracer,
      sanitizers: this.sanitizers,
      range,
      report: (input: FindingInput) => {
        const meta = ruleMeta(input.ruleId);
        const template = meta.messages[input.messageId] ?? input.messageId;
        const at = range(input.node);
        const evidence = input.evidence ?? input.items.flatMap(item => item.evidence);
        findings.push({
          ...at,
          ruleId: input.ruleId,
          messageId: input.messageId,
          data: input.data,
          message: formatMessage(template, input.data),
          severity: meta.severity,
          categories: input.categories,
          items: input.items,
          evidence,
          sink: input.sink,
          suggestions: input.suggestions ?? [],
          identity: input.identity ?? input.items.map(item => item.text).join('|'),
        } as Omit<Finding, 'fingerprint'> & { identity: string });
        if (input.sink && input.recordFlow !== false) {
          flows.push({
            ...at,
            sink: input.sink,
            items: input.items,
            sanitized: [],
            categories: input.categories,
            ruleId: input.ruleId,
            reported: true,
          });
        }
      },
      flow: fact => flows.push(fact),
    };

    const families = familiesFor(this.env);
    this.tracer.startFile();
    // One node that defeats an analysis (a member chain thousands deep overflows the checker's own recursion) is
    // reported with its position and skipped; the rest of the file is still analysed.
    const guarded = (node: TS.Node, run: () => void): void => {
      try {
        run();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const at = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
        problems.push({
          file,
          line: at.line + 1,
          column: at.character + 1,
          message: `analysis skipped this expression: ${message}`,
          incomplete: true,
        });
      }
    };
    // A per-file time budget, checked every 256 nodes: input built to be slow stops here and says so.
    const budget = this.env.fileTimeBudgetMs ?? defaultFileTimeBudgetMs;
    const deadline = performance.now() + budget;
    let visited = 0;
    try {
      walk(ts, sourceFile, node => {
        if ((++visited & 255) === 0 && performance.now() > deadline) {
          throw new Error(`its time budget of ${budget / 1000} s ran out; the rest of the file was not analysed`);
        }
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          for (const family of families) if (family.onCall) guarded(node, () => family.onCall!(node, ctx));
          guarded(node, () => {
            for (const literal of this.schemas.fieldObjects(node)) {
              for (const { node: property } of this.schemas.fieldsOf(literal)) {
                const field = this.#fieldFact(property, file, range);
                if (field) fields.push(field);
              }
            }
          });
        } else if (
          ts.isBinaryExpression(node) &&
          (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
            node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
        ) {
          for (const family of families) if (family.onAssignment) guarded(node, () => family.onAssignment!(node, ctx));
        } else if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) {
          for (const family of families) if (family.onLiteral) guarded(node, () => family.onLiteral!(node, ctx));
        } else if (isDataDeclaration(ts, node) && (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node))) {
          guarded(node, () => {
            const field = this.#field(node, file, range);
            if (field) fields.push(field);
          });
        }
      });
    } catch (error) {
      // One file never stops an analysis: say what happened and keep what was found.
      const message = error instanceof Error ? error.message : String(error);
      problems.push({
        file,
        line: 1,
        column: 1,
        message: `analysis stopped early in this file: ${message}`,
        incomplete: true,
      });
    }
    problems.push(...this.classifier.problems.slice(problemsBefore).filter(problem => problem.file === file));
    if (this.tracer.exhausted) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: 'flow tracing reached its step budget; some flows may be missing',
        incomplete: true,
      });
    }
    return {
      file,
      findings: withFingerprints(findings as (Omit<Finding, 'fingerprint'> & { identity: string })[]),
      flows: flows.sort(byPosition),
      fields: fields.sort((a, b) => a.line - b.line || a.column - b.column),
      problems,
      incomplete: problems.some(problem => problem.incomplete),
    };
  }

  /** A property of a named type (interface, class, type alias) that holds personal data: the inventory's fields. */
  #field(
    node: TS.PropertySignature | TS.PropertyDeclaration,
    file: string,
    range: (node: TS.Node) => SourceRange,
  ): FieldFact | undefined {
    const { ts } = this.env;
    let container: TS.Node | undefined = node.parent;
    while (container && ts.isTypeLiteralNode(container)) container = container.parent?.parent;
    if (!container || !(isTypeDeclaration(ts, container) || ts.isClassExpression(container))) return undefined;
    return this.#fieldFact(node, file, range);
  }

  #fieldFact(
    node: TS.PropertySignature | TS.PropertyDeclaration | TS.PropertyAssignment,
    file: string,
    range: (node: TS.Node) => SourceRange,
  ): FieldFact | undefined {
    const classification = this.classifier.classifyDeclaration(node);
    if (!classification || classification.none) return undefined;
    const at = range(node.name);
    return {
      symbol: classification.evidence[0]?.symbol ?? node.name.getText(),
      categories: classification.categories,
      declared: classification.declared,
      evidence: classification.evidence,
      file,
      line: at.line,
      column: at.column,
    };
  }
}

/**
 * Walks every node with an explicit stack: generated or hostile files nest thousands of levels deep, and recursion
 * would overflow the call stack. Children are visited in source order.
 */
function walk(ts: typeof TS, root: TS.Node, visit: (node: TS.Node) => void): void {
  const stack: TS.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const children: TS.Node[] = [];
    ts.forEachChild(node, child => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

function byPosition(a: SourceRange, b: SourceRange): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * Fingerprints that survive line moves: rule, file, sink and data, with an occurrence number when the same thing
 * appears more than once in the file (in source order).
 */
function withFingerprints(findings: (Omit<Finding, 'fingerprint'> & { identity: string })[]): Finding[] {
  findings.sort((a, b) => byPosition(a, b) || a.ruleId.localeCompare(b.ruleId));
  const seen = new Map<string, number>();
  return findings.map(({ identity, ...finding }) => {
    const base = [finding.ruleId, finding.file, finding.sink?.text ?? '', identity, finding.categories.join(',')].join(
      '\u0000',
    );
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const fingerprint = createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32);
    return { ...finding, fingerprint };
  });
}

/** Options to analyse files: typed with a program, or untyped one file at a time. */
export interface AnalyzeOptions {
  readonly env: AnalysisEnvironment;
  /** The program the file belongs to; without one, the file is analysed alone. */
  readonly program?: TS.Program | undefined;
}

const analyzers = new WeakMap<TS.Program, WeakMap<AnalysisEnvironment, Analyzer>>();
const untyped = new WeakMap<TS.SourceFile, WeakMap<AnalysisEnvironment, Analyzer>>();

/** The analyzer for a program and environment, created once and reused for every file of the program. */
export function analyzerFor(env: AnalysisEnvironment, program: TS.Program): Analyzer {
  let byEnv = analyzers.get(program);
  if (!byEnv) {
    byEnv = new WeakMap();
    analyzers.set(program, byEnv);
  }
  let analyzer = byEnv.get(env);
  if (!analyzer) {
    analyzer = new Analyzer(env, program);
    byEnv.set(env, analyzer);
  }
  return analyzer;
}

/** Analyses one file: with its program when there is one (typed), else alone (names and same-file declarations). */
export function analyzeFile(sourceFile: TS.SourceFile, options: AnalyzeOptions): FileAnalysis {
  const { env, program } = options;
  if (program) return analyzerFor(env, program).analyzeFile(sourceFile);
  let byEnv = untyped.get(sourceFile);
  if (!byEnv) {
    byEnv = new WeakMap();
    untyped.set(sourceFile, byEnv);
  }
  let analyzer = byEnv.get(env);
  if (!analyzer) {
    analyzer = new Analyzer(env, createSingleFileProgram(env.ts, sourceFile));
    byEnv.set(env, analyzer);
  }
  return analyzer.analyzeFile(sourceFile);
}
