import { checkKnowledge, createNameMatcher, defaultKnowledge } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const matcher = createNameMatcher(defaultKnowledge);

describe('the knowledge base in rules/', () => {
  it('passes its cross-file checks (unique ids, fideslang keys that exist)', () => {
    expect(checkKnowledge(defaultKnowledge)).toEqual([]);
  });

  it('searches whole files only with patterns that stop at a line end (no [^x]* that crosses lines)', () => {
    // A pattern tried from every start in a file of a repository is linear only when each try is bounded: a negated
    // class that also matches line breaks, repeated without a bound, reads to the end of the file from each start.
    const { tags, blockers } = defaultKnowledge.cookies;
    const sources = [
      ...tags.flatMap(tag => [...tag.loadedBy, ...tag.waitsFor.map(wait => wait.text)]),
      ...blockers.map(blocker => blocker.text),
    ];
    const crossesLines = (source: string): boolean =>
      [...source.matchAll(/\[\^((?:\\.|[^\]])*)\][*+]/gu)].some(([, negated]) => !/\\s|\\n/u.test(negated!));
    expect(sources.length).toBeGreaterThan(40);
    expect(sources.filter(crossesLines)).toEqual([]);
    expect(crossesLines('ym\\([^)]*init')).toBe(true);
    expect(crossesLines('ym\\([^)]{0,200}init')).toBe(false);
  });

  it('has every category the design names', () => {
    expect(defaultKnowledge.categories.categories.map(category => category.id).sort()).toEqual(
      [
        'bank-account',
        'biometric',
        'credentials',
        'criminal-record',
        'date-of-birth',
        'device-id',
        'email',
        'ethnicity',
        'genetic',
        'government-id',
        'health',
        'ip-address',
        'location',
        'name',
        'payment-card',
        'phone',
        'political-opinion',
        'postal-address',
        'religion',
        'sex-life',
        'trade-union',
      ].sort(),
    );
  });

  describe.each(defaultKnowledge.categories.categories.map(category => [category.id, category] as const))(
    '%s',
    (id, category) => {
      it('classifies its examples as itself (on a person owner)', () => {
        const wrong = category.examples.filter(name => matcher.match(name, { owner: 'user' })?.category !== id);
        expect(wrong, `examples not classified as ${id}`).toEqual([]);
      });

      it('does not classify its counterexamples as itself', () => {
        const wrong = category.counterexamples.filter(name => {
          const typeKind = /^(?:is|has)[A-Z]|Enabled$|Verified$|Valid$/u.test(name) ? 'boolean' : undefined;
          return matcher.match(name, { owner: 'user', typeKind })?.category === id;
        });
        expect(wrong, `counterexamples classified as ${id}`).toEqual([]);
      });
    },
  );
});

describe('the recipients catalogue', () => {
  const { recipients, httpClients, aiProviders } = defaultKnowledge.recipients;
  const purposes = new Set(defaultKnowledge.purposes.purposes.map(purpose => purpose.id));

  it('lists the third parties an inventory of a SaaS or e-commerce app is expected to hold', () => {
    expect(recipients.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(recipients.map(recipient => recipient.kind));
    for (const kind of ['analytics', 'advertising', 'monitoring', 'support', 'crm', 'email', 'sms', 'payments']) {
      expect(kinds, kind).toContain(kind);
    }
    for (const kind of ['identity', 'search', 'data', 'llm', 'authentication', 'security']) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('gives every vendor a purpose from rules/purposes.yml, a docs URL, a kind and a host or call shape', () => {
    const incomplete = recipients.filter(
      recipient =>
        !purposes.has(recipient.purpose) ||
        recipient.docs === undefined ||
        !/^https:\/\//u.test(recipient.docs) ||
        recipient.kind.length === 0 ||
        recipient.hosts.length + recipient.calls.length === 0,
    );
    expect(incomplete.map(recipient => recipient.id)).toEqual([]);
  });

  it('never lets two vendors claim the same package value or global', () => {
    const owners = new Map<string, Set<string>>();
    for (const recipient of recipients) {
      for (const call of recipient.calls) {
        for (const ref of [...call.instances, ...call.callables]) {
          const key = `${ref.module ?? `global:${ref.global}`} ${ref.path.join('.')}`;
          owners.set(key, (owners.get(key) ?? new Set()).add(recipient.id));
        }
      }
    }
    expect([...owners].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key}: ${[...ids].join(', ')}`)).toEqual(
      [],
    );
  });

  it('points every AI SDK provider at a vendor of the catalogue', () => {
    const ids = new Set(recipients.map(recipient => recipient.id));
    expect(aiProviders.filter(provider => !ids.has(provider.recipient))).toEqual([]);
    expect(httpClients.length).toBeGreaterThan(0);
  });

  it('keeps region hosts within the vendor’s hosts, and env names with a documented base URL', () => {
    const broken = structuredClone(defaultKnowledge);
    const [first, second] = broken.recipients.recipients;
    first!.regions = [{ region: 'EU', hosts: ['api.eu.example-vendor.net'] }];
    first!.envNames = ['^EXAMPLE_VENDOR_URL$'];
    delete first!.baseUrl;
    second!.calls = [{ ...first!.calls[0]!, id: 'copy' }];
    expect(checkKnowledge(broken)).toEqual([
      `rules/recipients.yml: recipient \`${first!.id}\`: region EU host \`api.eu.example-vendor.net\` is not among its hosts`,
      `rules/recipients.yml: recipient \`${first!.id}\` has envNames but no baseUrl for the requests they stand for`,
      ...[...first!.calls[0]!.instances, ...first!.calls[0]!.callables].map(
        ref =>
          `rules/recipients.yml: recipient \`${second!.id}\` claims ${ref.module === undefined ? `global ${ref.global}` : ref.module} [${ref.path.join(', ')}], which \`${first!.id}\` claims too`,
      ),
    ]);
  });
});
