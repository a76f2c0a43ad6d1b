import type { Browser } from 'playwright-core';
import { BASE_URL, fill, launch, phonePage, screenshot, signInAs, signInAsNew, waitForText } from './browser';

// Runs after meeting.e2e.ts (tests/e2e/sequencer.js); the runtime was started with the demo posts.

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('a 支委 drafts a notice whose text fails the content check and is told why; the secretary publishes a must-read notice; a member opens it from the shared link and confirms; the receipts show it', async () => {
  // 陈海燕 (支委) writes, but the text is flagged: the draft is saved, the submission refused with the reason.
  const committee = await phonePage(browser);
  await signInAs(committee, 'demo-committee');
  await committee.goto(`${BASE_URL}/#/pages/post/index`);
  await committee.waitForSelector('#posts-desk');
  await committee.locator('#posts-desk').click();
  await committee.waitForSelector('#posts-new');
  await committee.locator('#posts-new').click();
  await committee.waitForSelector('#edit-title');
  await fill(committee, 'edit-title', '关于学习的通知');
  await committee.locator('#block-0-text textarea').fill('这是一段违规测试文字。');
  await committee.locator('#edit-submit').click();
  await committee.waitForSelector('#edit-error');
  expect(await committee.locator('#edit-error').innerText()).toContain('未通过安全检查');
  await screenshot(committee, 'post-flagged');

  // The secretary writes a must-read notice with an attachment and publishes it.
  const secretary = await phonePage(browser);
  await signInAs(secretary, 'demo-secretary');
  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/post-edit/index?orgId=org-xh-branch-rd`);
  await secretary.waitForSelector('#edit-title');
  await fill(secretary, 'edit-title', '关于开展十二月主题党日活动的通知');
  await secretary.locator('#block-0-text textarea').fill('各位党员：\n定于12月10日下午两点开展主题党日活动，请准时参加。');
  await secretary.locator('#edit-must-read-yes').click();
  const chooser = secretary.waitForEvent('filechooser');
  await secretary.locator('#add-attachment').click();
  await (
    await chooser
  ).setFiles({
    name: '主题党日活动方案.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
  });
  await waitForText(secretary, '主题党日活动方案.pdf');
  await secretary.locator('#edit-publish').click();
  await secretary.waitForSelector('#post-title');
  await secretary.locator('#post-share').click();
  const path = await secretary.locator('#share-path').innerText();
  expect(path).toMatch(/^\/pages\/post\/detail\/index\?id=p[0-9A-Za-z]{10}$/);
  const postId = path.split('id=')[1]!;

  // A member of the branch: the notice is on the home, unread and marked 需阅知; opened from the link, confirmed.
  const member = await phonePage(browser);
  await signInAsNew(member, 'demo-member-02', '#branch-name');
  await member.waitForSelector(`#home-posts #post-${postId}`);
  expect(await member.locator(`#home-posts #post-${postId}`).innerText()).toContain('需阅知');
  await member.goto(`${BASE_URL}/#${path}`);
  await member.waitForSelector('#must-read-confirm');
  await waitForText(member, '主题党日活动方案.pdf');
  await screenshot(member, 'post-must-read');
  await member.locator('#must-read-confirm').click();
  await member.waitForSelector('#must-read-done');

  // Someone from another branch gets the restricted page, not an error.
  const outsider = await phonePage(browser);
  await signInAsNew(outsider, 'demo-member-12', '#branch-name');
  await outsider.goto(`${BASE_URL}/#${path}`);
  await outsider.waitForSelector('#post-restricted');
  expect(await outsider.locator('body').innerText()).not.toContain('主题党日活动方案');

  // The receipts: the secretary (a member of the branch, who saw it after publishing) and the member read it, one confirmed.
  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/post-receipts/index?id=${postId}`);
  await secretary.waitForSelector('#receipts-rate');
  expect(await secretary.locator('#receipts-rate').innerText()).toContain('已读 2/13');
  expect(await secretary.locator('#receipts-confirm-rate').innerText()).toContain('已确认 1');
  await secretary.locator('#receipts-confirmed').click();
  await waitForText(secretary, '确认');
  await screenshot(secretary, 'post-receipts');
});
