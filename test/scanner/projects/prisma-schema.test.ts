import { scan } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a project with a Prisma schema', () => {
  it("lists the models' personal fields in the inventory: tags first, then names ruled out by scalar types", async () => {
    const { inventory } = await scan({ root: fixture('projects/prisma-schema'), version: '0.0.0' });
    const fields = inventory.categories.flatMap(category =>
      category.fields.map(
        field => `${category.id} ${field.symbol} ${field.file}:${field.line} ${field.evidence[0]?.source}`,
      ),
    );
    // `emailVerified Boolean`, `displayName` tagged `@pii none`, the `Role` enum and the relations are not data.
    expect(fields.sort()).toEqual([
      'date-of-birth User.dateOfBirth prisma/schema.prisma:24 name',
      'email User.email prisma/schema.prisma:17 name',
      'ip-address User.lastLoginIp prisma/schema.prisma:25 name',
      'name User.name prisma/schema.prisma:21 name',
      'phone User.contact prisma/schema.prisma:20 tag',
      'postal-address Address.postcode prisma/schema.prisma:35 name',
      'postal-address Address.street prisma/schema.prisma:34 name',
    ]);
    expect(inventory.problems).toEqual([
      {
        file: 'prisma/schema.prisma',
        line: 43,
        column: 7,
        message: '`@pii weird` on `Post.body` names no known category; see docs/categories.md',
      },
    ]);
  });
});
