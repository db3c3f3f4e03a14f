import path from 'node:path';
import rule from '../../packages/eslint-plugin/src/rules/no-undeclared-sharing.js';
import { brokenManifest, createRuleTester, rulesFixtureDir, rulesManifest } from './rule-tester.js';

const tester = createRuleTester({ typed: false });
const typed = createRuleTester({ typed: true });
/** privacy.yml there: segment (analytics; email), stripe (payment; email, name), sentry without a purpose,
 * a `crm` on api.hubapi.com, a `geo` service on api.geo.example.net, first-party *.acme.example. */
const declared = path.join(rulesFixtureDir, 'sharing-manifest/file.ts');

// One vendor call shape per line: the same SDK call with personal data (reported) and without (quiet).
tester.run('no-undeclared-sharing', rule, {
  valid: [
    // segment
    `analytics.track('Signed Up', { plan: plan.id });`,
    // segment-node
    `import { Analytics } from '@segment/analytics-node'; const a = new Analytics({ writeKey: k }); a.track({ userId: u.id, event: 'x' });`,
    // mixpanel
    `mixpanel.track('Viewed', { page: 'home' });`,
    // posthog
    `import posthog from 'posthog-js'; posthog.capture('viewed', { page: 'home' });`,
    // amplitude
    `import * as amplitude from '@amplitude/analytics-browser'; amplitude.track('Signup', { plan: 'pro' });`,
    // gtag
    `gtag('event', 'purchase', { value: 10, currency: 'EUR' });`,
    // gtm
    `window.dataLayer.push({ event: 'login', method: 'google' });`,
    // meta-pixel
    `fbq('track', 'Purchase', { value: 10, currency: 'EUR' });`,
    // sentry
    `import * as Sentry from '@sentry/node'; Sentry.setUser({ id: user.id });`,
    // datadog
    `import { datadogRum } from '@datadog/browser-rum'; datadogRum.addAction('checkout', { items: 3 });`,
    // intercom
    `Intercom('boot', { app_id: APP });`,
    // hubspot
    `window._hsq.push(['trackPageView']);`,
    // hubspot-api
    `import { Client } from '@hubspot/api-client'; const hs = new Client({ accessToken: t }); await hs.crm.contacts.basicApi.create({ properties: { lifecyclestage: 'lead' } });`,
    // stripe
    `import Stripe from 'stripe'; const stripe = new Stripe(key); await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });`,
    // stripe-by-id: the object's id comes first and is nobody's personal data, whatever it is called
    `import Stripe from 'stripe'; const stripe = new Stripe(key); await stripe.customers.update(session.customer, { invoice_settings: { default_payment_method: pm.id } });`,
    // twilio
    `import twilio from 'twilio'; const client = twilio(sid, token); await client.messages.create({ to: ADMIN_PHONE_ID, from: FROM, body: 'Deploy done' });`,
    // sendgrid
    `import sgMail from '@sendgrid/mail'; await sgMail.send({ to: OPS_LIST, from: FROM, subject: 'Report' });`,
    // mailchimp
    `import mailchimp from '@mailchimp/mailchimp_marketing'; await mailchimp.lists.getListMembersInfo(LIST);`,
    // openai
    `import OpenAI from 'openai'; const openai = new OpenAI(); await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Write a haiku' }] });`,
    // anthropic
    `import Anthropic from '@anthropic-ai/sdk'; const ai = new Anthropic(); await ai.messages.create({ model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] });`,
    // ai-sdk
    `import { generateText } from 'ai'; import { openai } from '@ai-sdk/openai'; await generateText({ model: openai('gpt-4o'), prompt: 'Write a haiku' });`,
    // tiktok
    `ttq.track('ViewContent');`,
    // linkedin
    `lintrk('track', { conversion_id: 1 });`,
    // pinterest
    `pintrk('page');`,
    // reddit
    `rdt('track', 'PageVisit');`,
    // snap
    `snaptr('track', 'PAGE_VIEW');`,
    // bing
    `window.uetq.push('event', 'purchase', { revenue_value: 1 });`,
    // clarity
    `clarity('set', 'plan', 'pro');`,
    // hotjar
    `hj('event', 'checkout');`,
    // heap
    `heap.track('Checkout', { items: 3 });`,
    // fullstory
    `FS.event('Checkout', { items: 3 });`,
    // braze
    `import * as braze from '@braze/web-sdk'; braze.logCustomEvent('checkout');`,
    // customerio
    `_cio.track('checkout', { items: 3 });`,
    // klaviyo
    `_learnq.push(['track', 'Viewed Product', { ProductID: 1 }]);`,
    // matomo
    `_paq.push(['trackPageView']);`,
    // appcues
    `Appcues.track('checkout');`,
    // pendo
    `pendo.track('checkout', { items: 3 });`,
    // launchdarkly
    `import { initialize } from 'launchdarkly-js-client-sdk'; const ld = initialize(KEY, { key: u.id }); ld.variation('flag', false);`,
    // clevertap
    `clevertap.event.push('Checkout');`,
    // tealium
    `utag.view({ page: 'home' });`,
    // criteo
    `window.criteo_q.push({ event: 'viewHome' });`,
    // adroll
    `__adroll.record_user({ adroll_segments: 'x' });`,
    // http-fetch
    `await fetch('/api/lookup', { method: 'POST', body: JSON.stringify({ address: user.billingAddress }) });`,
    // http-axios
    `import axios from 'axios'; await axios.post('https://api.partner.example.org/events', { kind: 'ping' });`,
    // http-node
    `import https from 'node:https'; https.request({ hostname: 'localhost', path: \`/u?e=\${user.email}\` });`,
    { code: `analytics.identify(user.id, { email: user.email });`, filename: declared },
    {
      code: `import Stripe from 'stripe'; const stripe = new Stripe(key); await stripe.customers.create({ email: u.email, name: u.fullName });`,
      filename: declared,
    },
    {
      code: `await fetch('https://api.hubapi.com/crm/v3/objects/contacts', { method: 'POST', body: JSON.stringify({ email: lead.email }) });`,
      filename: declared,
    },
    { code: `await fetch('https://cdn.acme.example/collect?e=' + user.email);`, filename: declared },
    { code: `analytics.identify(user.id, { email: user.email });`, options: [{ allow: ['email'] }] },
    // plain-sdk
    `import { PlainClient } from '@team-plain/typescript-sdk'; const plain = new PlainClient({ apiKey: KEY }); await plain.createThread({ title: 'Export failed', customerIdentifier: { customerId: id } });`,
    // ses-commands: a command without personal data
    `import { SendEmailCommand } from '@aws-sdk/client-ses'; new SendEmailCommand({ Destination: { ToAddresses: [OPS_ADDRESS] }, Message: MESSAGE });`,
    // firebase-auth-web: the Auth instance (first argument) is not sent; the payload is the rest.
    `import { sendPasswordResetEmail } from 'firebase/auth'; await sendPasswordResetEmail(userAuth, RESET_ADDRESS);`,
    // snowflake-sdk: only the SQL text and its binds are sent
    `import snowflake from 'snowflake-sdk'; const db = snowflake.createConnection(OPTIONS); db.execute({ sqlText: 'select 1', complete: (err, stmt, rows) => console.log(rows) });`,
    // tinybird env: a variable that names no vendor stays unknown
    `await fetch(\`\${process.env.EVENTS_API_URL}/v0/events\`, { method: 'POST', body: JSON.stringify({ email: user.email }) });`,
    // The application's own URL, by its framework's or host's name for it: a call to itself, whatever the fallback.
    `const base = process.env.NEXTAUTH_URL || 'https://app.clinic.example'; await fetch(\`\${base}/api/jobs/export\`, { method: 'POST', body: JSON.stringify({ email: user.email }) });`,
    `await fetch(new URL('/api/invite', process.env.NEXT_PUBLIC_APP_URL ?? 'https://clinic.example'), { method: 'POST', body: JSON.stringify({ email: user.email }) });`,
    // nodemailer with a host from configuration: unknown, so quiet
    `import nodemailer from 'nodemailer'; const mailer = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587 }); await mailer.sendMail({ to: user.email, subject: 'Welcome' });`,
    // a mail to the sender's own configured mailbox carries nobody's address
    `import { Resend } from 'resend'; const resend = new Resend(key); await resend.emails.send({ to: 'ops@clinic.example', subject: 'Nightly report', html: summary });`,
    // elasticsearch: the project's own cluster is not a third party
    `import { Client } from '@elastic/elasticsearch'; const es = new Client({ node: 'http://search.internal:9200' }); await es.index({ index: 'people', document: { email: person.email } });`,
    // otel-span: attributes without personal data
    `import { trace } from '@opentelemetry/api'; trace.getActiveSpan()?.setAttribute('plan.tier', plan.tier);`,
    `import * as Sentry from '@sentry/node'; Sentry.withScope(scope => { scope.setTag('plan', plan.tier); });`,
  ],
  invalid: [
    // segment
    {
      code: `analytics.identify(user.id, { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // segment-node
    {
      code: `import { Analytics } from '@segment/analytics-node'; const a = new Analytics({ writeKey: k }); a.identify({ userId: u.id, traits: { email: u.email } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 96 }],
    },
    // mixpanel
    {
      code: `mixpanel.people.set({ $email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // posthog
    {
      code: `import posthog from 'posthog-js'; posthog.identify(user.id, { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 35 }],
    },
    // amplitude
    {
      code: `import * as amplitude from '@amplitude/analytics-browser'; amplitude.track('Signup', { phone: user.phone });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 60 }],
    },
    // gtag
    {
      code: `gtag('set', 'user_properties', { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // gtm
    {
      code: `window.dataLayer.push({ event: 'login', email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // meta-pixel
    {
      code: `fbq('init', '123', { em: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // sentry
    {
      code: `import * as Sentry from '@sentry/node'; Sentry.setUser({ id: user.id, email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 41 }],
    },
    // datadog
    {
      code: `import { datadogRum } from '@datadog/browser-rum'; datadogRum.setUser({ id: u.id, name: u.fullName });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 52 }],
    },
    // intercom
    {
      code: `Intercom('boot', { app_id: APP, email: user.email, name: user.fullName });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // hubspot
    {
      code: `window._hsq.push(['identify', { email: user.email }]);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // hubspot-api
    {
      code: `import { Client } from '@hubspot/api-client'; const hs = new Client({ accessToken: t }); await hs.crm.contacts.basicApi.create({ properties: { email: c.email } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 96 }],
    },
    // stripe
    {
      code: `import Stripe from 'stripe'; const stripe = new Stripe(key); await stripe.customers.create({ email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 68 }],
    },
    // twilio
    {
      code: `import twilio from 'twilio'; const client = twilio(sid, token); await client.messages.create({ to: user.phoneNumber, from: FROM, body: 'Hi' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 71 }],
    },
    // sendgrid
    {
      code: `import sgMail from '@sendgrid/mail'; await sgMail.send({ to: user.email, from: FROM, subject: 'Hi' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 44 }],
    },
    // mailchimp
    {
      code: `import mailchimp from '@mailchimp/mailchimp_marketing'; await mailchimp.lists.addListMember(LIST, { email_address: user.email, status: 'subscribed' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 63 }],
    },
    // openai
    {
      code: `import OpenAI from 'openai'; const openai = new OpenAI(); await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Summarise the account of \${customer.email}\` }] });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 65 }],
    },
    // anthropic
    {
      code: `import Anthropic from '@anthropic-ai/sdk'; const ai = new Anthropic(); await ai.messages.create({ model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: note.diagnosis }] });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 78 }],
    },
    // ai-sdk
    {
      code: `import { generateText } from 'ai'; import { openai } from '@ai-sdk/openai'; await generateText({ model: openai('gpt-4o'), prompt: \`Reply to \${ticket.email}\` });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 83 }],
    },
    // tiktok
    {
      code: `ttq.identify({ email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // linkedin
    {
      code: `lintrk('track', { conversion_id: 1, email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // pinterest
    { code: `pintrk('set', { em: user.email });`, errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }] },
    // reddit
    {
      code: `rdt('init', 'a2_x', { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // snap
    {
      code: `snaptr('init', 'id', { user_email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // bing
    {
      code: `window.uetq.push('set', { pid: { em: user.email } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // clarity
    { code: `clarity('identify', user.email);`, errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }] },
    // hotjar
    {
      code: `hj('identify', user.id, { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // heap
    {
      code: `heap.addUserProperties({ email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // fullstory
    {
      code: `FS.identify(user.id, { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // braze
    {
      code: `import * as braze from '@braze/web-sdk'; braze.getUser().setEmail(user.email);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 42 }],
    },
    // customerio
    {
      code: `_cio.identify({ id: user.id, email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // klaviyo
    {
      code: `_learnq.push(['identify', { $email: user.email }]);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // matomo
    {
      code: `_paq.push(['setUserId', user.email]);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // appcues
    {
      code: `Appcues.identify(user.id, { email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // pendo
    {
      code: `pendo.initialize({ visitor: { id: user.id, email: user.email } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // launchdarkly
    {
      code: `import { initialize } from 'launchdarkly-js-client-sdk'; const ld = initialize(KEY, { key: u.id }); ld.identify({ key: u.id, email: u.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 101 }],
    },
    // clevertap
    {
      code: `clevertap.onUserLogin.push({ Site: { Email: user.email } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // tealium
    {
      code: `utag.link({ event: 'login', customer_email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // criteo
    {
      code: `window.criteo_q.push({ event: 'setEmail', email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // adroll
    {
      code: `__adroll.record_user({ adroll_segments: 'x', email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // http-fetch
    {
      code: `await fetch('https://api.geocoder.example.net/v1/lookup', { method: 'POST', body: JSON.stringify({ address: user.billingAddress }) });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 7 }],
    },
    // http-axios
    {
      code: `import axios from 'axios'; const BASE = process.env.CRM_URL ?? 'https://crm.partner.example.org'; await axios.post(\`\${BASE}/contacts\`, { email: lead.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 105 }],
    },
    // http-node
    {
      code: `import https from 'node:https'; https.request({ hostname: 'hooks.partner.example.org', path: \`/u?e=\${user.email}\` });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 33 }],
    },
    {
      code: `analytics.identify(user.id, { email: user.email, phone: user.phone });`,
      filename: declared,
      errors: [{ messageId: 'undeclaredCategory', line: 1, column: 1 }],
    },
    {
      code: `import * as Sentry from '@sentry/browser'; Sentry.setUser({ email: user.email });`,
      filename: declared,
      errors: [{ messageId: 'recipientWithoutPurpose', line: 1, column: 44 }],
    },
    {
      code: `await fetch('https://api.hubapi.com/crm/v3/objects/contacts', { method: 'POST', body: JSON.stringify({ phone: lead.phone }) });`,
      filename: declared,
      errors: [{ messageId: 'undeclaredCategory', line: 1, column: 7 }],
    },
    {
      code: `analytics.identify(user.id, { email: user.email });`,
      filename: brokenManifest,
      errors: [{ messageId: 'invalidManifest', line: 1, column: 1 }],
    },
    // plain-sdk: a support SaaS client made with `new` from a named export
    {
      code: `import { PlainClient } from '@team-plain/typescript-sdk';
const plain = new PlainClient({ apiKey: KEY });
await plain.upsertCustomer({ identifier: { emailAddress: user.email }, onCreate: { fullName: user.fullName } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7, endLine: 3, endColumn: 112 }],
    },
    // plain-chat: a snippet global's methods
    {
      code: `Plain.setCustomerDetails({ email: viewer.email, emailHash: hash });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1, endColumn: 67 }],
    },
    // plain-chat: the global reached through a cast of globalThis, from a project function
    {
      code: `const chat = () => (globalThis as unknown as { Plain?: { setCustomerDetails(details: object): void } }).Plain ?? null;
chat()?.setCustomerDetails({ email: viewer.email, fullName: viewer.fullName });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 1 }],
    },
    // intercom-api
    {
      code: `import { IntercomClient } from 'intercom-client';
const intercom = new IntercomClient({ token: TOKEN });
await intercom.contacts.create({ email: member.email, name: member.fullName });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7 }],
    },
    // ses-commands: the command built with `new` carries the message
    {
      code: `import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
await new SESClient({}).send(new SendEmailCommand({ Destination: { ToAddresses: [customer.email] } }));`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 30, endColumn: 102 }],
    },
    // lemonsqueezy-js: a module function
    {
      code: `import { createCheckout } from '@lemonsqueezy/lemonsqueezy.js';
await createCheckout(STORE, VARIANT, { checkoutData: { email: buyer.email, name: buyer.fullName } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 7 }],
    },
    // firebase-auth-web: the arguments after the Auth instance
    {
      code: `import { createUserWithEmailAndPassword } from 'firebase/auth';
await createUserWithEmailAndPassword(userAuth, form.email, form.password);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 7 }],
    },
    // snowflake-sdk: the binds of a statement (payload keys)
    {
      code: `import snowflake from 'snowflake-sdk';
const db = snowflake.createConnection(OPTIONS);
db.execute({ sqlText: 'insert into signups values (?, ?)', binds: [signup.email, signup.phone] });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 1 }],
    },
    // stripe factoryNames: a project function's client, untyped
    {
      code: `import { getStripe } from './billing/stripe';
await getStripe().customers.update(customerId, { email: account.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 7 }],
    },
    // stripe-js: the browser client from loadStripe
    {
      code: `import { loadStripe } from '@stripe/stripe-js';
const stripe = await loadStripe(PUBLISHABLE_KEY);
await stripe.confirmPayment({ elements, confirmParams: { payment_method_data: { billing_details: { email: buyer.email } } } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7 }],
    },
    // tinybird envNames: the URL comes from a variable named after the vendor
    {
      code: `await fetch(\`\${process.env.TINYBIRD_API_URL}/v0/events?name=signups\`, { method: 'POST', body: JSON.stringify({ email: user.email }) });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 7 }],
    },
    // nodemailer: a transport configured for a provider's SMTP host
    {
      code: `import nodemailer from 'nodemailer';
const mailer = nodemailer.createTransport({ host: 'smtp.postmarkapp.com', port: 587 });
await mailer.sendMail({ to: user.email, subject: 'Welcome' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7 }],
    },
    // a mail's recipients are addresses whatever the values are called: Nodemailer through a provider, and an email
    // vendor's SDK
    {
      code: `import nodemailer from 'nodemailer';
const mailer = nodemailer.createTransport({ host: 'smtp.postmarkapp.com', port: 587 });
export async function notify(options: { to: string; cc?: string }) {
  await mailer.sendMail({ to: options.to, cc: options.cc, from: 'alerts@clinic.example', subject: 'Result ready' });
}`,
      errors: [
        {
          messageId: 'undeclaredRecipient',
          line: 4,
          column: 9,
          data: {
            recipient: 'Postmark',
            id: 'postmark',
            kind: ' (email)',
            via: '',
            details:
              '`to: options.to` is email (the `to` of a mail sent with `mailer.sendMail` is an address); `cc: options.cc` is email (the `cc` of a mail sent with `mailer.sendMail` is an address)',
            categories: 'email',
            snippet: 'recipients: { postmark: { purposes: [notifications], categories: [email] } }',
          },
        },
      ],
    },
    {
      code: `import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_KEY);
export const invite = (invitee: string) => resend.emails.send({ to: invitee, subject: 'Join us', html: '<p>Hi</p>' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 44 }],
    },
    // nodemailer knownServices: a well-known service name
    {
      code: `import { createTransport } from 'nodemailer';
const transport = createTransport({ service: 'SendGrid', auth: SMTP_AUTH });
await transport.sendMail({ to: order.customerEmail, subject: 'Receipt' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7 }],
    },
    // elasticsearch: a hosted cluster
    {
      code: `import { Client } from '@elastic/elasticsearch';
const es = new Client({ node: 'https://people-search.es.europe-west1.gcp.cloud.es.io' });
await es.index({ index: 'people', document: { email: person.email } });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7 }],
    },
    // typesense: a nested host in the client's nodes
    {
      code: `import Typesense from 'typesense';
const search = new Typesense.Client({ nodes: [{ host: 'abc123.a1.typesense.net', port: 443, protocol: 'https' }], apiKey: KEY });
await search.collections('users').documents().upsert({ id: user.id, email: user.email });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7 }],
    },
    // sentry: the scope a callback is given holds what the next events send
    {
      code: `import * as Sentry from '@sentry/node';
Sentry.withScope(scope => { scope.setExtra('email', user.email); });
Sentry.configureScope(scope => scope.setUser({ email: user.email }));`,
      errors: [
        { messageId: 'undeclaredRecipient', line: 2, column: 29 },
        { messageId: 'undeclaredRecipient', line: 3, column: 32 },
      ],
    },
    // otel-span and dd-trace: the span a callback is given
    {
      code: `import { trace } from '@opentelemetry/api';
import tracer from 'dd-trace';
const otel = trace.getTracer('checkout');
otel.startActiveSpan('pay', span => { span.setAttribute('enduser.email', buyer.email); span.end(); });
tracer.trace('pay', span => span.setTag('customer.email', buyer.email));`,
      errors: [
        { messageId: 'undeclaredRecipient', line: 4, column: 39 },
        { messageId: 'undeclaredRecipient', line: 5, column: 29 },
      ],
    },
    // bugsnag: the event a notify callback is given, and the client a session returns
    {
      code: `import Bugsnag from '@bugsnag/js';
Bugsnag.notify(error, event => { event.setUser(user.id, user.email, user.name); });
Bugsnag.startSession().addMetadata('account', { email: user.email });`,
      errors: [
        { messageId: 'undeclaredRecipient', line: 2, column: 34 },
        { messageId: 'undeclaredRecipient', line: 3, column: 1 },
      ],
    },
    // posthog and bugsnag: the instance or event a callback option is given
    {
      code: `import posthog from 'posthog-js';
import Bugsnag from '@bugsnag/js';
posthog.init('phc_key', { loaded: ph => ph.identify(user.id, { email: user.email }) });
Bugsnag.start({ apiKey: key, onError(event) { event.setUser(user.id, user.email); } });`,
      errors: [
        { messageId: 'undeclaredRecipient', line: 3, column: 41 },
        { messageId: 'undeclaredRecipient', line: 4, column: 47 },
      ],
    },
    // newrelic-browser: the attributes of a traced interaction
    {
      code: `newrelic.interaction().setAttribute('email', user.email);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 1 }],
    },
    // otel-span: an exception recorded on the span carries its message
    {
      code: `import { trace } from '@opentelemetry/api';
trace.getActiveSpan()?.recordException({ name: 'SignupError', message: \`rejected \${user.email}\` });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 1 }],
    },
    // otel-span: span attributes go to the configured exporter
    {
      code: `import { trace } from '@opentelemetry/api';
trace.getActiveSpan()?.setAttribute('enduser.email', session.user.email);`,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 1 }],
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
    // mistral via the AI SDK
    {
      code: `import { generateText } from 'ai'; import { mistral } from '@ai-sdk/mistral'; await generateText({ model: mistral('mistral-large-latest'), prompt: \`Draft a reply to \${ticket.email}\` });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 1, column: 85 }],
    },
  ],
});

typed.run('no-undeclared-sharing', rule, {
  valid: [
    `import type { User } from './models/user.js';
declare const analytics: { track(event: string, props: object): void };
export function f(user: User) {
  analytics.track('Verified', { verified: user.isEmailVerified, template: user.emailTemplateId });
}`,
  ],
  invalid: [
    {
      code: `import { describeUser, type User } from './models/user.js';
declare const analytics: { identify(id: string, traits: object): void };
export function f(user: User) {
  analytics.identify(user.id, { label: describeUser(user) });
}`,
      errors: [{ messageId: 'undeclaredRecipient', line: 4, column: 3 }],
    },
  ],
});

// The rule policy: privacy.yml `rules:` options, and `privlint-ignore` comments.
tester.run('no-undeclared-sharing', rule, {
  valid: [
    { code: `analytics.identify(deviceId);`, filename: rulesManifest },
    `// privlint-ignore no-undeclared-sharing -- declared in the parent company's manifest, see DPA-12
analytics.identify(user.id, { email: user.email });`,
  ],
  invalid: [
    {
      code: `analytics.identify(deviceId);
analytics.identify(user.id, { email: user.email });`,
      filename: rulesManifest,
      errors: [{ messageId: 'undeclaredRecipient', line: 2, column: 1 }],
    },
    {
      code: `// privlint-ignore no-undeclared-sharing
analytics.identify(user.id, { email: user.email });`,
      errors: [
        { messageId: 'ignoreWithoutReason', line: 1, column: 1 },
        { messageId: 'undeclaredRecipient', line: 2, column: 1 },
      ],
    },
    {
      code: `// privlint-ignore no-undeclared-sharin -- reviewed
analytics.identify(user.id, { email: user.email });`,
      errors: [
        { messageId: 'unknownRuleInComment', line: 1, column: 1 },
        { messageId: 'undeclaredRecipient', line: 2, column: 1 },
      ],
    },
  ],
});

// Untyped values named like a person (`session.customer`) are records, unless the code says they are primitives:
// a string is the customer's id at that vendor, sent back to it.
tester.run('no-undeclared-sharing', rule, {
  valid: [
    `import Stripe from 'stripe'; const stripe = new Stripe(key);
const customerId = typeof session.customer === 'string' ? session.customer : session.customer?.id;
await stripe.billingPortal.sessions.create({ customer: customerId, return_url: '/' });`,
    `import Stripe from 'stripe'; const stripe = new Stripe(key);
const customerId = typeof session.customer !== 'string' ? session.customer?.id : session.customer;
await stripe.billingPortal.sessions.create({ customer: customerId, return_url: '/' });`,
    `import Stripe from 'stripe'; const stripe = new Stripe(key);
let customerId: string;
customerId = session.customer;
await stripe.billingPortal.sessions.create({ customer: customerId, return_url: '/' });`,
  ],
  invalid: [
    {
      // The other branch of the check is the record itself.
      code: `import Stripe from 'stripe'; const stripe = new Stripe(key);
const customer = typeof session.customer === 'string' ? undefined : session.customer;
await stripe.billingPortal.sessions.create({ customer, return_url: '/' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 3, column: 7, endColumn: 74 }],
    },
    {
      code: `import Stripe from 'stripe'; const stripe = new Stripe(key);
let customer: unknown;
customer = session.customer;
await stripe.billingPortal.sessions.create({ customer, return_url: '/' });`,
      errors: [{ messageId: 'undeclaredRecipient', line: 4, column: 7, endColumn: 74 }],
    },
  ],
});
