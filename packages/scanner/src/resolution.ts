import path from 'node:path';
import type { ts } from 'ts-morph';
import { isInside, toPosix } from './paths.js';
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
  readonly #outputs: { outDir: string; sourceDirs: string[] }[];
  readonly #packages: ReadonlyMap<string, WorkspacePackage>;
  readonly #workspaces: readonly WorkspacePackage[];
  readonly #exists: (file: string) => boolean;

  constructor(
    configs: readonly LoadedConfig[],
    workspaces: readonly WorkspacePackage[],
    exists: (file: string) => boolean,
  ) {
    this.#exists = exists;
    this.#workspaces = workspaces;
    this.#packages = new Map(workspaces.flatMap(pkg => (pkg.name ? [[pkg.name, pkg] as const] : [])));
    this.#outputs = configs
      .flatMap(config => {
        const options = config.options;
        if (!options) return [];
        const sourceDirs = [options.rootDir ?? config.dir, path.join(config.dir, 'src')];
        return [options.outDir, options.declarationDir]
          .filter((dir): dir is string => dir !== undefined)
          .map(outDir => ({
            outDir: path.resolve(outDir),
            sourceDirs: [...new Set(sourceDirs.map(dir => path.resolve(dir)))],
          }));
      })
      // Deepest first, so a nested package's outDir wins over an enclosing one.
      .sort((a, b) => b.outDir.length - a.outDir.length);
  }

  /** Whether there is anything to redirect: otherwise TypeScript's own resolution is used unchanged. */
  get active(): boolean {
    return this.#outputs.length > 0 || this.#packages.size > 0;
  }

  /** The source file a build output file was compiled from, when it is part of the project. */
  toSource(file: string): string | undefined {
    const resolved = path.resolve(file);
    for (const { outDir, sourceDirs } of this.#outputs) {
      if (!isInside(outDir, resolved)) continue;
      const found = this.#withSourceExtension(sourceDirs, path.relative(outDir, resolved));
      if (found) return found;
    }
    // Workspace packages without a tsconfig: `dist/`, `build/`, `out/` or `lib/` mirror `src/` or the package root.
    for (const pkg of this.#workspaces) {
      if (!isInside(pkg.dir, resolved)) continue;
      const [first, ...rest] = path.relative(pkg.dir, resolved).split(path.sep);
      if (first === undefined || !BUILD_FOLDER.test(first) || rest.length === 0) continue;
      const found = this.#withSourceExtension([path.join(pkg.dir, 'src'), pkg.dir], rest.join(path.sep));
      if (found) return found;
    }
    return undefined;
  }

  /** A bare specifier naming a workspace package (`@acme/models`, `@acme/models/user`), resolved to its sources. */
  resolvePackage(specifier: string): string | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = this.#packages.get(parts.slice(0, nameLength).join('/'));
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
