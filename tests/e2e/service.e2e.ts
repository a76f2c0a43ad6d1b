import type { Browser } from 'playwright-core';
import { DEMO_PEOPLE } from '../../local/seed';
import type { ArchiveView } from '../../typings/domain';
import type { ServiceRoster } from '../../typings/service';
import {
  BASE_URL,
  callAs,
  confirmModal,
  fill,
  launch,
  openPage,
  phonePage,
  screenshot,
  signInAs,
  signInAsNew,
  tokenFor,
  waitForText,
} from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SECRETARY = 'demo-secretary';
const RD = 'org-xh-branch-rd';
const nameOf = (openid: string) => DEMO_PEOPLE.find((p) => p.openid === openid)!.name;
const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

it('a resident (a new WeChat user) signs up for a public service slot and checks in; once the organiser confirms, the member’s hours reach their archive and the resident sees their record', async () => {
  const member = 'demo-member-05';
  const { projectId } = (await callAs(SECRETARY, 'service', 'saveProject', {
    orgId: RD,
    project: {
      title: '社区公园捡拾垃圾',
      description: '自带手套，工具由支部准备。',
      place: '星光社区中心公园南门',
      public: true,
      slots: [{ startAt: inMinutes(10), endAt: inMinutes(130), capacity: 10 }],
    },
  })) as { projectId: string };
  const slotId = ((await callAs(SECRETARY, 'service', 'project', { projectId })) as { slots: { id: string }[] }).slots[0]!.id;

  // The resident opens Zhibu for the first time and finds the project from the home.
  const resident = await phonePage(browser);
  await signInAsNew(resident, `e2e-resident-${Date.now()}`);
  await resident.locator('#home-service-open').click();
  await resident.waitForSelector(`#service-project-${projectId}`);
  await resident.locator(`#service-project-${projectId}`).click();
  await resident.waitForSelector(`#slot-signup-${slotId}`);
  await resident.locator(`#slot-signup-${slotId}`).click();
  await resident.waitForSelector('#resident-form');
  expect(await resident.locator('#resident-note').innerText()).toContain('加密保存');
  await fill(resident, 'resident-name', '孙秀兰');
  await fill(resident, 'resident-phone', '13912345678');
  // Without agreeing to the privacy notice nothing is sent.
  await resident.locator('#resident-submit').click();
  await waitForText(resident, '请先阅读并同意个人信息保护说明');
  await resident.locator('#consent-tick').click();
  await screenshot(resident, 'service-resident-signup');
  await resident.locator('#resident-submit').click();
  await resident.waitForSelector(`#checkin-box-${slotId}`);
  expect(await resident.locator(`#slot-state-${slotId}`).innerText()).toBe('已报名');

  // A member signs up too; both check in with the organiser's rotating code.
  await callAs(member, 'service', 'signUp', { slotId });
  const code = (await callAs(SECRETARY, 'service', 'code', { slotId })) as { digits: string };
  await callAs(member, 'service', 'checkin', { slotId, digits: code.digits });
  await fill(resident, `checkin-digits-${slotId}`, code.digits);
  await resident.locator(`#checkin-submit-${slotId}`).click();
  await waitForText(resident, '已签到，服务时长待组织者确认');

  // The organiser's slot page: the resident masked, the member by name; hours confirmed for both.
  const secretary = await phonePage(browser);
  await signInAs(secretary, SECRETARY, '#home-todo');
  await openPage(secretary, `packages/secretary/pages/service-slot/index?id=${slotId}`);
  await waitForText(secretary, '孙**');
  const text = await secretary.locator('body').innerText();
  expect(text).toContain('139****5678');
  expect(text).not.toContain('孙秀兰');
  expect(text).toContain(nameOf(member));
  await screenshot(secretary, 'service-slot-roster');
  await secretary.locator('#slot-confirm').click();
  await waitForText(secretary, '已确认 2 小时');
  const roster = (await callAs(SECRETARY, 'service', 'roster', { slotId })) as unknown as ServiceRoster;
  expect(roster.rows.map((r) => [r.kind, r.hours])).toEqual([
    ['resident', 2],
    ['member', 2],
  ]);

  // The member's archive has the hours; the resident's own page has the record.
  const archive = (await callAs(member, 'archive', 'mine', {})) as unknown as ArchiveView;
  const year = new Date().getFullYear();
  expect(archive.service.find((y) => y.year === year)?.hours).toBeGreaterThanOrEqual(2);
  const memberPage = await phonePage(browser);
  await signInAsNew(memberPage, member, '#home-todo');
  await openPage(memberPage, `packages/service/pages/certificate/index?year=${year}`);
  await memberPage.waitForSelector('#certificate-image');
  await screenshot(memberPage, 'service-certificate');
  await openPage(resident, 'packages/service/pages/index/index');
  await waitForText(resident, '社区公园捡拾垃圾');
  await waitForText(resident, '2 小时（已确认）');
  await screenshot(resident, 'service-resident-record');
  await resident.context().close();
  await secretary.context().close();
  await memberPage.context().close();
});

