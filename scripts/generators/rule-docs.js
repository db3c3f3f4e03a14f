// Rule meta -> the header of docs/rules/<id>.md and the rule table in README.md (between markers).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allRuleMeta } from '../../packages/core/dist/index.js';

const headerStart = '<!-- begin auto-generated rule header -->';
const headerEnd = '<!-- end auto-generated rule header -->';
const tableStart = '<!-- begin auto-generated rules list -->';
const tableEnd = '<!-- end auto-generated rules list -->';

/** @param {string} root */
export async function ruleDocs(root) {
  /** @type {Array<{ file: string; content: string }>} */
  const outputs = [];
  /** @type {string[]} */
  const problems = [];
  const { rules } = await import(path.join(root, 'packages/eslint-plugin/dist/rules/index.js'));
  for (const meta of allRuleMeta) {
    const rule = rules[meta.id];
    if (!rule) continue;
    const file = `docs/rules/${meta.id}.md`;
    const absolute = path.join(root, file);
    if (!existsSync(absolute)) {
      problems.push(`${file} is missing: every rule has a page (copy docs/rules/_template.md)`);
      continue;
    }
    const presets = meta.preset === 'recommended' ? '`recommended`, `strict`, `all`' : '`strict`, `all`';
    const notes = [
      `💼 Enabled in the ${presets} configs.`,
      ...(rule.meta.hasSuggestions
        ? ['💡 Some problems reported by this rule can be fixed by editor suggestions.']
        : []),
      '🔍 Uses type information when the parser provides it (cross-file declarations, whole-object types); works without it on names and same-file declarations.',
    ];
    const header = [headerStart, '', `${meta.description}.`, '', ...notes.flatMap(line => [line, '']), headerEnd].join(
      '\n',
    );
    outputs.push({
      file,
      content: replaceBetween(
        readFileSync(absolute, 'utf8'),
        headerStart,
        headerEnd,
        header,
        `# privlint/${meta.id}\n\n`,
      ),
    });
  }
  const readme = path.join(root, 'README.md');
  if (existsSync(readme)) {
    const rows = allRuleMeta
      .filter(meta => rules[meta.id])
      .map(meta => {
        const presets = meta.preset === 'recommended' ? '✅' : '';
        const suggestions = rules[meta.id].meta.hasSuggestions ? '💡' : '';
        return `| [${meta.id}](docs/rules/${meta.id}.md) | ${meta.description} | ${presets} | ${suggestions} |`;
      });
    const table = [
      tableStart,
      '',
      '| Rule | Description | Recommended | Suggestions |',
      '| --- | --- | :-: | :-: |',
      ...rows,
      '',
      tableEnd,
    ].join('\n');
    const current = readFileSync(readme, 'utf8');
    if (current.includes(tableStart))
      outputs.push({ file: 'README.md', content: replaceBetween(current, tableStart, tableEnd, table, '') });
  }
  return { outputs, problems };
}

/**
 * @param {string} text
 * @param {string} start
 * @param {string} end
 * @param {string} block
 * @param {string} prefixIfMissing
 */
function replaceBetween(text, start, end, block, prefixIfMissing) {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) {
    // A page without a header gets one under its title.
    const lines = text.split('\n');
    const title = lines[0]?.startsWith('# ') ? `${lines[0]}\n\n` : prefixIfMissing;
    const rest = lines[0]?.startsWith('# ') ? lines.slice(1).join('\n').replace(/^\n+/u, '') : text;
    return `${title}${block}\n\n${rest}`;
  }
  return `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
}
