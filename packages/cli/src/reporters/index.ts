import type { Reporter } from './context.js';
import { fides } from './fides.js';
import { html } from './html.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

export type { ReportContext, Reporter } from './context.js';

/** Every built-in reporter, by `--format` name, with the file name it writes into an `--output` folder. */
export const reporters = {
  text: { report: text, file: 'privlint.txt' },
  json: { report: json, file: 'privlint.json' },
  sarif: { report: sarif, file: 'privlint.sarif' },
  markdown: { report: markdown, file: 'privlint.md' },
  html: { report: html, file: 'privlint.html' },
  fides: { report: fides, file: 'privlint.fides.yml' },
} satisfies Record<string, { report: Reporter; file: string }>;

export type FormatName = keyof typeof reporters;
export const formatNames = Object.keys(reporters) as FormatName[];
