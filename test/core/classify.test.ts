import ts from 'typescript';
import {
  Classifier,
  compileKnowledge,
  createSingleFileProgram,
  defaultKnowledge,
  emptyManifestView,
  type AnalysisEnvironment,
  type ManifestView,
} from '@privlint/core';
import { describe, expect, it } from 'vitest';
import { createTestProgram, findNode, sourceFileOf, testRoot } from '../helpers/program.js';

const env = (manifest: ManifestView = emptyManifestView): AnalysisEnvironment => ({
  ts,
  knowledge: compileKnowledge(defaultKnowledge),
  manifest,
  rootDir: testRoot,
});

const models = `
export interface Address {
  kind: string;
  invoiceEmail: string;
  /** @pii none */
  emailTemplateId: string;
}
export interface User {
  id: string;
  /** @pii email */
  contact: string;
  email: string;
  isEmailVerified: boolean;
  emailTemplateId: string;
  /** @pii none */
  backupEmail: string;
  address?: Address;
  manager?: User;
  taxRef: string;
}
/** @pii email */
export type Email = string & { readonly __brand: 'Email' };
export interface Invite { to: Email; sentAt: Date }
`;

describe('Classifier, typed', () => {
  const program = createTestProgram({
    'src/models.ts': models,
    'src/service.ts': `
import type { User, Invite } from './models.js';
export function run(user: User, users: User[], maybe: User | undefined, invite: Invite) {
  const { contact } = user;
  return [user.contact, user.email, user.isEmailVerified, user.emailTemplateId, user.backupEmail, contact,
    invite.to, user.address, users, maybe, user.taxRef];
}
`,
  });
  const service = sourceFileOf(program, 'src/service.ts');
  const classifier = new Classifier(env(), program);
  const access = (text: string) => classifier.classifyReference(findNode(service, text, ts.isPropertyAccessExpression));

  it('reads a `@pii` tag declared in another file, with where it is', () => {
    const result = access('user.contact');
    expect(result?.categories).toEqual(['email']);
    expect(result?.declared).toBe(true);
    expect(result?.evidence[0]).toMatchObject({
      source: 'tag',
      symbol: 'User.contact',
      file: 'src/models.ts',
      line: 10,
    });
  });

  it('falls back to the name, judged with the declared type', () => {
    expect(access('user.email')?.categories).toEqual(['email']);
    expect(access('user.email')?.declared).toBe(false);
    expect(access('user.isEmailVerified')).toBeUndefined();
    expect(access('user.emailTemplateId')).toBeUndefined();
  });

  it('lets `@pii none` silence a name', () => {
    expect(access('user.backupEmail')).toMatchObject({ none: true, categories: [] });
  });

  it('follows destructuring to the property declaration', () => {
    const binding = findNode(service, 'contact', ts.isBindingElement);
    expect(classifier.classifyDeclaration(binding)?.evidence[0]?.source).toBe('tag');
  });

  it('reads a tag on a branded type', () => {
    expect(access('invite.to')?.evidence[0]).toMatchObject({ source: 'type-tag', category: 'email' });
  });

  it('lists the personal fields a whole object carries, through nesting, arrays, optionals and cycles', () => {
    const identifier = (text: string) => findNode(service, text, ts.isIdentifier, 1);
    const user = classifier.typeDataOf(identifier('user'));
    // `manager` is a `User` again: the cycle is cut rather than listed twice. `address` on a user is a postal
    // address as a whole (its name says so), so its own fields are not listed separately.
    expect(user?.fields.map(field => field.path)).toEqual(['contact', 'email', 'address', 'taxRef']);
    expect(classifier.typeDataOf(identifier('users'))?.fields.map(field => field.path)).toContain('contact');
    expect(classifier.typeDataOf(identifier('maybe'))?.fields.map(field => field.path)).toContain('email');
  });

  it('uses the manifest `fields` before names', () => {
    const manifest: ManifestView = {
      ...emptyManifestView,
      file: 'privacy.yml',
      fieldCategories: (owner, name) =>
        owner === 'User' && name === 'taxRef'
          ? { categories: ['government-id'], none: false, key: 'User.taxRef', line: 9 }
          : undefined,
    };
    const withManifest = new Classifier(env(manifest), program);
    const result = withManifest.classifyReference(findNode(service, 'user.taxRef', ts.isPropertyAccessExpression));
    expect(result?.categories).toEqual(['government-id']);
    expect(result?.evidence[0]).toMatchObject({ source: 'manifest', file: 'privacy.yml', line: 9 });
  });

  it('reports a tag naming no known category', () => {
    const bad = createTestProgram({
      'a.ts': 'interface A {\n  /** @pii emial */\n  x: string;\n}\nexport const f = (a: A) => a.x;',
    });
    const checker = new Classifier(env(), bad);
    expect(
      checker.classifyReference(findNode(sourceFileOf(bad, 'a.ts'), 'a.x', ts.isPropertyAccessExpression)),
    ).toBeUndefined();
    expect(checker.problems).toEqual([
      expect.objectContaining({ file: 'a.ts', line: 2, message: expect.stringContaining('`@pii emial`') }),
    ]);
  });
});

describe('Classifier, untyped (one file)', () => {
  const text = `
import { repo } from './repo';
interface Patient { /** @pii email */ notes: string; name: string }
function show(p: Patient) { return [p.notes, p.name, repo.customer.email, repo.product.name]; }
`;
  const sourceFile = ts.createSourceFile('/project/show.ts', text, ts.ScriptTarget.Latest, true);
  const classifier = new Classifier(env(), createSingleFileProgram(ts, sourceFile));
  const access = (code: string) =>
    classifier.classifyReference(findNode(sourceFile, code, ts.isPropertyAccessExpression));

  it('resolves declarations in the same file', () => {
    expect(access('p.notes')?.categories).toEqual(['email']);
  });

  it('falls back to names where imports cannot be resolved', () => {
    expect(access('repo.customer.email')?.categories).toEqual(['email']);
  });
});
