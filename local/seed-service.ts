import type { MembershipDoc, OrgDoc, ServiceProjectDoc, ServiceSignupDoc, ServiceSlotDoc, UserDoc } from '../cloudfunctions/common/db';
import { nameKey } from '../cloudfunctions/common/names';
import { PRIVACY_VERSION } from '../typings/domain';
import { inShanghai, shanghaiDayStart } from '../typings/time';
import type { Runtime } from './runtime';
import { DEMO_PEOPLE } from './seed';

/**
 * Demo 志愿服务, 微心愿, 党员进社区 and 党费, written through the functions as people would, except a past
 * service day (the functions take sign-ups only before a slot starts): a community party organisation
 * (星光社区) with its secretary, a resident who is not a member, a public service project of the first
 * branch with a resident and a member signed up, last month's service day with confirmed hours, a member
 * registered with the community, wishes in three states, and the first branch's dues for the year.
 */
async function call<T>(runtime: Runtime, fn: string, action: string, data: object, openid: string): Promise<T> {
  const res = await runtime.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`demo service ${fn}.${action}: ${res.message}`);
  return res.data as T;
}

const RD = 'org-xh-branch-rd';
export const COMMUNITY = 'org-sq-committee';
export const COMMUNITY_BRANCH = 'org-sq-branch';
export const COMMUNITY_SECRETARY = 'demo-community-secretary';
export const RESIDENT = 'demo-resident';
const member = (i: number) => `demo-member-${String(i).padStart(2, '0')}`;
/** Membership of demo-member-i (see local/seed.ts). */
const membership = (i: number) => `m-demo-${String(i + 4).padStart(3, '0')}`;
const nameOf = (i: number) => DEMO_PEOPLE.find((p) => p.openid === member(i))!.name;

export const DEMO_SERVICE_TITLE = '关爱社区老人·义务理发';
export const DEMO_WISH_TITLE = '楼道灯坏了想请人修一修';

const ORGS: Omit<OrgDoc, 'createdAt'>[] = [
  { _id: COMMUNITY, name: '星光社区党委', type: 'committee', parentId: null, path: [], sort: 10, community: true },
  {
    _id: COMMUNITY_BRANCH,
    name: '星光社区第一网格党支部',
    type: 'branch',
    parentId: COMMUNITY,
    path: [COMMUNITY],
    sort: 1,
    community: true,
  },
];

const DAY = 24 * 3600 * 1000;
/** How each demo amount was worked out (按月工资收入的比例, as the Party's rules on dues set it). */
const BASES = [
  '月工资收入 2400 元，按 0.5% 计',
  '月工资收入 4000 元，按 0.5% 计',
  '月工资收入 3550 元，按 1% 计',
  '离退休费 1600 元，按 0.5% 计',
  '月工资收入 3000 元，按 0.5% 计',
];

/** A Beijing wall-clock time `days` from today, as an ISO instant. */
const at = (now: Date, days: number, hhmm: string) =>
  new Date(shanghaiDayStart(inShanghai(now.getTime() + days * DAY).format('YYYY-MM-DD')).getTime() + minutes(hhmm) * 60_000).toISOString();
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The community party organisation, its secretary and a resident who consented to the privacy notice. Idempotent. */
export async function seedCommunity(runtime: Runtime, now: Date): Promise<void> {
  const db = runtime.db;
  if ((await db.collection('orgs').doc(COMMUNITY).get()).data.length > 0) return;
  for (const org of ORGS) await db.collection('orgs').add({ ...org, createdAt: now });
  const users: UserDoc[] = [
    { _id: 'u-demo-sq-01', openid: COMMUNITY_SECRETARY, nickname: '吴秀英', createdAt: now, lastSeenAt: now },
    { _id: 'u-demo-sq-02', openid: RESIDENT, nickname: '社区居民', createdAt: now, lastSeenAt: now },
  ];
  for (const u of users) await db.collection('users').add({ ...u });
  const m: MembershipDoc = {
    _id: 'm-demo-sq-01',
    openid: COMMUNITY_SECRETARY,
    orgId: COMMUNITY_BRANCH,
    role: 'secretary',
    status: 'active',
    name: '吴秀英',
    nameKey: nameKey('吴秀英'),
    joinedAt: new Date(now.getTime() - 900 * DAY),
  };
  await db.collection('memberships').add({ ...m });
  await call(runtime, 'privacy', 'consent', { version: PRIVACY_VERSION }, RESIDENT);
}

