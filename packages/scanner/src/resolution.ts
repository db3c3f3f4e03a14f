import path from 'node:path';
import type { ts } from 'ts-morph';
import { toPosix } from './paths.js';
import type { LoadedConfig } from './tsconfigs.js';
import type { WorkspacePackage } from './workspaces.js';

type Ts = typeof ts;

/** Output extensions and the source extensions they are compiled from, in the order TypeScript prefers. */
const OUTPUT_TO_SOURCE: readonly (readonly [string, readonly string[]])[] = [
  ['.d.mts', ['.mts', '.mjs']],
  ['.d.cts', ['.cts', '.cjs']],
  ['.d.ts', ['.ts', '.tsx', '.js', '.jsx']],
  ['.mjs', ['.mts', '.mjs']],
  ['.cjs', ['.cts', '.cjs']],
  ['.jsx', ['.tsx', '.jsx']],
  ['.js', ['.ts', '.tsx', '.js', '.jsx']],
];
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const BUILD_FOLDER = /^(?:dist|build|out|lib)$/u;

/**
 * Points imports at the sources of the project instead of its build output. In a monorepo, `import '@acme/models'`
 * resolves through node_modules to `packages/models/dist/index.d.ts` (or to nothing, before a build); the scanner
 * wants `packages/models/src/index.ts`, where the types, their `@pii` tags and the code really are. tsserver does the
 * same for project references (`useSourceOfProjectReferenceRedirect`); this also covers workspaces without them.
 */
export class SourceRedirects {
  /** Source folders of each output folder (`outDir`, `declarationDir`), by absolute output folder. */
  readonly #outputs = new Map<string, string[]>();
  readonly #sources = new Map<string, string | undefined>();
  readonly #packagesByName: ReadonlyMap<string, WorkspacePackage>;
  readonly #packagesByDir: ReadonlyMap<string, WorkspacePackage>;
  readonly #exists: (file: string) => boolean;

  constructor(
    configs: readonly LoadedConfig[],
    workspaces: readonly WorkspacePackage[],
    exists: (file: string) => boolean,
  ) {
    this.#exists = exists;
    this.#packagesByName = new Map(workspaces.flatMap(pkg => (pkg.name ? [[pkg.name, pkg] as const] : [])));
    this.#packagesByDir = new Map(workspaces.map(pkg => [path.resolve(pkg.dir), pkg]));
    for (const config of configs) {
      const options = config.options;
      if (!options) continue;
      const sourceDirs = [options.rootDir ?? config.dir, path.join(config.dir, 'src')].map(dir => path.resolve(dir));
      for (const outDir of [options.outDir, options.declarationDir]) {
        if (outDir === undefined) continue;
        const key = path.resolve(outDir);
        this.#outputs.set(key, [...new Set([...(this.#outputs.get(key) ?? []), ...sourceDirs])]);
      }
    }
  }

  /** Whether there is anything to redirect: otherwise TypeScript's own resolution is used unchanged. */
  get active(): boolean {
    return this.#outputs.size > 0 || this.#packagesByDir.size > 0;
  }

