import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The file's own local runtime (tests/e2e/setup.ts starts one per file). */
export let BASE_URL = '';
export function setBaseUrl(url: string): void {
  BASE_URL = url;
}
export const ARTIFACTS = join(__dirname, 'artifacts');

/** Debian's Chromium with the flags this machine needs (no sandbox as root, no background network); Playwright gives it a fresh profile. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page, as members see it; `where` puts the phone somewhere and allows location. */
export async function phonePage(browser: Browser, where?: { latitude: number; longitude: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    // A phone that lets the page know where it is (check-in with a radius).
    ...(where ? { geolocation: where, permissions: ['geolocation'] } : {}),
  });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Let Taro's page transition finish, so the picture shows one page.
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Picks a persona on the dev sign-in page and waits for the home page. */
export async function signInAs(page: Page, openid: string, landing = '#branch-name'): Promise<void> {
  await page.goto(`${BASE_URL}/#/pages/dev/signin/index`);
  await page.waitForSelector(`#persona-${openid}`);
  await page.locator(`#persona-${openid}`).click();
  await page.waitForSelector(landing);
}

/** Signs in as any openid typed on the dev page (a brand-new WeChat user has no branch yet). */
export async function signInAsNew(page: Page, openid: string, landing = '#home-no-branch'): Promise<void> {
  await page.goto(`${BASE_URL}/#/pages/dev/signin/index`);
  // The personas load after the page: typing before they arrive can be lost to the re-render.
  await page.waitForSelector('#persona-demo-admin');
  const field = page.locator('#custom-openid input, input#custom-openid').first();
  await field.fill(openid);
  if ((await field.inputValue()) !== openid) throw new Error(`the openid field holds "${await field.inputValue()}", not ${openid}`);
  await page.locator('#custom-signin').click();
  await page.waitForSelector(landing).catch(async (e: unknown) => {
    await screenshot(page, `failed-signin-${openid}`);
    console.log(await page.locator('body').innerText());
    throw e;
  });
}

/** As the signed-in user, opens Zhibu from the demo group called `label` (the dev page passes its CloudID). */
export async function openFromGroup(page: Page, label: string): Promise<void> {
  await page.goto(`${BASE_URL}/#/pages/dev/signin/index`);
  const cell = page.locator('.nut-cell', { hasText: label });
  await cell.locator('[id^="open-group-"]').first().click();
}

/** The number the home page shows as the branch's member count. */
export async function memberCount(page: Page): Promise<number> {
  await page.waitForSelector('#member-count');
  return Number(await page.locator('#member-count').innerText());
}

/** Whether a NutUI button is disabled (it marks itself with a class, not the attribute, in h5). */
export async function isDisabled(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => el.closest('.nut-button')?.classList.contains('nut-button-disabled') ?? false);
}

/**
 * Types into a NutUI Input or TextArea by the id on the component (Taro puts it on the wrapper or the
 * field), on the page shown: a page lower in the stack may hold a field with the same id.
 */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input:visible, #${id} textarea:visible, input#${id}:visible, textarea#${id}:visible`).first().fill(value);
}

/** Waits until the page's text contains `text`. */
export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.body.innerText.includes(t), text);
}

/** Signs in through the API, for setting up state as a script would. */
export async function tokenFor(openid: string): Promise<string> {
  const res = await fetch(`${BASE_URL}/api/dev/signin`, { method: 'POST', body: JSON.stringify({ openid }) });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

/** Answers the confirmation a destructive action asks first (Taro's h5 modal): waits for `title`, then confirms. */
export async function confirmModal(page: Page, title: string): Promise<void> {
  await page.locator(`.taro-modal__title:has-text("${title}")`).waitFor({ state: 'visible' });
  await page.locator('.taro-model__confirm:visible').click();
  await page.locator(`.taro-modal__title:has-text("${title}")`).waitFor({ state: 'hidden' });
}

/** Calls a function as `openid` through the gateway, as the h5 app does; refuses to go on if the call is refused. */
export async function callAs(openid: string, fn: string, action: string, data: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${BASE_URL}/api/functions/${fn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(openid)}` },
    body: JSON.stringify({ action, data }),
  });
  const body = (await res.json()) as { ok: boolean; data: Record<string, unknown>; message?: string };
  if (!body.ok) throw new Error(`${fn}.${action} as ${openid}: ${body.message}`);
  return body.data;
}

/** From a leader's home, opens one of the tools on the 更多管理 page (`tool-<id>`). */
export async function openTool(page: Page, id: string): Promise<void> {
  await page.waitForSelector('#home-more');
  await page.locator('#home-more').click();
  await page.waitForSelector(`#tool-${id}`).catch(async (e: unknown) => {
    await screenshot(page, `failed-tool-${id}`);
    console.log(page.url(), await page.locator('body').innerText());
    throw e;
  });
  await page.locator(`#tool-${id}`).click();
}

/** Opens the page's app in care mode (关怀模式), as a member who switched it on in 我的 (the choice Taro keeps in storage). */
export async function inCareMode(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('zb.care', JSON.stringify({ data: 'on' })));
}

/**
 * Opens `url` (a page path with its query) and waits until that page is the one shown: Taro's h5
 * router changes the address even for a page its route table lacks, leaving the previous page up.
 */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(`${BASE_URL}/#/${url}`);
  const path = `/${url.replace(/\?.*/, '')}`;
  await page
    .waitForFunction(
      (p) =>
        [...document.querySelectorAll('.taro_page')].some((el) => el.id.startsWith(`${p}?`) && getComputedStyle(el).display !== 'none'),
      path,
      {
        timeout: 10_000,
      },
    )
    .catch(() => {
      throw new Error(`${path} is not the page shown (is it in the h5 build's route table?)`);
    });
  // The page has loaded when its state view has gone.
  await page.waitForFunction(() => !document.querySelector('#state-loading'));
}
