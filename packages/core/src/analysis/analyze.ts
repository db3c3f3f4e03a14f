import { createHash } from 'node:crypto';
import type TS from 'typescript';
import { Classifier, type AnalysisProblem } from './classify.js';
import { isTypeDeclaration, propertyNameText } from './declarations.js';
import { defaultFileTimeBudgetMs, relativePath, type AnalysisEnvironment } from './environment.js';
import type { FamilyContext, FamilyFactory, FindingInput, SinkFamily, TraceSource } from './families/family.js';
import { createCookiesFamily } from './families/cookies.js';
import { createHardcodedFamily } from './families/hardcoded.js';
import { createLogsFamily } from './families/logs.js';
import { createSharingFamily } from './families/sharing.js';
import { createStorageFamily } from './families/storage.js';
import { createUrlsFamily } from './families/urls.js';
import { functionName, locate, spanOf, type DispatchLists } from './facts/extract.js';
import type { FileFacts, RefFact, SinkFact } from './facts/facts.js';
import { factsAndDispatch, factsOf } from './facts/store.js';
import { OriginResolver } from './origin.js';
import { createSingleFileProgram } from './program.js';
import { programIndexFor, type ProgramIndex } from './program-index.js';
import { SanitizerMatcher } from './sanitizers.js';
import { SchemaReader } from './schemas.js';
import {
  factsOptions,
  refKey,
  Tracer,
  type DataItem,
  type Ref,
  type SanitizedUse,
  type TraceResult,
  type TracerOptions,
} from './trace.js';
import { Wrappers, type SinkEdge, type SinkSite } from './wrappers.js';
import type { FieldFact, Finding, FlowFact, SinkRef, SourceRange, ViaStep } from '../findings/finding.js';
import { acceptanceAt } from '../findings/policy.js';
import { formatMessage, ruleMeta, type RuleId } from '../findings/rules.js';

/** Everything the analysis found in one file. */
export interface FileAnalysis {
  /** Relative to the root, POSIX separators. */
  readonly file: string;
  /** Sorted by position, then rule. */
  readonly findings: readonly Finding[];
  readonly flows: readonly FlowFact[];
  readonly fields: readonly FieldFact[];
  readonly problems: readonly AnalysisProblem[];
  /** A bound (steps, depth, time) cut the analysis short: some flows may be missing, and a problem says where. */
  readonly incomplete: boolean;
  /** What the file's walk found, as plain data (for caches and workers). */
  readonly facts?: FileFacts | undefined;
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

/** Bounds of one analysis; the defaults are generous for real code, and hostile files end as incomplete. */
export interface AnalyzerOptions extends TracerOptions {
  /** Wall-clock time one file's sinks may take before the rest of the file is skipped and reported incomplete. */
  readonly fileTimeBudgetMs?: number;
}

type PendingFinding = Omit<Finding, 'fingerprint'> & { identity: string };
type ParamRef = Ref & { kind: 'param' };
type SinkHook = 'onCall' | 'onAssignment' | 'onLiteral' | 'onElement';
/**
 * What one family hook traced: the parameters and fields its data comes from. Each list is made on its first entry,
 * as most runs meet no sink.
 */
interface RunTraces {
  refs: Ref[] | undefined;
  covered: Set<string> | undefined;
  /** Whether every sink the run recognised was recognised by name or type only (undefined: none). */
  byName: boolean | undefined;
}
interface Runner {
  current: RunTraces | undefined;
  ctx: FamilyContext;
}

/** What the sinks of one file give, before the calls of summarised functions are judged. */
interface FileState {
  readonly file: string;
  readonly sourceFile: TS.SourceFile;
  readonly findings: PendingFinding[];
  readonly flows: FlowFact[];
  readonly fields: FieldFact[];
  readonly problems: AnalysisProblem[];
  readonly sites: SinkSite[];
  readonly calls: readonly (TS.CallExpression | TS.NewExpression)[];
  readonly facts: FileFacts;
  incomplete: boolean;
  /** Sinks recognised at a call by the receiver's name or type alone, with what was reported there (see `#byBody`). */
  byName?: NameJudged[];
}

/** A sink recognised by its receiver's name or type, not by where the value comes from or by the manifest. */
function byName(sink: SinkRef | undefined): boolean {
  return sink?.basis === 'name' || sink?.basis === 'type';
}

/** What a family reported at one call it recognised by name or type only. */
interface NameJudged {
  readonly node: TS.CallExpression | TS.NewExpression;
  readonly family: string;
  readonly findings: readonly PendingFinding[];
  readonly flows: readonly FlowFact[];
}

/**
 * The analysis of one program: typed (a real program, as the scanner and typed ESLint have) or one file at a time
 * (untyped ESLint: see `createSingleFileProgram`). It runs in two steps per file. First the file's facts (one walk)
 * and its sinks: each family judges the sinks it recognises, and the parameters and fields their data comes from are
 * recorded as sink sites. Then the calls of project functions whose parameters reach a sink (`Wrappers`, solved
 * across files) are judged at the call, with the caller's data. Caches live here, so files analysed with the same
 * analyzer share classifications and summaries.
 */
export class Analyzer {
  readonly env: AnalysisEnvironment;
  readonly program: TS.Program;
  readonly classifier: Classifier;
  readonly origins: OriginResolver;
  readonly schemas: SchemaReader;
  readonly tracer: Tracer;
  readonly sanitizers: SanitizerMatcher;
  readonly index: ProgramIndex;
  readonly wrappers: Wrappers;
  readonly #options: AnalyzerOptions;
  readonly #states = new WeakMap<TS.SourceFile, FileState>();
  readonly #results = new WeakMap<TS.SourceFile, FileAnalysis>();
  readonly #probed = new WeakMap<TS.SignatureDeclaration, SinkSite[]>();
  readonly #runners = new WeakMap<FileState, Runner>();
  /** Set by `prepare`: the only callee names worth resolving. */
  #wrapperNames: Set<string> | undefined;

