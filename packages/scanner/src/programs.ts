import { nestingProblem, type FileReader } from '@privlint/core';
import type { ts } from 'ts-morph';
import type TS from 'typescript';
import { getLibFiles, type LibFiles } from './libs.js';
import { fromTsPath, isJsFile, pathKey } from './paths.js';
import { createResolver, type SourceRedirects } from './resolution.js';

type Ts = typeof ts;

/**
 * Options that change types neither in the parse nor in the checker: emit, output layout and diagnostics-only
 * switches. Two tsconfigs equal in everything else share one program (knip does the same), so each shared file and
 * the lib files are parsed and bound once.
 */
const IRRELEVANT_OPTIONS = new Set([
  'configFile',
  'configFilePath',
  'outDir',
  'outFile',
  'rootDir',
  'declarationDir',
  'declaration',
  'declarationMap',
  'emitDeclarationOnly',
  'sourceMap',
  'inlineSourceMap',
  'inlineSources',
  'sourceRoot',
  'mapRoot',
  'composite',
  'incremental',
  'tsBuildInfoFile',
  'noEmit',
  'noEmitOnError',
  'removeComments',
  'importHelpers',
  'downlevelIteration',
  'emitBOM',
  'newLine',
  'stripInternal',
  'skipLibCheck',
  'skipDefaultLibCheck',
  'noUnusedLocals',
  'noUnusedParameters',
  'noImplicitReturns',
  'noImplicitOverride',
  'noFallthroughCasesInSwitch',
  'noPropertyAccessFromIndexSignature',
  'allowUnusedLabels',
  'allowUnreachableCode',
  'forceConsistentCasingInFileNames',
  'noErrorTruncation',
  'pretty',
  'listFiles',
  'listEmittedFiles',
  'diagnostics',
  'extendedDiagnostics',
  'generateCpuProfile',
  'generateTrace',
  'plugins',
  'watch',
  'assumeChangesOnlyAffectDirectDependencies',
  'disableSizeLimit',
]);

/** The key under which compatible options share a program. */
export function compatibilityKey(options: ts.CompilerOptions): string {
  const entries = Object.keys(options)
    .filter(key => !IRRELEVANT_OPTIONS.has(key))
    .sort()
    .map(key => [key, options[key]]);
  return JSON.stringify(entries);
}

/** Options for files no usable tsconfig covers: plain JavaScript and TypeScript as editors read them. */
export function defaultOptions(tsApi: Ts): ts.CompilerOptions {
  return {
    allowJs: true,
    checkJs: false,
    jsx: tsApi.JsxEmit.Preserve,
    strict: false,
    target: tsApi.ScriptTarget.Latest,
    // `preserve` reads `import` and `require` alike and resolves like a bundler: extensionless relative imports work.
    module: tsApi.ModuleKind.Preserve,
    moduleResolution: tsApi.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    noEmit: true,
    skipLibCheck: true,
    maxNodeModuleJsDepth: 0,
  };
}

export interface SourceFileStoreOptions {
  readonly ts: Ts;
  readonly root: string;
  /** Text already read by discovery, by path key. */
  readonly texts: ReadonlyMap<string, string>;
  /** Path keys of files no program may load. */
  readonly unloadable: ReadonlySet<string>;
  readonly maxFileBytes: number;
  /** Every read TypeScript makes goes through it: regular files only, inside the project, bounded in size. */
  readonly reader: FileReader;
  /** Called when a file is parsed (not for lib or dependency files the caller does not track). */
  readonly onParsed: (key: string) => void;
}

/**
 * Declarations and JSON outside the walk (a dependency's `index.d.ts`, a `package.json`) may be larger than a source
 * file; generated clients' declarations reach a few megabytes. Still bounded: a link to `/dev/zero` says size 0.
 */
const maxDependencyBytes = 32 * 1024 * 1024;

/**
 * Parses each file once for all programs. A SourceFile depends only on its text and a few parse options (language
 * version, module format, JSDoc mode, module detection), so programs whose parse options agree share it, the way
 * tsserver's document registry does; lib files, ~10 MB of declarations, are then parsed once per scan.
 */
