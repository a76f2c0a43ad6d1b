// Lighthouse's accessibility audit of one page of the h5 build, signed in as a persona:
//   node tests/e2e/lighthouse.mjs <base-url> <openid> <page-path>
// Prints one JSON line: { score, failed: [{ id, title }] }. Lighthouse is ESM-only, so the e2e test runs this as a child process.
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

const [base, openid, path] = process.argv.slice(2);
if (!base || !openid || !path) {
  console.error('usage: node tests/e2e/lighthouse.mjs <base-url> <openid> <page-path>');
  process.exit(2);
}

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const profile = mkdtempSync(join(tmpdir(), 'zhibu-lighthouse-'));
// One persistent profile: the dev sign-in's cookie is there when Lighthouse opens its own tab.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 390, height: 844 },
  args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`, '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await context.newPage();
  await page.goto(`${base}/#/pages/dev/signin/index`);
  await page.locator(`#persona-${openid}`).click();
  await page.waitForSelector('#home-todo, #home-todo-error, #home-no-branch');
  const result = await lighthouse(`${base}/#/${path}`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['accessibility'],
    disableStorageReset: true,
    formFactor: 'mobile',
    screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 2, disabled: false },
  });
  const lhr = result.lhr;
  const failed = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => ({ id: a.id, title: a.title, items: (a.details?.items ?? []).slice(0, 5).map((i) => i.node?.snippet ?? '') }));
  const audited = lhr.categories.accessibility.auditRefs.filter((r) => lhr.audits[r.id]?.score !== null).length;
  // What Lighthouse looked at: the page it ended on, and whether the signed-in content was there (not the dev sign-in).
  const check = await context.newPage();
  await check.goto(`${base}/#/${path}`);
  const signedIn = await check
    .waitForSelector('#branch-name, #home-no-branch', { timeout: 15000 })
    .then(() => true)
    .catch(() => false);
  console.log(
    JSON.stringify({
      score: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      audited,
      url: lhr.finalDisplayedUrl,
      signedIn,
      failed,
    }),
  );
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
