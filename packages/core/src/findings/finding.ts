import type { Evidence } from '../analysis/classify.js';
import type { DataItem, SanitizedUse } from '../analysis/trace.js';
import type { CookieFlowDetails, SharingFlowDetails } from '../inventory/schema.js';
import type { RuleId } from './rules.js';

/** A text replacement, by offsets in the file. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Suggestion {
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  readonly edits: readonly TextEdit[];
}

export interface SourceRange {
  /** File relative to the analysis root, POSIX separators. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Offsets in the file, for fixes. */
  readonly start: number;
  readonly end: number;
}

/** The API a finding or a flow is about. */
export interface SinkRef {
  readonly kind: 'log' | 'storage' | 'url' | 'cookie' | 'third-party';
  /** Catalogue id (`pino`, `web-storage`, `segment`) or `manifest` for the project's own declarations. */
  readonly api: string;
  /** As written at the call: `logger.info`, `localStorage.setItem`. */
  readonly text: string;
  /** How the API was recognised: origin (import, factory, global), type, manifest, or name only. */
  readonly basis: 'origin' | 'type' | 'manifest' | 'name';
}

/** A function the data passed through on its way to the sink, for findings judged at a call (`audit(user.email)`). */
export interface ViaStep {
  /** `audit`, `AuditLog.record`, `new Session`. */
  readonly function: string;
  readonly file: string;
  readonly line: number;
}

/** One problem the rules report, the same through ESLint and the CLI. */
export interface Finding extends SourceRange {
  readonly ruleId: RuleId;
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  /** The message, rendered from the rule's template and `data`. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly categories: readonly string[];
  readonly items: readonly DataItem[];
  readonly evidence: readonly Evidence[];
  readonly sink?: SinkRef | undefined;
  /** The functions the data passed through to reach the sink, outermost first (absent: the sink is here). */
  readonly via?: readonly ViaStep[] | undefined;
  /** A comment at that sink accepts what reaches it (`// privlint-ignore <rule> -- reason`): an exception, not a finding. */
  readonly accepted?:
    | {
        readonly file: string;
        readonly line: number;
        readonly reason?: string | undefined;
        readonly via: 'privlint-ignore' | 'eslint-disable';
      }
    | undefined;
  readonly suggestions: readonly Suggestion[];
  /**
   * Stable across line moves: rule, file, sink and data, plus an occurrence index when the same appears twice in a
   * file. Used by SARIF `partialFingerprints` and baselines.
   */
  readonly fingerprint: string;
}

/** Personal data reaching a sink, allowed or not: the inventory lists every one. */
interface FlowBase extends SourceRange {
  readonly items: readonly DataItem[];
  readonly sanitized: readonly SanitizedUse[];
  readonly categories: readonly string[];
  /** The rule that judged it, and whether it reported it. */
  readonly ruleId: RuleId;
  readonly reported: boolean;
  /** The functions the data passed through to reach the sink, outermost first. */
  readonly via?: readonly ViaStep[] | undefined;
}

/** A cookie written or set by a tag, with what decided it (name, essential or not, consent check, lifetime). */
export interface CookieFlowFact extends FlowBase {
  readonly sink: SinkRef & { readonly kind: 'cookie' };
  readonly details: CookieFlowDetails;
}

/** A call to a third party, with its recipient and what privacy.yml declares for it. */
export interface SharingFlowFact extends FlowBase {
  readonly sink: SinkRef & { readonly kind: 'third-party' };
  readonly details: SharingFlowDetails;
}

/** A log, storage or URL flow, or one judged at a caller without the sink's own facts. */
export interface PlainFlowFact extends FlowBase {
  readonly sink: SinkRef;
  readonly details?: undefined;
}

/** One flow, typed by its sink: read its facts with `cookieDetailsOf` and `sharingDetailsOf`. */
export type FlowFact = CookieFlowFact | SharingFlowFact | PlainFlowFact;

/** A declaration that holds personal data: the inventory's "where each category is held". */
export interface FieldFact {
  /** `User.email`. */
  readonly symbol: string;
  readonly categories: readonly string[];
  readonly declared: boolean;
  readonly evidence: readonly Evidence[];
  readonly file: string;
  readonly line: number;
  readonly column: number;
}
