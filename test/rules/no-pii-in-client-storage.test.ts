import rule from '../../packages/eslint-plugin/src/rules/no-pii-in-client-storage.js';
import { brokenManifest, createRuleTester, rulesManifest, withManifest } from './rule-tester.js';

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
    // idb: the store a record is put in names what an opaque record holds.
    {
      code: `import { openDB } from 'idb';
const db = await openDB('vault', 1);
await db.put('passwords', entry);`,
      errors: [{ messageId: 'personalDataInStorage', line: 3, column: 27 }],
    },
    // A storage global destructured from window is the global; a plural key names what it holds too.
    {
      code: `const { sessionStorage: store } = window;
store.setItem('passwords', saved);`,
      errors: [{ messageId: 'personalDataInStorage', line: 2, column: 28 }],
    },
    {
      // A file without imports gets the import before its first statement.
      code: `export function remember(user: { email: string }) {
  localStorage.setItem('e', user.email);
}`,
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInStorage',
          line: 2,
          column: 29,
          suggestions: [
            {
              messageId: 'wrapInSanitizer',
              output: `import { maskEmail } from './mask.js';

export function remember(user: { email: string }) {
  localStorage.setItem('e', maskEmail(user.email));
}`,
            },
          ],
        },
      ],
    },
    {
      // A record, or its JSON string (which maskEmail would accept), holds more than one value: no masker fixes it.
      code: `export function remember(user: { email: string; phone: string }) {
  localStorage.setItem('u', JSON.stringify(user));
  localStorage.user = user;
}`,
      filename: withManifest,
      errors: [
        { messageId: 'personalDataInStorage', line: 2, column: 29, suggestions: [] },
        { messageId: 'personalDataInStorage', line: 3, column: 23, suggestions: [] },
      ],
    },
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
  valid: [
    `localStorage.setItem('theme', prefs.theme);`,
    `localStorage.lastEmailTemplate = template.id;`,
    // A constant stored under a personal-sounding key is nobody's; so is a masked value.
    `localStorage.setItem('email', ''); sessionStorage.setItem('phone', 'pending');`,
    `localStorage.setItem('emailDraft', draft.body); localStorage.setItem('hasEmail', flag);`,
    `localStorage.setItem('email', maskEmail(v));`,
    // Other calls named objectStore or open are not storage.
    `db.objectStore.put(record); window.open('/help').focus();`,
  ],
  invalid: [
    {
      // Untyped and undeclared: nothing proves that `maskEmail(user.email)` would compile.
      code: "localStorage.setItem('e', user.email);",
      filename: withManifest,
      errors: [{ messageId: 'personalDataInStorage', line: 1, column: 27, suggestions: [] }],
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
    {
      // The key says what is stored, whatever the value is called.
      code: `sessionStorage.setItem('ssn', v);
localStorage.setItem('checkout:phoneNumber', input.value);
localStorage.lastEmail = current;`,
      errors: [
        {
          messageId: 'personalDataInStorage',
          line: 1,
          column: 31,
          data: {
            sink: 'sessionStorage.setItem',
            via: '',
            details: '`v` is government-id (stored under the key `ssn`, which reads as government-id)',
          },
        },
        { messageId: 'personalDataInStorage', line: 2, column: 46 },
        { messageId: 'personalDataInStorage', line: 3, column: 26 },
      ],
    },
    {
      // Raw IndexedDB: the store is what \`objectStore()\` returns, directly or through a const.
      code: `request.onsuccess = () => {
  const db = request.result;
  db.transaction('people', 'readwrite').objectStore('people').put({ id, email: form.email });
  const store = db.transaction('people', 'readwrite').objectStore('people');
  store.add({ id, phone: form.phone });
};`,
      errors: [
        { messageId: 'personalDataInStorage', line: 3, column: 67 },
        { messageId: 'personalDataInStorage', line: 5, column: 13 },
      ],
    },
    {
      // The Cache API keeps the request's URL and the response's body.
      code: `const cache = await caches.open('profiles');
await cache.put(\`/api/profile?email=\${user.email}\`, new Response(JSON.stringify({ phone: user.phone })));
caches.open('v2').then(store => store.put('/me', new Response(user.email)));`,
      errors: [
        { messageId: 'personalDataInStorage', line: 2, column: 17 },
        { messageId: 'personalDataInStorage', line: 2, column: 53 },
        { messageId: 'personalDataInStorage', line: 3, column: 50 },
      ],
    },
    {
      // A project's wrapper is reported at its call, with the wrapper named.
      code: `function setLocalStorageItem(key: string, value: string) {
  window.localStorage.setItem(key, value);
}
setLocalStorageItem('contact', member.email);`,
      errors: [{ messageId: 'personalDataInStorage', line: 4, column: 32 }],
    },
  ],
});

// The rule policy: privacy.yml `rules:` options, and `privlint-ignore` comments.
untyped.run('no-pii-in-client-storage', rule, {
  valid: [
    `/* privlint-ignore no-pii-in-client-storage -- the user's own device, cleared at sign-out */
localStorage.setItem('k', user.email);`,
    { code: `localStorage.setItem('k', user.phone);`, filename: rulesManifest },
  ],
  invalid: [
    {
      code: `localStorage.setItem('k', user.phone);
localStorage.setItem('k', user.email);`,
      filename: rulesManifest,
      errors: [{ messageId: 'personalDataInStorage', line: 2, column: 27 }],
    },
    {
      code: `// privlint-ignore no-pii-in-client-storage --
localStorage.setItem('k', user.email);`,
      errors: [
        { messageId: 'ignoreWithoutReason', line: 1, column: 1 },
        { messageId: 'personalDataInStorage', line: 2, column: 27 },
      ],
    },
    {
      code: `localStorage.setItem('k', user.email); // privlint-ignore no-pii-in-client-storag -- reviewed`,
      errors: [
        { messageId: 'personalDataInStorage', line: 1, column: 27 },
        { messageId: 'unknownRuleInComment', line: 1, column: 40 },
      ],
    },
  ],
});
