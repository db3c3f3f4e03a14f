import { statSync } from 'node:fs';
import type { ts } from 'ts-morph';
import { getLibFiles, type LibFiles } from './libs.js';
import { isJsFile, pathKey } from './paths.js';
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
  /** Called when a file is parsed (not for lib or dependency files the caller does not track). */
  readonly onParsed: (key: string) => void;
}

/**
 * Parses each file once for all programs. A SourceFile depends only on its text and a few parse options (language
 * version, module format, JSDoc mode, module detection), so programs whose parse options agree share it, the way
 * tsserver's document registry does; lib files, ~10 MB of declarations, are then parsed once per scan.
 */
export class SourceFileStore {
  readonly #options: SourceFileStoreOptions;
  readonly #libs: LibFiles = getLibFiles();
  readonly #files = new Map<string, ts.SourceFile>();
  readonly #caseSensitive: boolean;

  constructor(options: SourceFileStoreOptions) {
    this.#options = options;
    this.#caseSensitive = options.ts.sys.useCaseSensitiveFileNames;
  }

  key(fileName: string): string {
    return pathKey(fileName, this.#caseSensitive);
  }

  /** A compiler host for one program; `redirects` point imports at project sources instead of build output. */
  createHost(options: ts.CompilerOptions, redirects: SourceRedirects | undefined): ts.CompilerHost {
    const tsApi = this.#options.ts;
    const sys = tsApi.sys;
    const libs = this.#libs;
    const parseKey = [
      options.moduleDetection,
      options.jsx === tsApi.JsxEmit.ReactJSX || options.jsx === tsApi.JsxEmit.ReactJSXDev,
      options.preserveConstEnums === true || options.isolatedModules === true,
    ].join('|');
    const caseSensitive = this.#caseSensitive;
    const host: ts.CompilerHost = {
      getSourceFile: (fileName, languageVersionOrOptions, onError) => {
        const parse =
          typeof languageVersionOrOptions === 'object'
            ? languageVersionOrOptions
            : { languageVersion: languageVersionOrOptions };
        const isLib = libs.texts.has(fileName);
        const key = isLib ? fileName : this.key(fileName);
        const cacheKey = `${parse.languageVersion}|${parse.impliedNodeFormat}|${parse.jsDocParsingMode}|${parseKey}|${key}`;
        const cached = (isLib ? libSourceFiles : this.#files).get(cacheKey);
        if (cached) return cached;
        const text = isLib ? libs.texts.get(fileName) : this.#readText(fileName, key, onError);
        if (text === undefined) return undefined;
        // Parent pointers now, not at binding: the analysis walks upwards (`node.parent`) before it asks for types.
        const sourceFile = tsApi.createSourceFile(fileName, text, parse, true);
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
      fileExists: fileName => libs.texts.has(fileName) || sys.fileExists(fileName),
      readFile: fileName => libs.texts.get(fileName) ?? sys.readFile(fileName),
      directoryExists: directory => directory === libs.dir || sys.directoryExists(directory),
      getDirectories: directory => sys.getDirectories(directory),
      realpath: fileName => (libs.texts.has(fileName) || !sys.realpath ? fileName : sys.realpath(fileName)),
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
    try {
      // Outside the walk (a dependency, a file outside the root): never parse a bundle TypeScript happens to import.
      if (isJsFile(fileName) && statSync(fileName).size > this.#options.maxFileBytes) return undefined;
      return this.#options.ts.sys.readFile(fileName);
    } catch (error) {
      onError?.(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }
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
