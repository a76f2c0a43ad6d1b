import { launch, phonePage, setBaseUrl, BASE_URL } from './tests/e2e/browser';
import { startLocal } from './tests/e2e/server';
import type { Page } from 'playwright-core';

async function shot(page: Page, name: string, full = true) {
  await page.waitForTimeout(900);
  await page.screenshot({ path: `/tmp/sshots/${name}.png`, fullPage: full });
}
async function signIn(page: Page, openid: string) {
  await page.goto(`${BASE_URL}/#/pages/dev/signin/index`);
  await page.waitForSelector('#persona-demo-admin');
  const field = page.locator('#custom-openid input, input#custom-openid').first();
  await field.fill(openid);
  await page.locator('#custom-signin').click();
  await page.waitForTimeout(1500);
}
(async () => {
  const local = await startLocal();
  setBaseUrl(local.base);
  const browser = await launch();
  const rt = local.runtime;
  const list = await rt.invoke('service', { action: 'list', data: {} }, { openid: 'demo-member-01' });
  const projectId = (list as { data: { projects: { id: string }[] } }).data.projects[0]!.id;
  const proj = await rt.invoke('service', { action: 'project', data: { projectId } }, { openid: 'demo-secretary' });
  const slotId = (proj as { data: { slots: { id: string }[] } }).data.slots[0]!.id;
  const wishes = await rt.invoke('service', { action: 'wishInbox', data: { orgId: 'org-sq-branch' } }, { openid: 'demo-community-secretary' });
  const wishIds = (wishes as { data: { wishes: { id: string; state: string }[] } }).data.wishes;
  const pages: [string, string, string][] = [
    ['m-home', 'demo-member-01', '/pages/home/index'],
    ['m-service', 'demo-member-02', '/packages/service/pages/index/index'],
    ['m-project', 'demo-member-01', `/packages/service/pages/project/index?id=${projectId}`],
    ['r-project', 'demo-resident', `/packages/service/pages/project/index?id=${projectId}`],
    ['r-home', 'demo-resident', '/pages/home/index'],
    ['m-wishes', 'demo-member-02', '/packages/service/pages/wishes/index'],
    ['m-wish', 'demo-member-02', `/packages/service/pages/wish/index?id=${wishIds.find((w) => w.state === 'claimed')!.id}`],
    ['c-wish', 'demo-community-secretary', `/packages/service/pages/wish/index?id=${wishIds.find((w) => w.state === 'pending')!.id}`],
    ['r-wish-write', 'demo-resident', '/packages/service/pages/wish-write/index?orgId=org-sq-branch'],
    ['m-community', 'demo-member-02', '/packages/service/pages/community/index'],
    ['m-certificate', 'demo-member-02', '/packages/service/pages/certificate/index?year=2026'],
    ['m-dues', 'demo-member-03', '/packages/service/pages/dues/index'],
    ['s-projects', 'demo-secretary', '/packages/secretary/pages/service-projects/index?orgId=org-xh-branch-rd'],
    ['s-edit', 'demo-secretary', '/packages/secretary/pages/service-edit/index?orgId=org-xh-branch-rd'],
    ['s-slot', 'demo-secretary', `/packages/secretary/pages/service-slot/index?id=${slotId}`],
    ['c-inbox', 'demo-community-secretary', '/packages/secretary/pages/wish-inbox/index?orgId=org-sq-branch'],
    ['c-members', 'demo-community-secretary', '/packages/secretary/pages/community-members/index?orgId=org-sq-branch'],
    ['k-dues', 'demo-committee', '/packages/secretary/pages/dues/index?orgId=org-xh-branch-rd'],
    ['k-dues-member', 'demo-committee', '/packages/secretary/pages/dues-member/index?id=m-demo-007'],
    ['s-tools', 'demo-secretary', '/packages/secretary/pages/tools/index?orgId=org-xh-branch-rd'],
    ['s-stats', 'demo-community-secretary', '/packages/secretary/pages/stats/index?orgId=org-sq-branch'],
  ];
  const only = process.argv[2];
  for (const [name, who, path] of pages) {
    if (only && !name.includes(only)) continue;
    const page = await phonePage(browser);
    await signIn(page, who);
    await page.goto(`${BASE_URL}/#${path}`);
    await page.waitForTimeout(1800);
    await shot(page, name);
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    if (h > 900) {
      await page.setViewportSize({ width: 390, height: Math.min(h, 4000) });
      await page.waitForTimeout(300);
      await shot(page, `${name}.full`, false);
    }
    await page.context().close();
  }
  await browser.close();
  await local.close();
})();
