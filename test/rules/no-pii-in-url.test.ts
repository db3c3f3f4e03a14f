import rule from '../../packages/eslint-plugin/src/rules/no-pii-in-url.js';
import { brokenManifest, createRuleTester, rulesManifest } from './rule-tester.js';

const typed = createRuleTester({ typed: true });
const untyped = createRuleTester({ typed: false });

typed.run('no-pii-in-url', rule, {
  valid: [
    `import type { User } from './models/user.js';
export async function f(user: User) {
  await fetch(\`/api/users/\${user.id}\`);
  await fetch('/api/users', { method: 'POST', body: JSON.stringify({ email: user.contact }) });
}`,
  ],
  invalid: [
    {
      code: `import type { User } from './models/user.js';
export async function f(user: User) {
  await fetch(\`/api/users?contact=\${user.contact}\`);
}`,
      errors: [{ messageId: 'personalDataInUrl', line: 3, column: 15 }],
    },
  ],
});

untyped.run('no-pii-in-url', rule, {
  valid: [`axios.post('/api/signup', { email: form.email });`, `location.href = '/done';`],
  invalid: [
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
      code: `import axios from 'axios';
axios.get('/api/lookup', { params: { email: form.email } });`,
      errors: [{ messageId: 'personalDataInUrl', line: 2, column: 36 }],
    },
    {
      code: `const params = new URLSearchParams();
params.set('email', user.email);
window.location.href = '/profile?' + params.toString();`,
      errors: [{ messageId: 'personalDataInUrl', line: 3, column: 24 }],
    },
    {
      code: `import { useRouter } from 'next/router';
const router = useRouter();
router.push({ pathname: '/welcome', query: { email: user.email } });`,
      errors: [{ messageId: 'personalDataInUrl', line: 3, column: 44 }],
    },
  ],
});

// The rule policy: privacy.yml `rules:` turns the rule off (ESLint options would turn it back on), and comments.
untyped.run('no-pii-in-url', rule, {
  valid: [
    { code: 'fetch(`/api/users?email=${user.email}`);', filename: rulesManifest },
    `// privlint-ignore no-pii-in-url -- an internal admin tool behind the VPN, no Referer leaves it
fetch(\`/api/users?email=\${user.email}\`);`,
  ],
  invalid: [
    {
      code: 'fetch(`/api/users?email=${user.email}`);',
      filename: rulesManifest,
      options: [{ allow: ['ip-address'] }],
      errors: [{ messageId: 'personalDataInUrl', line: 1, column: 7 }],
    },
    {
      code: `// privlint-ignore no-pii-in-url
fetch(\`/api/users?email=\${user.email}\`);`,
      errors: [
        { messageId: 'ignoreWithoutReason', line: 1, column: 1 },
        { messageId: 'personalDataInUrl', line: 2, column: 7 },
      ],
    },
    {
      code: `// privlint-ignore no-pii-in-urls -- reviewed
fetch(\`/api/users?email=\${user.email}\`);`,
      errors: [
        { messageId: 'unknownRuleInComment', line: 1, column: 1 },
        { messageId: 'personalDataInUrl', line: 2, column: 7 },
      ],
    },
  ],
});