/** Last month's service day of the community, its hours confirmed: written directly (its slot is in the past). */
async function pastServiceDay(runtime: Runtime, now: Date): Promise<void> {
  const db = runtime.db;
  const start = new Date(at(now, -20, '09:00'));
  const end = new Date(at(now, -20, '11:00'));
  const project: ServiceProjectDoc = {
    _id: 'sp-demo-clean',
    orgId: COMMUNITY_BRANCH,
    title: '社区环境清洁日',
    description: '清理楼道杂物、小广告，整理公共绿地。',
    place: '星光社区 3 号楼前广场',
    images: [],
    public: true,
    audienceOrgIds: [COMMUNITY_BRANCH],
    firstStartAt: start,
    lastEndAt: end,
    cancelled: false,
    createdBy: COMMUNITY_SECRETARY,
    createdAt: start,
    updatedAt: start,
  };
  const slot: ServiceSlotDoc = {
    _id: 'sDemoClean1',
    projectId: project._id,
    orgId: COMMUNITY_BRANCH,
    startAt: start,
    endAt: end,
    capacity: 20,
    taken: 2,
    hours: 2,
  };
  await db.collection('service_projects').add({ ...project });
  await db.collection('service_slots').add({ ...slot });
  const done = (i: number): ServiceSignupDoc => ({
    _id: `sg-demo-clean-${i}`,
    slotId: slot._id,
    projectId: project._id,
    orgId: COMMUNITY_BRANCH,
    openid: member(i),
    kind: 'member',
    memberId: membership(i),
    homeOrgId: RD,
    name: nameOf(i),
    nameEnc: null,
    phoneEnc: null,
    nameMasked: nameOf(i),
    phoneMasked: null,
    status: 'signed',
    startAt: start,
    endAt: end,
    year: inShanghai(start).year(),
    createdAt: start,
    checkedInAt: start,
    method: 'code',
    failures: 0,
    hours: 2,
    confirmedAt: end,
  });
  for (const i of [1, 2, 3]) await db.collection('service_signups').add({ ...done(i) });
}

export async function seedDemoService(runtime: Runtime, now: Date): Promise<number> {
  const { total } = await runtime.db.collection('service_projects').count();
  if (total > 0) return 0;
  await seedCommunity(runtime, now);
  await pastServiceDay(runtime, now);

  // 党员进社区: demo-member-02 lives in 星光社区 and registered there.
  await call(runtime, 'service', 'register', { orgId: COMMUNITY_BRANCH }, member(2));

  // The first branch's public service project: a resident and a member sign up.
  const { projectId } = await call<{ projectId: string }>(
    runtime,
    'service',
    'saveProject',
    {
      orgId: RD,
      project: {
        title: DEMO_SERVICE_TITLE,
        description: '为社区 70 岁以上老人义务理发、测血压。欢迎有理发手艺的党员和居民报名，工具由支部统一准备。',
        place: '星光社区党群服务中心一楼',
        public: true,
        slots: [
          { startAt: at(now, 2, '09:00'), endAt: at(now, 2, '11:30'), capacity: 8 },
          { startAt: at(now, 9, '14:00'), endAt: at(now, 9, '16:30'), capacity: 8 },
        ],
      },
    },
    'demo-secretary',
  );
  const project = await call<{ slots: { id: string }[] }>(runtime, 'service', 'project', { projectId }, 'demo-secretary');
  const first = project.slots[0]!.id;
  await call(runtime, 'service', 'signUp', { slotId: first, resident: { name: '赵桂兰', phone: '13800001234' } }, RESIDENT);
  await call(runtime, 'service', 'signUp', { slotId: first }, member(4));

  // 微心愿 to the community branch: one to review, one published, one claimed by the member living there.
  const wish = (title: string, content: string) =>
    call<{ wishId: string }>(
      runtime,
      'service',
      'postWish',
      { orgId: COMMUNITY_BRANCH, title, content, contact: { name: '赵桂兰', phone: '13800001234' } },
      RESIDENT,
    );
  const a = await wish(DEMO_WISH_TITLE, '三楼楼道灯坏了一个多月，晚上上下楼看不清，想请人帮忙换个灯泡。');
  const b = await wish('想学用智能手机挂号', '家里老人想学会用手机在医院公众号上挂号、看检查报告，希望有人教一教。');
  await wish('希望有人陪老伴散步聊天', '老伴腿脚不便，平时很少出门，希望周末有人陪着在小区里走走、聊聊天。');
  await call(runtime, 'service', 'reviewWish', { wishId: a.wishId, decision: 'publish' }, COMMUNITY_SECRETARY);
  await call(runtime, 'service', 'reviewWish', { wishId: b.wishId, decision: 'publish' }, COMMUNITY_SECRETARY);
  await call(runtime, 'service', 'claimWish', { wishId: b.wishId }, member(2));

  // 党费: the first branch's 组织委员 sets each member's amount and records this year's payments.
  const year = inShanghai(now).year();
  const month = inShanghai(now).month() + 1;
  const months = (upTo: number) => Array.from({ length: upTo }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const rd = [...[1, 2, 3], 5, 6, 7, 8, 9, 10, 11];
  for (const [k, i] of rd.entries()) {
    const amount = [1200, 2000, 3550, 800, 1500][k % 5]!;
    await call(
      runtime,
      'dues',
      'setRate',
      { memberId: membership(i), amount, basis: BASES[k % 5]!, since: `${year}-01` },
      'demo-committee',
    );
    // Most are paid up to last month; demo-member-03 still owes two months.
    const paidUpTo = i === 3 ? month - 3 : month - 1;
    if (paidUpTo > 0) {
      await call(
        runtime,
        'dues',
        'pay',
        {
          memberId: membership(i),
          months: months(paidUpTo),
          method: k % 2 ? 'transfer' : 'cash',
          paidOn: `${year}-${String(Math.max(1, paidUpTo)).padStart(2, '0')}-10`,
          receiptNo: `DF${year}${String(k + 1).padStart(3, '0')}`,
        },
        'demo-committee',
      );
    }
  }
  return 1;
}
