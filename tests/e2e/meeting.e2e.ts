import type { Browser } from 'playwright-core';
import { BASE_URL, fill, launch, phonePage, screenshot, signInAs, tokenFor, waitForText } from './browser';

// Runs after home.e2e.ts (tests/e2e/sequencer.js).

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function call(openid: string, fn: string, action: string, data: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${BASE_URL}/api/functions/${fn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(openid)}` },
    body: JSON.stringify({ action, data }),
  });
  const body = (await res.json()) as { ok: boolean; data: Record<string, unknown>; message?: string };
  if (!body.ok) throw new Error(`${fn}.${action}: ${body.message}`);
  return body.data;
}

it('a secretary creates an activity and shares it; a member signs up from the link and checks in with the code on the secretary’s screen; the board shows them present', async () => {
  const secretary = await phonePage(browser);
  await signInAs(secretary, 'demo-secretary');
  await secretary.locator('.weui-tabbar__item', { hasText: '活动' }).click();
  await secretary.waitForSelector('#activity-create');
  await secretary.locator('#activity-create').click();
  await secretary.waitForSelector('#edit-title');
  await fill(secretary, 'edit-title', '十二月主题党日');
  await fill(secretary, 'edit-place', '研发中心三楼会议室');
  await fill(secretary, 'edit-capacity', '30');
  await secretary.locator('#edit-type-theme_day').click();
  await screenshot(secretary, 'activity-edit');
  await secretary.locator('#edit-save').click();
  await secretary.waitForSelector('#activity-title');
  expect(await secretary.locator('#activity-status').innerText()).toBe('报名中');

  // The card for the group chat: its path brings members straight to this activity.
  await secretary.locator('#activity-share').click();
  const path = await secretary.locator('#share-path').innerText();
  expect(path).toMatch(/^\/pages\/activity\/detail\/index\?id=a[0-9A-Za-z]{10}$/);
  await screenshot(secretary, 'activity-share');
  const activityId = path.split('id=')[1]!;

  const member = await phonePage(browser);
  await signInAs(member, 'demo-member-01');
  await member.goto(`${BASE_URL}/#${path}`);
  await member.waitForSelector('#signup-join');
  await member.locator('#signup-join').click();
  await member.waitForSelector('#my-signup');
  expect(await member.locator('#my-signup').innerText()).toContain('已报名');
  await screenshot(member, 'activity-signed-up');

  // The meeting day comes: the secretary moves it to have started a minute ago (as editing the time would), so check-in is open.
  const detail = await call('demo-secretary', 'activity', 'detail', { activityId });
  const start = new Date(Date.now() - 60 * 1000);
  await call('demo-secretary', 'activity', 'update', {
    activityId,
    type: detail['type'],
    title: detail['title'],
    description: detail['description'],
    place: detail['place'],
    capacity: detail['capacity'],
    audience: detail['audience'],
    signupRequired: true,
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
  });

  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/checkin-screen/index?id=${activityId}`);
  await secretary.waitForSelector('#screen-digits');
  await secretary.waitForSelector('#screen-qr img, img#screen-qr');
  await screenshot(secretary, 'checkin-screen');
  const digits = (await secretary.locator('#screen-digits').innerText()).trim();
  expect(digits).toMatch(/^\d{6}$/);

  // The member opens the activity again (a fresh page, as after tapping the card in the group).
  await member.goto(`${BASE_URL}/#${path}`);
  await member.reload();
  await member.waitForSelector('#checkin-digits');
  await fill(member, 'checkin-digits', digits);
  await member.locator('#checkin-submit').click();
  await waitForText(member, '已签到');
  await screenshot(member, 'activity-checked-in');

  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/board/index?id=${activityId}`);
  await secretary.waitForSelector('#row-m-demo-005');
  expect(await secretary.locator('#row-m-demo-005').innerText()).toContain('已签到');
  expect(await secretary.locator('#count-present').innerText()).toContain('1');
  await screenshot(secretary, 'board');

  // The secretary writes the minutes and closes the record.
  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/record/index?id=${activityId}`);
  await secretary.waitForSelector('#record-form');
  await fill(secretary, 'record-topic', '学习党的二十届四中全会精神');
  await fill(secretary, 'record-host', '林建华');
  await fill(secretary, 'record-recorder', '陈海燕');
  await fill(secretary, 'record-content', '集体学习全会公报，党员逐一交流学习体会。');
  await fill(secretary, 'record-resolutions', '每名党员撰写学习心得一篇。');
  await secretary.locator('#record-close').click();
  await secretary.waitForSelector('#record-card');
  expect(await secretary.locator('#record-attendance').innerText()).toContain('实到 1 人');
  await screenshot(secretary, 'record-closed');

  // The member sees the meeting in their archive's activity history, and the record on the activity.
  await member.goto(`${BASE_URL}/#/pages/archive/index`);
  await member.reload();
  await member.waitForSelector('#archive-delete-open, #privacy-notice');
  if (await member.locator('#privacy-notice').count()) await member.locator('#consent-agree').click();
  await member.waitForSelector(`#history-${activityId}`);
  expect(await member.locator(`#history-${activityId}`).innerText()).toMatch(/十二月主题党日[\s\S]*有会议纪实[\s\S]*出席/);
  await screenshot(member, 'archive-history');
  await member.locator(`#history-${activityId}`).click();
  await member.waitForSelector('#record-card');
  expect(await member.locator('#record-card').innerText()).toContain('每名党员撰写学习心得一篇。');
});
