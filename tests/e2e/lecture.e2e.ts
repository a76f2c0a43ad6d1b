import type { Browser } from 'playwright-core';
import { BASE_URL, callAs, fill, launch, openPage, phonePage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('a live lecture: the member checks in online with the code on the organiser’s screen and asks a question the organiser marks answered', async () => {
  const start = new Date(Date.now() - 60 * 1000);
  const lecture = await callAs('demo-secretary', 'activity', 'create', {
    orgId: 'org-xh-branch-rd',
    type: 'live_lecture',
    title: '十二月直播党课',
    place: '线上（视频号直播）',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 90 * 60 * 1000).toISOString(),
    signupDeadline: null,
    audience: { kind: 'unit' },
    signupRequired: false,
    live: { finderUserName: 'sphDemoLive01', link: 'https://live.example.invalid/lecture' },
  });
  const activityId = String(lecture['id']);

  // The lecturer's check-in code, as shown in the stream.
  const lecturer = await phonePage(browser);
  await signInAs(lecturer, 'demo-secretary');
  await openPage(lecturer, `packages/secretary/pages/checkin-screen/index?id=${activityId}`);
  await lecturer.waitForSelector('#screen-digits');
  const digits = (await lecturer.locator('#screen-digits').innerText()).trim();
  expect(digits).toMatch(/^\d{6}$/);

  const member = await phonePage(browser);
  await signInAs(member, 'demo-member-01');
  await openPage(member, `pages/activity/detail/index?id=${activityId}`);
  await member.waitForSelector('#live-box');
  // No Channels in the browser: the page says where to watch instead.
  await member.locator('#live-watch').click();
  expect(await member.locator('#live-note').innerText()).toContain('sphDemoLive01');
  await fill(member, 'checkin-digits', digits);
  await member.locator('#checkin-submit').click();
  await member.waitForSelector('#checked-in');

  await fill(member, 'question-text', '学习笔记要写多少字？');
  await member.locator('#question-ask').click();
  await member.waitForSelector('#questions .live__text');
  expect(await member.locator('#questions .live__text').first().innerText()).toBe('学习笔记要写多少字？');

  // The organiser marks it answered.
  await openPage(lecturer, `pages/activity/detail/index?id=${activityId}`);
  const answer = lecturer.locator('[id$="-answered"]').first();
  await answer.waitFor();
  await answer.click();
  await lecturer.waitForSelector('.live__answered');
  await screenshot(lecturer, 'lecture-organiser');

  await member.reload();
  await member.waitForSelector('.live__answered');
  await screenshot(member, 'lecture-member');
  const board = (await callAs('demo-secretary', 'checkin', 'board', { activityId })) as { rows: { method: string | null; name: string }[] };
  expect(board.rows.filter((r) => r.method === 'online')).toHaveLength(1);
  await member.context().close();
  await lecturer.context().close();
  expect(BASE_URL).not.toBe('');
}, 120_000);
