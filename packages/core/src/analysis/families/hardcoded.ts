import type TS from 'typescript';
import { isReservedEmail } from '../../values/validators.js';
import { createValueMatcher } from '../../values/match.js';
import type { AnalysisEnvironment } from '../environment.js';
import type { SinkFamily } from './family.js';
import { isTestCode } from '../test-code.js';
import { relativePath } from '../environment.js';
import { normalizeName } from '../../names/tokenize.js';
import { projectDomains, registrableLabel } from '../project-domains.js';

/**
 * Literal personal data in production code (`no-hardcoded-pii`): string and numeric literals whose whole value is a
 * validated email address, phone number, card number, IBAN or national identifier, and that a reviewer would want
 * to hear about: somebody's real data committed to source. Most literals that look personal are not
 * (`rules/vocabulary.yml` `literals`): addresses at reserved, placeholder or the project's own domains, role and
 * placeholder mailboxes, fictional, toll-free and placeholder phone numbers, published test cards and example IBANs,
 * values held by a `placeholder` or an `example`, sample-content files, test code, and values whose categories never
 * name a person alone (servers' IP addresses, map coordinates). Type positions, import paths and object keys are not
 * values.
 */
export function createHardcodedFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const vocabulary = env.knowledge.data.vocabulary;
  const literals = vocabulary.literals;
  const values = createValueMatcher(env.knowledge.data);
  const reported = new Set(literals.categories);
  const roleMailboxes = new Set(vocabulary.roleMailboxes);
  const webmailDomains = new Set(vocabulary.webmailDomains);
  const placeholderMailboxes = new Set(literals.placeholderMailboxes);
  const placeholderDomains = new Set(literals.placeholderDomains);
  const nonPersonalPhones = literals.nonPersonalPhones.map(source => new RegExp(`^(?:${source})$`, 'u'));
  const exampleValues = new Set(literals.exampleValues);
  const exampleHolder = new RegExp(literals.exampleHolders, 'u');
  const samplePath = new RegExp(literals.samplePaths, 'iu');

  const isNobodysAddress = (address: string, fileName: string): boolean => {
    if (isReservedEmail(address)) return true;
    const at = address.lastIndexOf('@');
    const local = address.slice(0, at).toLowerCase().replace(/\+.*$/u, '');
    const domain = address.slice(at + 1).toLowerCase();
    if (placeholderMailboxes.has(local) || placeholderDomains.has(domain)) return true;
    // At a consumer mail provider every mailbox is somebody's own, `admin@` included.
    if (webmailDomains.has(domain)) return false;
    if (roleMailboxes.has(local)) return true;
    if (env.manifest.isFirstPartyHost(domain)) return true;
    const own = projectDomains(env.rootDir, fileName);
    const label = registrableLabel(domain);
    return (
      (label !== undefined && own.labels.has(label)) ||
      [...own.hosts].some(host => domain === host || domain.endsWith(`.${host}`))
    );
  };
  const isNobodysNumber = (category: string, text: string): boolean => {
    const compact = text.replace(/[\s.-]/gu, '').toUpperCase();
    if (exampleValues.has(compact)) return true;
    if (category !== 'phone') return false;
    const digits = text.replace(/\D/gu, '');
    return nonPersonalPhones.some(regex => regex.test(digits));
  };

  // Test data is fake by intent, whatever `testCode.check` says about the other rules' findings there; so is the
  // content of sample files.
  const skippedFiles = new WeakMap<TS.SourceFile, boolean>();
  const skipsFile = (sourceFile: TS.SourceFile): boolean => {
    let known = skippedFiles.get(sourceFile);
    if (known === undefined) {
      const relative = relativePath(env.rootDir, sourceFile.fileName);
      known =
        isTestCode(env, sourceFile.fileName) ||
        relative.split('/').some(segment => samplePath.test(segment.replace(/\.[cm]?[jt]sx?$/u, '')));
      skippedFiles.set(sourceFile, known);
    }
    return known;
  };
  return {
    id: 'hardcoded',
    onLiteral(node, ctx) {
      if (skipsFile(ctx.sourceFile)) return;
      if (!isValuePosition(ts, node)) return;
      const text = ts.isNumericLiteral(node) ? node.getText(ctx.sourceFile) : node.text;
      const match = values.match(text);
      if (!match || !reported.has(match.category)) return;
      if (match.category === 'email' && isNobodysAddress(text.trim(), ctx.sourceFile.fileName)) return;
      if (isNobodysNumber(match.category, text.trim())) return;
      // `<input placeholder="me@domain.com">`, `{ example: … }`: the shape of data, not anyone's.
      const holder = holderName(ts, node);
      if (holder !== undefined && exampleHolder.test(normalizeName(holder))) return;
      const category = env.knowledge.categories.get(match.category);
      const domain =
        match.category === 'email'
          ? text
              .trim()
              .slice(text.trim().lastIndexOf('@') + 1)
              .toLowerCase()
          : '';
      ctx.report({
        ruleId: 'no-hardcoded-pii',
        messageId: 'literalPersonalData',
        data: {
          masked: match.masked,
          title: (category?.title ?? match.category).toLowerCase(),
          shape: match.shape,
          domain,
        },
        node,
        categories: [match.category],
        items: [],
        evidence: [
          {
            source: 'value',
            category: match.category,
            symbol: match.masked,
            detail: `literal value of shape \`${match.shape}\`, validated`,
          },
        ],
        identity: `${match.category}:${match.masked}`,
      });
    },
  };
}

/** The name a literal is assigned to: a variable, a property, a parameter default, a JSX attribute. */
function holderName(ts: typeof TS, node: TS.Node): string | undefined {
  let parent = node.parent;
  if (parent && ts.isJsxExpression(parent)) parent = parent.parent;
  if (parent && ts.isJsxAttribute(parent)) return parent.name.getText();
  if (
    parent &&
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isParameter(parent))
  ) {
    return parent.name.getText();
  }
  return undefined;
}

/** Literals that are values, not names: not an import path, a type, an object key or an enum member name. */
function isValuePosition(ts: typeof TS, node: TS.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent))
    return false;
  if (ts.isLiteralTypeNode(parent)) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  if (ts.isEnumMember(parent) && parent.name === node) return false;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'require')
    return false;
  return true;
}
