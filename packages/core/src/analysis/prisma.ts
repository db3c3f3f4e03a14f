import {
  manifestClassification,
  nameClassification,
  tagClassification,
  type AnalysisProblem,
  type Classification,
} from './classify.js';
import type { AnalysisEnvironment } from './environment.js';
import type { FileAnalysis } from './analyze.js';
import { fieldKindsByName } from './schemas.js';
import { parsePiiTag } from './tags.js';
import type { FieldFact } from '../findings/finding.js';

/** A block of a Prisma schema that holds fields: a model, a view or a composite type (MongoDB). */
const blockStart = /^\s*(model|view|type)\s+([A-Za-z_]\w*)\s*\{/u;
const enumStart = /^\s*enum\s+([A-Za-z_]\w*)\s*\{/u;
const fieldLine = /^\s*([A-Za-z_]\w*)\s+([A-Za-z_][\w.]*)(\[\])?(\?)?(?:\s|$)/u;

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
  // Prisma's scalars (`String`, `Boolean`, `DateTime`) are named like the schema builders' kinds.
  const kinds = fieldKindsByName(env.knowledge.data.schemas);

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
    // After the name and type (`emailString String // …`: searching for `String` would stop inside the name).
    const trailing = raw.slice(match.index + match[0].length);
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

/** The nearest `@pii` tag among the field's `///` doc comments and its trailing comment, classified. */
function fromTag(
  env: AnalysisEnvironment,
  symbol: string,
  file: string,
  comments: readonly { text: string; line: number; column: number }[],
  problems: AnalysisProblem[],
): Classification | undefined {
  for (const comment of comments) {
    const tag = parsePiiTag(comment.text);
    if (!tag) continue;
    return tagClassification(env, tag, symbol, { file, line: comment.line, column: comment.column }, 'tag', problems);
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
