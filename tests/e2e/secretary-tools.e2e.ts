import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import {
  BASE_URL,
  confirmModal,
  fill,
  isDisabled,
  launch,
  memberCount,
  openFromGroup,
  phonePage,
  screenshot,
  signInAs,
  signInAsNew,
  waitForText,
  openTool,
} from './browser';

// Counts are compared before and after each change on this file's own runtime (tests/e2e/setup.ts).

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function rosterFile(name: string, rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('党员名册');
  sheet.addRow(['姓名', '性别', '手机号', '身份证号', '党员状态', '进入该阶段日期']);
  for (const r of rows) sheet.addRow(r);
  const file = join(tmpdir(), `${name}-${Date.now()}.xlsx`);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

async function importThroughPage(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#import-pick').click();
  await (await chooser).setFiles(file);
}

it('a secretary imports a roster from Excel: a bad row imports nothing and is reported; the fixed file imports', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-secretary');
  const before = await memberCount(page);
  await openTool(page, 'members');
  await page.waitForSelector('#members-import');
  await page.locator('#members-import').click();
  await page.waitForSelector('#import-pick');

  await importThroughPage(
    page,
    await rosterFile('bad', [
      ['赵雅静', '女', '13800000101', '', '正式党员', '2015-07-01'],
      ['钱', '男', '12345', '', '', ''],
    ]),
  );
  await page.waitForSelector('#import-failed');
  const report = await page.locator('#import-failed').innerText();
  expect(report).toContain('没有导入任何人');
  expect(report).toContain('第 3 行');
  expect(report).toContain('手机号格式不正确');
  await screenshot(page, 'import-failed');

  await importThroughPage(
    page,
    await rosterFile('good', [
      ['赵雅静', '女', '13800000101', '', '正式党员', '2015-07-01'],
      ['钱振宇', '男', '13800000102', '', '预备党员', '2026-03-01'],
    ]),
  );
  await page.waitForSelector('#import-done');
  expect(await page.locator('#import-done').innerText()).toContain('已导入 2 名党员');
  await screenshot(page, 'import-done');

  // Back on the branch home (a tab page that stays mounted), the count is fresh.
  await page.goto(`${BASE_URL}/#/pages/home/index`);
  await page.waitForSelector('#member-count');
  await page.waitForFunction((n) => document.querySelector('#member-count')?.textContent === String(n), before + 2);

  // 钱振宇 now opens Zhibu on WeChat and applies; the secretary approves him as his roster entry, not a second record.
  await signInAsNew(page, 'e2e-roster-qian');
  await page.locator('#home-find-branch').click();
  await fill(page, 'join-search', '研发');
  await page.locator('#join-search-submit').click();
  await page.locator('#join-pick-org-xh-branch-rd').click();
  await fill(page, 'join-name', '钱振宇');
  await page.locator('#join-submit').click();
  await page.waitForSelector('#join-pending');
  await signInAs(page, 'demo-secretary');
  await page.locator('#shortcut-review').click();
  await page.waitForSelector('[id^="roster-pick-"]');
  expect(await page.locator('[id^="roster-pick-"]').first().innerText()).toMatch(/是名册中的钱振宇\s+138\*{4}0102 · 预备党员 · 同名/);
  await page.locator('[id^="roster-pick-"]').first().click();
  await screenshot(page, 'approvals-roster');
  await page.locator('[id^="approve-"]').first().click();
  await waitForText(page, '没有待审核的申请');
  await signInAsNew(page, 'e2e-roster-qian', '#branch-name');
  expect(await memberCount(page)).toBe(before + 2);
});

