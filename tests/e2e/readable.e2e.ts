import type { Browser, Page } from 'playwright-core';
import { BASE_URL, callAs, inCareMode, launch, openPage, phonePage, screenshot, signInAs, signInAsNew } from './browser';
import { measure } from './readable';
import { makeWorld, OPENID, visits, type Persona, type World } from './visits';

let browser: Browser;
/** Placeholders in the test titles' URLs, filled in when the test runs (the world is made in beforeAll). */
const PLACEHOLDERS: World = {
  activityId: '{activity}',
  postId: '{post}',
  courseId: '{course}',
  lessonIds: ['{lesson1}', '{lesson2}', '{lesson3}'],
  assignmentId: '{assignment}',
  branchCourseId: '{branchCourse}',
  branchLessonId: '{branchLesson}',
  examId: '{exam}',
  examAttemptId: '{examAttempt}',
  dailyAttemptId: '{dailyAttempt}',
  surveyId: '{survey}',
  voteId: '{vote}',
  topicId: '{topic}',
  appraisalId: '{appraisal}',
  letterId: '{letter}',
  projectId: '{project}',
  slotId: '{slot}',
  wishId: '{wish}',
};
let world: World = { ...PLACEHOLDERS, activityId: '' };

beforeAll(async () => {
  browser = await launch();
  world = await makeWorld(callAs);
  expect(world.activityId).not.toBe('');
});
afterAll(async () => {
  await browser.close();
});

/** The visits of a persona, resolved when the test runs (the world is made in beforeAll). */
const pagesOf = (persona: Persona) => {
  const list = visits(PLACEHOLDERS)[persona];
  return list.map((v) => [v.name, v.url] as const);
};
const resolve = (url: string) =>
  (Object.keys(PLACEHOLDERS) as (keyof World)[]).reduce((u, k) => {
    const from = PLACEHOLDERS[k];
    const to = world[k];
    if (Array.isArray(from) && Array.isArray(to)) return from.reduce((v, f, i) => v.replace(f, to[i] ?? ''), u);
    return u.replace(String(from), String(to));
  }, url);

/** One signed-in phone per persona and mode; each test opens its page on it. */
async function signedIn(persona: Persona, care: boolean): Promise<Page> {
  const page = await phonePage(browser);
  if (care) await inCareMode(page);
  if (persona === 'newcomer') await signInAsNew(page, `${OPENID.newcomer}-${care ? 'care' : 'plain'}`);
  else await signInAs(page, OPENID[persona], '#home-todo, #home-todo-error, #home-units');
  return page;
}

async function check(page: Page, url: string, minFont: number, label: string): Promise<void> {
  await openPage(page, resolve(url));
  await page.waitForTimeout(700);
  const found = await measure(page, minFont);
  if (found.smallText.length + found.smallTargets.length + found.lowContrast.length > 0 || found.overflow) {
    await screenshot(page, `unreadable-${label}-${url.replace(/\?.*/, '').replace(/\//g, '-')}`);
  }
  expect(found).toEqual({ smallText: [], smallTargets: [], lowContrast: [], overflow: false });
}

const PERSONAS: [string, Persona][] = [
  ['a member', 'member'],
  ['a secretary', 'secretary'],
  ['a 党委 admin', 'admin'],
  ['someone not yet in a branch', 'newcomer'],
];

// Normal mode, and care mode: everything at 1.25×, so nothing under 15 px, and the narrower layout must still fit.
const MODES: [string, boolean, number][] = [
  ['', false, 12],
  [' in care mode (关怀模式)', true, 15],
];
describe.each(
  MODES.flatMap(([mode, care, minFont]) => PERSONAS.map(([who, persona]) => [`${who}${mode}`, persona, care, minFont] as const)),
)('as %s, at 390×844', (_who, persona, care, minFont) => {
  let page: Page;
  beforeAll(async () => {
    page = await signedIn(persona, care);
  });
  afterAll(async () => {
    await page.context().close();
  });
  it.each(pagesOf(persona))(
    `%s has no text under ${minFont} px, no control under 44 px, AA contrast and no sideways scrolling`,
    async (_name, url) => {
      await check(page, url, minFont, `${care ? 'care-' : ''}${persona}`);
    },
  );
});

it('lets people zoom: the viewport does not forbid scaling', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE_URL}/#/pages/dev/signin/index`);
  const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
  expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/);
  await page.context().close();
});

// A page's type size relative to the root: Taro's h5 sets the root's rem from min(width, height) of <html> when its script
// runs, which on a loaded machine can be 20 px instead of 20.8 px; care mode's zoom is what is measured here, not that.
function relativeSize(el: HTMLElement): number {
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return (parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom ?? 1)) / root;
}

it('care mode is switched in 我的, enlarges every page and simplifies the home, and is remembered after a restart', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-member-01', '#home-todo, #home-todo-error');
  await page.waitForSelector('#home-posts');
  const plain = await page.locator('#branch-name').evaluate(relativeSize);
  await page.goto(`${BASE_URL}/#/pages/me/index`);
  await page.waitForSelector('#me-care');
  expect(await page.locator('#me-care').getAttribute('aria-checked')).toBe('false');
  await page.locator('#me-care').click();
  await page.waitForSelector('#me-care[aria-checked="true"]');
  await page.reload();
  await page.waitForSelector('#me-care[aria-checked="true"]');
  await page.goto(`${BASE_URL}/#/pages/home/index`);
  await page.waitForSelector('#home-todo, #home-todo-error');
  const large = await page.locator('#branch-name').evaluate(relativeSize);
  expect(large / plain).toBeCloseTo(1.25, 2);
  // The essentials only: the to-do list stays, the news list goes.
  expect(await page.locator('#home-posts').count()).toBe(0);
  await screenshot(page, 'care-home');
  await page.context().close();
});

it('the h5 build routes every page of typings/pages.ts (a stale build cache once left a new page out)', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { pagePath, PAGE_NAMES } = await import('../../typings/pages');
  const dir = join(__dirname, '..', '..', 'dist', 'h5', 'js');
  const app = readdirSync(dir).find((f) => /^app\.[0-9a-f]+\.js$/.test(f));
  expect(app).toBeDefined();
  const code = readFileSync(join(dir, app!), 'utf8');
  const names = PAGE_NAMES;
  expect(names.filter((n) => !code.includes(`"path":"${pagePath(n)}"`))).toEqual([]);
});