  /**
   * The source file a build output file was compiled from, when it is part of the project. Runs for every resolved
   * import, so it only looks up the file's own ancestor folders (a few map lookups), never scans the lists.
   */
  toSource(file: string): string | undefined {
    // A module is imported by many files (each package's `../lib/logger`): its answer is looked up once.
    if (this.#sources.has(file)) return this.#sources.get(file);
    const source = this.#toSource(file);
    this.#sources.set(file, source);
    return source;
  }

  #toSource(file: string): string | undefined {
    const resolved = path.resolve(file);
    if (resolved.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
    for (let dir = path.dirname(resolved); ; dir = path.dirname(dir)) {
      const sourceDirs = this.#outputs.get(dir);
      if (sourceDirs) {
        const found = this.#withSourceExtension(sourceDirs, path.relative(dir, resolved));
        if (found) return found;
      }
      // Workspace packages without a tsconfig: `dist/`, `build/`, `out/` or `lib/` mirror `src/` or the package root.
      const pkg = this.#packagesByDir.get(dir);
      if (pkg) {
        const [first, ...rest] = path.relative(dir, resolved).split(path.sep);
        if (first !== undefined && BUILD_FOLDER.test(first) && rest.length > 0) {
          const found = this.#withSourceExtension([path.join(dir, 'src'), dir], rest.join(path.sep));
          if (found) return found;
        }
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /** A bare specifier naming a workspace package (`@acme/models`, `@acme/models/user`), resolved to its sources. */
  resolvePackage(specifier: string): string | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = this.#packagesByName.get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return undefined;
    const subpath = parts.slice(nameLength).join('/');
    const entries = subpath === '' ? entryFields(pkg.manifest) : exportTargets(pkg.manifest['exports'], `./${subpath}`);
    for (const entry of entries) {
      const file = path.resolve(pkg.dir, entry);
      if (SOURCE_EXTENSIONS.includes(path.extname(file)) && !file.includes('.d.') && this.#exists(file)) return file;
      const source = this.toSource(file);
      if (source) return source;
    }
    const bases = [path.join(pkg.dir, 'src'), pkg.dir];
    return this.#withSourceExtension(bases, subpath === '' ? 'index' : subpath, true);
  }

  #withSourceExtension(bases: readonly string[], relative: string, bare = false): string | undefined {
    let stem = relative;
    let extensions: readonly string[] = SOURCE_EXTENSIONS;
    if (!bare) {
      const match = OUTPUT_TO_SOURCE.find(([output]) => relative.endsWith(output));
      if (!match) return undefined;
      stem = relative.slice(0, -match[0].length);
      extensions = match[1];
    }
    for (const base of bases) {
      for (const extension of extensions) {
        const candidate = path.join(base, stem + extension);
        if (this.#exists(candidate)) return candidate;
      }
      if (bare) {
        for (const extension of extensions) {
          const candidate = path.join(base, stem, `index${extension}`);
          if (this.#exists(candidate)) return candidate;
        }
      }
    }
    return undefined;
  }
}

/** The entry points a package.json names, most source-like first. */
function entryFields(manifest: Readonly<Record<string, unknown>>): string[] {
  const fields = [
    manifest['source'],
    ...exportTargets(manifest['exports'], '.'),
    manifest['types'],
    manifest['typings'],
  ];
  fields.push(manifest['module'], manifest['main']);
  return fields.filter((field): field is string => typeof field === 'string');
}

/** The file targets of one `exports` entry, following conditions in their written order. */
function exportTargets(exports: unknown, subpath: string): string[] {
  if (typeof exports === 'string') return subpath === '.' ? [exports] : [];
  if (!exports || typeof exports !== 'object') return [];
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  const isSubpathMap = keys.some(key => key.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? conditionTargets(map) : [];
  const entry = map[subpath];
  return entry === undefined ? [] : conditionTargets(entry);
}

function conditionTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(conditionTargets);
  if (!entry || typeof entry !== 'object') return [];
  return Object.values(entry).flatMap(conditionTargets);
}

/** A module resolution that prefers project sources; `host` is read at each call, as TypeScript may wrap it. */
export function createResolver(
  tsApi: Ts,
  host: ts.ModuleResolutionHost,
  redirects: SourceRedirects,
  cache: ts.ModuleResolutionCache,
): NonNullable<ts.CompilerHost['resolveModuleNameLiterals']> {
  return (literals, containingFile, redirectedReference, options, containingSourceFile) =>
    literals.map(literal => {
      const mode = tsApi.getModeForUsageLocation(containingSourceFile, literal, options);
      const result = tsApi.resolveModuleName(
        literal.text,
        containingFile,
        options,
        host,
        cache,
        redirectedReference,
        mode,
      );
      const resolved = result.resolvedModule;
      const source = resolved ? redirects.toSource(resolved.resolvedFileName) : redirects.resolvePackage(literal.text);
      if (!source) return result;
      return {
        ...result,
        resolvedModule: {
          resolvedFileName: toPosix(source),
          extension: extensionOf(tsApi, source),
          isExternalLibraryImport: false,
        },
      };
    });
}

function extensionOf(tsApi: Ts, file: string): ts.Extension {
  const extension = path.extname(file);
  const byExtension: Record<string, ts.Extension> = {
    '.ts': tsApi.Extension.Ts,
    '.tsx': tsApi.Extension.Tsx,
    '.mts': tsApi.Extension.Mts,
    '.cts': tsApi.Extension.Cts,
    '.js': tsApi.Extension.Js,
    '.jsx': tsApi.Extension.Jsx,
    '.mjs': tsApi.Extension.Mjs,
    '.cjs': tsApi.Extension.Cjs,
  };
  return byExtension[extension] ?? tsApi.Extension.Ts;
}
