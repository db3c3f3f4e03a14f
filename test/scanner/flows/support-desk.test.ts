import { scan } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('data that moves through functions, fields and objects built step by step', () => {
  it('is reported where the caller hands it over, and a comment at the sink accepts every flow into it', async () => {
    const { inventory } = await scan({ root: fixture('flows/support-desk'), version: '0.0.0' });
    expect(
      inventory.findings.map(finding => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`),
    ).toEqual([
      'src/tickets/open-ticket.ts:17:26 no-undeclared-sharing',
      'src/tickets/open-ticket.ts:19:16 no-pii-in-logs',
      'src/tickets/open-ticket.ts:23:12 no-pii-in-logs',
    ]);
    const [sharing, notifier] = inventory.findings;
    expect(sharing!.message).toContain(
      'through `track()` (src/lib/analytics.ts:3) and `send()` (src/lib/analytics.ts:7)',
    );
    expect(notifier!.message).toContain(
      'through `new Notifier()` (src/tickets/notifier.ts:7) and `Notifier.failed()` (src/tickets/notifier.ts:11)',
    );
    expect(inventory.exceptions).toEqual([
      expect.objectContaining({
        file: 'src/tickets/open-ticket.ts',
        line: 14,
        ruleId: 'no-pii-in-logs',
        via: 'privlint-ignore',
        reason: 'audit lines name who did what; kept 90 days (see the records policy)',
        commentFile: 'src/lib/audit.ts',
        commentLine: 5,
      }),
    ]);
    // The flows through functions are in the inventory too, with the way they went.
    const throughAudit = inventory.flows.find(flow => flow.file === 'src/tickets/open-ticket.ts' && flow.line === 14);
    expect(throughAudit).toMatchObject({ sink: { kind: 'log' }, reported: false });
  });
});
