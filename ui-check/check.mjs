// Opens the Temporal UI in Debian's headless Chromium (playwright-core, no browser download) and
// checks what an operator sees: a saga's history page and the workflow list filtered by the saga
// search attributes. Saves a screenshot of each page. Exit 0 when every check passed.
//
//   node ui-check/check.mjs <checks.json>
//
// checks.json (written by scripts/ui-check.sh):
//   { "screenshots": DIR, "pages": [ { "name", "url", "present": [text...], "absent": [text...] } ] }
import { readFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const PATIENCE_MS = 45_000; // the UI loads its data after the page; visibility lags the history a little
const RELOAD_AFTER_MS = 10_000;

const checks = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync(checks.screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'ui-check-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1600, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

const failures = [];
try {
  for (const check of checks.pages) {
    const page = await browser.newPage();
    await page.goto(check.url, { waitUntil: 'domcontentloaded' });
    let text = '';
    const deadline = Date.now() + PATIENCE_MS;
    let reloadAt = Date.now() + RELOAD_AFTER_MS;
    // Poll the rendered text; a list still without a saga is loaded again now and then, as
    // visibility catches up with the history.
    for (;;) {
      text = await page.locator('body').innerText();
      const missing = check.present.filter((t) => !text.includes(t));
      if (missing.length === 0 || Date.now() > deadline) break;
      await page.waitForTimeout(500);
      if (check.reload && Date.now() > reloadAt) {
        await page.reload({ waitUntil: 'domcontentloaded' });
        reloadAt = Date.now() + RELOAD_AFTER_MS;
      }
    }
    const screenshot = resolve(checks.screenshots, `${check.name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    const missing = check.present.filter((t) => !text.includes(t));
    const unexpected = (check.absent || []).filter((t) => text.includes(t));
    const ok = missing.length === 0 && unexpected.length === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.url}`);
    console.log(`     screenshot ${screenshot}`);
    if (missing.length) console.log(`     not on the page: ${missing.join(', ')}`);
    if (unexpected.length) console.log(`     on the page but must not be: ${unexpected.join(', ')}`);
    if (!ok) failures.push(check.name);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${checks.pages.length - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
