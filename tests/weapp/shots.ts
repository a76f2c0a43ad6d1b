/**
 * npm run shots:weapp — pictures of the compiled mini program (dist/weapp), every page as every
 * persona of the harness's table, drawn in Debian's Chromium from the view tree WeChat's templates
 * produce and the styles WeChat's own WXSS compiler produces, on a 390 × 844 phone. They land in
 * tests/weapp/artifacts/: `<name>.png` is the first screen, `<name>.full.png` the whole page. Not a test: a way to look.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../e2e/browser';
import { MiniProgram } from './harness/miniprogram';
import { createWorld, PERSONA_KEYS, PERSONAS } from './harness/scenario';
import { PHONE, shoot } from './harness/snapshot';
import { REACH } from './reach';

const OUT = join(__dirname, 'artifacts');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  const world = await createWorld();
  const browser = await launch();
  const context = await browser.newContext({
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  let n = 0;
  try {
    for (const who of PERSONA_KEYS) {
      for (const visit of REACH[who]) {
        const query = visit.query(world);
        const name = `${who}__${visit.route.replace(/\//g, '_').replace(/_index$/, '')}${Object.keys(query).length ? `__${Object.keys(query).join('-')}` : ''}`;
        if (only.length && !only.some((o) => name.includes(o))) continue;
        const mp = new MiniProgram({ runtime: world.runtime, openid: PERSONAS[who].openid });
        try {
          await mp.launch({ path: visit.route, query });
          await shoot(mp, page, join(OUT, name));
          n += 1;
        } finally {
          mp.dispose();
        }
      }
    }
  } finally {
    await browser.close();
    world.runtime.close();
  }
  console.log(`${n} pictures in ${OUT}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
