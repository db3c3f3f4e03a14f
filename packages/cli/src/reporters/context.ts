import type { Inventory } from '@privlint/core';

/** What every reporter is given. Reporters are pure: they return the text, the CLI decides where it goes. */
export interface ReportContext {
  readonly inventory: Inventory;
  /** Whether the text may carry ANSI colours (the `text` reporter only). */
  readonly color: boolean;
}

export type Reporter = (context: ReportContext) => string;
