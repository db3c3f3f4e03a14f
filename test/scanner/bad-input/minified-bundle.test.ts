import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('minified files', () => {
  it('skips a 50 MB single-line bundle by its shape, reading only its head', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'public'));
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'src/app.ts'), 'export const app = 1;\n');
    const chunk = 'function a(b){return b.email?fetch("/t?e="+b.email):0}var c=[1,2,3].map(function(d){return d*2});';
    const bundle = Buffer.from(chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length)));
    await writeFile(path.join(root, 'public/app.js'), bundle);

    const started = performance.now();
    const project = await loadProject({ root });
    const elapsed = performance.now() - started;

    expect(project.files.map(file => file.relPath)).toEqual(['src/app.ts']);
    expect(project.skipped).toEqual([
      {
        relPath: 'public/app.js',
        reason: 'minified',
        detail: 'average line length 65536; 50.0 MB, limit 2.0 MB',
      },
    ]);
    // Parsing 50 MB would take many seconds; judging its first 64 KB takes milliseconds.
    expect(elapsed).toBeLessThan(5000);
  });

  it('skips *.min.js by name and a small bundle by its line lengths, keeping ordinary long lines', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'vendor.min.js'), 'var a = 1;\n');
    await writeFile(path.join(root, 'widget.js'), `${'var a=1,b=2,c=3;'.repeat(80)}\n`.repeat(4));
    const config = `export const allowedOrigins = [${'"https://partner.example",'.repeat(40)}];\n`;
    await writeFile(
      path.join(root, 'config.ts'),
      `// Partner origins.\n${config}${'export const x = 1;\n'.repeat(30)}`,
    );

    const project = await loadProject({ root });

    expect(project.files.map(file => file.relPath)).toEqual(['config.ts']);
    expect(project.skipped).toEqual([
      { relPath: 'vendor.min.js', reason: 'minified', detail: 'minified file name' },
      { relPath: 'widget.js', reason: 'minified', detail: 'average line length 1280' },
    ]);
  });
});
