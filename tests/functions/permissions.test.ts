import { ACCESS } from '../../cloudfunctions/common/permissions';
import { localCloudID } from '../../local/openapi';
import { PRIVACY_VERSION } from '../../typings/domain';
import { createActivity } from '../helpers/activity';
import { callPost, draftPost, postInput, publishedPost } from '../helpers/post';
import { demoRuntime } from '../helpers/runtime';

/**
 * The permission matrix: every action x who x scope (own branch, other branch, parent unit, a unit
 * that does not exist). Every action of the permission table must have rows here.
 */
type Who = 'anonymous' | 'newcomer' | 'member' | 'committee' | 'secretary' | 'otherSecretary' | 'admin';
const WHO: Who[] = ['anonymous', 'newcomer', 'member', 'committee', 'secretary', 'otherSecretary', 'admin'];
const OPENID: Record<Exclude<Who, 'anonymous'>, string> = {
  newcomer: 'someone-new',
  member: 'demo-member-03',
  committee: 'demo-committee',
  secretary: 'demo-secretary',
  otherSecretary: 'demo-secretary-2',
  admin: 'demo-admin',
};

const OWN = 'org-xh-branch-rd';
const OTHER = 'org-xh-branch-mk';
const PARENT = 'org-xh-committee';
const MISSING = 'org-does-not-exist';
/** Membership ids from the demo seed: demo-member-03 in the own branch, demo-member-12 in the other. */
const OWN_MEMBER = 'm-demo-007';
const OTHER_MEMBER = 'm-demo-016';

/** Outcome per caller, as 'ok' or the error code; `f` is the outcome of everyone not listed (besides anonymous). */
function row(listed: Partial<Record<Who, string>>, others = 'FORBIDDEN'): Record<Who, string> {
  return Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? 'UNAUTHENTICATED' : (listed[w] ?? others)])) as Record<Who, string>;
}
const everyone = row({}, 'ok');

type Runtime = Awaited<ReturnType<typeof demoRuntime>>;
/** Input, or how to make it in a fresh runtime (for ids of documents the row needs). */
type Input = object | ((rt: Runtime) => Promise<object>);

/** A pending join request in a branch, made by someone who is not a member anywhere. */
const pendingRequestIn = (orgId: string) => async (rt: Runtime) => {
  const res = await rt.invoke('join', { action: 'apply', data: { orgId, name: '申请人', via: 'search' } }, { openid: 'applicant-x' });
  if (!res.ok) throw new Error(`setup failed: ${res.code}`);
  return { requestId: (res.data as { id: string }).id, approve: true };
};

const groupCloudID = (openGId: string) => localCloudID({ openGId });
/** A group bound to a branch by the branch's secretary (or the admin, for the parent unit). */
const boundGroupIn = (orgId: string) => async (rt: Runtime) => {
  const res = await rt.invoke(
    'group',
    { action: 'bind', data: { orgId, cloudID: groupCloudID(`G-${orgId}`), label: '党员群' } },
    { openid: 'demo-admin' },
  );
  if (!res.ok) throw new Error(`setup failed: ${res.code}`);
  return { bindingId: (res.data as { id: string }).id };
};
const inviteIn = (orgId: string) => async (rt: Runtime) => {
  const res = await rt.invoke('invite', { action: 'create', data: { orgId } }, { openid: 'demo-admin' });
  if (!res.ok) throw new Error(`setup failed: ${res.code}`);
  return { inviteId: (res.data as { id: string }).id, path: (res.data as { path: string }).path };
};

/** A transfer of demo-member-03 from the own branch to the other, awaiting the own branch. */
const pendingTransfer = async (rt: Runtime) => {
  const res = await rt.invoke(
    'transfer',
    { action: 'request', data: { fromOrgId: OWN, toOrgId: OTHER, reason: '工作调动' } },
    { openid: 'demo-member-03' },
  );
  if (!res.ok) throw new Error(`setup failed: ${res.code}`);
  return { transferId: (res.data as { id: string }).id, approve: true };
};

/** An activity of a unit, made by the admin, starting ten minutes after the demo clock (so check-in is open). */
const activityIn =
  (orgId: string, extra: Record<string, unknown> = {}) =>
  async (rt: Runtime) => ({
    activityId: await createActivity(
      rt,
      { orgId, startAt: '2026-11-28T10:10:00.000Z', endAt: '2026-11-28T12:00:00.000Z', signupDeadline: null, ...extra },
      { openid: 'demo-admin' },
    ),
  });