it('a resident’s wish goes from posted to reviewed, claimed by one member, done with a photo and confirmed by the resident', async () => {
  const claimer = 'demo-member-06';
  const resident = await phonePage(browser);
  await signInAsNew(resident, `e2e-wisher-${Date.now()}`);
  // From the branch's 心愿收集 link.
  await openPage(resident, `packages/service/pages/wishes/index?orgId=${RD}`);
  await resident.locator('#wishes-write').click();
  await resident.waitForSelector('#wish-form');
  await fill(resident, 'wish-title-input', '想请人教用手机视频通话');
  await fill(resident, 'wish-content', '孩子在外地工作，想学会用手机和他视频，希望有人教一教。');
  await fill(resident, 'wish-name', '钱桂英');
  await fill(resident, 'wish-phone', '13812349876');
  await resident.locator('#consent-tick').click();
  await screenshot(resident, 'wish-write');
  await resident.locator('#wish-send').click();
  await resident.waitForSelector('#wish-state');
  expect(await resident.locator('#wish-state').innerText()).toBe('待审核');
  const wishId = new URL(resident.url().replace('#', '')).searchParams.get('id')!;

  // The secretary publishes it; others then see it without its poster or contact.
  const secretary = await phonePage(browser);
  await signInAs(secretary, SECRETARY, '#home-todo');
  await openPage(secretary, `packages/secretary/pages/wish-inbox/index?orgId=${RD}`);
  await secretary.locator(`#wish-inbox-${wishId}`).click();
  await secretary.waitForSelector('#wish-publish');
  await secretary.locator('#wish-publish').click();
  await waitForText(secretary, '待认领');

  const member = await phonePage(browser);
  await signInAsNew(member, claimer, '#home-todo');
  await openPage(member, 'packages/service/pages/wishes/index');
  await member.locator(`#wish-${wishId}`).click();
  await member.waitForSelector('#wish-claim');
  expect(await member.locator('body').innerText()).not.toContain('13812349876');
  await member.locator('#wish-claim').click();
  await confirmModal(member, '认领这个心愿');
  await member.waitForSelector('#wish-contact');
  expect(await member.locator('#wish-contact').innerText()).toContain('13812349876');
  // A second member is too late.
  expect(await fetchAs('demo-member-07', 'service', 'claimWish', { wishId }).then((r) => (r.ok ? 'ok' : r.code))).toBe('CONFLICT');
  const photo = await member.screenshot({ clip: { x: 0, y: 0, width: 300, height: 200 } });
  const chooser = member.waitForEvent('filechooser');
  await member.locator('#wish-photos-add').click();
  await (await chooser).setFiles({ name: 'done.png', mimeType: 'image/png', buffer: photo });
  await member.waitForSelector('#wish-photos-remove-0');
  await fill(member, 'wish-note', '已教会视频通话，还加了子女的微信。');
  await member.locator('#wish-fulfil-submit').click();
  await waitForText(member, '完成情况');

  // The resident sees it done on their to-do list and confirms.
  await openPage(resident, 'pages/home/index');
  await waitForText(resident, '你的心愿「想请人教用手机视频通话」已完成');
  await openPage(resident, `packages/service/pages/wish/index?id=${wishId}`);
  await resident.waitForSelector('#wish-confirm');
  await fill(resident, 'wish-thanks', '谢谢你，耐心又细致！');
  await resident.locator('#wish-confirm').click();
  await waitForText(resident, '已完成');
  await waitForText(resident, '谢谢你，耐心又细致！');
  await screenshot(resident, 'wish-confirmed');
  const stats = (await callAs(SECRETARY, 'service', 'stats', { orgId: RD })) as { wishes: Record<string, number> };
  expect(stats.wishes['confirmed']).toBeGreaterThanOrEqual(1);
  await resident.context().close();
  await secretary.context().close();
  await member.context().close();
});

/** A call whose refusal is the point: the result as the gateway gives it. */
async function fetchAs(openid: string, fn: string, action: string, data: object): Promise<{ ok: boolean; code?: string }> {
  const res = await fetch(`${BASE_URL}/api/functions/${fn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(openid)}` },
    body: JSON.stringify({ action, data }),
  });
  return (await res.json()) as { ok: boolean; code?: string };
}
