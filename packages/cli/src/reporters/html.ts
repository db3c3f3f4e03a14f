import type { Inventory } from '@privlint/core';
import { printable } from '@privlint/core';
import type { Reporter } from './context.js';
import { dataMapSvg } from './data-map.js';
import { recordSections, type Section } from './record.js';

/**
 * Every string that reaches the page goes through this: scanned code can hold anything, `<script>` included, and
 * bidirectional overrides or control characters that would make the page show something other than the data.
 */
export function escapeHtml(text: string): string {
  return printable(text).replace(
    /[&<>"']/gu,
    char => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

/** `code` spans for backticked parts of a message, the rest escaped. */
function richText(text: string): string {
  return text
    .split(/(`[^`]*`)/u)
    .map(part =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part),
    )
    .join('');
}

const style = `
:root { color-scheme: light dark; --fg: #1d1f23; --muted: #5f6670; --line: #d7dbe0; --bg: #fff; --accent: #2356c7; --bad: #b42318; --warn: #a15c07; --special: #7a3bbf; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8eb; --muted: #9aa3ad; --line: #3a3f46; --bg: #16181c; --accent: #7aa2ff; --bad: #ff7b72; --warn: #e3b341; --special: #c49bff; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.meta, p.note { color: var(--muted); margin: 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
/* Paths and names from the code break anywhere, so that a table fits the page (and the printed sheet) instead of running off it; words elsewhere break as words. */
td.wrap { overflow-wrap: anywhere; }
a { color: var(--accent); }
th { font-weight: 600; white-space: nowrap; }
code { font: 12px/1.4 ui-monospace, monospace; background: color-mix(in srgb, var(--line) 40%, transparent); padding: 0 3px; border-radius: 3px; word-break: break-word; }
nav { position: sticky; top: 0; background: var(--bg); padding: 8px 0; border-bottom: 1px solid var(--line); display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
nav input, nav select { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
nav select { max-width: 16em; }
.sev-error { color: var(--bad); font-weight: 600; } .sev-warning { color: var(--warn); font-weight: 600; }
tr[hidden] { display: none; }
#count { color: var(--muted); }
h3 { font-size: 15px; margin: 18px 0 4px; }
div.attention { border: 1px solid var(--line); border-left: 5px solid var(--warn); border-radius: 4px; padding: 4px 16px 12px; margin: 24px 0 8px; }
div.attention h2 { margin-top: 12px; }
section#attention p.note { color: var(--fg); }
section#attention ul { margin: 4px 0 0; padding-left: 20px; } section#attention li { margin: 2px 0; }
section#attention li.open { font-weight: 600; } section#attention li.clear, section#attention li.clear a { color: var(--muted); }
figure { margin: 8px 0; overflow-x: auto; }
svg.map { display: block; width: 100%; height: auto; max-width: 1000px; }
.map text { fill: var(--fg); font: 13px system-ui, sans-serif; }
.map text.detail { fill: var(--muted); font-size: 11px; }
.map text.heading { fill: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
.map .node rect { fill: var(--bg); stroke: var(--line); stroke-width: 1.5; }
.map .node.sink rect { fill: color-mix(in srgb, var(--line) 35%, var(--bg)); }
.map .node.special rect { stroke: var(--special); stroke-width: 3; }
.map .node.undeclared rect { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 6 3; }
.map .edge { fill: none; stroke: var(--muted); stroke-opacity: .45; }
.map .edge.reported { stroke: var(--bad); stroke-opacity: .75; }
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --line: #bbb; --bg: #fff; --accent: #1a3f99; --bad: #a50e0e; --warn: #8a4b00; --special: #6b2fa3; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  th { white-space: normal; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  code { background: none; border: 1px solid var(--line); }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * Filters rows by the search text (every table) and the selects (only the tables whose rows carry that key: a
 * category filter narrows the recipients to those receiving it, and leaves the controller alone). Plain DOM, no
 * framework, no network.
 */
const script = `
(() => {
  const search = document.getElementById('search');
  const selects = [...document.querySelectorAll('nav select')];
  const tables = [...document.querySelectorAll('table')];
  const count = document.getElementById('count');
  function apply() {
    const needle = search.value.trim().toLowerCase();
    let shown = 0;
    let total = 0;
    for (const table of tables) {
      const keys = (table.dataset.keys || '').split(' ');
      for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
        let visible = needle === '' || row.textContent.toLowerCase().includes(needle);
        for (const select of selects) {
          const value = select.value;
          if (!value || !keys.includes(select.dataset.key)) continue;
          const have = (row.dataset[select.dataset.key] || '').split(' ');
          if (!have.includes(value)) visible = false;
        }
        row.hidden = !visible;
        total++;
        if (visible) shown++;
      }
    }
    count.textContent = shown + ' of ' + total + ' rows';
  }
  search.addEventListener('input', apply);
  for (const select of selects) select.addEventListener('change', apply);
  apply();
})();
`;

/**
 * One self-contained, offline HTML file with the same record as the Markdown report: searchable, filterable by rule,
 * severity, category and file. No external assets; a content security policy forbids anything but its own inline
 * style and script, and every string from the scan is escaped.
 */
export const html: Reporter = ({ inventory }) => {
  const sections = recordSections(inventory);
  const values = (key: string): string[] =>
    [
      ...new Set(
        sections
          .flatMap(section => section.table?.filters ?? [])
          .flatMap(filter => (filter[key] ?? '').split(' '))
          .filter(Boolean),
      ),
    ].sort();
  const select = (key: string, label: string): string =>
    `<label>${escapeHtml(label)} <select data-key="${escapeHtml(key)}" aria-label="${escapeHtml(label)}"><option value="">all</option>${values(
      key,
    )
      .map(value => `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`)
      .join('')}</select></label>`;
  const summary = inventory.summary;
  const body = [
    `<h1>Record of processing activities</h1>`,
    `<p class="meta">Generated by privlint ${escapeHtml(inventory.tool.version)} from the code${inventory.manifest ? ` and ${escapeHtml(inventory.manifest)}` : ''}${
      inventory.generatedAt ? ` on ${escapeHtml(inventory.generatedAt)}` : ''
    }: ${summary.files} files, ${summary.categories} categories of personal data, ${summary.recipients} recipients, ${summary.findings} findings.</p>`,
    `<nav><input id="search" type="search" placeholder="Search" aria-label="Search">${select('rule', 'Rule')}${select('severity', 'Severity')}${select('category', 'Category')}${select('file', 'File')}<span id="count"></span></nav>`,
    `<div class="attention">${sections
      .filter(section => section.id.startsWith('attention'))
      .map(renderSection)
      .join('\n')}</div>`,
    renderDataMap(inventory),
    ...sections.filter(section => !section.id.startsWith('attention')).map(renderSection),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>privlint: record of processing</title>
<style>${style}</style>
</head>
<body>
${body}
<script>${script}</script>
</body>
</html>
`;
};

/** The data map, after what needs attention: the picture of the record the tables then detail. */
function renderDataMap(inventory: Inventory): string {
  const svg = dataMapSvg(inventory, escapeHtml);
  return [
    '<section id="data-map"><h2>Data map</h2>',
    svg === undefined
      ? '<p class="note">No personal data reaches a log, browser storage, a URL, a cookie or a third party.</p>'
      : `<p class="note">Categories of personal data, where the code sends them, and the third parties that receive them; the flows are listed under <a href="#flows">Flows of personal data</a>.</p><figure>${svg}</figure>`,
    '</section>',
  ].join('\n');
}

/** Columns that hold paths, field lists and names from the code: long runs without a space. */
const unbrokenColumns = new Set(['Where', 'Held in', 'Path', 'Cookie', 'Data']);

function renderSection(section: Section): string {
  const heading = section.level === 3 ? 'h3' : 'h2';
  const parts = [`<section id="${escapeHtml(section.id)}"><${heading}>${escapeHtml(section.title)}</${heading}>`];
  for (const paragraph of section.paragraphs) parts.push(`<p class="note">${richText(paragraph)}</p>`);
  if (section.list && section.list.length > 0) {
    const items = section.list.map(item => {
      const text =
        item.target === undefined
          ? richText(item.text)
          : `<a href="#${escapeHtml(item.target)}">${richText(item.text)}</a>`;
      return `<li class="${item.clear ? 'clear' : 'open'}">${text}</li>`;
    });
    parts.push(`<ul>${items.join('')}</ul>`);
  }
  const table = section.table;
  if (table && table.rows.length > 0) {
    const keys = [...new Set((table.filters ?? []).flatMap(filters => Object.keys(filters)))].sort();
    parts.push(
      `<table data-keys="${escapeHtml(keys.join(' '))}"><thead><tr>${table.headers.map(header => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>`,
    );
    table.rows.forEach((row, index) => {
      const filters = table.filters?.[index] ?? {};
      const data = Object.entries(filters)
        .map(([key, value]) => ` data-${escapeHtml(key)}="${escapeHtml(value)}"`)
        .join('');
      const cells = row.map((cell, column) => {
        const header = table.headers[column];
        const className =
          header === 'Severity'
            ? ` class="sev-${escapeHtml(cell.split(' ')[0] ?? '')}"`
            : header !== undefined && unbrokenColumns.has(header)
              ? ' class="wrap"'
              : '';
        return `<td${className}>${richText(cell)}</td>`;
      });
      parts.push(`<tr${data}>${cells.join('')}</tr>`);
    });
    parts.push('</tbody></table>');
  }
  parts.push('</section>');
  return parts.join('\n');
}
