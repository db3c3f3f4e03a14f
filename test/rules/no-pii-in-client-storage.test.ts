import rule from '../../packages/eslint-plugin/src/rules/no-pii-in-client-storage.js';
import { brokenManifest, createRuleTester, withManifest } from './rule-tester.js';

const typed = createRuleTester({ typed: true });
const untyped = createRuleTester({ typed: false });

typed.run('no-pii-in-client-storage', rule, {
  valid: [
    `import type { User } from './models/user.js';
export function f(user: User) {
  localStorage.setItem('uid', user.id);
  sessionStorage.setItem('verified', String(user.isEmailVerified));
}`,
    `export function f(store: IDBObjectStore, user: { id: string; theme: string }) {
  store.put({ id: user.id, theme: user.theme });
}`,
  ],
  invalid: [
    {
      code: `import type { User } from './models/user.js';
export function f(user: User) {
  localStorage.setItem('user', JSON.stringify(user));
}`,
      errors: [{ messageId: 'personalDataInStorage', line: 3, column: 32, endColumn: 52 }],
    },
    {
      code: `export function f(store: IDBObjectStore, user: { email: string }) {
  store.put({ email: user.email });
}`,
      errors: [{ messageId: 'personalDataInStorage', line: 2, column: 13 }],
    },
  ],
});

untyped.run('no-pii-in-client-storage', rule, {
  valid: [`localStorage.setItem('theme', prefs.theme);`, `localStorage.lastEmailTemplate = template.id;`],
  invalid: [
    {
      code: "localStorage.setItem('e', user.email);",
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInStorage',
          line: 1,
          column: 27,
          suggestions: [{ messageId: 'wrapInSanitizer', output: "localStorage.setItem('e', maskEmail(user.email));" }],
        },
      ],
    },
    {
      code: 'console.log(user.email);',
      filename: brokenManifest,
      errors: [{ messageId: 'invalidManifest', line: 1, column: 1 }],
    },
    {
      // Over the size limit (settings.privlint.maxFileBytes): said once, at the top, never passed as a clean file.
      code: 'console.log(user.email);',
      settings: { privlint: { maxFileBytes: 16 } },
      errors: [
        {
          messageId: 'notAnalysed',
          line: 1,
          column: 1,
          data: {
            reason: 'the file is 24 bytes, more than the 16 bytes privlint analyses (settings.privlint.maxFileBytes)',
          },
        },
      ],
    },
    {
      code: `localStorage.setItem(\`draft:\${user.email}\`, body);`,
      errors: [{ messageId: 'personalDataInStorage', line: 1, column: 22 }],
    },
    {
      code: `window.sessionStorage['contact'] = form.email;`,
      errors: [{ messageId: 'personalDataInStorage', line: 1, column: 36 }],
    },
    {
      code: `import localforage from 'localforage';
await localforage.setItem('profile', { email: profile.email });`,
      errors: [{ messageId: 'personalDataInStorage', line: 2, column: 38 }],
    },
  ],
});
