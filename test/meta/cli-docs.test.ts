import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandHelp, formatNames, helpText, reporters } from '@privlint/cli';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

it('docs/cli.md shows the help text exactly as the CLI prints it', () => {
  expect(read('docs/cli.md')).toContain(`\`\`\`text\n${helpText}\`\`\``);
});

it.each(Object.entries(commandHelp))('docs/cli.md shows the help of `privlint %s` exactly as printed', (name, text) => {
  const doc = read('docs/cli.md');
  expect(doc).toContain(`## \`privlint ${name}\`\n\n\`\`\`text\n${text}\`\`\``);
});

it('docs/reporters.md lists exactly the registered reporters, with their file names', () => {
  const doc = read('docs/reporters.md');
  const listed = [...doc.matchAll(/^\| `([a-z]+)` +\|.*\| `([^`]+)` +\|$/gmu)].map(match => [match[1], match[2]]);
  expect(listed).toEqual(formatNames.map(name => [name, reporters[name].file]));
});