export class SourceFileStore {
  readonly #options: SourceFileStoreOptions;
  readonly #libs: LibFiles = getLibFiles();
  readonly #files = new Map<string, ts.SourceFile>();
  readonly #failures = new Map<string, string>();
  readonly #caseSensitive: boolean;

  constructor(options: SourceFileStoreOptions) {
    this.#options = options;
    this.#caseSensitive = options.ts.sys.useCaseSensitiveFileNames;
  }

  key(fileName: string): string {
    return pathKey(fileName, this.#caseSensitive);
  }

  /** Why TypeScript got no source file for a path (too deep to parse or to check), by path key. */
  failure(fileName: string): string | undefined {
    return this.#failures.get(this.key(fileName));
  }

  /** A compiler host for one program; `redirects` point imports at project sources instead of build output. */
  createHost(options: ts.CompilerOptions, redirects: SourceRedirects | undefined): ts.CompilerHost {
    const tsApi = this.#options.ts;
    const reader = this.#options.reader;
    const libs = this.#libs;
    const parseKey = [
      options.moduleDetection,
      options.jsx === tsApi.JsxEmit.ReactJSX || options.jsx === tsApi.JsxEmit.ReactJSXDev,
      options.preserveConstEnums === true || options.isolatedModules === true,
    ].join('|');
    const caseSensitive = this.#caseSensitive;
    const files = new Map<string, boolean>();
    const folders = new Map<string, boolean>();
    const host: ts.CompilerHost = {
      getSourceFile: (fileName, languageVersionOrOptions, onError) => {
        const parse =
          typeof languageVersionOrOptions === 'object'
            ? languageVersionOrOptions
            : { languageVersion: languageVersionOrOptions };
        const isLib = libs.texts.has(fileName);
        const key = isLib ? fileName : this.key(fileName);
        // From ES2015 on, the target changes nothing in the tree (identifiers follow one Unicode table): programs of a
        // monorepo whose apps target ES2021, ES2022 and ESNext share one parse of the packages they all import.
        const version = Math.min(parse.languageVersion, tsApi.ScriptTarget.ES2015);
        const cacheKey = `${version}|${parse.impliedNodeFormat}|${parse.jsDocParsingMode}|${parseKey}|${key}`;
        const cached = (isLib ? libSourceFiles : this.#files).get(cacheKey);
        if (cached) return cached;
        const text = isLib ? libs.texts.get(fileName) : this.#readText(fileName, key, onError);
        if (text === undefined) return undefined;
        const sourceFile = isLib ? parseSource(tsApi, fileName, text, parse) : this.#parse(fileName, key, text, parse);
        if (!sourceFile) return undefined;
        if (isLib) libSourceFiles.set(cacheKey, sourceFile);
        else {
          this.#files.set(cacheKey, sourceFile);
          this.#options.onParsed(key);
        }
        return sourceFile;
      },
      getDefaultLibLocation: () => libs.dir,
      getDefaultLibFileName: compilerOptions => `${libs.dir}/${tsApi.getDefaultLibFileName(compilerOptions)}`,
      writeFile: () => undefined,
      getCurrentDirectory: () => this.#options.root,
      getCanonicalFileName: fileName => (caseSensitive ? fileName : fileName.toLowerCase()),
      useCaseSensitiveFileNames: () => caseSensitive,
      getNewLine: () => '\n',
      // Module resolution probes thousands of paths through these: each is an `lstat` (real folders are cached), never
      // an `open`, and a path whose real place is outside the project, or that is not a regular file, does not exist.
      // Answers are kept while this program is built: at 6,000 files it asks 10,000 times about 450 folders.
      fileExists: fileName => libs.texts.has(fileName) || known(files, fileName, () => reader.isFile(fileName)),
      readFile: fileName => libs.texts.get(fileName) ?? this.#readHostFile(fileName),
      directoryExists: directory =>
        directory === libs.dir || known(folders, directory, () => reader.isDirectory(directory)),
      getDirectories: directory => reader.entries(directory).directories,
      realpath: fileName => (libs.texts.has(fileName) ? fileName : reader.realpath(fileName)),
      // JSDoc is parsed only where it gives types (JavaScript files), as tsc does: `@pii` tags are read from comment
      // text (see core's tags.ts), and skipping the JSDoc trees of TypeScript files cuts a quarter of parsing.
      jsDocParsingMode: tsApi.JSDocParsingMode.ParseForTypeInfo,
    };
    if (redirects?.active) {
      const cache = tsApi.createModuleResolutionCache(this.#options.root, host.getCanonicalFileName, options);
      host.resolveModuleNameLiterals = createResolver(tsApi, host, redirects, cache);
    }
    return host;
  }

  #readText(fileName: string, key: string, onError: ((message: string) => void) | undefined): string | undefined {
    const known = this.#options.texts.get(key);
    if (known !== undefined) return known;
    if (this.#options.unloadable.has(key)) return undefined;
    // Outside the walk (a dependency, a `/// <reference>`, a tsconfig `files` entry): never parse a bundle TypeScript
    // happens to import, and never what the walk would have refused (a link to a device, a file outside the project).
    const limit = isJsFile(fileName) ? this.#options.maxFileBytes : maxDependencyBytes;
    const read = this.#options.reader.readText(fromTsPath(fileName), { maxBytes: limit, refuseBinary: true });
    if (read.ok) return read.text;
    if (read.reason !== 'missing') {
      this.#failures.set(key, `not read: it ${read.message}`);
      onError?.(read.message);
    }
    return undefined;
  }

  #readHostFile(fileName: string): string | undefined {
    const read = this.#options.reader.readText(fileName, { maxBytes: maxDependencyBytes, refuseBinary: true });
    return read.ok ? read.text : undefined;
  }

  /**
   * Parses a project or dependency file. A file nested too deep for TypeScript's recursive parser, or too deep for
   * its binder and checker afterwards, is left out of the program: an overflow in the checker would otherwise fail
   * every other file of the program (fail-open, as their findings would be lost), and the file is reported instead.
   */
  #parse(fileName: string, key: string, text: string, parse: ts.CreateSourceFileOptions): ts.SourceFile | undefined {
    const tsApi = this.#options.ts;
    let sourceFile: ts.SourceFile;
    try {
      sourceFile = parseSource(tsApi, fileName, text, parse);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.#failures.set(key, 'not analysed: its code nests too deeply for TypeScript to parse');
      return undefined;
    }
    const problem = nestingProblem(tsApi as unknown as typeof TS, sourceFile as unknown as TS.SourceFile);
    if (problem !== undefined) {
      this.#failures.set(key, `not analysed: ${problem}`);
      return undefined;
    }
    return sourceFile;
  }
}

function known(answers: Map<string, boolean>, path: string, ask: () => boolean): boolean {
  let answer = answers.get(path);
  if (answer === undefined) {
    answer = ask();
    answers.set(path, answer);
  }
  return answer;
}

function parseSource(tsApi: Ts, fileName: string, text: string, parse: ts.CreateSourceFileOptions): ts.SourceFile {
  // No parent pointers here: binding sets them, and every file of a program is bound when its checker is created,
  // before the analysis walks a tree (see `ProgramGroup`). Setting them twice cost a quarter of parsing.
  return tsApi.createSourceFile(fileName, text, parse, false);
}

/**
 * Lib files parsed by earlier loads in this process. They never change, and binding them (done once per file, not per
 * program) does not depend on the program either, so a second scan in the same process (tests, a watch mode) skips
 * ~300 ms of parsing.
 */
const libSourceFiles = new Map<string, ts.SourceFile>();

/** One program and its checker, created on first use and shared by every file of the program. */
export class ProgramGroup {
  readonly program: ts.Program;
  #checker: ts.TypeChecker | undefined;

  constructor(program: ts.Program) {
    this.program = program;
  }

  getChecker(): ts.TypeChecker {
    this.#checker ??= this.program.getTypeChecker();
    return this.#checker;
  }
}
