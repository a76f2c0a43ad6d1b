import type { Db } from '@cloudbase/database';
import type { MembershipDoc, OrgDoc, UserDoc } from '../cloudfunctions/common/db';
import { nameKey } from '../cloudfunctions/common/names';
import type { Role } from '../typings/domain';

/** All names are synthetic: generated from common characters, not taken from real people. */
const SURNAMES = ['林', '陈', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '罗', '郑'];
const GIVEN = [
  '建华',
  '晓明',
  '丽娟',
  '志强',
  '海燕',
  '文博',
  '春梅',
  '国栋',
  '雅静',
  '宏伟',
  '秀英',
  '子涵',
  '振宇',
  '佳怡',
  '德胜',
  '慧敏',
  '家豪',
  '若琳',
  '永康',
  '思远',
];

export const DEMO_ORGS: Omit<OrgDoc, 'createdAt'>[] = [
  { _id: 'org-xh-committee', name: '星河科技有限公司党委', type: 'committee', parentId: null, path: [], sort: 0 },
  {
    _id: 'org-xh-branch-rd',
    name: '第一党支部（研发中心）',
    type: 'branch',
    parentId: 'org-xh-committee',
    path: ['org-xh-committee'],
    sort: 1,
  },
  {
    _id: 'org-xh-branch-mk',
    name: '第二党支部（市场服务部）',
    type: 'branch',
    parentId: 'org-xh-committee',
    path: ['org-xh-committee'],
    sort: 2,
  },
];

export interface Persona {
  openid: string;
  name: string;
  label: string;
  orgId: string | null;
  role: Role | null;
}

function memberName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
}

/** The people of the demo organisation: one secretary, one admin, and 20 members in two branches. */
function demoPeople(): Persona[] {
  const people: Persona[] = [
    { openid: 'demo-admin', name: '郑德胜', label: '党委管理员', orgId: 'org-xh-committee', role: 'admin' },
    { openid: 'demo-secretary', name: '林建华', label: '第一支部书记', orgId: 'org-xh-branch-rd', role: 'secretary' },
    { openid: 'demo-committee', name: '陈海燕', label: '第一支部支委', orgId: 'org-xh-branch-rd', role: 'committee' },
    { openid: 'demo-secretary-2', name: '黄国栋', label: '第二支部书记', orgId: 'org-xh-branch-mk', role: 'secretary' },
  ];
  for (let i = 1; i <= 20; i += 1) {
    const orgId = i <= 11 ? 'org-xh-branch-rd' : 'org-xh-branch-mk';
    people.push({ openid: `demo-member-${String(i).padStart(2, '0')}`, name: memberName(i), label: '党员', orgId, role: 'member' });
  }
  return people;
}

export const DEMO_PEOPLE = demoPeople();

/** Personas offered on the dev sign-in page: the interesting ones first, then a newcomer with no branch. */
export const PERSONAS: Persona[] = [
  ...DEMO_PEOPLE.slice(0, 5),
  ...DEMO_PEOPLE.filter((p) => p.orgId === 'org-xh-branch-mk' && p.role === 'member').slice(0, 1),
  { openid: 'demo-newcomer', name: '新用户', label: '尚未加入支部', orgId: null, role: null },
  // From local/seed-service.ts: a community's secretary (党员进社区, 微心愿) and a resident who is not a member.
  { openid: 'demo-community-secretary', name: '吴秀英', label: '社区党支部书记', orgId: 'org-sq-branch', role: 'secretary' },
  { openid: 'demo-resident', name: '社区居民', label: '社区居民（非党员）', orgId: null, role: null },
];

async function addIfMissing(db: Db, collection: string, doc: { _id: string } & Record<string, unknown>): Promise<boolean> {
  const { data } = await db.collection(collection).doc(doc._id).get();
  if (data.length) return false;
  await db.collection(collection).add(doc);
  return true;
}

/** Seeds the demo organisation. Idempotent: documents have fixed ids and existing ones are left alone. */
export async function seedDemo(db: Db, now: Date): Promise<{ added: number }> {
  let added = 0;
  for (const org of DEMO_ORGS) if (await addIfMissing(db, 'orgs', { ...org, createdAt: now })) added += 1;
  for (const [i, p] of DEMO_PEOPLE.entries()) {
    const joinedAt = new Date(now.getTime() - (400 + i * 37) * 24 * 3600 * 1000);
    const user: UserDoc = {
      _id: `u-demo-${String(i + 1).padStart(3, '0')}`,
      openid: p.openid,
      nickname: p.name,
      createdAt: joinedAt,
      lastSeenAt: joinedAt,
    };
    if (await addIfMissing(db, 'users', { ...user })) added += 1;
    if (p.orgId && p.role) {
      const m: MembershipDoc = {
        // Membership ids are opaque: they reach clients, openids never do.
        _id: `m-demo-${String(i + 1).padStart(3, '0')}`,
        openid: p.openid,
        orgId: p.orgId,
        role: p.role,
        ...(p.role === 'committee' ? { duty: 'organization' as const } : {}),
        status: 'active',
        name: p.name,
        nameKey: nameKey(p.name),
        joinedAt,
      };
      if (await addIfMissing(db, 'memberships', { ...m })) added += 1;
    }
  }
  const groups = [
    { _id: 'g-demo-rd', openGId: 'G-demo-rd-party', orgId: 'org-xh-branch-rd', label: '第一支部党员群', boundBy: 'demo-secretary' },
    { _id: 'g-demo-mk', openGId: 'G-demo-mk-party', orgId: 'org-xh-branch-mk', label: '第二支部党员群', boundBy: 'demo-secretary-2' },
  ];
  for (const g of groups) if (await addIfMissing(db, 'group_bindings', { ...g, boundAt: now })) added += 1;
  await backfillNameKeys(db);
  return { added };
}

/** Data dirs made before memberships had a pinyin sort key get one, so the directory order is right. */
async function backfillNameKeys(db: Db): Promise<void> {
  const _ = db.command;
  for (;;) {
    const { data } = await db
      .collection('memberships')
      .where({ nameKey: _.exists(false) })
      .limit(100)
      .get();
    if (data.length === 0) return;
    for (const m of data as MembershipDoc[])
      await db
        .collection('memberships')
        .doc(m._id)
        .update({ nameKey: nameKey(m.name) });
  }
}

/** A group chat with no branch bound, for trying that path on the dev page. */
export const UNBOUND_DEMO_GROUP = { openGId: 'G-demo-unbound', label: '未绑定支部的群' };