it('a member asks to move to another branch; the sending and then the receiving secretary approve; they land there', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-secretary');
  const before = await memberCount(page);
  await signInAs(page, 'demo-member-12');
  await page.goto(`${BASE_URL}/#/pages/me/index`);
  await page.locator('#me-transfer').click();
  await page.waitForSelector('#transfer-ask');
  await page.locator('#transfer-ask').click();
  await fill(page, 'transfer-search', '研发');
  await page.locator('#transfer-search-submit').click();
  await page.locator('#transfer-pick-org-xh-branch-rd').click();
  await fill(page, 'transfer-reason', '工作调动到研发中心');
  await page.locator('#transfer-submit').click();
  await waitForText(page, '待转出支部审核');
  await screenshot(page, 'transfer-mine');

  // The sending branch (第二支部) agrees first …
  await signInAs(page, 'demo-secretary-2');
  await openTool(page, 'transfers');
  await page.waitForSelector('[id^="approve-"]');
  expect(await page.locator('[id^="transfer-"]').first().innerText()).toContain('工作调动到研发中心');
  await screenshot(page, 'transfers-out');
  await page.locator('[id^="approve-"]').first().click();
  await waitForText(page, '没有待审核的转接');

  // … then the receiving branch (第一支部).
  await signInAs(page, 'demo-secretary');
  await openTool(page, 'transfers');
  await page.waitForSelector('[id^="approve-"]');
  expect(await page.locator('[id^="transfer-"]').first().innerText()).toContain('转入');
  await page.locator('[id^="approve-"]').first().click();
  await waitForText(page, '没有待审核的转接');

  await signInAs(page, 'demo-member-12');
  expect(await page.locator('#branch-name').innerText()).toBe('第一党支部（研发中心）');
  expect(await memberCount(page)).toBe(before + 1);
  await page.goto(`${BASE_URL}/#/pages/transfer/index`);
  await waitForText(page, '已完成');
});

it('a secretary binds a group from inside it, and a newcomer opening Zhibu from that group lands on “apply to join”', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-secretary-2');
  await openTool(page, 'groups');
  await page.waitForSelector('#group-share');
  // In WeChat the card goes into the group; here the share sheet shows the card and its path.
  await page.locator('#group-share').click();
  await page.waitForSelector('#share-path');
  const path = (await page.locator('#share-path').getAttribute('data-path')) ?? '';
  expect(path).toBe('/packages/secretary/pages/groups/index?orgId=org-xh-branch-mk');
  await screenshot(page, 'groups-share');

  // Open the card "from" the unbound demo group: the dev page passes the group's CloudID.
  const groups = (await (await fetch(`${BASE_URL}/api/dev/groups`)).json()) as { data: { label: string; cloudID: string }[] };
  const unbound = groups.data.find((g) => g.label === '未绑定支部的群')!;
  await page.goto(`${BASE_URL}/#${path}&cloudID=${encodeURIComponent(unbound.cloudID)}`);
  await page.waitForSelector('#group-bind');
  await fill(page, 'group-label', '市场部党员群');
  await screenshot(page, 'groups-bind');
  await page.locator('#group-bind-submit').click();
  await waitForText(page, '市场部党员群');
  expect(await page.locator('#group-bind').count()).toBe(0);

  await signInAsNew(page, 'e2e-group-newcomer');
  await openFromGroup(page, '市场部党员群');
  await page.waitForSelector('#join-branch');
  expect(await page.locator('#join-branch').innerText()).toContain('第二党支部（市场服务部）');
});

it('a secretary makes a member 宣传委员; the branch home lists them, and the audit log records it', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-secretary');
  await page.goto(`${BASE_URL}/#/packages/secretary/pages/member/index?orgId=org-xh-branch-rd&memberId=m-demo-007&name=x`);
  await page.waitForSelector('#role-form');
  await page.locator('#role-committee').click();
  await page.locator('#duty-propaganda').click();
  await page.locator('#role-save').click();
  await waitForText(page, '现任：宣传委员');
  await screenshot(page, 'member-role');

  await page.goto(`${BASE_URL}/#/pages/home/index`);
  await page.waitForSelector('#home-leaders');
  expect(await page.locator('#home-leaders').innerText()).toContain('宣传委员 周晓明');
  await openTool(page, 'audit');
  await page.waitForSelector('[id^="audit-"]');
  expect(await page.locator('[id^="audit-"]').first().innerText()).toContain('宣传委员');
  await screenshot(page, 'audit');
});

it('an org admin adds a branch; removing a branch that has members is refused with a clear message', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-admin');
  await page.goto(`${BASE_URL}/#/packages/secretary/pages/org/index`);
  await page.waitForSelector('#org-add-branch-org-xh-committee');
  await page.locator('#org-add-branch-org-xh-committee').click();
  await fill(page, 'org-name', '第三党支部（财务部）');
  await page.locator('#org-save').click();
  await waitForText(page, '第三党支部（财务部）');

  await page.locator('#org-remove-org-xh-branch-mk').click();
  await confirmModal(page, '删除「第二党支部（市场服务部）」？');
  await page.waitForSelector('#org-error');
  expect(await page.locator('#org-error').innerText()).toContain('还有');
  await screenshot(page, 'org-admin');
  expect(await page.locator('#org-org-xh-branch-mk').count()).toBe(1);
});

