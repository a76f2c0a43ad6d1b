/**
 * npm run screenshots: the product as `npm start` runs it, with a meeting starting soon, a notice to
 * confirm and a newcomer's pending request, photographed at 390×844 as each persona. The PNGs go to
 * screenshots/ (git-ignored): look at every one. Pages are added here as they are reworked.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, phonePage, setBaseUrl, signInAs, signInAsNew } from './browser';
import { startLocal } from './server';

const OUT = join(__dirname, '..', '..', 'screenshots');

async function must(rt: Awaited<ReturnType<typeof startLocal>>['runtime'], fn: string, action: string, data: object, openid: string) {
  const res = await rt.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${res.code} ${res.message}`);
  return res.data as Record<string, unknown>;
}

async function main(): Promise<void> {
  const local = await startLocal();
  setBaseUrl(local.base);
  const rt = local.runtime;
  const start = new Date(Date.now() + 10 * 60 * 1000);
  await must(
    rt,
    'activity',
    'create',
    {
      orgId: 'org-xh-branch-rd',
      type: 'general_meeting',
      title: '十二月支部党员大会',
      description: '学习党的二十届四中全会精神，讨论年度工作总结',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
      signupDeadline: null,
      place: '研发中心三楼会议室',
      capacity: null,
      audience: { kind: 'unit' },
      signupRequired: false,
    },
    'demo-secretary',
  );
  await must(rt, 'join', 'apply', { orgId: 'org-xh-branch-rd', name: '吴思远', via: 'search' }, 'demo-newcomer');

  mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    for (const [persona, openid] of [
      ['member', 'demo-member-01'],
      ['committee', 'demo-committee'],
      ['secretary', 'demo-secretary'],
      ['admin', 'demo-admin'],
    ] as const) {
      const page = await phonePage(browser);
      await signInAs(page, openid);
      await page.waitForSelector('#home-todo, #home-todo-error');
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(OUT, `${persona}-home.png`), fullPage: true });
      await page.screenshot({ path: join(OUT, `${persona}-home-first-screen.png`) });
      await page.context().close();
    }
    const page = await phonePage(browser);
    await signInAsNew(page, 'demo-newcomer');
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(OUT, 'newcomer-home.png'), fullPage: true });
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
    await local.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
