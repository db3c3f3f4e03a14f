import type TS from 'typescript';
import { isReservedEmail } from '../../values/validators.js';
import { createValueMatcher } from '../../values/match.js';
import type { AnalysisEnvironment } from '../environment.js';
import type { SinkFamily } from './family.js';
import { isTestCode } from '../test-code.js';

/**
 * Literal personal data in production code (`no-hardcoded-pii`): string and numeric literals whose whole value is a
 * validated email, phone number, card number, IBAN, SSN, IP address or coordinates. Addresses at domains reserved for
 * examples (`example.com`, `.test`) and literals in test files are not reported; type positions, import paths and
 * object keys are not values.
 */
export function createHardcodedFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const values = createValueMatcher(env.knowledge.data);
  const roleMailboxes = new Set(env.knowledge.data.vocabulary.roleMailboxes);
  const webmailDomains = new Set(env.knowledge.data.vocabulary.webmailDomains);
  const isRoleMailbox = (address: string): boolean => {
    const at = address.lastIndexOf('@');
    if (webmailDomains.has(address.slice(at + 1).toLowerCase())) return false;
    return roleMailboxes.has(address.slice(0, at).toLowerCase().replace(/\+.*$/u, ''));
  };
  // Test data is fake by intent, whatever `testCode.check` says about the other rules' findings there.
  const testFiles = new WeakMap<TS.SourceFile, boolean>();
  const inTestCode = (sourceFile: TS.SourceFile): boolean => {
    let known = testFiles.get(sourceFile);
    if (known === undefined) {
      known = isTestCode(env, sourceFile.fileName);
      testFiles.set(sourceFile, known);
    }
    return known;
  };
  return {
    id: 'hardcoded',
    onLiteral(node, ctx) {
      if (inTestCode(ctx.sourceFile)) return;
      if (!isValuePosition(ts, node)) return;
      const text = ts.isNumericLiteral(node) ? node.getText(ctx.sourceFile) : node.text;
      const match = values.match(text);
      if (!match) return;
      if (match.category === 'email' && (isReservedEmail(text.trim()) || isRoleMailbox(text.trim()))) return;
      // `<input placeholder="me@domain.com">`: hint text shown in an empty field is the shape of data, not anyone's.
      if (/placeholder$/iu.test(holderName(ts, node) ?? '')) return;
      // `version: '10.20.30.40'`, `const minVer = …`: a dotted version, whatever its numbers.
      if (match.category === 'ip-address' && /version|(?:^|[^a-z])ver(?:[^a-z]|$)/iu.test(holderName(ts, node) ?? ''))
        return;
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