const withActivity =
  (orgId: string, build: (activityId: string, rt: Runtime) => Promise<object> | object, extra = {}) =>
  async (rt: Runtime) => {
    const { activityId } = await activityIn(orgId, extra)(rt);
    return build(activityId, rt);
  };
const NO_ACTIVITY = 'aNoSuchOne1';
const NO_POST = 'pNoSuchOne1';
const ownDrafters = row({ committee: 'ok', secretary: 'ok', admin: 'ok' });
/** A post of a unit written by the admin: a draft, submitted for review, or published. */
const withPost =
  (orgId: string, state: 'draft' | 'pending' | 'published', build: (postId: string) => object, extra: Record<string, unknown> = {}) =>
  async (rt: Runtime) => {
    const postId =
      state === 'published' ? await publishedPost(rt, extra, 'demo-admin', orgId) : await draftPost(rt, extra, 'demo-admin', orgId);
    if (state === 'pending') await callPost(rt, 'submit', { postId }, 'demo-admin');
    return build(postId);
  };
const NEWS = { kind: 'news', title: '支部开展志愿服务活动', public: true };
/** A comment by a member of the own branch on a news post there. */
const withComment = async (rt: Runtime) => {
  const postId = await publishedPost(rt, NEWS, 'demo-admin', OWN);
  const c = await callPost(rt, 'comment', { postId, text: '很有意义的活动' }, 'demo-member-03');
  return { commentId: c['id'] as string, hidden: true };
};

const activityBody = {
  type: 'theme_day',
  title: '主题党日',
  startAt: '2026-12-10T06:00:00.000Z',
  endAt: '2026-12-10T08:00:00.000Z',
  place: '会议室',
  audience: { kind: 'unit' },
  signupRequired: true,
};
const codeOf = async (rt: Runtime, activityId: string) => {
  const res = await rt.invoke('checkin', { action: 'code', data: { activityId } }, { openid: 'demo-admin' });
  if (!res.ok) throw new Error(`setup failed: ${res.code}`);
  return res.data as { digits: string; payload: string };
};
/** Audience members of the own branch: the member, the committee member and the secretary. */
const ownAudience = row({ member: 'ok', committee: 'ok', secretary: 'ok' });
const ownLeaders = row({ secretary: 'ok', admin: 'ok' });
const otherLeaders = row({ otherSecretary: 'ok', admin: 'ok' });

