import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scan } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('Prisma schemas that cannot be read', () => {
  it('are reported as problems, and the rest of the scan goes on', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'index.ts'), 'export const ok = true;\n');
    await writeFile(path.join(root, 'binary.prisma'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    // Over the 5 MB limit: a real schema is a few hundred lines.
    await writeFile(path.join(root, 'huge.prisma'), `model User {\n${'  note String\n'.repeat(400_000)}}\n`);
    await writeFile(path.join(root, 'schema.prisma'), 'model User {\n  email String @unique\n}\n');

    const { inventory } = await scan({ root, version: '0.0.0' });

    expect(inventory.problems).toEqual([
      { file: 'binary.prisma', message: 'Prisma schema is not text, not read' },
      { file: 'huge.prisma', message: 'Prisma schema larger than 5 MB, not read' },
    ]);
    expect(inventory.categories.flatMap(category => category.fields.map(field => field.symbol))).toEqual([
      'User.email',
    ]);
    // index.ts and the schema that could be read.
    expect(inventory.summary.files).toBe(2);
  });
});
