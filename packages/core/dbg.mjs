import ts from '/work/wt/words/packages/core/node_modules/typescript/lib/typescript.js';
import { analyzeFile, compileKnowledge, defaultKnowledge, emptyManifestView, createValueMatcher } from '/work/wt/words/packages/core/dist/index.js';
const knowledge = compileKnowledge(defaultKnowledge);
const root = '/work/wt/words/fixtures/rules';
for (const code of process.argv.slice(2)) {
  const sf = ts.createSourceFile(root + '/file.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const a = analyzeFile(sf, { env: { ts, knowledge, manifest: emptyManifestView, rootDir: root } });
  console.log(a.problems, code, '=>', a.findings.map(f => `${f.line}:${f.column} ${f.ruleId} ${f.message.slice(0, 120)}`));
}
console.log(createValueMatcher(defaultKnowledge).match('nadia@larkspur.io'));
for (const n of ['ssn','phoneNumber','checkout:phoneNumber','lastEmail']) console.log(n, knowledge.names.match(n));
