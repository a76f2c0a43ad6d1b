import type { Browser } from 'playwright-core';
import { BASE_URL, callAs, launch, phonePage, screenshot, signInAs, signInAsNew } from './browser';
import { measure } from './readable';

let browser: Browser;
/** A meeting starting in ten minutes (check-in open) and a notice, for the detail pages. */
const world = { activityId: '', postId: '' };
const RD = 'org-xh-branch-rd';

beforeAll(async () => {
  browser = await launch();
  const start = new Date(Date.now() + 10 * 60 * 1000);
  const activity = await callAs('demo-secretary', 'activity', 'create', {
    orgId: RD,
    type: 'theme_day',
    title: '十二月主题党日',
    description: '学习党的二十届四中全会精神',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    signupDeadline: null,
    place: '研发中心三楼会议室',
    capacity: 30,
    audience: { kind: 'unit' },
    signupRequired: true,
  });
  world.activityId = String(activity['id']);
  const posts = (await callAs('demo-member-01', 'post', 'list', {}))['posts'] as { id: string }[];
  expect(posts.length).toBeGreaterThan(0);
  world.postId = posts[0]!.id;
});
afterAll(async () => {
  await browser.close();
});

/** The pages reworked so far for older members; the rest join these lists as they are (issue 12). */
const TABS = [
  'pages/home/index',
  'pages/post/index',
  'pages/activity/index',
  'pages/me/index',
  'pages/archive/index',
  'pages/transfer/index',
];
const DETAILS = [() => `pages/activity/detail/index?id=${world.activityId}`, () => `pages/post/detail/index?id=${world.postId}`];
const TOOLS = [
  ...[
    'approvals',
    'members',
    'posts',
    'records',
    'stats',
    'activity-edit',
    'post-edit',
    'invites',
    'groups',
    'audit',
    'org',
    'due',
    'transfers',
    'import',
  ].map((p) => () => `packages/secretary/pages/${p}/index?orgId=${RD}`),
  ...['board', 'record', 'checkin-screen'].map((p) => () => `packages/secretary/pages/${p}/index?id=${world.activityId}`),
];
const all = (paths: (string | (() => string))[]) => paths.map((p) => [typeof p === 'string' ? p : p().replace(/\?.*/, ''), p] as const);

describe.each([
  ['a member', 'demo-member-01', all([...TABS, ...DETAILS])],
  ['a secretary', 'demo-secretary', all([...TABS, ...DETAILS, ...TOOLS])],
  ['someone not yet in a branch', 'e2e-readable-newcomer', all(TABS)],
])('as %s, at 390×844', (_who, openid, pages) => {
  it.each(pages)('%s has no text under 12 px, no control under 44 px, AA contrast and no sideways scrolling', async (_name, path) => {
    const page = await phonePage(browser);
    if (openid.startsWith('demo-')) await signInAs(page, openid);
    else await signInAsNew(page, openid);
    const url = typeof path === 'string' ? path : path();
    await page.goto(`${BASE_URL}/#/${url}`);
    // The page has loaded when its state view has gone.
    await page.waitForFunction(() => !document.querySelector('#state-loading'));
    await page.waitForTimeout(800);
    const found = await measure(page);
    if (found.smallText.length + found.smallTargets.length + found.lowContrast.length > 0 || found.overflow) {
      await screenshot(page, `unreadable-${openid}-${url.replace(/\?.*/, '').replace(/\//g, '-')}`);
    }
    expect(found).toEqual({ smallText: [], smallTargets: [], lowContrast: [], overflow: false });
    await page.context().close();
  });
});

it('lets people zoom: the viewport does not forbid scaling', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE_URL}/#/pages/dev/signin/index`);
  const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
  expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/);
  await page.context().close();
});
