/**
 * npm run screenshots: the product as `npm start` runs it, with a meeting starting soon, a notice to
 * confirm and a newcomer's pending request, photographed at 390×844: every page each persona reaches
 * (tests/e2e/visits.ts), in normal and in care mode (关怀模式). The PNGs go to screenshots/<mode>/<persona>/
 * (git-ignored), the whole page and its first screen: look at every one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inCareMode, launch, openPage, phonePage, setBaseUrl, signInAs, signInAsNew } from './browser';
import { startLocal } from './server';
import { makeWorld, OPENID, visits, type Persona } from './visits';

const OUT = join(__dirname, '..', '..', 'screenshots');
const PERSONAS: Persona[] = ['member', 'committee', 'secretary', 'admin', 'newcomer'];

async function main(): Promise<void> {
  const local = await startLocal();
  setBaseUrl(local.base);
  const rt = local.runtime;
  const call = async (openid: string, fn: string, action: string, data: object) => {
    const res = await rt.invoke(fn, { action, data }, { openid });
    if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${res.code} ${res.message}`);
    return res.data as Record<string, unknown>;
  };
  const world = await makeWorld(call);
  // A newcomer's request waits on the secretary's home.
  await call('demo-newcomer', 'join', 'apply', { orgId: 'org-xh-branch-rd', name: '吴思远', via: 'search' });

  const browser = await launch();
  let count = 0;
  try {
    for (const care of [false, true]) {
      for (const persona of PERSONAS) {
        const dir = join(OUT, care ? 'care' : 'normal', persona);
        mkdirSync(dir, { recursive: true });
        const page = await phonePage(browser);
        if (care) await inCareMode(page);
        if (persona === 'newcomer') await signInAsNew(page, OPENID.newcomer);
        else await signInAs(page, OPENID[persona], '#home-todo, #home-todo-error, #home-units');
        for (const v of visits(world)[persona]) {
          await openPage(page, v.url);
          await page.waitForTimeout(700);
          await page.screenshot({ path: join(dir, `${v.name}.png`), fullPage: true });
          await page.screenshot({ path: join(dir, `${v.name}.first-screen.png`) });
          count += 1;
        }
        await page.context().close();
      }
    }
    console.log(`${count} pages photographed in ${OUT}`);
  } finally {
    await browser.close();
    await local.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
