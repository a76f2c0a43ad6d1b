import type { Browser } from 'playwright-core';
import { BASE_URL, launch, phonePage, screenshot, signInAs, signInAsNew } from './browser';
import { measure } from './readable';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** The pages reworked so far for older members; the rest join this list as they are (issue 12). */
const PAGES = [
  'pages/home/index',
  'pages/post/index',
  'pages/activity/index',
  'pages/me/index',
  'pages/archive/index',
  'pages/transfer/index',
];

describe.each([
  ['a member', 'demo-member-01'],
  ['a secretary', 'demo-secretary'],
  ['someone not yet in a branch', 'e2e-readable-newcomer'],
])('as %s, every reworked page at 390×844', (_who, openid) => {
  it.each(PAGES)('%s has no text under 12 px, no control under 44 px, AA contrast and no sideways scrolling', async (path) => {
    const page = await phonePage(browser);
    if (openid.startsWith('demo-')) await signInAs(page, openid);
    else await signInAsNew(page, openid);
    await page.goto(`${BASE_URL}/#/${path}`);
    // The page has loaded when its state view has gone.
    await page.waitForFunction(() => !document.querySelector('#state-loading'));
    await page.waitForTimeout(800);
    const found = await measure(page);
    if (found.smallText.length + found.smallTargets.length + found.lowContrast.length > 0 || found.overflow) {
      await screenshot(page, `unreadable-${openid}-${path.replace(/\//g, '-')}`);
    }
    expect(found).toEqual({ smallText: [], smallTargets: [], lowContrast: [], overflow: false });
    await page.context().close();
  });
});
