import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { existsSync } from 'node:fs';
import {
  analyzeFile,
  loadManifest,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  isOffByDefault,
  type AnalysisEnvironment,
  type ManifestView,
} from '@privlint/core';

/** One expected or reported finding: `file:line rule`. */
export type Mark = string;

export interface Score {
  readonly rule: string;
  readonly truePositives: number;
  readonly falsePositives: readonly Mark[];
  readonly falseNegatives: readonly Mark[];
  readonly precision: number;
  readonly recall: number;
}

const expectPattern = /\/\/ expect: ([a-z-]+(?: [a-z-]+)*)\s*$/u;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const absolute = path.join(dir, name);
    if (statSync(absolute).isDirectory()) out.push(...sourceFiles(absolute));
    else if (/\.(?:[cm]?[jt]sx?)$/u.test(name) && !name.endsWith('.d.ts')) out.push(absolute);
  }
  return out.sort();
}

/** The `// expect: rule` marks of a project. */
export function expectedMarks(root: string): Set<Mark> {
  const marks = new Set<Mark>();
  for (const file of sourceFiles(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = expectPattern.exec(line);
        for (const rule of match?.[1]?.split(' ') ?? []) marks.add(`${relative}:${index + 1} ${rule}`);
      });
  }
  return marks;
}

/** What the analysis reports for a project, typed (its tsconfig's program) or untyped (file by file). */
export function reportedMarks(root: string, typed: boolean): Set<Mark> {
  const manifestFile = path.join(root, 'privacy.yml');
  let manifest: ManifestView = emptyManifestView;
  if (existsSync(manifestFile)) {
    const loaded = loadManifest(manifestFile);
    if (!loaded.manifest) throw new Error(loaded.problems.map(problem => problem.message).join('\n'));
    manifest = loaded.manifest.view(root);
  }
  const env: AnalysisEnvironment = { ts, knowledge: compileKnowledge(defaultKnowledge), manifest, rootDir: root };
  const marks = new Set<Mark>();
  const add = (analysis: ReturnType<typeof analyzeFile>): void => {
    for (const finding of analysis.findings) {
      // As the CLI and `recommended` report: messages an option turns on are left out.
      if (isOffByDefault(finding.ruleId, finding.messageId)) continue;
      marks.add(`${finding.file}:${finding.line} ${finding.ruleId}`);
    }
  };
  if (typed) {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: diagnostic => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error(`no tsconfig in ${root}`);
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    for (const file of config.fileNames) add(analyzeFile(program.getSourceFile(file)!, { env, program }));
  } else {
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      add(analyzeFile(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), { env }));
    }
  }
  return marks;
}

/** Precision and recall per rule, over the rules that the expectations mention. */
export function score(expected: ReadonlySet<Mark>, reported: ReadonlySet<Mark>, rules: readonly string[]): Score[] {
  return rules.map(rule => {
    const ofRule = (marks: ReadonlySet<Mark>): Mark[] => [...marks].filter(mark => mark.endsWith(` ${rule}`));
    const wanted = ofRule(expected);
    const got = ofRule(reported);
    const truePositives = got.filter(mark => expected.has(mark)).length;
    return {
      rule,
      truePositives,
      falsePositives: got.filter(mark => !expected.has(mark)),
      falseNegatives: wanted.filter(mark => !reported.has(mark)),
      precision: got.length === 0 ? 1 : truePositives / got.length,
      recall: wanted.length === 0 ? 1 : truePositives / wanted.length,
    };
  });
}
