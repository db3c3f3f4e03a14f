import type TS from 'typescript';

export interface LoadOptions {
  /** Folder to scan, absolute or relative to the current directory. */
  root: string;
  /** Extra path globs (privacy.yml `ignore:`), relative to `root`; matching files and folders are skipped. */
  ignore?: readonly string[];
  /**
   * Scan only this folder of the project (relative to `root`, POSIX separators), as `privlint scan src/server` does
   * in a project whose manifest and tsconfig are at `root`: paths stay relative to `root`, the tsconfig files above
   * the folder still apply, and the rest of the project is read only where the scanned files import it.
   */
  only?: string;
  /**
   * Files larger than this are skipped as `too-large` (only their first 64 KB are read, to say why).
   * @default 2097152 (2 MB)
   */
  maxFileBytes?: number;
  /**
   * Also read what lies outside the project root: symbolic links whose target is elsewhere, and tsconfig paths
   * (`files`, `include`, `extends`, `/// <reference>`) that lead out. Off by default: such links are skipped as
   * `outside-root` and such paths do not exist for TypeScript, so a repository cannot make privlint read or report
   * files of the machine it runs on.
   */
  readOutsideRoot?: boolean;
  /**
   * The project root, the boundary of every read: by default the nearest folder upwards from `root` holding `.git`,
   * else `root` itself.
   */
  projectRoot?: string;
  /** Called as the load advances; `total` grows during `discover`, since the tree is not known in advance. */
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  phase: 'discover' | 'load' | 'parse';
  done: number;
  total: number;
  /** The file (relative path) just handled, when there is one. */
  file?: string;
}

export interface ProjectFile {
  /** Absolute, native separators. */
  readonly path: string;
  /** Relative to the root, POSIX separators: the form every report uses. */
  readonly relPath: string;
  /** Relative path of the tsconfig the file belongs to, or '' for the default program. */
  readonly project: string;
  /** The file's AST, from its program (the checker's nodes are these nodes). */
  getSourceFile(): TS.SourceFile;
  /** The type checker of the file's program, created on the first call and shared by the program's files. */
  getChecker(): TS.TypeChecker;
  getProgram(): TS.Program;
}

export type SkipReason =
  | 'gitignored'
  | 'node-modules'
  | 'build-output'
  | 'minified'
  | 'generated'
  | 'binary'
  | 'too-large'
  | 'symlink-loop'
  | 'outside-root'
  | 'not-a-file'
  | 'unreadable'
  | 'parse-error'
  | 'ignored'
  | 'declaration';

export interface SkippedFile {
  /** The skipped file, or folder when a whole folder is skipped (`node_modules`, a gitignored folder). */
  relPath: string;
  reason: SkipReason;
  detail?: string;
}

/** A problem with the project's configuration (tsconfig errors, missing `extends`, circular references, …). */
export interface ProjectProblem {
  /** Relative path of the file concerned, when there is one. */
  file?: string;
  message: string;
  /** The file is source code that could not be analysed (too deep for TypeScript): its findings may be missing. */
  incomplete?: boolean;
}

export interface LoadedProject {
  /** Absolute, native separators. */
  readonly root: string;
  /** The boundary of every read (see `LoadOptions.projectRoot`); absolute. */
  readonly projectRoot: string;
  /** ts-morph's TypeScript: the copy that produced every AST above. Never mix it with another copy's enums. */
  readonly ts: typeof TS;
  /** Sorted by relPath; each source file exactly once. */
  readonly files: readonly ProjectFile[];
  /** Sorted by relPath. */
  readonly skipped: readonly SkippedFile[];
  readonly problems: readonly ProjectProblem[];
  /** Relative paths of the tsconfig files used, sorted. */
  readonly projects: readonly string[];
  /** Prisma schemas found (sorted by relPath): their models' fields join the inventory. */
  readonly prismaSchemas: readonly { readonly path: string; readonly relPath: string }[];
}
