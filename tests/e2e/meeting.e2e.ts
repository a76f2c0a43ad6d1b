import type { Browser, Page } from 'playwright-core';
import { BASE_URL, callAs, confirmModal, fill, launch, phonePage, screenshot, signInAs, tokenFor, waitForText } from './browser';

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

/** The meeting day comes: the organiser moves it to have started a minute ago (as editing the time would), so check-in is open. */
async function startNow(activityId: string): Promise<void> {
  const detail = await call('demo-secretary', 'activity', 'detail', { activityId });
  const start = new Date(Date.now() - 60 * 1000);
  await call('demo-secretary', 'activity', 'update', {
    activityId,
    type: detail['type'],
    title: detail['title'],
    description: detail['description'],
    place: detail['place'],
    location: detail['location'],
    capacity: detail['capacity'],
    audience: detail['audience'],
    signupRequired: detail['signupRequired'],
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
  });
}

/** The six digits on the organiser's check-in screen, read from the page. */
async function digitsOnScreen(screen: Page, activityId: string): Promise<string> {
  await screen.goto(`${BASE_URL}/#/packages/secretary/pages/checkin-screen/index?id=${activityId}`);
  await screen.waitForSelector('#screen-digits');
  const digits = (await screen.locator('#screen-digits').innerText()).trim();
  expect(digits).toMatch(/^\d{6}$/);
  return digits;
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
  const path = (await secretary.locator('#share-path').getAttribute('data-path')) ?? '';
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

  // The meeting day comes.
  await startNow(activityId);

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
  // While check-in is open it leads the page: the field is on the first screen, without scrolling.
  expect((await member.locator('#checkin-digits').boundingBox())!.y).toBeLessThan(844 - 60);
  await fill(member, 'checkin-digits', digits);
  await member.locator('#checkin-submit').click();
  await waitForText(member, '已签到');
  // Success is a green card with the time.
  await member.waitForSelector('#checked-in');
  expect(await member.locator('#checked-in').innerText()).toMatch(/已签到\s+\d+月\d+日 \d\d:\d\d/);
  await screenshot(member, 'activity-checked-in');

  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/board/index?id=${activityId}`);
  await secretary.waitForSelector('#row-m-demo-005');
  expect(await secretary.locator('#row-m-demo-005').innerText()).toContain('出席');
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
  // Closing is asked first, with what it does.
  await confirmModal(secretary, '归档会议记录？');
  // The meeting is still running: the page says what closing early does, and the secretary agrees.
  await secretary.waitForSelector('.taro-modal__text:has-text("确定提前归档吗")');
  await screenshot(secretary, 'record-close-early');
  await secretary.locator('.taro-model__confirm').click();
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

it('a 支委会 for the committee only, with a poster and a check-in radius: an invited 支委 at the venue checks in, one far away is refused, a member not invited cannot open it', async () => {
  const VENUE = { latitude: 31.23041, longitude: 121.4737 };
  const secretary = await phonePage(browser, VENUE);
  await signInAs(secretary, 'demo-secretary');
  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/activity-edit/index?orgId=org-xh-branch-rd`);
  await secretary.waitForSelector('#edit-title');
  await fill(secretary, 'edit-title', '十二月支委会');
  await fill(secretary, 'edit-place', '研发中心三楼小会议室');
  await secretary.locator('#edit-type-committee_meeting').click();
  await secretary.locator('#edit-audience-members').click();
  await secretary.locator('#audience-committee').click();
  await waitForText(secretary, '已选 2 人');
  // The check-in spot is where the secretary stands (a browser has no map picker), 200 m around it.
  await secretary.locator('#edit-location-mode-on').click();
  await secretary.waitForSelector('#edit-location-spot');
  expect(await secretary.locator('#edit-location-spot').innerText()).toContain('31.23041');
  await secretary.locator('#edit-radius-200').click();
  // A poster: any PNG will do; this one is drawn by the browser.
  const poster = await secretary.screenshot({ clip: { x: 0, y: 0, width: 300, height: 200 } });
  const chooser = secretary.waitForEvent('filechooser');
  await secretary.locator('#edit-images-add').click();
  await (await chooser).setFiles({ name: 'poster.png', mimeType: 'image/png', buffer: poster });
  await secretary.waitForSelector('#edit-images-remove-0');
  await screenshot(secretary, 'activity-edit-committee');
  await secretary.locator('#edit-save').click();
  await secretary.waitForSelector('#activity-title');
  await secretary.waitForSelector('#activity-images img');
  await waitForText(secretary, '受邀的 2 名党员');
  await waitForText(secretary, '需在活动地点 200 米内');
  const activityId = new URL(secretary.url().replace('#', '')).searchParams.get('id')!;

  // A member who is not invited gets a clear refusal, not the activity.
  const outsider = await phonePage(browser);
  await signInAs(outsider, 'demo-member-01');
  await outsider.goto(`${BASE_URL}/#/pages/activity/detail/index?id=${activityId}`);
  await waitForText(outsider, '你不在该活动的参加范围内');

  await startNow(activityId);
  const screen = await phonePage(browser, VENUE);
  await signInAs(screen, 'demo-secretary');

  // 陈海燕 (支委) is 50 m from the spot: checked in. She sees the poster.
  const near = await phonePage(browser, { latitude: 31.23086, longitude: 121.4737 });
  await signInAs(near, 'demo-committee');
  await near.goto(`${BASE_URL}/#/pages/activity/detail/index?id=${activityId}`);
  await near.waitForSelector('#activity-images img');
  await near.waitForSelector('#checkin-digits');
  await fill(near, 'checkin-digits', await digitsOnScreen(screen, activityId));
  await near.locator('#checkin-submit').click();
  // Checked in without having signed up (none needed to come): the green card says so, once.
  await near.waitForSelector('#checked-in');
  expect(await near.locator('#checked-in').innerText()).toMatch(/已签到\s+\d+月\d+日 \d\d:\d\d/);
  expect(await near.locator('#my-signup').count()).toBe(0);
  await screenshot(near, 'activity-checked-in-at-venue');

  // The secretary's own phone, 2 km away, is refused with the distance.
  const far = await phonePage(browser, { latitude: 31.25041, longitude: 121.4737 });
  await signInAs(far, 'demo-secretary');
  await far.goto(`${BASE_URL}/#/pages/activity/detail/index?id=${activityId}`);
  await far.waitForSelector('#checkin-digits');
  await fill(far, 'checkin-digits', await digitsOnScreen(screen, activityId));
  await far.locator('#checkin-submit').click();
  await waitForText(far, '超出签到范围（200 米）');
});

