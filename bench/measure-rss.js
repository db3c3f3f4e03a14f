#!/usr/bin/env node
// Peak RSS of a Node script where /usr/bin/time is missing (macOS, Windows): runs the script in this process, then
// writes `process.resourceUsage().maxRSS` (kilobytes) to a report file when the process exits, however it exits.
//
//   node bench/measure-rss.js <report-file> <script.js> [args…]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, script, ...args] = process.argv.slice(2);
if (!report || !script) {
  console.error('usage: node bench/measure-rss.js <report-file> <script.js> [args…]');
  process.exit(2);
}
process.on('exit', () => {
  writeFileSync(report, `${process.resourceUsage().maxRSS}\n`);
});
process.argv = [process.argv[0], path.resolve(script), ...args];
await import(pathToFileURL(path.resolve(script)).href);
