import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, repoRoot, run } from './helpers.js';

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
    expect(await page.locator('#findings tbody tr').count()).toBe(8);
    const visible = async (): Promise<number> => page.locator('#findings tbody tr:not([hidden])').count();
    await page.selectOption('select[data-key="rule"]', 'require-cookie-consent');
    // Two cookies written before consent, and the Meta Pixel tag that sets its own.
    expect(await visible()).toBe(3);
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
    expect(await page.locator('img, svg, b').count()).toBe(0);
    expect(await page.locator('#findings').textContent()).toContain('<script>document.title="pwned"</script>');
    await page.close();
  });
});