  constructor(env: AnalysisEnvironment, program: TS.Program, options: AnalyzerOptions = {}) {
    this.env = env;
    this.program = program;
    this.#options = options;
    this.index = programIndexFor(env.ts, program, factsOptions(env));
    this.origins = new OriginResolver(env.ts, program, {
      globalHolders: env.knowledge.data.platform.globalHolders,
      storesMethodAs: name => this.index.storesMethodAs(name),
      writesOf: decl => this.#writesOf(decl),
      declaresLevel: name => this.index.declaresLevel(name),
      importsModule: name => this.index.importsModule(name),
    });
    this.schemas = new SchemaReader(env.ts, env.knowledge.data.schemas, this.origins, program.getTypeChecker());
    this.classifier = new Classifier(env, program, this.schemas);
    this.sanitizers = new SanitizerMatcher(env.ts, env.knowledge.data.sanitizers.sanitizers, env.manifest.sanitizers);
    this.tracer = new Tracer(env, this.classifier, this.sanitizers, options);
    this.wrappers = new Wrappers({
      ts: env.ts,
      checker: this.classifier.checker,
      tracer: this.tracer,
      index: this.index,
      sitesIn: fn => this.#sitesIn(fn),
      mayPass: name => this.#wrapperNames?.has(name) ?? true,
    });
  }

  /** The values assigned to a variable after its declaration (`instance = new PostHog(…)`), from its file's facts. */
  #writesOf(decl: TS.VariableDeclaration): TS.Expression[] {
    const { ts } = this.env;
    if (!ts.isIdentifier(decl.name)) return [];
    const sourceFile = decl.getSourceFile();
    const writes = factsOf(ts, sourceFile, this.tracer.facts).writesByRoot.get(decl.name.text);
    if (!writes) return [];
    const checker = this.classifier.checker;
    const symbol = checker.getSymbolAtLocation(decl.name);
    const out: TS.Expression[] = [];
    for (const write of writes) {
      if (write.by !== 'assignment' || write.path.length > 0 || write.valueProperty !== undefined) continue;
      const root = locate(ts, sourceFile, write.rootAt);
      if (!root || checker.getSymbolAtLocation(root) !== symbol) continue;
      const value = locate(ts, sourceFile, write.value);
      if (value) out.push(value as TS.Expression);
    }
    return out;
  }

