import type TS from 'typescript';
import { skipOuter } from '../api.js';
import type { Classifier, Evidence } from '../classify.js';
import { isLiteralValue } from '../declarations.js';
import type { AnalysisEnvironment } from '../environment.js';
import type { OriginResolver } from '../origin.js';
import type { SanitizerMatcher } from '../sanitizers.js';
import type { DataItem, TraceResult } from '../trace.js';
import type { FlowFact, SinkRef, SourceRange, Suggestion } from '../../findings/finding.js';
import type { RuleId } from '../../findings/rules.js';

/** What a family of sinks is given for one file. */
export interface FamilyContext {
  readonly env: AnalysisEnvironment;
  readonly sourceFile: TS.SourceFile;
  readonly classifier: Classifier;
  readonly origins: OriginResolver;
  readonly tracer: TraceSource;
  readonly sanitizers: SanitizerMatcher;
  range(node: TS.Node): SourceRange;
  /** Reports a finding at a node; its fingerprint and message are completed by the analysis. */
  report(finding: FindingInput): void;
  /** Records a flow for the inventory (also done by `report` and `reportDataFlow`). */
  flow(fact: FlowFact): void;
  /** Told of every sink a family recognises at the node it was given, data or not (how: see `SinkSite.byName`). */
  readonly recognised?: ((sink: SinkRef) => void) | undefined;
}

/** What a family asks of the flow engine: what an expression carries. */
export interface TraceSource {
  trace(expression: TS.Expression): TraceResult;
}

export interface FindingInput {
  readonly ruleId: RuleId;
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  readonly node: TS.Node;
  readonly categories: readonly string[];
  readonly items: readonly DataItem[];
  readonly evidence?: readonly Evidence[];
  readonly sink?: SinkRef;
  readonly suggestions?: readonly Suggestion[];
  /** Extra text that identifies the finding across line moves (a cookie name, a recipient). */
  readonly identity?: string;
  /** Whether the report also records its flow for the inventory (default); families that record one flow per sink
   * themselves, with their own details, say false. */
  readonly recordFlow?: boolean;
}

/**
 * A family of sinks (loggers, storage, URLs, cookies, third parties, literals). Each is a plain object with the
 * visitors it needs; the analysis walks a file once and hands every call, `new`, assignment and literal to each.
 */
export interface SinkFamily {
  readonly id: string;
  onCall?(node: TS.CallExpression | TS.NewExpression, ctx: FamilyContext): void;
  onAssignment?(node: TS.BinaryExpression, ctx: FamilyContext): void;
  onLiteral?(node: TS.StringLiteralLike | TS.NumericLiteral, ctx: FamilyContext): void;
  /** JSX elements: `<Script src=…>`, `<script>` bodies, components that load a tag. */
  onElement?(node: TS.JsxOpeningElement | TS.JsxSelfClosingElement, ctx: FamilyContext): void;
}

/** Creates a family for an environment: catalogues are compiled once per environment, not once per file. */
export type FamilyFactory = (env: AnalysisEnvironment) => SinkFamily;

/**
 * The common judgement of the data-flow families (logs, storage, URLs): personal data that reaches the sink is a
 * finding; data that only arrives sanitized is an allowed flow for the inventory.
 */
export function reportDataFlow(
  ctx: FamilyContext,
  input: {
    readonly ruleId: RuleId;
    readonly messageId: string;
    readonly node: TS.Expression;
    readonly sink: SinkRef;
    readonly trace: TraceResult;
    readonly suggestions?: readonly Suggestion[];
  },
): void {
  const { trace } = input;
  ctx.recognised?.(input.sink);
  if (trace.items.length === 0) {
    if (trace.sanitized.length > 0) {
      ctx.flow({
        ...ctx.range(input.node),
        sink: input.sink,
        items: [],
        sanitized: trace.sanitized,
        categories: [...new Set(trace.sanitized.flatMap(use => use.categories))].sort(),
        ruleId: input.ruleId,
        reported: false,
      });
    }
    return;
  }
  const categories = [...new Set(trace.items.flatMap(item => item.categories))].sort();
  ctx.report({
    ruleId: input.ruleId,
    messageId: input.messageId,
    data: { sink: input.sink.text, details: describeItems(trace.items), data: input.node.getText(ctx.sourceFile) },
    node: input.node,
    categories,
    items: trace.items,
    sink: input.sink,
    ...(input.suggestions ? { suggestions: input.suggestions } : {}),
  });
}

/** "`user.email` is email (tagged `@pii email` on `User.email`, src/models/user.ts:12)", for up to three items. */
export function describeItems(items: readonly DataItem[], max = 3): string {
  const shown = items.slice(0, max).map(describeItem);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; and ${rest} more` : shown.join('; ');
}

function describeItem(item: DataItem): string {
  if (item.record) {
    return `\`${item.text}\` is a whole person record (its personal fields are unknown without type information)`;
  }
  const categories = item.categories.join(', ');
  const steps = item.steps.length > 0 ? `, ${item.steps.join(', ')}` : '';
  if (item.fields.length > 0) {
    const fields = item.fields.slice(0, 4).map(field => `\`${field}\``);
    const more = item.fields.length > 4 ? ` and ${item.fields.length - 4} more` : '';
    return `\`${item.text}\` holds ${categories} (fields ${fields.join(', ')}${more})${steps}`;
  }
  const evidence = item.evidence[0];
  return `\`${item.text}\` is ${categories} (${evidence ? describeEvidence(evidence) : 'classified'}${steps})`;
}

export function describeEvidence(evidence: Evidence): string {
  const where =
    evidence.file === undefined ? '' : `, ${evidence.file}${evidence.line === undefined ? '' : `:${evidence.line}`}`;
  switch (evidence.source) {
    case 'tag':
    case 'type-tag':
    case 'schema':
      return `${evidence.detail} on \`${evidence.symbol}\`${where}`;
    case 'manifest':
      return `${evidence.detail}${where}`;
    case 'value':
      return evidence.detail;
    case 'name':
      return evidence.detail;
  }
}

/**
 * What a word next to a value says about it, when the value says nothing itself: the key it is stored under
 * (`setItem('ssn', v)`), the label a log line gives it (`console.log('email:', v)`). Only a name that reads as one
 * category by itself counts; a literal value is nobody's data, and what a sanitizer returned is not the data the word
 * names.
 */
export function namedByWord(
  ctx: FamilyContext,
  word: string,
  value: TS.Expression,
  detail: (category: string) => string,
): DataItem | undefined {
  const { ts } = ctx.env;
  const stored = skipOuter(ts, value);
  if (isLiteralValue(ts, stored)) return undefined;
  if (ts.isCallExpression(stored) && ctx.sanitizers.sanitizerOf(stored) !== undefined) return undefined;
  const match = ctx.env.knowledge.names.match(word);
  if (!match || match.contextual) return undefined;
  const { file, line } = ctx.range(value);
  const text = value.getText(ctx.sourceFile).replace(/\s+/gu, ' ');
  return {
    text: text.length > 60 ? `${text.slice(0, 57)}…` : text,
    categories: [match.category],
    evidence: [{ source: 'name', category: match.category, symbol: word, detail: detail(match.category) }],
    fields: [],
    declared: false,
    steps: [],
    file,
    line,
  };
}