const MATRIX: [string, string, Input, Record<Who, string>][] = [
  ['user', 'signIn', {}, everyone],
  ['system', 'ping', {}, { ...everyone, anonymous: 'ok' }],
  ['org', 'tree', {}, everyone],
  ['branch', 'home', {}, everyone],
  ['branch', 'home', { orgId: OWN }, row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['branch', 'home', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['branch', 'home', { orgId: PARENT }, row({ admin: 'ok' })],
  ['branch', 'home', { orgId: MISSING }, row({})],
  ['org', 'create', { parentId: OWN, name: '第一党小组', type: 'group' }, row({ admin: 'ok' })],
  ['org', 'create', { parentId: OTHER, name: '第一党小组', type: 'group' }, row({ admin: 'ok' })],
  ['org', 'create', { parentId: PARENT, name: '第三党支部', type: 'branch' }, row({ admin: 'ok' })],
  ['org', 'create', { parentId: MISSING, name: '第一党小组', type: 'group' }, row({})],
  ['org', 'rename', { orgId: OWN, name: '第一党支部' }, row({ admin: 'ok' })],
  ['org', 'rename', { orgId: OTHER, name: '第二党支部' }, row({ admin: 'ok' })],
  ['org', 'rename', { orgId: PARENT, name: '星河科技党委' }, row({ admin: 'ok' })],
  ['org', 'rename', { orgId: MISSING, name: '不存在' }, row({})],
  // The admin passes the permission check and then meets the unit's members (or, for the top unit, its place).
  ['org', 'remove', { orgId: OWN }, row({ admin: 'CONFLICT' })],
  ['org', 'remove', { orgId: OTHER }, row({ admin: 'CONFLICT' })],
  ['org', 'remove', { orgId: PARENT }, row({ admin: 'CONFLICT' })],
  ['org', 'remove', { orgId: MISSING }, row({})],
  ['archive', 'mine', {}, everyone],
  // Signed in is enough to be asked; collecting data then needs consent to the privacy notice.
  ['archive', 'updateMine', { job: '工程师' }, row({}, 'CONSENT_REQUIRED')],
  ['archive', 'setPhoto', { fileID: null }, row({}, 'CONSENT_REQUIRED')],
  ['archive', 'get', { orgId: OWN, memberId: OWN_MEMBER }, row({ secretary: 'ok', admin: 'ok' })],
  ['archive', 'get', { orgId: OTHER, memberId: OTHER_MEMBER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  // The admin may act in the parent unit, but the member is not held there.
  ['archive', 'get', { orgId: PARENT, memberId: OWN_MEMBER }, row({})],
  ['archive', 'get', { orgId: MISSING, memberId: OWN_MEMBER }, row({})],
  ['archive', 'reveal', { field: 'phone' }, everyone],
  ['archive', 'reveal', { field: 'idCard', orgId: OWN, memberId: OWN_MEMBER }, row({ secretary: 'ok' })],
  ['archive', 'reveal', { field: 'idCard', orgId: OTHER, memberId: OTHER_MEMBER }, row({ otherSecretary: 'ok' })],
  ['archive', 'reveal', { field: 'idCard', orgId: PARENT, memberId: OWN_MEMBER }, row({})],
  ['archive', 'reveal', { field: 'idCard', orgId: MISSING, memberId: OWN_MEMBER }, row({})],
  ['org', 'search', { q: '支部' }, everyone],
  [
    'join',
    'apply',
    { orgId: OWN, name: '申请人', via: 'search' },
    // Members of a branch (this one, or another: a move is a transfer) cannot apply.
    row({ member: 'CONFLICT', committee: 'CONFLICT', secretary: 'CONFLICT', otherSecretary: 'CONFLICT' }, 'ok'),
  ],
  ['join', 'mine', {}, everyone],
  // Only the applicant may cancel: for everyone else the request does not exist.
  [
    'join',
    'cancel',
    async (rt) => ({ requestId: ((await pendingRequestIn(OWN)(rt)) as { requestId: string }).requestId }),
    row({}, 'NOT_FOUND'),
  ],
  ['join', 'inbox', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['join', 'inbox', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['join', 'inbox', { orgId: PARENT }, row({ admin: 'ok' })],
  ['join', 'inbox', { orgId: MISSING }, row({})],
  ['join', 'review', pendingRequestIn(OWN), row({ secretary: 'ok', admin: 'ok' })],
  ['join', 'review', pendingRequestIn(OTHER), row({ otherSecretary: 'ok', admin: 'ok' })],
  ['join', 'review', { requestId: 'jr-does-not-exist', approve: true }, row({})],
  ['group', 'bind', { orgId: OWN, cloudID: groupCloudID('G-1'), label: '一支部党员群' }, row({ secretary: 'ok', admin: 'ok' })],
  ['group', 'bind', { orgId: OTHER, cloudID: groupCloudID('G-2'), label: '二支部党员群' }, row({ otherSecretary: 'ok', admin: 'ok' })],
  // Only a branch takes a group: the admin passes the permission check and meets that rule.
  ['group', 'bind', { orgId: PARENT, cloudID: groupCloudID('G-3'), label: '党委群' }, row({ admin: 'INVALID_INPUT' })],
  ['group', 'bind', { orgId: MISSING, cloudID: groupCloudID('G-4'), label: '某群' }, row({})],
  ['group', 'unbind', boundGroupIn(OWN), row({ secretary: 'ok', admin: 'ok' })],
  ['group', 'unbind', boundGroupIn(OTHER), row({ otherSecretary: 'ok', admin: 'ok' })],
  ['group', 'unbind', { bindingId: 'no-such-binding' }, row({})],
  ['group', 'list', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['group', 'list', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['group', 'list', { orgId: MISSING }, row({})],
  ['group', 'enter', { cloudID: groupCloudID('G-unbound') }, everyone],
  ['invite', 'create', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'create', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['invite', 'create', { orgId: PARENT }, row({ admin: 'INVALID_INPUT' })],
  ['invite', 'create', { orgId: MISSING }, row({})],
  ['invite', 'qrcode', async (rt) => ({ inviteId: (await inviteIn(OWN)(rt)).inviteId }), row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'qrcode', { inviteId: 'no-such-invite00' }, row({})],
  ['invite', 'open', async (rt) => ({ token: decodeURIComponent((await inviteIn(OWN)(rt)).path.split('invite=')[1]!) }), everyone],
  ['invite', 'revoke', async (rt) => ({ inviteId: (await inviteIn(OWN)(rt)).inviteId }), row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'revoke', async (rt) => ({ inviteId: (await inviteIn(OTHER)(rt)).inviteId }), row({ otherSecretary: 'ok', admin: 'ok' })],
  ['invite', 'list', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'list', { orgId: MISSING }, row({})],
  ['member', 'list', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['member', 'list', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['member', 'list', { orgId: PARENT }, row({ admin: 'ok' })],
  ['member', 'list', { orgId: MISSING }, row({})],
  ['member', 'export', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['member', 'export', { orgId: MISSING }, row({})],
  ['member', 'importTemplate', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  // The file is checked after the permission: an unknown file is NOT_FOUND for those allowed.
  [
    'member',
    'import',
    { orgId: OWN, fileID: 'cloud://local.zhibu/uploads/0123456789abcdef0123456789abcdef/none-file-0000001.xlsx' },
    row({ secretary: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  ],
  [
    'member',
    'import',
    { orgId: OTHER, fileID: 'cloud://local.zhibu/uploads/0123456789abcdef0123456789abcdef/none-file-0000001.xlsx' },
    row({ otherSecretary: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  ],
  ['role', 'set', { memberId: OWN_MEMBER, role: 'committee', duty: 'propaganda' }, row({ secretary: 'ok', admin: 'ok' })],
  ['role', 'set', { memberId: OTHER_MEMBER, role: 'committee' }, row({ otherSecretary: 'ok', admin: 'ok' })],
  // Making a secretary is for admins only.
  ['role', 'set', { memberId: OWN_MEMBER, role: 'secretary' }, row({ admin: 'ok' })],
  ['role', 'set', { memberId: 'm-nobody', role: 'committee' }, row({})],
  ['privacy', 'status', {}, everyone],
  ['privacy', 'consent', { version: PRIVACY_VERSION }, row({ newcomer: 'UNAUTHENTICATED' }, 'ok')],
  ['privacy', 'withdraw', {}, row({ newcomer: 'UNAUTHENTICATED' }, 'ok')],
  ['privacy', 'exportMine', {}, everyone],
  ['privacy', 'deleteMine', { confirm: '删除我的个人信息' }, everyone],
  ['lifecycle', 'advance', { memberId: OWN_MEMBER, to: 'activist', date: '2025-01-01' }, row({ secretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'advance', { memberId: OTHER_MEMBER, to: 'activist', date: '2025-01-01' }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'advance', { memberId: 'm-nobody', to: 'activist', date: '2025-01-01' }, row({})],
  ['lifecycle', 'history', { memberId: OWN_MEMBER }, row({ secretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'history', { memberId: OTHER_MEMBER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'mine', {}, everyone],
  ['lifecycle', 'due', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'due', { orgId: PARENT }, row({ admin: 'ok' })],
  ['lifecycle', 'due', { orgId: MISSING }, row({})],
  // One's own membership in the unit named: only its members have one.
  ['transfer', 'request', { fromOrgId: OWN, toOrgId: OTHER, reason: '工作调动' }, row({ member: 'ok', committee: 'ok', secretary: 'ok' })],
  ['transfer', 'initiate', { memberId: OWN_MEMBER, toOrgId: OTHER, reason: '工作调动' }, row({ secretary: 'ok', admin: 'ok' })],
  ['transfer', 'initiate', { memberId: OTHER_MEMBER, toOrgId: OWN, reason: '工作调动' }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['transfer', 'review', pendingTransfer, row({ secretary: 'ok', admin: 'ok' })],
  ['transfer', 'review', { transferId: 'no-such-transfer', approve: true }, row({})],
  ['transfer', 'inbox', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['transfer', 'inbox', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['transfer', 'inbox', { orgId: MISSING }, row({})],
  ['transfer', 'mine', {}, everyone],
  ['audit', 'list', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['audit', 'list', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['audit', 'list', { orgId: PARENT }, row({ admin: 'ok' })],
  ['audit', 'list', { orgId: MISSING }, row({})],
  ['activity', 'create', { orgId: OWN, ...activityBody }, ownLeaders],
  ['activity', 'create', { orgId: OTHER, ...activityBody }, otherLeaders],
  ['activity', 'create', { orgId: PARENT, ...activityBody }, row({ admin: 'ok' })],
  ['activity', 'create', { orgId: MISSING, ...activityBody }, row({})],
  ['activity', 'update', withActivity(OWN, (activityId) => ({ activityId, ...activityBody })), ownLeaders],
  ['activity', 'update', withActivity(OTHER, (activityId) => ({ activityId, ...activityBody })), otherLeaders],
  ['activity', 'update', { activityId: NO_ACTIVITY, ...activityBody }, row({})],
  ['activity', 'cancel', withActivity(OWN, (activityId) => ({ activityId, reason: '时间冲突' })), ownLeaders],
  ['activity', 'cancel', withActivity(OTHER, (activityId) => ({ activityId, reason: '时间冲突' })), otherLeaders],
  ['activity', 'list', { when: 'upcoming' }, everyone],
  ['activity', 'list', { when: 'upcoming', orgId: OWN }, row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['activity', 'list', { when: 'past', orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['activity', 'list', { when: 'past', orgId: MISSING }, row({})],
  [
    'activity',
    'detail',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['activity', 'detail', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['activity', 'detail', { activityId: NO_ACTIVITY }, row({})],
  ['activity', 'audienceOptions', { orgId: OWN }, ownDrafters],
  ['activity', 'audienceOptions', { orgId: OTHER }, otherLeaders],
  ['activity', 'audienceOptions', { orgId: PARENT }, row({ admin: 'ok' })],
  ['activity', 'audienceOptions', { orgId: MISSING }, row({})],
  [
    'activity',
    'share',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['activity', 'share', { activityId: NO_ACTIVITY }, row({})],
  ['signup', 'join', withActivity(OWN, (activityId) => ({ activityId })), ownAudience],
  ['signup', 'join', withActivity(OTHER, (activityId) => ({ activityId })), row({ otherSecretary: 'ok' })],
  ['signup', 'join', { activityId: NO_ACTIVITY }, row({})],
  ['signup', 'cancel', withActivity(OWN, (activityId) => ({ activityId })), ownAudience],
  ['signup', 'leave', withActivity(OWN, (activityId) => ({ activityId, reason: '出差' })), ownAudience],
  [
    'signup',
    'remind',
    withActivity(OWN, (activityId) => ({ activityId, minutesBefore: 1440 })),
    row({ member: 'CLOSED', committee: 'CLOSED', secretary: 'CLOSED' }),
  ],
  ['signup', 'remind', { activityId: NO_ACTIVITY, minutesBefore: 15 }, row({})],
  [
    'signup',
    'review',
    withActivity(
      OWN,
      async (activityId, rt) => {
        await rt.invoke('signup', { action: 'join', data: { activityId } }, { openid: 'demo-member-01' });
        return { activityId, memberId: 'm-demo-005', kind: 'signup', approve: true };
      },
      { approvalRequired: true },
    ),
    ownLeaders,
  ],
  ['signup', 'review', { activityId: NO_ACTIVITY, memberId: OWN_MEMBER, kind: 'leave', approve: true }, row({})],
  ['checkin', 'code', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['checkin', 'code', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['checkin', 'wxacode', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  [
    'checkin',
    'submit',
    withActivity(OWN, async (activityId, rt) => ({ activityId, digits: (await codeOf(rt, activityId)).digits })),
    ownAudience,
  ],
  ['checkin', 'submit', { activityId: NO_ACTIVITY, digits: '123456' }, row({})],
  ['checkin', 'resolve', withActivity(OWN, async (activityId, rt) => ({ payload: (await codeOf(rt, activityId)).payload })), everyone],
  ['checkin', 'mark', withActivity(OWN, (activityId) => ({ activityId, memberId: OWN_MEMBER, present: true })), ownLeaders],
  ['checkin', 'mark', withActivity(OTHER, (activityId) => ({ activityId, memberId: OTHER_MEMBER, present: true })), otherLeaders],
  ['checkin', 'board', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['checkin', 'board', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['checkin', 'board', { activityId: NO_ACTIVITY }, row({})],
  [
    'record',
    'get',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ secretary: 'ok', admin: 'ok', member: 'NOT_FOUND', committee: 'NOT_FOUND' }),
  ],
  ['record', 'get', { activityId: NO_ACTIVITY }, row({})],
  [
    'record',
    'save',
    withActivity(OWN, (activityId) => ({ activityId, topic: '议题', host: '', recorder: '', content: '', resolutions: '' })),
    ownLeaders,
  ],
  ['record', 'save', { activityId: NO_ACTIVITY, topic: '议题', host: '', recorder: '', content: '', resolutions: '' }, row({})],
  ['record', 'close', withActivity(OWN, (activityId) => ({ activityId })), row({ secretary: 'NOT_OPEN', admin: 'NOT_OPEN' })],
  ['record', 'export', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['record', 'export', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['record', 'ledger', { orgId: OWN, from: '2026-01-01', to: '2026-12-31' }, ownLeaders],
  ['record', 'ledger', { orgId: PARENT, from: '2026-01-01', to: '2026-12-31' }, row({ admin: 'ok' })],
  ['record', 'ledger', { orgId: MISSING, from: '2026-01-01', to: '2026-12-31' }, row({})],
  ['record', 'stats', { orgId: OWN, year: 2026 }, ownLeaders],
  ['record', 'stats', { orgId: OTHER, year: 2026 }, otherLeaders],
  ['record', 'stats', { orgId: MISSING, year: 2026 }, row({})],
  ['record', 'history', {}, everyone],
  ['post', 'create', { orgId: OWN, ...postInput() }, ownDrafters],
  ['post', 'create', { orgId: OTHER, ...postInput() }, otherLeaders],
  ['post', 'create', { orgId: PARENT, ...postInput() }, row({ admin: 'ok' })],
  ['post', 'create', { orgId: MISSING, ...postInput() }, row({})],
  // The admin's draft: the branch's 支委 may not change someone else's; its leaders may.
  ['post', 'update', withPost(OWN, 'draft', (postId) => ({ postId, ...postInput() })), ownLeaders],
  ['post', 'update', withPost(OTHER, 'draft', (postId) => ({ postId, ...postInput() })), otherLeaders],
  ['post', 'update', { postId: NO_POST, ...postInput() }, row({})],
  ['post', 'submit', withPost(OWN, 'draft', (postId) => ({ postId })), ownLeaders],
  ['post', 'draft', withPost(OWN, 'draft', (postId) => ({ postId })), ownLeaders],
  ['post', 'draft', withPost(OWN, 'published', (postId) => ({ postId })), ownDrafters],
  ['post', 'draft', { postId: NO_POST }, row({})],
  ['post', 'versions', withPost(OWN, 'published', (postId) => ({ postId })), ownDrafters],
  ['post', 'versions', withPost(OTHER, 'published', (postId) => ({ postId })), otherLeaders],
  ['post', 'drafts', { orgId: OWN }, ownDrafters],
  ['post', 'drafts', { orgId: OTHER }, otherLeaders],
  ['post', 'drafts', { orgId: MISSING }, row({})],
  ['post', 'publish', withPost(OWN, 'pending', (postId) => ({ postId })), ownLeaders],
  ['post', 'publish', withPost(OTHER, 'draft', (postId) => ({ postId })), otherLeaders],
  ['post', 'publish', { postId: NO_POST }, row({})],
  ['post', 'return', withPost(OWN, 'pending', (postId) => ({ postId, note: '请补充时间地点' })), ownLeaders],
  [
    'post',
    'return',
    withPost(OWN, 'draft', (postId) => ({ postId, note: '请补充时间地点' })),
    row({ secretary: 'CONFLICT', admin: 'CONFLICT' }),
  ],
  ['post', 'correct', withPost(OWN, 'published', (postId) => ({ postId, note: '更正时间', ...postInput() })), ownLeaders],
  ['post', 'withdraw', withPost(OWN, 'published', (postId) => ({ postId, reason: '内容有误' })), ownLeaders],
  ['post', 'withdraw', withPost(OTHER, 'published', (postId) => ({ postId, reason: '内容有误' })), otherLeaders],
  ['post', 'receipts', withPost(OWN, 'published', (postId) => ({ postId })), ownLeaders],
  ['post', 'receipts', withPost(OTHER, 'published', (postId) => ({ postId })), otherLeaders],
  ['post', 'receipts', { postId: NO_POST }, row({})],
  ['post', 'remind', withPost(OWN, 'published', (postId) => ({ postId })), ownLeaders],
  ['post', 'trends', { orgId: OWN, year: 2026 }, ownLeaders],
  ['post', 'trends', { orgId: PARENT, year: 2026 }, row({ admin: 'ok' })],
  ['post', 'trends', { orgId: MISSING, year: 2026 }, row({})],
  ['post', 'feed', {}, everyone],
  ['post', 'list', { kind: 'notice' }, everyone],
  // Anyone a card reaches may open it: outside the audience they get the restricted view, not an error.
  ['post', 'detail', withPost(OWN, 'published', (postId) => ({ postId })), everyone],
  // A draft, or no such post: the same restricted page for everyone (editors open drafts in the editor).
  ['post', 'detail', withPost(OWN, 'draft', (postId) => ({ postId })), everyone],
  ['post', 'detail', { postId: NO_POST }, everyone],
  [
    'post',
    'share',
    withPost(OWN, 'published', (postId) => ({ postId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['post', 'share', withPost(OWN, 'published', (postId) => ({ postId }), NEWS), everyone],
  ['post', 'share', { postId: NO_POST }, row({})],
  ['post', 'confirm', withPost(OWN, 'published', (postId) => ({ postId }), { mustReadBy: '2026-12-31T00:00:00.000Z' }), ownAudience],
  [
    'post',
    'confirm',
    withPost(OWN, 'published', (postId) => ({ postId })),
    row({ member: 'INVALID_INPUT', committee: 'INVALID_INPUT', secretary: 'INVALID_INPUT' }),
  ],
  ['post', 'confirm', { postId: NO_POST }, row({})],
  ['post', 'like', withPost(OWN, 'published', (postId) => ({ postId, like: true }), NEWS), ownAudience],
  ['post', 'like', withPost(OTHER, 'published', (postId) => ({ postId, like: true }), NEWS), row({ otherSecretary: 'ok' })],
  ['post', 'comment', withPost(OWN, 'published', (postId) => ({ postId, text: '学习了' }), NEWS), ownAudience],
  [
    'post',
    'comment',
    withPost(OWN, 'published', (postId) => ({ postId, text: '学习了' })),
    row({ member: 'INVALID_INPUT', committee: 'INVALID_INPUT', secretary: 'INVALID_INPUT' }),
  ],
  [
    'post',
    'comments',
    withPost(OWN, 'published', (postId) => ({ postId }), NEWS),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['post', 'hideComment', withComment, ownLeaders],
  ['post', 'hideComment', { commentId: 'cNoSuchComment', hidden: true }, row({})],
];

it('the seeded membership ids used here are who the matrix says', async () => {
  const rt = await demoRuntime();
  expect((await rt.db.collection('memberships').doc(OWN_MEMBER).get()).data[0]).toMatchObject({ openid: 'demo-member-03', orgId: OWN });
  expect((await rt.db.collection('memberships').doc(OTHER_MEMBER).get()).data[0]).toMatchObject({ openid: 'demo-member-12', orgId: OTHER });
});

it('covers every action in the permission table', () => {
  const inTable = Object.entries(ACCESS).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));
  const inMatrix = new Set(MATRIX.map(([fn, action]) => `${fn}.${action}`));
  expect(inTable.filter((k) => !inMatrix.has(k))).toEqual([]);
});

describe.each(MATRIX)('%s.%s %j', (fn, action, data, expected) => {
  it.each(WHO)('as %s', async (who) => {
    const rt = await demoRuntime();
    const identity = who === 'anonymous' ? null : { openid: OPENID[who] };
    const input = typeof data === 'function' ? await data(rt) : data;
    const res = await rt.invoke(fn, { action, data: input }, identity);
    expect(res.ok ? 'ok' : res.code).toBe(expected[who]);
  });
});

it("a unit that does not exist is refused exactly like another branch's unit: ids leak nothing", async () => {
  const rt = await demoRuntime();
  const me = { openid: 'demo-member-03' };
  for (const [fn, action, field] of [
    ['branch', 'home', 'orgId'],
    ['org', 'rename', 'orgId'],
    ['org', 'remove', 'orgId'],
    ['audit', 'list', 'orgId'],
    ['archive', 'get', 'orgId'],
  ] as const) {
    const extra = action === 'rename' ? { name: '某个名字' } : action === 'get' ? { memberId: OTHER_MEMBER } : {};
    const other = await rt.invoke(fn, { action, data: { [field]: OTHER, ...extra } }, me);
    const missing = await rt.invoke(fn, { action, data: { [field]: MISSING, ...extra } }, me);
    expect(missing).toEqual(other);
  }
});
