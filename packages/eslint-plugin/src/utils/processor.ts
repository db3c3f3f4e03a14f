import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleId } from '@privlint/core';
import { environmentUsedFor } from './analysis.js';

const prefix = 'privlint/';

/**
 * The presets' processor: it leaves the text as it is and, after linting, gives privlint's messages the levels that
 * the file's privacy.yml sets in `rules:`, so the editor shows the severity CI gives (`no-pii-in-url: warn` is a
 * warning in both). Rules the manifest does not name keep the ESLint config's level; which rules run and with which
 * options stays ESLint's to decide.
 */
export const policyProcessor: TSESLint.Linter.Processor = {
  meta: { name: 'privlint/policy', version: '0.1.0' },
  supportsAutofix: true,
  preprocess: (text: string) => [text],
  postprocess(messageLists: TSESLint.Linter.LintMessage[][], filename: string): TSESLint.Linter.LintMessage[] {
    const messages = messageLists.flat();
    if (!messages.some(message => message.ruleId?.startsWith(prefix))) return messages;
    const { policy } = environmentUsedFor(filename);
    if (!policy) return messages;
    return messages.map(message => {
      if (!message.ruleId?.startsWith(prefix)) return message;
      const setting = policy.get(message.ruleId.slice(prefix.length) as RuleId);
      if (!setting?.fromManifest || setting.level === 'off') return message;
      const severity = setting.level === 'warning' ? 1 : 2;
      return message.severity === severity ? message : { ...message, severity };
    });
  },
};
