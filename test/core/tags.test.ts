import ts from 'typescript';
import { readPiiTag } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const tagOf = (code: string, name: string) => {
  const sourceFile = ts.createSourceFile('/t.ts', code, ts.ScriptTarget.Latest, true);
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    const named = node as { name?: ts.Node };
    if (!found && named.name && ts.isIdentifier(named.name) && named.name.text === name) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error(`no declaration ${name}`);
  return readPiiTag(ts, found, sourceFile);
};

describe('readPiiTag', () => {
  it('reads a JSDoc tag above a property', () => {
    expect(tagOf('interface U {\n  /** @pii email */\n  contact: string;\n}', 'contact')?.categories).toEqual([
      'email',
    ]);
  });

  it('reads several categories, braces and fideslang keys', () => {
    expect(
      tagOf('interface U {\n  /** @pii {email}, user.contact.phone_number */\n  c: string;\n}', 'c')?.categories,
    ).toEqual(['email', 'user.contact.phone_number']);
  });

  it('reads `none`', () => {
    expect(tagOf('interface U {\n  /** @pii none */\n  emailTemplate: string;\n}', 'emailTemplate')).toMatchObject({
      none: true,
    });
  });

  it('reads a tag on the same line before the declaration', () => {
    expect(tagOf('interface P { /** @pii health */ notes: string; name: string }', 'notes')?.categories).toEqual([
      'health',
    ]);
    expect(tagOf('interface P { /** @pii health */ notes: string; name: string }', 'name')).toBeUndefined();
  });

  it('reads a line comment after the declaration, and does not give it to the next one', () => {
    const code = 'interface U {\n  contact: string; // @pii email\n  other: string;\n}';
    expect(tagOf(code, 'contact')?.categories).toEqual(['email']);
    expect(tagOf(code, 'other')).toBeUndefined();
  });

  it('reads the tag of a variable on its statement, and of a parameter inline', () => {
    expect(tagOf('/** @pii phone */\nexport const hotline = read();', 'hotline')?.categories).toEqual(['phone']);
    expect(tagOf('function f(/** @pii email */ to: string) {}', 'to')?.categories).toEqual(['email']);
  });

  it('reads a tag on a type', () => {
    expect(tagOf('/** @pii health */\ninterface MedicalRecord { code: string }', 'MedicalRecord')?.categories).toEqual([
      'health',
    ]);
  });

  it('ignores comments without a tag, and a tag without categories is empty', () => {
    expect(tagOf('interface U {\n  /** The contact. */\n  contact: string;\n}', 'contact')).toBeUndefined();
    expect(tagOf('interface U {\n  /** @pii */\n  contact: string;\n}', 'contact')).toMatchObject({
      categories: [],
      none: false,
    });
  });
});