it('a secretary creates an invite; the card link brings a newcomer to “apply to join”; revoked, it no longer works', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-secretary');
  await openTool(page, 'invites');
  await page.waitForSelector('#invite-create');
  await page.locator('#invite-create').click();
  await page.waitForSelector('#invite-show-qr');
  await page.locator('#invite-show-qr').click();
  await page.waitForSelector('#invite-qr img, img#invite-qr');
  await screenshot(page, 'invite');
  await page.locator('#invite-share').click();
  const path = (await page.locator('#share-path').getAttribute('data-path')) ?? '';
  expect(path).toMatch(/^\/pages\/join\/index\?invite=/);

  await signInAsNew(page, 'e2e-invitee');
  await page.goto(`${BASE_URL}/#${path}`);
  await page.waitForSelector('#join-branch');
  expect(await page.locator('#join-branch').innerText()).toContain('第一党支部（研发中心）');

  await signInAs(page, 'demo-secretary');
  await page.goto(`${BASE_URL}/#/packages/secretary/pages/invites/index?orgId=org-xh-branch-rd`);
  await page.locator('[id^="invite-revoke-"]').first().click();
  await confirmModal(page, '作废这个邀请？');
  await page.waitForSelector('#invite-create');

  await signInAsNew(page, 'e2e-invitee-late');
  await page.goto(`${BASE_URL}/#${path}`);
  // Not there any more: said so, with the way home instead of a retry that cannot help.
  await page.waitForSelector('#state-unavailable');
  expect(await page.locator('#state-unavailable').innerText()).toContain('邀请无效');
  expect(await page.locator('#state-home').count()).toBe(1);
});

it('a member adds a photo to their archive; their secretary sees it on the member page', async () => {
  const page = await phonePage(browser);
  await signInAsNew(page, 'demo-member-03', '#branch-name');
  await page.goto(`${BASE_URL}/#/pages/archive/index`);
  await page.waitForSelector('#archive-photo, #privacy-notice');
  if (await page.locator('#privacy-notice').count()) await page.locator('#consent-agree').click();
  await page.waitForSelector('#archive-photo-change');
  // A synthetic portrait: a red square drawn by the browser, not a real person.
  const png = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 120;
    c.height = 160;
    const g = c.getContext('2d')!;
    g.fillStyle = '#c8161d';
    g.fillRect(0, 0, 120, 160);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#archive-photo-change').click();
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await page.waitForSelector('#archive-photo-image img, img#archive-photo-image');
  await screenshot(page, 'archive-photo');

  await signInAs(page, 'demo-secretary');
  await page.goto(`${BASE_URL}/#/packages/secretary/pages/member/index?orgId=org-xh-branch-rd&memberId=m-demo-007&name=x`);
  await page.waitForSelector('#member-photo img, img#member-photo');
  const src = await page.locator('#member-photo img, img#member-photo').first().getAttribute('src');
  // A signed, expiring URL the browser can load (storage is not a public folder).
  expect(src).toMatch(/\/storage\/photos\/[0-9a-f]{32}\.png\?e=\d+&s=[\w-]+$/);
  await page.waitForFunction(() => {
    const img = document.querySelector('#member-photo img, img#member-photo') as HTMLImageElement | null;
    return Boolean(img && img.complete && img.naturalWidth > 0);
  });
  const bare = await page.request.get(src!.split('?')[0]!);
  expect(bare.status()).toBe(403);
});

it('a member deletes their personal data after typing the confirmation; the archive asks for consent again', async () => {
  const page = await phonePage(browser);
  await signInAs(page, 'demo-member-01');
  await page.goto(`${BASE_URL}/#/pages/archive/index`);
  await page.waitForSelector('#archive-delete-open, #privacy-notice');
  if (await page.locator('#privacy-notice').count()) await page.locator('#consent-agree').click();
  await page.waitForSelector('#archive-delete-open');
  await page.locator('#archive-delete-open').click();
  await page.waitForSelector('#archive-delete');
  expect(await isDisabled(page, '#archive-delete-confirm')).toBe(true);
  await fill(page, 'archive-delete-phrase', '删除我的个人信息');
  expect(await isDisabled(page, '#archive-delete-confirm')).toBe(false);
  await screenshot(page, 'archive-delete');
  await page.locator('#archive-delete-confirm').click();
  await page.waitForSelector('#privacy-notice');
});
