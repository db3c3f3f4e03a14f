import {
  declaredClassification,
  manifestClassification,
  nameClassification,
  type AnalysisProblem,
  type Classification,
  type Evidence,
} from './classify.js';
import type { AnalysisEnvironment } from './environment.js';
import type { FileAnalysis } from './analyze.js';
import type { FieldFact } from '../findings/finding.js';
import type { TypeKind } from '../knowledge/schema.js';

/** A block of a Prisma schema that holds fields: a model, a view or a composite type (MongoDB). */
const blockStart = /^\s*(model|view|type)\s+([A-Za-z_]\w*)\s*\{/u;
const enumStart = /^\s*enum\s+([A-Za-z_]\w*)\s*\{/u;
const fieldLine = /^\s*([A-Za-z_]\w*)\s+([A-Za-z_][\w.]*)(\[\])?(\?)?(?:\s|$)/u;
const piiTag = /@pii\b([^@]*)/u;

/**
 * The fields of a Prisma schema (`schema.prisma`) that hold personal data, for the inventory: the database's own
 * declaration of what is stored. Evidence in the same order as for TypeScript: a `/// @pii email` doc comment on the
 * field, the manifest's `fields` (`User.email`), then the name, with the scalar type ruling names out
 * (`emailVerified Boolean`). Relations to other models and enum-typed fields are not data of their own. Read as
 * text: a Prisma file is never executed.
 */
export function analyzePrismaSchema(env: AnalysisEnvironment, file: string, text: string): FileAnalysis {
  const lines = text.split(/\r?\n/u);
  const blockNames = new Set<string>();
  for (const line of lines) {
    const block = blockStart.exec(line) ?? enumStart.exec(line);
    if (block) blockNames.add(block[block.length - 1]!);
  }
  const kinds = new Map<string, TypeKind>();
  for (const { kind, names } of env.knowledge.data.schemas.fieldKinds) {
    for (const name of names) kinds.set(name.toLowerCase(), kind);
  }

  const fields: FieldFact[] = [];
  const problems: AnalysisProblem[] = [];
  let model: string | undefined;
  let docs: { text: string; line: number; column: number }[] = [];
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (model === undefined) {
      const block = blockStart.exec(raw);
      if (block) model = block[2];
      else if (enumStart.exec(raw)) model = '';
      docs = [];
      return;
    }
    const trimmed = raw.trim();
    if (trimmed.startsWith('}')) {
      model = undefined;
      return;
    }
    if (trimmed.startsWith('///')) {
      docs.push({ text: trimmed.slice(3), line: lineNumber, column: raw.indexOf('@pii') + 1 });
      return;
    }
    const pendingDocs = docs;
    docs = [];
    if (model === '' || trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('@@')) return;
    const match = fieldLine.exec(raw);
    if (!match) return;
    const [, name, type] = match as unknown as [string, string, string];
    // A relation (`posts Post[]`) points at another model's rows; an enum (`role Role`) is a closed set of values.
    if (blockNames.has(type)) return;
    const column = raw.indexOf(name) + 1;
    const symbol = `${model}.${name}`;
    const trailing = raw.slice(raw.indexOf(type) + type.length);
    const comment = /\/\/\/?(.*)$/u.exec(trailing)?.[1];
    const classification =
      fromTag(
        env,
        symbol,
        file,
        [...pendingDocs, ...(comment ? [{ text: comment, line: lineNumber, column: raw.indexOf('@pii') + 1 }] : [])],
        problems,
      ) ??
      fromManifest(env, model, name, symbol) ??
      nameClassification(env, name, symbol, model, kinds.get(type.toLowerCase()), { file, line: lineNumber });
    if (!classification || classification.none) return;
    fields.push({
      symbol,
      categories: classification.categories,
      declared: classification.declared,
      evidence: classification.evidence,
      file,
      line: lineNumber,
      column,
    });
  });
  return { file, findings: [], flows: [], fields, problems, incomplete: false };
}

function fromTag(
  env: AnalysisEnvironment,
  symbol: string,
  file: string,
  docs: readonly { text: string; line: number; column: number }[],
  problems: AnalysisProblem[],
): Classification | undefined {
  for (const doc of docs) {
    const tag = piiTag.exec(doc.text);
    if (!tag) continue;
    const words = tag[1]!
      .split(/[\s,]+/u)
      .map(word => word.trim())
      .filter(Boolean);
    const column = doc.column;
    if (words.includes('none')) {
      const evidence: Evidence = {
        source: 'tag',
        category: 'none',
        symbol,
        file,
        line: doc.line,
        detail: 'tagged `@pii none`',
      };
      return { categories: [], evidence: [evidence], declared: true, none: true };
    }
    const evidence: Evidence[] = [];
    for (const word of words) {
      const ids = env.knowledge.resolveCategory(word);
      if (ids.length === 0) {
        problems.push({
          file,
          line: doc.line,
          column,
          message: `\`@pii ${word}\` on \`${symbol}\` names no known category; see docs/categories.md`,
        });
      }
      for (const category of ids) {
        evidence.push({ source: 'tag', category, symbol, file, line: doc.line, detail: `tagged \`@pii ${word}\`` });
      }
    }
    if (words.length === 0) {
      problems.push({
        file,
        line: doc.line,
        column,
        message: `\`@pii\` on \`${symbol}\` needs a category (\`@pii email\`) or \`none\``,
      });
    }
    if (evidence.length > 0) return declaredClassification(evidence);
  }
  return undefined;
}

function fromManifest(
  env: AnalysisEnvironment,
  model: string,
  name: string,
  symbol: string,
): Classification | undefined {
  const declared = env.manifest.fieldCategories(model, name);
  return declared ? manifestClassification(env, declared, symbol) : undefined;
}
