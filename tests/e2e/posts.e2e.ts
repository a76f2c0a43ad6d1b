import type { Browser } from 'playwright-core';
import { BASE_URL, fill, launch, phonePage, screenshot, signInAs, signInAsNew, waitForText } from './browser';

// The runtime of this file starts with the demo posts (tests/e2e/setup.ts).

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('a 支委 drafts a must-read notice with a picture (first told why flagged text cannot go out); the secretary publishes it; a member opens it from the shared link and confirms; the receipts show them confirmed and the rest unread', async () => {
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

  // She corrects the text, adds a picture and an attachment, asks members to confirm, and submits it for review.
  await committee.locator('#block-0-text textarea').fill('各位党员：\n定于12月10日下午两点开展主题党日活动，请准时参加。');
  const picture = await committee.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
  const imageChooser = committee.waitForEvent('filechooser');
  await committee.locator('#add-image').click();
  await (await imageChooser).setFiles({ name: 'poster.png', mimeType: 'image/png', buffer: picture });
  await committee.waitForSelector('#edit-body .post-edit__image');
  const fileChooser = committee.waitForEvent('filechooser');
  await committee.locator('#add-attachment').click();
  await (
    await fileChooser
  ).setFiles({
    name: '主题党日活动方案.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
  });
  await waitForText(committee, '主题党日活动方案.pdf');
  await fill(committee, 'edit-title', '关于开展十二月主题党日活动的通知');
  await committee.locator('#edit-must-read-yes').click();
  await committee.locator('#edit-submit').click();
  await waitForText(committee, '已提交，等待书记审核');
  await screenshot(committee, 'post-submitted');

  // The secretary finds it waiting for review and publishes it.
  const secretary = await phonePage(browser);
  await signInAs(secretary, 'demo-secretary');
  await secretary.goto(`${BASE_URL}/#/packages/secretary/pages/posts/index?orgId=org-xh-branch-rd`);
  await secretary.waitForSelector('.posts-editor__pending');
  await secretary.locator('.posts-editor__pending', { hasText: '关于开展十二月主题党日活动的通知' }).click();
  await secretary.waitForSelector('#edit-publish');
  await secretary.waitForSelector('#edit-body .post-edit__image');
  await secretary.locator('#edit-publish').click();
  await secretary.waitForSelector('#post-title');
  await secretary.waitForSelector('#post-body .post-body__image');
  await secretary.locator('#post-share').click();
  const path = (await secretary.locator('#share-path').getAttribute('data-path')) ?? '';
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
  // Earlier e2e files may have added members to the branch: the audience is read from the page.
  const [, audience] = /已读 2\/(\d+)/.exec(await secretary.locator('#receipts-rate').innerText()) ?? [];
  expect(Number(audience)).toBeGreaterThanOrEqual(13);
  expect(await secretary.locator('#receipts-confirm-rate').innerText()).toContain('已确认 1');
  expect(await secretary.locator('#receipt-m-demo-006').count()).toBe(0); // 未读 tab: the member who confirmed is not there
  expect(await secretary.locator('.nut-cell', { hasText: '未读' }).count()).toBe(Number(audience) - 2);
  await screenshot(secretary, 'post-receipts');
  await secretary.locator('#receipts-confirmed').click();
  await secretary.waitForSelector('#receipt-m-demo-006');
  expect(await secretary.locator('#receipt-m-demo-006').innerText()).toContain('确认');
});
