import type { Inventory } from '@privlint/core';

/** What every reporter is given. Reporters are pure: they return the text, the CLI decides where it goes. */
export interface ReportContext {
  readonly inventory: Inventory;
  /** Whether the text may carry ANSI colours (the `text` reporter only). */
  readonly color: boolean;
  /**
   * The project's folder (the root of the inventory's paths) relative to the repository root, POSIX, `''` when they
   * are the same: SARIF gives code scanning paths from the repository root. Absent: the same folder.
   */
  readonly repositoryPath?: string | undefined;
}

export type Reporter = (context: ReportContext) => string;