it('a member’s home leads with today’s meeting, and they check in from the home card with the code on the secretary’s screen', async () => {
  const start = new Date(Date.now() + 10 * 60 * 1000);
  const meeting = await callAs('demo-secretary', 'activity', 'create', {
    orgId: 'org-xh-branch-rd',
    type: 'general_meeting',
    title: '十二月支部党员大会',
    description: '',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    signupDeadline: null,
    place: '研发中心三楼会议室',
    capacity: null,
    audience: { kind: 'unit' },
    signupRequired: false,
  });
  const code = (await callAs('demo-secretary', 'checkin', 'code', { activityId: meeting['id'] })) as { digits: string };
  expect(code.digits).toMatch(/^\d{6}$/);

  const page = await phonePage(browser);
  await signInAs(page, 'demo-member-01', '#home-todo');
  // The first to-do is the meeting, with its 签到 button, above everything else on the home.
  const first = page.locator('#home-todo .todo__item').first();
  expect(await first.innerText()).toContain('十二月支部党员大会');
  const box = await first.boundingBox();
  expect(box && box.y + box.height).toBeLessThan(844);
  await first.locator('.todo__checkin').click();
  await page.waitForSelector('#checkin-digits');
  await fill(page, 'checkin-digits', code.digits);
  await page.locator('#checkin-submit').click();
  await page.waitForSelector('#checked-in');
  expect(await page.locator('#checked-in').innerText()).toContain('已签到');
  await screenshot(page, 'home-checkin-done');
  const board = (await callAs('demo-secretary', 'checkin', 'board', { activityId: meeting['id'] })) as {
    rows: { name: string; state: string; method: string | null }[];
  };
  expect(board.rows.find((r) => r.name === '陈国栋')).toMatchObject({ state: 'present', method: 'code' });
});