  /** Analyses a file of this program; the result is cached for the file. Never throws for odd input. */
  analyzeFile(sourceFile: TS.SourceFile): FileAnalysis {
    const cached = this.#results.get(sourceFile);
    if (cached) return cached;
    const state = this.#stateOf(sourceFile);
    const derived = this.#calls(state);
    const byBody = this.#byBody(state);
    const problems = [
      ...state.problems,
      ...this.classifier.problems.filter(problem => problem.file === state.file),
      ...derived.problems,
    ];
    const incomplete = state.incomplete || derived.incomplete;
    if (incomplete && !problems.some(problem => problem.incomplete)) {
      problems.push({
        file: state.file,
        line: 1,
        column: 1,
        message: 'flow tracing reached one of its bounds (steps or depth); some flows may be missing',
        incomplete: true,
      });
    }
    const result: FileAnalysis = {
      file: state.file,
      findings: withFingerprints(
        distinct([...state.findings.filter(finding => !byBody.has(finding)), ...derived.findings]),
      ),
      flows: [...state.flows.filter(flow => !byBody.has(flow)), ...derived.flows].sort(byPosition),
      fields: state.fields.sort((a, b) => a.line - b.line || a.column - b.column),
      problems: dedupeProblems(problems),
      incomplete,
      facts: { ...state.facts, sinks: state.sites.map(site => this.#siteFact(site)) },
    };
    this.#results.set(sourceFile, result);
    return result;
  }

  /**
   * What a call's name or type said that the called function's own body says better. `appLogger.info(…)` looks like
   * a log call by its receiver's name; when `info` is a project method whose body reaches a logger, what reaches the
   * logger is judged through that body (its sanitizers included), as for any other wrapper, and the guess by name
   * is set aside: otherwise a wrapper that redacts is reported at every call, and one that does not is reported twice.
   * A body that reaches no sink of the family (it writes to a transport the catalogue does not know) says nothing, and
   * the name still does; so does a body cut short by a bound.
   */
  #byBody(state: FileState): Set<PendingFinding | FlowFact> {
    const set = new Set<PendingFinding | FlowFact>();
    for (const judged of state.byName ?? []) {
      this.#guarded(state, judged.node, () => {
        if (!this.wrappers.bodyJudges(judged.node, judged.family)) return;
        for (const finding of judged.findings) set.add(finding);
        for (const flow of judged.flows) set.add(flow);
      });
    }
    return set;
  }

  /**
   * Runs the first step of every file of a scan up front, then narrows the calls the second step resolves to those
   * named like a function that can pass a parameter to a sink. Only a shortcut: every file gives the same findings
   * with or without it.
   */
  prepare(sourceFiles: readonly TS.SourceFile[], onFile?: (sourceFile: TS.SourceFile) => void): void {
    for (const sourceFile of sourceFiles) {
      onFile?.(sourceFile);
      this.#stateOf(sourceFile);
    }
    this.#wrapperNames = this.#namesThatMayPass();
  }

  /**
   * The names of functions that may have a parameter reaching a sink: those owning a parameter or field a sink's
   * data comes from (all the methods of a class for a field), then, until nothing changes, those calling one of
   * them; and every function name of project files not prepared, whose sinks are not known yet.
   */
  #namesThatMayPass(): Set<string> {
    const { ts } = this.env;
    const names = new Set<string>();
    const callers = new Map<string, Set<string>>();
    for (const sourceFile of this.index.projectFiles()) {
      const state = this.#states.get(sourceFile);
      const facts = factsOf(ts, sourceFile, this.tracer.facts).facts;
      if (!state) {
        for (const fn of facts.functions) if (fn.name !== undefined) names.add(fn.name);
        continue;
      }
      for (const site of state.sites) {
        for (const ref of site.refs) {
          if (ref.kind === 'param') {
            const name = functionName(ts, ref.fn);
            if (name !== undefined) names.add(name);
          } else {
            if (ref.owner.name) names.add(ref.owner.name.text);
            for (const member of ref.owner.members) {
              const name = propertyNameText(ts, member.name);
              if (name !== undefined) names.add(name);
            }
          }
        }
      }
      for (const [callee, caller] of callsByEnclosingName(facts)) {
        const set = callers.get(callee) ?? new Set<string>();
        set.add(caller);
        callers.set(callee, set);
      }
    }
    const queue = [...names];
    while (queue.length > 0) {
      for (const caller of callers.get(queue.pop()!) ?? []) {
        if (names.has(caller)) continue;
        names.add(caller);
        queue.push(caller);
      }
    }
    return names;
  }

  /**
   * The sinks recognised inside a function's body: from its file's first step when it ran, otherwise from running the
   * families on that body alone (an editor linting one file needs the summaries of the functions it calls, not the
   * analysis of their files).
   */
  #sitesIn(fn: TS.SignatureDeclaration): readonly SinkSite[] {
    const state = this.#states.get(fn.getSourceFile());
    if (state) return state.sites.filter(site => site.node.pos >= fn.pos && site.node.end <= fn.end);
    let sites = this.#probed.get(fn);
    if (!sites) {
      sites = this.#probe(fn);
      this.#probed.set(fn, sites);
    }
    return sites;
  }

  /** The sink sites of one function's body, judged by the families with every report set aside. */
  #probe(fn: TS.SignatureDeclaration): SinkSite[] {
    const { ts } = this.env;
    const sourceFile = fn.getSourceFile();
    const probe: FileState = {
      file: relativePath(this.env.rootDir, sourceFile.fileName),
      sourceFile,
      findings: [],
      flows: [],
      fields: [],
      problems: [],
      sites: [],
      calls: [],
      facts: { functions: [], calls: [], writes: [], methodAliases: [], customLevels: [], modules: [] },
      incomplete: false,
    };
    const families = familiesFor(this.env);
    const stack: TS.Node[] = [fn];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const family of families) if (family.onCall) this.#run(probe, family, node, 'onCall');
      } else if (
        ts.isBinaryExpression(node) &&
        (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
          node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
      ) {
        for (const family of families) {
          if (family.onAssignment) this.#run(probe, family, node, 'onAssignment');
        }
      }
      ts.forEachChild(node, child => {
        stack.push(child);
      });
    }
    return probe.sites.sort((a, b) => a.node.pos - b.node.pos);
  }

  /** The first step of a file: facts, and every family on every node; computed once. */
  #stateOf(sourceFile: TS.SourceFile): FileState {
    const cached = this.#states.get(sourceFile);
    if (cached) return cached;
    const { ts } = this.env;
    const file = relativePath(this.env.rootDir, sourceFile.fileName);
    const { indexed, dispatch } = factsAndDispatch(ts, sourceFile, this.tracer.facts);
    const state: FileState = {
      file,
      sourceFile,
      findings: [],
      flows: [],
      fields: [],
      problems: [],
      sites: [],
      calls: dispatch.calls,
      facts: indexed.facts,
      incomplete: false,
    };
    this.#states.set(sourceFile, state);
    const families = familiesFor(this.env);
    const budget = this.#options.fileTimeBudgetMs ?? this.env.fileTimeBudgetMs ?? defaultFileTimeBudgetMs;
    const started = Date.now();
    let visited = 0;
    const overTime = (node: TS.Node): boolean => {
      if (++visited % 64 !== 0 || Date.now() - started <= budget) return false;
      const at = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      state.problems.push({
        file,
        line: at.line + 1,
        column: at.character + 1,
        message: `analysis of this file stopped here after ${Math.round(budget / 1000)} s (its time budget); the rest of the file was not checked`,
        incomplete: true,
      });
      state.incomplete = true;
      return true;
    };
    try {
      for (const node of dispatch.nodes) {
        if (overTime(node)) break;
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          for (const family of families) {
            if (family.onCall) this.#run(state, family, node, 'onCall');
          }
          this.#guarded(state, node, () => {
            for (const literal of this.schemas.fieldObjects(node)) {
              for (const { node: property } of this.schemas.fieldsOf(literal)) {
                const field = this.#fieldFact(property, file);
                if (field) state.fields.push(field);
              }
            }
          });
        } else if (ts.isBinaryExpression(node)) {
          for (const family of families) {
            if (family.onAssignment) this.#run(state, family, node, 'onAssignment');
          }
        } else if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) {
          for (const family of families) {
            if (family.onLiteral) this.#run(state, family, node, 'onLiteral');
          }
        } else {
          for (const family of families) {
            if (family.onElement) this.#run(state, family, node, 'onElement');
          }
        }
      }
      for (const node of dispatch.properties) {
        this.#guarded(state, node, () => {
          const field = this.#field(node, file);
          if (field) state.fields.push(field);
        });
      }
    } catch (error) {
      // One file never stops an analysis: say what happened and keep what was found.
      const message = error instanceof Error ? error.message : String(error);
      state.problems.push({
        file,
        line: 1,
        column: 1,
        message: `analysis stopped early in this file: ${message}`,
        incomplete: true,
      });
      state.incomplete = true;
    }
    return state;
  }

  /**
   * Runs a family's hook on a node with the file's context, watching its traces: the parameters and fields they reach
   * make the node a sink site of the functions they belong to. A file has one context for all its nodes and families
   * (a scan runs half a million hooks, nearly all of which find nothing): what one run traces is collected in
   * `runner.current`, saved and restored around the run so a run nested in another collects its own.
   */
  #run(state: FileState, family: SinkFamily, node: DispatchLists['nodes'][number], hook: SinkHook): void {
    const runner = this.#runnerOf(state);
    const saved = runner.current;
    const current: RunTraces = { refs: undefined, covered: undefined, byName: undefined };
    runner.current = current;
    const findingsBefore = state.findings.length;
    const flowsBefore = state.flows.length;
    try {
      (family[hook] as (this: SinkFamily, node: TS.Node, ctx: FamilyContext) => void).call(family, node, runner.ctx);
    } catch (error) {
      this.#skipped(state, node, error);
    } finally {
      runner.current = saved;
    }
    const { ts } = this.env;
    if (
      (state.findings.length > findingsBefore || state.flows.length > flowsBefore) &&
      (ts.isCallExpression(node) || ts.isNewExpression(node))
    ) {
      const findings = state.findings.slice(findingsBefore).filter(finding => byName(finding.sink));
      const flows = state.flows.slice(flowsBefore).filter(flow => byName(flow.sink));
      if (findings.length > 0 || flows.length > 0) {
        (state.byName ??= []).push({ node, family: family.id, findings, flows });
      }
    }
    const { refs, covered } = current;
    // A sink site is a call, `new` or assignment; literals and elements have no data to take from parameters.
    if (refs && (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isBinaryExpression(node))) {
      const unique = new Map(refs.map(ref => [refKey(ref), ref]));
      state.sites.push({
        node,
        family,
        refs: [...unique.values()],
        covered: covered ?? new Set(),
        ...(current.byName ? { byName: true } : {}),
      });
    }
  }

  /** The context a file's family hooks run with, made once per file state. */
  #runnerOf(state: FileState): Runner {
    let runner = this.#runners.get(state);
    if (!runner) {
      const made: Runner = { current: undefined, ctx: undefined! };
      const tracer: TraceSource = {
        trace: expression => {
          const result = this.tracer.trace(expression);
          const into = made.current;
          for (const ref of result.refs ?? []) {
            if (!into) break;
            (into.refs ??= []).push(ref);
            if (this.tracer.covers(result, ref)) (into.covered ??= new Set()).add(refKey(ref));
          }
          if (result.incomplete) state.incomplete = true;
          return result;
        },
      };
      made.ctx = {
        ...this.#context(state, tracer),
        recognised: sink => {
          const into = made.current;
          if (into) into.byName = (into.byName ?? true) && byName(sink);
        },
      };
      this.#runners.set(state, made);
      runner = made;
    }
    return runner;
  }

  /**
   * One node that defeats an analysis (a member chain thousands deep overflows the checker's own recursion) is
   * reported with its position and skipped; the rest of the file is still analysed, and the file is incomplete.
   */
  #guarded(state: FileState, node: TS.Node, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#skipped(state, node, error);
    }
  }

  #skipped(state: FileState, node: TS.Node, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const at = state.sourceFile.getLineAndCharacterOfPosition(node.getStart(state.sourceFile));
    state.problems.push({
      file: state.file,
      line: at.line + 1,
      column: at.character + 1,
      message: `analysis skipped this expression: ${message}`,
      incomplete: true,
    });
    state.incomplete = true;
  }

  #context(state: FileState, tracer: TraceSource): FamilyContext {
    const range = (node: TS.Node): SourceRange => rangeOf(state.sourceFile, state.file, node);
    return {
      env: this.env,
      sourceFile: state.sourceFile,
      classifier: this.classifier,
      origins: this.origins,
      tracer,
      sanitizers: this.sanitizers,
      range,
      report: input => this.#report(state, input, range(input.node), undefined),
      flow: fact => state.flows.push(fact),
    };
  }

  /** A comment at a sink that accepts its rule's findings there, for the flows that reach it through a function. */
  #acceptedAt(node: TS.Node, ruleId: RuleId): Finding['accepted'] {
    const sourceFile = node.getSourceFile();
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    const accepted = acceptanceAt(this.env.ts, sourceFile, line, ruleId);
    if (!accepted) return undefined;
    return {
      file: relativePath(this.env.rootDir, sourceFile.fileName),
      line: accepted.commentLine,
      reason: accepted.reason,
      via: accepted.via,
    };
  }

  #report(
    state: FileState,
    input: FindingInput,
    at: SourceRange,
    via: readonly ViaStep[] | undefined,
    accepted?: Finding['accepted'],
  ): void {
    const meta = ruleMeta(input.ruleId);
    const template = meta.messages[input.messageId] ?? input.messageId;
    const data = { ...input.data, via: via ? viaText(via) : '' };
    const evidence = input.evidence ?? input.items.flatMap(item => item.evidence);
    state.findings.push({
      ...at,
      ruleId: input.ruleId,
      messageId: input.messageId,
      data,
      message: formatMessage(template, data),
      severity: meta.severity,
      categories: input.categories,
      items: input.items,
      evidence,
      sink: input.sink,
      ...(via ? { via } : {}),
      ...(accepted ? { accepted } : {}),
      suggestions: via ? [] : (input.suggestions ?? []),
      identity: `${input.identity ?? input.items.map(item => item.text).join('|')}${via ? `|via:${via.map(step => step.function).join('>')}` : ''}`,
    });
    if (input.sink && input.recordFlow !== false) {
      state.flows.push({
        ...at,
        sink: input.sink,
        items: input.items,
        sanitized: [],
        categories: input.categories,
        ruleId: input.ruleId,
        reported: true,
        ...(via ? { via } : {}),
      });
    }
  }

  /**
   * The second step: every call of a project function whose parameters reach a sink is judged at the call, by the
   * family of that sink, with the data of the caller's argument (`audit(user.email)` where `audit(v)` logs `v`).
   */
  #calls(state: FileState): {
    findings: PendingFinding[];
    flows: FlowFact[];
    problems: AnalysisProblem[];
    incomplete: boolean;
  } {
    const out: FileState = { ...state, findings: [], flows: [], problems: [], sites: [], incomplete: false };
    for (const call of state.calls) {
      this.#guarded(out, call, () => {
        const callee = this.wrappers.calleeOf(call);
        if (!callee) return;
        const settled = this.wrappers.edgesOf(callee);
        if (settled.incomplete) out.incomplete = true;
        // One judgement per sink and parameter, with every slot the parameter reaches there, whichever of its
        // properties get there (`...event` and `event.properties` in one call are one sharing, not two).
        const groups = new Map<string, { edge: SinkEdge; entries: Map<string, ParamRef>; slots: Ref[] }>();
        for (const edge of settled.value) {
          if (edge.covered || edge.entry.kind !== 'param') continue;
          const entry = edge.entry;
          const key = `${edge.site.node.pos}:${edge.site.node.end}:${edge.site.node.getSourceFile().fileName}|${entry.index}:${entry.rest}`;
          const group = groups.get(key) ?? { edge, entries: new Map<string, ParamRef>(), slots: [] };
          groups.set(key, group);
          group.entries.set(refKey(entry), entry);
          group.slots.push(edge.slot);
        }
        for (const { edge, entries, slots } of groups.values()) {
          const first = edge.entry as ParamRef;
          for (const arg of this.wrappers.argumentsFor(call, first)) {
            const data = this.#argumentData(arg, [...entries.values()]);
            if (data.incomplete) out.incomplete = true;
            if (data.items.length === 0 && data.sanitized.length === 0) continue;
            this.#rejudge(out, edge, slots, data, arg);
          }
        }
      });
    }
    return out;
  }

  /**
   * What an argument brings to a parameter's sinks: the whole argument when the parameter itself gets there, else
   * the properties that do, each item once.
   */
  #argumentData(arg: TS.Expression, entries: readonly ParamRef[]): TraceResult {
    if (entries.some(entry => entry.property === undefined)) return this.tracer.argument(arg, undefined);
    if (entries.length === 1) return this.tracer.argument(arg, entries[0]!.property);
    const items = new Map<string, DataItem>();
    const sanitized: SanitizedUse[] = [];
    let incomplete = false;
    for (const entry of entries) {
      const data = this.tracer.argument(arg, entry.property);
      incomplete ||= data.incomplete === true;
      for (const item of data.items) {
        const key = `${item.file}:${item.line}:${item.text}`;
        if (!items.has(key)) items.set(key, item);
      }
      sanitized.push(...data.sanitized);
    }
    return { items: [...items.values()], sanitized, incomplete };
  }

  /** Runs a sink's family again where a caller's argument is the data its slots stand for. */
  #rejudge(out: FileState, edge: SinkEdge, slots: readonly Ref[], data: TraceResult, arg: TS.Expression): void {
    const { site } = edge;
    const at = rangeOf(out.sourceFile, out.file, arg);
    const via = edge.via.map(fn => this.#viaStep(fn));
    const keys = new Set(slots.map(refKey));
    const inner = site.node.getSourceFile();
    const tracer: TraceSource = {
      trace: expression => {
        const base = this.tracer.trace(expression);
        if (!base.refs?.some(ref => keys.has(refKey(ref)))) return { items: [], sanitized: [] };
        return { items: data.items, sanitized: data.sanitized, incomplete: base.incomplete || data.incomplete };
      },
    };
    const ctx: FamilyContext = {
      env: this.env,
      sourceFile: inner,
      classifier: this.classifier,
      origins: this.origins,
      tracer,
      sanitizers: this.sanitizers,
      range: () => at,
      report: input => {
        if (!ruleMeta(input.ruleId).flowMessages.includes(input.messageId) || input.items.length === 0) return;
        this.#report(out, input, at, via, this.#acceptedAt(site.node, input.ruleId));
      },
      flow: fact => out.flows.push({ ...fact, ...at, via }),
    };
    const node = site.node;
    const ts = this.env.ts;
    if (ts.isBinaryExpression(node)) site.family.onAssignment?.(node, ctx);
    else site.family.onCall?.(node, ctx);
  }

  #viaStep(fn: TS.SignatureDeclaration): ViaStep {
    const { ts } = this.env;
    const sourceFile = fn.getSourceFile();
    const line = sourceFile.getLineAndCharacterOfPosition(fn.getStart(sourceFile)).line + 1;
    const owner = ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    const name = ts.isConstructorDeclaration(fn)
      ? `new ${owner ?? 'class'}`
      : `${owner === undefined ? '' : `${owner}.`}${functionName(ts, fn) ?? 'function'}`;
    return { function: name, file: relativePath(this.env.rootDir, sourceFile.fileName), line };
  }

  #siteFact(site: SinkSite): SinkFact {
    return { at: spanOf(site.node), family: site.family.id, refs: site.refs.map(refFact) };
  }

  /** A property of a named type (interface, class, type alias) that holds personal data: the inventory's fields. */
  #field(node: TS.PropertySignature | TS.PropertyDeclaration, file: string): FieldFact | undefined {
    const { ts } = this.env;
    let container: TS.Node | undefined = node.parent;
    while (container && ts.isTypeLiteralNode(container)) container = container.parent?.parent;
    if (!container || !(isTypeDeclaration(ts, container) || ts.isClassExpression(container))) return undefined;
    return this.#fieldFact(node, file);
  }

  #fieldFact(
    node: TS.PropertySignature | TS.PropertyDeclaration | TS.PropertyAssignment,
    file: string,
  ): FieldFact | undefined {
    const classification = this.classifier.classifyDeclaration(node);
    if (!classification || classification.none) return undefined;
    const sourceFile = node.getSourceFile();
    const at = rangeOf(sourceFile, file, node.name);
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

/** Each call's name with the name of every named function it is inside: who calls what, by name. */
function callsByEnclosingName(facts: FileFacts): [callee: string, caller: string][] {
  const functions = facts.functions
    .filter(fn => fn.name !== undefined)
    .slice()
    .sort((a, b) => a.at.pos - b.at.pos || b.at.end - a.at.end);
  const calls = facts.calls
    .filter(call => call.name !== undefined)
    .slice()
    .sort((a, b) => a.at.pos - b.at.pos);
  const out: [string, string][] = [];
  const open: (typeof functions)[number][] = [];
  let next = 0;
  for (const call of calls) {
    while (next < functions.length && functions[next]!.at.pos <= call.at.pos) {
      open.push(functions[next]!);
      next++;
    }
    for (let index = open.length - 1; index >= 0; index--) {
      if (open[index]!.at.end < call.at.end) open.splice(index, 1);
    }
    for (const fn of open) out.push([call.name!, fn.name!]);
  }
  return out;
}

function refFact(ref: Ref): RefFact {
  return ref.kind === 'param'
    ? {
        kind: 'param',
        fn: spanOf(ref.fn),
        index: ref.index,
        ...(ref.property === undefined ? {} : { property: ref.property }),
        rest: ref.rest,
      }
    : { kind: 'field', owner: spanOf(ref.owner), name: ref.name };
}

/** " through `audit()` (src/lib/audit.ts:3)", for the messages of findings judged at a call. */
export function viaText(via: readonly ViaStep[]): string {
  const steps = via.map(step => `\`${step.function}()\` (${step.file}:${step.line})`);
  const shown =
    steps.length <= 3 ? steps : [...steps.slice(0, 2), `${steps.length - 3} more`, steps[steps.length - 1]!];
  return ` through ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0]}`;
}

function rangeOf(sourceFile: TS.SourceFile, file: string, node: TS.Node): SourceRange {
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
}

function dedupeProblems(problems: readonly AnalysisProblem[]): AnalysisProblem[] {
  const seen = new Set<string>();
  return problems.filter(problem => {
    const key = `${problem.file}:${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byPosition(a: SourceRange, b: SourceRange): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * One finding per place, rule and message: a function that sends its parameter twice to the same recipient (a Slack
 * message posted again after joining the channel) reaches it through two sinks with the same words at its callers, and
 * a reader sees one problem there. One accepted at its sink by a comment stays apart from one that is not.
 */
function distinct(findings: readonly PendingFinding[]): PendingFinding[] {
  const seen = new Set<string>();
  return findings.filter(finding => {
    const accepted = finding.accepted ? `${finding.accepted.file}:${finding.accepted.line}` : '';
    const key = `${finding.line}:${finding.column}:${finding.endLine}:${finding.endColumn}|${finding.ruleId}|${accepted}|${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Fingerprints that survive line moves: rule, file, sink and data, with an occurrence number when the same thing
 * appears more than once in the file (in source order).
 */
function withFingerprints(findings: PendingFinding[]): Finding[] {
  findings.sort(
    (a, b) =>
      byPosition(a, b) ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
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
