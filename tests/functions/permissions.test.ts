import { ACCESS } from '../../cloudfunctions/common/permissions';
import { localCloudID } from '../../local/openapi';
import { PRIVACY_VERSION } from '../../typings/domain';
import { clock, createActivity } from '../helpers/activity';
import { callPost, draftPost, postInput, publishedPost } from '../helpers/post';
import { articleLesson, course } from '../helpers/study';
import { addQuestions, createPaper, paperInput, QUESTIONS } from '../helpers/exam';
import { DEED, surveyInput, voteInput } from '../helpers/voice';
import { DEMO_PEOPLE, seedDemo } from '../../local/seed';
import { READS } from '../helpers/actions';
import { phoneOf, rosterFile } from '../helpers/excel';
import { demoRuntime, JPEG, ok, seededRuntime, uploaded } from '../helpers/runtime';

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
type Clock = ReturnType<typeof clock>;
/** The demo clock: 2026-11-28 18:00 Beijing time. */
const DEMO_NOW = '2026-11-28T10:00:00.000Z';
/** Input, or how to make it in a fresh runtime (for ids of documents the row needs; the clock may be moved on). */
type Input = object | ((rt: Runtime, clock: Clock) => Promise<object>);

/** Asserts a setup call's result and returns its data. */
async function setup<T = Record<string, unknown>>(rt: Runtime, fn: string, action: string, data: object, openid: string): Promise<T> {
  const res = await rt.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`setup ${fn}.${action} as ${openid} failed: ${res.code} ${res.message}`);
  return res.data as T;
}

/** A pending join request in a branch, made by someone who is not a member anywhere. */
const pendingRequestIn = (orgId: string) => async (rt: Runtime) => {
  const { id } = await setup<{ id: string }>(rt, 'join', 'apply', { orgId, name: '申请人', via: 'search' }, 'applicant-x');
  return { requestId: id, approve: true };
};

const groupCloudID = (openGId: string) => localCloudID({ openGId });
/** A group bound to a branch by the branch's secretary (or the admin, for the parent unit). */
const boundGroupIn = (orgId: string) => async (rt: Runtime) => {
  const { id } = await setup<{ id: string }>(
    rt,
    'group',
    'bind',
    { orgId, cloudID: groupCloudID(`G-${orgId}`), label: '党员群' },
    'demo-admin',
  );
  return { bindingId: id };
};
const inviteIn = (orgId: string) => async (rt: Runtime) => {
  const { id, path } = await setup<{ id: string; path: string }>(rt, 'invite', 'create', { orgId }, 'demo-admin');
  return { inviteId: id, path };
};

/** A transfer a member asked for, awaiting the branch they leave: demo-member-03 out of the own branch, or demo-member-12 out of the other. */
const pendingTransferFrom = (fromOrgId: string) => async (rt: Runtime) => {
  const [openid, toOrgId] = fromOrgId === OWN ? ['demo-member-03', OTHER] : ['demo-member-12', OWN];
  const { id } = await setup<{ id: string }>(rt, 'transfer', 'request', { fromOrgId, toOrgId, reason: '工作调动' }, openid!);
  return { transferId: id, approve: true };
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
  (orgId: string, build: (activityId: string, rt: Runtime, clock: Clock) => Promise<object> | object, extra = {}) =>
  async (rt: Runtime, clock: Clock) => {
    const { activityId } = await activityIn(orgId, extra)(rt);
    return build(activityId, rt, clock);
  };
/** The audience of a branch this matrix calls as: the own branch's member, 支委 and secretary, or the other branch's secretary. */
const audienceOf = (orgId: string) => (orgId === OWN ? ['demo-member-03', 'demo-committee', 'demo-secretary'] : ['demo-secretary-2']);
/** An activity of the branch its audience has signed up for (so cancelling one's sign-up cancels something). */
const signedUpFor = (orgId: string) =>
  withActivity(orgId, async (activityId, rt) => {
    for (const openid of audienceOf(orgId)) await setup(rt, 'signup', 'join', { activityId }, openid);
    return { activityId };
  });
/** An activity everyone in its audience has asked leave for, still undecided. */
const onLeaveFor = (orgId: string) =>
  withActivity(orgId, async (activityId, rt) => {
    for (const openid of audienceOf(orgId)) await setup(rt, 'signup', 'leave', { activityId, reason: '出差' }, openid);
    return { activityId };
  });
/** An activity that ended half an hour ago, its record written (topic and content) and still open. */
const endedActivityIn = (orgId: string) =>
  withActivity(orgId, async (activityId, rt, clock) => {
    const record = { activityId, topic: '学习党章', host: '书记', recorder: '组织委员', content: '集体学习党章第一章', resolutions: '' };
    await setup(rt, 'record', 'save', record, 'demo-admin');
    clock.set('2026-11-28T12:30:00.000Z');
    return { activityId };
  });
/** An approval-required activity a member of the branch (demo-member-01 here, demo-member-12 there) has asked to join. */
const signupAwaitingReview = (orgId: string) =>
  withActivity(
    orgId,
    async (activityId, rt) => {
      const [openid, memberId] = orgId === OWN ? ['demo-member-01', 'm-demo-005'] : ['demo-member-12', OTHER_MEMBER];
      await setup(rt, 'signup', 'join', { activityId }, openid!);
      return { activityId, memberId, kind: 'signup', approve: true };
    },
    { approvalRequired: true },
  );
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
/** A comment by a member of the branch (demo-member-03 here, demo-member-12 there) on a news post there. */
const commentIn = (orgId: string) => async (rt: Runtime) => {
  const postId = await publishedPost(rt, NEWS, 'demo-admin', orgId);
  const c = await callPost(rt, 'comment', { postId, text: '很有意义的活动' }, orgId === OWN ? 'demo-member-03' : 'demo-member-12');
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
const codeOf = (rt: Runtime, activityId: string) =>
  setup<{ digits: string; payload: string }>(rt, 'checkin', 'code', { activityId }, 'demo-admin');
/** Audience members of the own branch: the member, the committee member and the secretary. */
const ownAudience = row({ member: 'ok', committee: 'ok', secretary: 'ok' });

/** A live lecture (直播党课) of a unit on the Channels account of the 党委. */
const LIVE = {
  type: 'live_lecture',
  place: '线上（视频号直播）',
  live: { finderUserName: 'sphDemoLive01', link: null },
  signupRequired: false,
};
/** A question asked to a unit's live lecture by a member of its audience. */
const questionIn = (orgId: string, build: (ids: { activityId: string; questionId: string }) => object) =>
  withActivity(
    orgId,
    async (activityId, rt) => {
      const asker = orgId === OWN ? 'demo-member-03' : 'demo-member-12';
      const { id } = await setup<{ id: string }>(rt, 'question', 'ask', { activityId, text: '请问学习笔记要写多少字？' }, asker);
      return build({ activityId, questionId: id });
    },
    LIVE,
  );

/** A published course of a unit by the admin, with two article lessons. */
const withCourse = (orgId: string, build: (ids: { courseId: string; lessonIds: string[] }) => object) => async (rt: Runtime) =>
  build(await course(rt, { orgId, by: 'demo-admin', lessons: [articleLesson(), articleLesson('第二课 党员的义务')] }));
const NO_LESSON = 'lNoSuchOne1';
/** A lesson everyone who may opened 31 s ago: a heartbeat now is credited (and written) for those studying it. */
const openedLessonIn = (orgId: string) => async (rt: Runtime, time: Clock) => {
  const { lessonIds } = await course(rt, { orgId, by: 'demo-admin' });
  // Those who may open it: the branch's people (measured) and the admin (a preview, not measured).
  const openers = orgId === OWN ? ['demo-member-03', 'demo-committee', 'demo-secretary', 'demo-admin'] : ['demo-secretary-2', 'demo-admin'];
  for (const openid of openers) await setup(rt, 'study', 'open', { lessonId: lessonIds[0] }, openid);
  time.advance(31_000);
  return { lessonId: lessonIds[0], position: 0.5 };
};
/** 必学 of a unit's course for the unit's members, set by the admin. */
const assignmentIn = (orgId: string, build: (assignmentId: string) => object) => async (rt: Runtime) => {
  const { courseId } = await course(rt, { orgId, by: 'demo-admin' });
  const { id } = await setup<{ id: string }>(
    rt,
    'study',
    'assign',
    { orgId, courseId, audience: { kind: 'unit' }, dueAt: '2026-12-31T10:00:00.000Z' },
    'demo-admin',
  );
  return build(id);
};
const assignInput = (orgId: string) => (ids: { courseId: string }) => ({
  orgId,
  courseId: ids.courseId,
  audience: { kind: 'unit' },
  dueAt: '2026-12-31T10:00:00.000Z',
});
const ownLeaders = row({ secretary: 'ok', admin: 'ok' });
const otherLeaders = row({ otherSecretary: 'ok', admin: 'ok' });

/** Two true/false questions in a unit's bank, written by the admin. */
const bankIn = (orgId: string) => (rt: Runtime) =>
  addQuestions(rt, [QUESTIONS.judge, { ...QUESTIONS.judge, stem: '党员有权参加党的有关会议。' }], orgId, ADMIN);
const ADMIN = { openid: 'demo-admin' };
const NO_QUESTION = 'qNoSuchOne1';
const NO_PAPER = 'epNoSuchOne';
const NO_ATTEMPT = 'aNoSuchOne1';
/** An exam of a unit for its members, of true/false questions, set by the admin. */
const paperIn = (orgId: string, build: (ids: { paperId: string; questionIds: string[] }) => object) => async (rt: Runtime, time: Clock) => {
  const questionIds = await bankIn(orgId)(rt);
  return build({ paperId: await createPaper(rt, time.now(), questionIds, {}, orgId, ADMIN), questionIds });
};
/** A paper the person (in the unit) has started: its id and a question of it. */
const attemptIn = (orgId: string, build: (a: { attemptId: string; questionId: string }) => object) => async (rt: Runtime, time: Clock) => {
  const { paperId } = (await paperIn(orgId, (ids) => ids)(rt, time)) as { paperId: string };
  const taker = orgId === OWN ? 'demo-member-03' : 'demo-secretary-2';
  const a = await setup<{ id: string; questions: { id: string }[] }>(rt, 'exam', 'start', { paperId }, taker);
  return build({ attemptId: a.id, questionId: a.questions[0]!.id });
};
const paperFor = (orgId: string) => async (rt: Runtime, time: Clock) => ({
  orgId,
  paper: paperInput(time.now(), await bankIn(orgId)(rt)),
});

const NO_LETTER = 'ltNoSuchOne';
const NO_SURVEY = 'svNoSuchOne';
const NO_VOTE = 'vtNoSuchOne';
/** The member of each branch the 心声 rows act on (writes, is nominated), and the unit's other members. */
const writerIn = (orgId: string) => (orgId === OWN ? 'demo-member-03' : 'demo-member-12');
const anotherIn = (orgId: string) => (orgId === OWN ? 'm-demo-008' : 'm-demo-017');
/** An anonymous letter to a branch from one of its members. */
const letterIn = (orgId: string) => async (rt: Runtime) => {
  const text = '建议支部活动安排在周末上午。';
  const { letterId } = await setup<{ letterId: string }>(
    rt,
    'voice',
    'sendLetter',
    { orgId, category: 'suggestion', text, anonymous: true },
    writerIn(orgId),
  );
  return { letterId };
};
/** A named survey of a unit, set by the admin (named, so it can be exported before five answers). */
const surveyIn = (orgId: string, build: (surveyId: string) => object) => async (rt: Runtime, time: Clock) => {
  const survey = surveyInput(time.now(), { anonymous: false });
  return build((await setup<{ surveyId: string }>(rt, 'voice', 'saveSurvey', { orgId, survey }, 'demo-admin')).surveyId);
};
const SURVEY_ANSWERS = { q1: { choice: [0] }, q3: { scale: 4 } };
/** A vote of a unit, set by the admin, with the unit's member as candidate; `closed` moves the clock past its close. */
const voteIn =
  (orgId: string, build: (ids: { voteId: string; candidateId: string }) => object, closed = false) =>
  async (rt: Runtime, time: Clock) => {
    const { voteId } = await setup<{ voteId: string }>(rt, 'voice', 'saveVote', { orgId, vote: voteInput(time.now()) }, 'demo-admin');
    const memberId = orgId === OWN ? OWN_MEMBER : OTHER_MEMBER;
    const { id } = await setup<{ id: string }>(rt, 'voice', 'nominate', { voteId, memberId, deed: DEED }, 'demo-admin');
    if (closed) time.advance(8 * 24 * 3600_000);
    return build({ voteId, candidateId: id });
  };
const honourIn = (orgId: string) => async (rt: Runtime) => {
  const memberId = orgId === OWN ? OWN_MEMBER : OTHER_MEMBER;
  const honour = { memberId, title: '优秀共产党员', year: 2025, deed: DEED };
  return { honourId: (await setup<{ id: string }>(rt, 'voice', 'addHonour', honour, 'demo-admin')).id };
};
const honourFor = (memberId: string) => ({ memberId, title: '优秀共产党员', year: 2025, deed: DEED });
/** A topic of a unit for its members, opened by the admin; with `reply`, a member of the unit has replied. */
const topicIn =
  (orgId: string, build: (ids: { topicId: string; replyId: string }) => object, reply = false) =>
  async (rt: Runtime) => {
    const topic = { kind: 'lesson', title: '如何把全会精神落实到岗位上？', audience: { kind: 'unit' } };
    const { topicId } = await setup<{ topicId: string }>(rt, 'voice', 'saveTopic', { orgId, topic }, 'demo-admin');
    const replyId = reply
      ? (await setup<{ id: string }>(rt, 'voice', 'replyTopic', { topicId, text: '结合岗位学以致用。' }, writerIn(orgId))).id
      : '';
    return build({ topicId, replyId });
  };
/** The year's appraisal of a unit, started by the admin and moved on to `step`. */
const appraisalIn =
  (orgId: string, step: 'study' | 'self' | 'peer' | 'decide', build: (appraisalId: string) => object) => async (rt: Runtime) => {
    const { appraisalId } = await setup<{ appraisalId: string }>(rt, 'voice', 'startAppraisal', { orgId, year: 2026 }, 'demo-admin');
    const steps = ['self', 'peer', 'decide'] as const;
    for (const s of steps.slice(0, steps.indexOf(step as (typeof steps)[number]) + 1)) {
      await setup(rt, 'voice', 'openStep', { appraisalId, step: s }, 'demo-admin');
    }
    return build(appraisalId);
  };
const SELF_TEXT = '一年来认真学习党的理论，按时参加组织生活，带头完成本职工作。';
/** Every other appraised member of the unit rated 合格 by the caller (the matrix's member, or the other secretary). */
const ratingsIn = (orgId: string) => async (rt: Runtime) =>
  appraisalIn(orgId, 'peer', (appraisalId) => ({ appraisalId }))(rt).then(async (input) => {
    const { appraisalId } = input as { appraisalId: string };
    const { data } = await rt.db.collection('appraisal_members').where({ appraisalId }).limit(100).get();
    return { appraisalId, ratings: Object.fromEntries((data as { memberId: string }[]).map((m) => [m.memberId, 'qualified'])) };
  });
const ownMembers = row({ member: 'ok', committee: 'ok', secretary: 'ok' });
const otherMembers = row({ otherSecretary: 'ok' });

/** 志愿服务: a project of a unit by the admin, its one slot starting ten minutes after the demo clock (check-in open). */
const projectIn =
  (orgId: string, build: (ids: { projectId: string; slotId: string }) => object | Promise<object>, isPublic = false) =>
  async (rt: Runtime, time: Clock) => {
    const slot = {
      startAt: new Date(time.now().getTime() + 10 * 60_000).toISOString(),
      endAt: new Date(time.now().getTime() + 130 * 60_000).toISOString(),
      capacity: 20,
    };
    const project = { title: '社区义务理发', description: '', place: '党群服务中心', public: isPublic, slots: [slot] };
    const { projectId } = await setup<{ projectId: string }>(rt, 'service', 'saveProject', { orgId, project }, 'demo-admin');
    const { data } = await rt.db.collection('service_slots').where({ projectId }).get();
    return build({ projectId, slotId: (data[0] as { _id: string })._id });
  };
/** The unit's audience signed up for the slot (own: member, 支委, secretary; other: its secretary). */
const withSignups =
  (orgId: string, build: (ids: { projectId: string; slotId: string }, rt: Runtime, time: Clock) => object | Promise<object>) =>
  async (rt: Runtime, time: Clock) => {
    const ids = (await projectIn(orgId, (x) => x)(rt, time)) as { projectId: string; slotId: string };
    for (const openid of audienceOf(orgId)) await setup(rt, 'service', 'signUp', { slotId: ids.slotId }, openid);
    return build(ids, rt, time);
  };
const CONTACT = { name: '赵桂兰', phone: '13800001234' };
/** Those who give a name and phone agree to the privacy notice first (by default everyone the matrix calls as, and the resident). */
async function allConsent(rt: Runtime, openids: string[] = [...Object.values(OPENID), 'wx-resident-x']): Promise<void> {
  for (const openid of openids) {
    await setup(rt, 'user', 'signIn', {}, openid);
    await setup(rt, 'privacy', 'consent', { version: PRIVACY_VERSION }, openid);
  }
}
/** A resident signed up for a unit's public slot. */
const residentIn = (orgId: string) => projectIn(orgId, async ({ slotId }) => ({ slotId }), true);
const residentSignupIn = (orgId: string) => async (rt: Runtime, time: Clock) => {
  const { slotId } = (await residentIn(orgId)(rt, time)) as { slotId: string };
  await allConsent(rt, ['wx-resident-x']);
  return {
    signupId: (await setup<{ signupId: string }>(rt, 'service', 'signUp', { slotId, resident: CONTACT }, 'wx-resident-x')).signupId,
  };
};
/** A wish of a resident to a unit: pending, or published by the admin (and claimed by `claimer`, done with a photo). */
const wishIn =
  (
    orgId: string,
    state: 'pending' | 'published' | 'claimed' | 'done',
    build: (wishId: string, rt: Runtime) => object | Promise<object>,
    poster = 'wx-resident-x',
  ) =>
  async (rt: Runtime) => {
    await allConsent(rt, [poster]);
    const wish = { orgId, title: '楼道灯坏了', content: '三楼楼道灯坏了，想请人换个灯泡。', contact: CONTACT };
    const { wishId } = await setup<{ wishId: string }>(rt, 'service', 'postWish', wish, poster);
    if (state !== 'pending') await setup(rt, 'service', 'reviewWish', { wishId, decision: 'publish' }, 'demo-admin');
    const claimer = poster === 'demo-member-03' ? 'demo-member-01' : writerIn(orgId);
    if (state === 'claimed' || state === 'done') await setup(rt, 'service', 'claimWish', { wishId }, claimer);
    if (state === 'done') {
      const photo = await uploaded(rt, 'wish-done-photo.jpg', JPEG, claimer);
      await setup(rt, 'service', 'fulfilWish', { wishId, photos: [photo] }, claimer);
    }
    return build(wishId, rt);
  };
const NO_PROJECT = 'spNoSuchOne';
const NO_SLOT = 'sNoSuchOne1';
const NO_WISH = 'wiNoSuchOne';
const ownKeepers = row({ committee: 'ok', secretary: 'ok' });
const otherKeepers = row({ otherSecretary: 'ok' });
/** A unit marked as a 社区党组织 (members of other units register with it). */
const communityOf = (orgId: string) => async (rt: Runtime) => {
  await rt.db.collection('orgs').doc(orgId).update({ community: true });
  return { orgId };
};
const duesRateIn = (orgId: string, build: (memberId: string) => object) => async (rt: Runtime) => {
  const [memberId, keeper] = orgId === OWN ? [OWN_MEMBER, 'demo-secretary'] : [OTHER_MEMBER, 'demo-secretary-2'];
  await setup(rt, 'dues', 'setRate', { memberId, amount: 1200, basis: '月工资收入按比例计', since: '2026-01' }, keeper);
  return build(memberId);
};
const DUES_PAY = { months: ['2026-11'], amount: 1200, method: 'cash', paidOn: '2026-11-20', receiptNo: 'DF001' };
const RATE = { amount: 1500, basis: '月工资收入按 1% 计', since: '2026-01' };

/**
 * Where a row acts: in the own branch (第一党支部, where member, committee and secretary hold their roles),
 * another branch (第二党支部, the other secretary's), the parent 党委 (the admin's), on an id that does
 * not exist, or on the caller's own data.
 */
type Scope = 'own' | 'other' | 'parent' | 'missing' | 'self';
const SCOPE: Record<Scope, string> = {
  own: 'in the own branch',
  other: 'in another branch',
  parent: 'in the parent 党委',
  missing: 'on an id that does not exist',
  self: "naming no unit (the caller's own)",
};
/** A row: the action, where it acts, its input, the outcome per caller, and a note when one action has several rows in one scope. */
type Row = [fn: string, action: string, scope: Scope, input: Input, expected: Record<Who, string>, note?: string];
const titleOf = ([fn, action, scope, , , note]: Row): string => `${fn}.${action} ${SCOPE[scope]}${note ? ` (${note})` : ''}`;

const MATRIX: Row[] = [
  ['user', 'signIn', 'self', {}, everyone],
  // Like consenting: a caller with no user record yet (never signed in) is asked to sign in first.
  ['user', 'setName', 'self', { name: '王建国' }, row({ newcomer: 'UNAUTHENTICATED' }, 'ok')],
  ['system', 'ping', 'self', {}, { ...everyone, anonymous: 'ok' }],
  ['org', 'tree', 'self', {}, everyone],
  ['branch', 'home', 'self', {}, everyone],
  ['branch', 'home', 'own', { orgId: OWN }, row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['branch', 'home', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['branch', 'home', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['branch', 'home', 'missing', { orgId: MISSING }, row({})],
  // Only the caller's own items: there is no one else's list to ask for.
  ['branch', 'todo', 'self', {}, everyone],
  ['org', 'create', 'own', { parentId: OWN, name: '第一党小组', type: 'group' }, row({ admin: 'ok' })],
  ['org', 'create', 'other', { parentId: OTHER, name: '第一党小组', type: 'group' }, row({ admin: 'ok' })],
  ['org', 'create', 'parent', { parentId: PARENT, name: '第三党支部', type: 'branch' }, row({ admin: 'ok' })],
  ['org', 'create', 'missing', { parentId: MISSING, name: '第一党小组', type: 'group' }, row({})],
  ['org', 'rename', 'own', { orgId: OWN, name: '第一党支部' }, row({ admin: 'ok' })],
  ['org', 'rename', 'other', { orgId: OTHER, name: '第二党支部' }, row({ admin: 'ok' })],
  ['org', 'rename', 'parent', { orgId: PARENT, name: '星河科技党委' }, row({ admin: 'ok' })],
  ['org', 'rename', 'missing', { orgId: MISSING, name: '不存在' }, row({})],
  ['org', 'setContact', 'own', { orgId: OWN, phone: '021-55501234' }, row({ secretary: 'ok', admin: 'ok' })],
  ['org', 'setContact', 'other', { orgId: OTHER, phone: '021-55501234' }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['org', 'setContact', 'parent', { orgId: PARENT, phone: '021-55501234' }, row({ admin: 'ok' })],
  ['org', 'setContact', 'missing', { orgId: MISSING, phone: '021-55501234' }, row({})],
  // The admin passes the permission check and then meets the unit's members (or, for the top unit, its place).
  ['org', 'remove', 'own', { orgId: OWN }, row({ admin: 'CONFLICT' })],
  ['org', 'remove', 'other', { orgId: OTHER }, row({ admin: 'CONFLICT' })],
  ['org', 'remove', 'parent', { orgId: PARENT }, row({ admin: 'CONFLICT' })],
  ['org', 'remove', 'missing', { orgId: MISSING }, row({})],
  ['archive', 'mine', 'self', {}, everyone],
  // Signed in is enough to be asked; collecting data then needs consent to the privacy notice.
  ['archive', 'updateMine', 'self', { job: '工程师' }, row({}, 'CONSENT_REQUIRED')],
  ['archive', 'setPhoto', 'self', { fileID: null }, row({}, 'CONSENT_REQUIRED')],
  ['archive', 'get', 'own', { orgId: OWN, memberId: OWN_MEMBER }, row({ secretary: 'ok', admin: 'ok' })],
  ['archive', 'get', 'other', { orgId: OTHER, memberId: OTHER_MEMBER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  // The admin may act in the parent unit, but the member is not held there.
  ['archive', 'get', 'parent', { orgId: PARENT, memberId: OWN_MEMBER }, row({})],
  ['archive', 'get', 'missing', { orgId: MISSING, memberId: OWN_MEMBER }, row({})],
  ['archive', 'reveal', 'self', { field: 'phone' }, everyone],
  ['archive', 'reveal', 'own', { field: 'idCard', orgId: OWN, memberId: OWN_MEMBER }, row({ secretary: 'ok' })],
  ['archive', 'reveal', 'other', { field: 'idCard', orgId: OTHER, memberId: OTHER_MEMBER }, row({ otherSecretary: 'ok' })],
  ['archive', 'reveal', 'parent', { field: 'idCard', orgId: PARENT, memberId: OWN_MEMBER }, row({})],
  ['archive', 'reveal', 'missing', { field: 'idCard', orgId: MISSING, memberId: OWN_MEMBER }, row({})],
  ['org', 'search', 'self', { q: '支部' }, everyone],
  [
    'join',
    'apply',
    'own',
    { orgId: OWN, name: '申请人', via: 'search' },
    // Members of a branch (this one, or another: a move is a transfer) cannot apply.
    row({ member: 'CONFLICT', committee: 'CONFLICT', secretary: 'CONFLICT', otherSecretary: 'CONFLICT' }, 'ok'),
  ],
  ['join', 'mine', 'self', {}, everyone],
  // Only the applicant may cancel: for everyone else the request does not exist.
  [
    'join',
    'cancel',
    'own',
    async (rt) => ({ requestId: ((await pendingRequestIn(OWN)(rt)) as { requestId: string }).requestId }),
    row({}, 'NOT_FOUND'),
  ],
  ['join', 'inbox', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['join', 'inbox', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['join', 'inbox', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['join', 'inbox', 'missing', { orgId: MISSING }, row({})],
  ['join', 'review', 'own', pendingRequestIn(OWN), row({ secretary: 'ok', admin: 'ok' })],
  ['join', 'review', 'other', pendingRequestIn(OTHER), row({ otherSecretary: 'ok', admin: 'ok' })],
  ['join', 'review', 'missing', { requestId: 'jr-does-not-exist', approve: true }, row({})],
  ['group', 'bind', 'own', { orgId: OWN, cloudID: groupCloudID('G-1'), label: '一支部党员群' }, row({ secretary: 'ok', admin: 'ok' })],
  [
    'group',
    'bind',
    'other',
    { orgId: OTHER, cloudID: groupCloudID('G-2'), label: '二支部党员群' },
    row({ otherSecretary: 'ok', admin: 'ok' }),
  ],
  // Only a branch takes a group: the admin passes the permission check and meets that rule.
  ['group', 'bind', 'parent', { orgId: PARENT, cloudID: groupCloudID('G-3'), label: '党委群' }, row({ admin: 'INVALID_INPUT' })],
  ['group', 'bind', 'missing', { orgId: MISSING, cloudID: groupCloudID('G-4'), label: '某群' }, row({})],
  ['group', 'unbind', 'own', boundGroupIn(OWN), row({ secretary: 'ok', admin: 'ok' })],
  ['group', 'unbind', 'other', boundGroupIn(OTHER), row({ otherSecretary: 'ok', admin: 'ok' })],
  ['group', 'unbind', 'missing', { bindingId: 'no-such-binding' }, row({})],
  ['group', 'list', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['group', 'list', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['group', 'list', 'missing', { orgId: MISSING }, row({})],
  ['group', 'enter', 'self', { cloudID: groupCloudID('G-unbound') }, everyone],
  ['invite', 'create', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'create', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['invite', 'create', 'parent', { orgId: PARENT }, row({ admin: 'INVALID_INPUT' })],
  ['invite', 'create', 'missing', { orgId: MISSING }, row({})],
  ['invite', 'qrcode', 'own', async (rt) => ({ inviteId: (await inviteIn(OWN)(rt)).inviteId }), row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'qrcode', 'other', async (rt) => ({ inviteId: (await inviteIn(OTHER)(rt)).inviteId }), otherLeaders],
  ['invite', 'qrcode', 'missing', { inviteId: 'no-such-invite00' }, row({})],
  ['invite', 'open', 'own', async (rt) => ({ token: decodeURIComponent((await inviteIn(OWN)(rt)).path.split('invite=')[1]!) }), everyone],
  ['invite', 'revoke', 'own', async (rt) => ({ inviteId: (await inviteIn(OWN)(rt)).inviteId }), row({ secretary: 'ok', admin: 'ok' })],
  [
    'invite',
    'revoke',
    'other',
    async (rt) => ({ inviteId: (await inviteIn(OTHER)(rt)).inviteId }),
    row({ otherSecretary: 'ok', admin: 'ok' }),
  ],
  ['invite', 'list', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['invite', 'list', 'other', { orgId: OTHER }, otherLeaders],
  ['invite', 'list', 'missing', { orgId: MISSING }, row({})],
  ['member', 'list', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['member', 'list', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['member', 'list', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['member', 'list', 'missing', { orgId: MISSING }, row({})],
  ['member', 'export', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['member', 'export', 'other', { orgId: OTHER }, otherLeaders],
  ['member', 'export', 'missing', { orgId: MISSING }, row({})],
  ['member', 'importTemplate', 'own', { orgId: OWN }, ownLeaders],
  ['member', 'importTemplate', 'other', { orgId: OTHER }, otherLeaders],
  ['member', 'importTemplate', 'missing', { orgId: MISSING }, row({})],
  // The file is checked after the permission: an unknown file is NOT_FOUND for those allowed.
  [
    'member',
    'import',
    'missing',
    { orgId: OWN, fileID: 'cloud://local.zhibu/uploads/0123456789abcdef0123456789abcdef/none-file-0000001.xlsx' },
    row({ secretary: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  ],
  [
    'member',
    'import',
    'other',
    { orgId: OTHER, fileID: 'cloud://local.zhibu/uploads/0123456789abcdef0123456789abcdef/none-file-0000001.xlsx' },
    row({ otherSecretary: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  ],
  [
    'role',
    'set',
    'own',
    { memberId: OWN_MEMBER, role: 'committee', duty: 'propaganda' },
    row({ secretary: 'ok', admin: 'ok' }),
    'making a 支委',
  ],
  ['role', 'set', 'other', { memberId: OTHER_MEMBER, role: 'committee' }, row({ otherSecretary: 'ok', admin: 'ok' })],
  // Making a secretary is for admins only.
  ['role', 'set', 'own', { memberId: OWN_MEMBER, role: 'secretary' }, row({ admin: 'ok' }), 'making a secretary'],
  ['role', 'set', 'missing', { memberId: 'm-nobody', role: 'committee' }, row({})],
  ['privacy', 'status', 'self', {}, everyone],
  ['privacy', 'consent', 'self', { version: PRIVACY_VERSION }, row({ newcomer: 'UNAUTHENTICATED' }, 'ok')],
  ['privacy', 'withdraw', 'self', {}, row({ newcomer: 'UNAUTHENTICATED' }, 'ok')],
  ['privacy', 'exportMine', 'self', {}, everyone],
  ['privacy', 'deleteMine', 'self', { confirm: '删除我的个人信息' }, everyone],
  ['lifecycle', 'advance', 'own', { memberId: OWN_MEMBER, to: 'activist', date: '2025-01-01' }, row({ secretary: 'ok', admin: 'ok' })],
  [
    'lifecycle',
    'advance',
    'other',
    { memberId: OTHER_MEMBER, to: 'activist', date: '2025-01-01' },
    row({ otherSecretary: 'ok', admin: 'ok' }),
  ],
  ['lifecycle', 'advance', 'missing', { memberId: 'm-nobody', to: 'activist', date: '2025-01-01' }, row({})],
  ['lifecycle', 'history', 'own', { memberId: OWN_MEMBER }, row({ secretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'history', 'other', { memberId: OTHER_MEMBER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'mine', 'self', {}, everyone],
  ['lifecycle', 'due', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['lifecycle', 'due', 'other', { orgId: OTHER }, otherLeaders],
  ['lifecycle', 'due', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['lifecycle', 'due', 'missing', { orgId: MISSING }, row({})],
  // One's own membership in the unit named: only its members have one.
  [
    'transfer',
    'request',
    'own',
    { fromOrgId: OWN, toOrgId: OTHER, reason: '工作调动' },
    row({ member: 'ok', committee: 'ok', secretary: 'ok' }),
  ],
  ['transfer', 'initiate', 'own', { memberId: OWN_MEMBER, toOrgId: OTHER, reason: '工作调动' }, row({ secretary: 'ok', admin: 'ok' })],
  [
    'transfer',
    'initiate',
    'other',
    { memberId: OTHER_MEMBER, toOrgId: OWN, reason: '工作调动' },
    row({ otherSecretary: 'ok', admin: 'ok' }),
  ],
  ['transfer', 'review', 'own', pendingTransferFrom(OWN), ownLeaders],
  ['transfer', 'review', 'other', pendingTransferFrom(OTHER), otherLeaders],
  ['transfer', 'review', 'missing', { transferId: 'no-such-transfer', approve: true }, row({})],
  ['transfer', 'inbox', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['transfer', 'inbox', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['transfer', 'inbox', 'missing', { orgId: MISSING }, row({})],
  ['transfer', 'mine', 'self', {}, everyone],
  ['audit', 'list', 'own', { orgId: OWN }, row({ secretary: 'ok', admin: 'ok' })],
  ['audit', 'list', 'other', { orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['audit', 'list', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['audit', 'list', 'missing', { orgId: MISSING }, row({})],
  ['activity', 'create', 'own', { orgId: OWN, ...activityBody }, ownLeaders],
  ['activity', 'create', 'other', { orgId: OTHER, ...activityBody }, otherLeaders],
  ['activity', 'create', 'parent', { orgId: PARENT, ...activityBody }, row({ admin: 'ok' })],
  ['activity', 'create', 'missing', { orgId: MISSING, ...activityBody }, row({})],
  ['activity', 'update', 'own', withActivity(OWN, (activityId) => ({ activityId, ...activityBody })), ownLeaders],
  ['activity', 'update', 'other', withActivity(OTHER, (activityId) => ({ activityId, ...activityBody })), otherLeaders],
  ['activity', 'update', 'missing', { activityId: NO_ACTIVITY, ...activityBody }, row({})],
  ['activity', 'cancel', 'own', withActivity(OWN, (activityId) => ({ activityId, reason: '时间冲突' })), ownLeaders],
  ['activity', 'cancel', 'other', withActivity(OTHER, (activityId) => ({ activityId, reason: '时间冲突' })), otherLeaders],
  ['activity', 'list', 'self', { when: 'upcoming' }, everyone],
  ['activity', 'list', 'own', { when: 'upcoming', orgId: OWN }, row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['activity', 'list', 'other', { when: 'past', orgId: OTHER }, row({ otherSecretary: 'ok', admin: 'ok' })],
  ['activity', 'list', 'missing', { when: 'past', orgId: MISSING }, row({})],
  [
    'activity',
    'detail',
    'own',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['activity', 'detail', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['activity', 'detail', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['activity', 'audienceOptions', 'own', { orgId: OWN }, ownDrafters],
  ['activity', 'audienceOptions', 'other', { orgId: OTHER }, otherLeaders],
  ['activity', 'audienceOptions', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['activity', 'audienceOptions', 'missing', { orgId: MISSING }, row({})],
  [
    'activity',
    'share',
    'own',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['activity', 'share', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['activity', 'share', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['signup', 'join', 'own', withActivity(OWN, (activityId) => ({ activityId })), ownAudience],
  ['signup', 'join', 'other', withActivity(OTHER, (activityId) => ({ activityId })), row({ otherSecretary: 'ok' })],
  ['signup', 'join', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['signup', 'cancel', 'own', signedUpFor(OWN), ownAudience],
  ['signup', 'cancel', 'other', signedUpFor(OTHER), row({ otherSecretary: 'ok' })],
  ['signup', 'leave', 'own', withActivity(OWN, (activityId) => ({ activityId, reason: '出差' })), ownAudience],
  ['signup', 'leave', 'other', withActivity(OTHER, (activityId) => ({ activityId, reason: '出差' })), row({ otherSecretary: 'ok' })],
  ['signup', 'withdrawLeave', 'own', onLeaveFor(OWN), ownAudience],
  ['signup', 'withdrawLeave', 'other', onLeaveFor(OTHER), row({ otherSecretary: 'ok' })],
  [
    'signup',
    'remind',
    'own',
    withActivity(OWN, (activityId) => ({ activityId, minutesBefore: 1440 })),
    row({ member: 'CLOSED', committee: 'CLOSED', secretary: 'CLOSED' }),
  ],
  [
    'signup',
    'remind',
    'other',
    withActivity(OTHER, (activityId) => ({ activityId, minutesBefore: 1440 })),
    row({ otherSecretary: 'CLOSED' }),
  ],
  ['signup', 'remind', 'missing', { activityId: NO_ACTIVITY, minutesBefore: 15 }, row({})],
  ['signup', 'review', 'own', signupAwaitingReview(OWN), ownLeaders],
  ['signup', 'review', 'other', signupAwaitingReview(OTHER), otherLeaders],
  ['signup', 'review', 'missing', { activityId: NO_ACTIVITY, memberId: OWN_MEMBER, kind: 'leave', approve: true }, row({})],
  ['checkin', 'code', 'own', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['checkin', 'code', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['checkin', 'wxacode', 'own', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['checkin', 'wxacode', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  [
    'checkin',
    'submit',
    'other',
    withActivity(OTHER, async (activityId, rt) => ({ activityId, digits: (await codeOf(rt, activityId)).digits })),
    row({ otherSecretary: 'ok' }),
  ],
  [
    'checkin',
    'submit',
    'own',
    withActivity(OWN, async (activityId, rt) => ({ activityId, digits: (await codeOf(rt, activityId)).digits })),
    ownAudience,
  ],
  ['checkin', 'submit', 'missing', { activityId: NO_ACTIVITY, digits: '123456' }, row({})],
  [
    'checkin',
    'resolve',
    'own',
    withActivity(OWN, async (activityId, rt) => ({ payload: (await codeOf(rt, activityId)).payload })),
    everyone,
  ],
  ['checkin', 'mark', 'own', withActivity(OWN, (activityId) => ({ activityId, memberId: OWN_MEMBER, present: true })), ownLeaders],
  ['checkin', 'mark', 'other', withActivity(OTHER, (activityId) => ({ activityId, memberId: OTHER_MEMBER, present: true })), otherLeaders],
  ['checkin', 'board', 'own', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['checkin', 'board', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['checkin', 'board', 'missing', { activityId: NO_ACTIVITY }, row({})],
  [
    'record',
    'get',
    'own',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ secretary: 'ok', admin: 'ok', member: 'NOT_FOUND', committee: 'NOT_FOUND' }),
  ],
  ['record', 'get', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['record', 'get', 'missing', { activityId: NO_ACTIVITY }, row({})],
  [
    'record',
    'save',
    'own',
    withActivity(OWN, (activityId) => ({ activityId, topic: '议题', host: '', recorder: '', content: '', resolutions: '' })),
    ownLeaders,
  ],
  [
    'record',
    'save',
    'other',
    withActivity(OTHER, (activityId) => ({ activityId, topic: '议题', host: '', recorder: '', content: '', resolutions: '' })),
    otherLeaders,
  ],
  ['record', 'save', 'missing', { activityId: NO_ACTIVITY, topic: '议题', host: '', recorder: '', content: '', resolutions: '' }, row({})],
  [
    'record',
    'close',
    'own',
    withActivity(OWN, (activityId) => ({ activityId })),
    row({ secretary: 'NOT_OPEN', admin: 'NOT_OPEN' }),
    'before the meeting starts',
  ],
  ['record', 'close', 'own', endedActivityIn(OWN), ownLeaders, 'after the meeting ended'],
  ['record', 'close', 'other', endedActivityIn(OTHER), otherLeaders, 'after the meeting ended'],
  ['record', 'export', 'own', withActivity(OWN, (activityId) => ({ activityId })), ownLeaders],
  ['record', 'export', 'other', withActivity(OTHER, (activityId) => ({ activityId })), otherLeaders],
  ['record', 'ledger', 'own', { orgId: OWN, from: '2026-01-01', to: '2026-12-31' }, ownLeaders],
  ['record', 'ledger', 'other', { orgId: OTHER, from: '2026-01-01', to: '2026-12-31' }, otherLeaders],
  ['record', 'ledger', 'parent', { orgId: PARENT, from: '2026-01-01', to: '2026-12-31' }, row({ admin: 'ok' })],
  ['record', 'ledger', 'missing', { orgId: MISSING, from: '2026-01-01', to: '2026-12-31' }, row({})],
  ['record', 'stats', 'own', { orgId: OWN, year: 2026 }, ownLeaders],
  ['record', 'stats', 'other', { orgId: OTHER, year: 2026 }, otherLeaders],
  ['record', 'stats', 'missing', { orgId: MISSING, year: 2026 }, row({})],
  ['record', 'history', 'self', {}, everyone],
  ['post', 'create', 'own', { orgId: OWN, ...postInput() }, ownDrafters],
  ['post', 'create', 'other', { orgId: OTHER, ...postInput() }, otherLeaders],
  ['post', 'create', 'parent', { orgId: PARENT, ...postInput() }, row({ admin: 'ok' })],
  ['post', 'create', 'missing', { orgId: MISSING, ...postInput() }, row({})],
  // The admin's draft: the branch's 支委 may not change someone else's; its leaders may.
  ['post', 'update', 'own', withPost(OWN, 'draft', (postId) => ({ postId, ...postInput() })), ownLeaders],
  ['post', 'update', 'other', withPost(OTHER, 'draft', (postId) => ({ postId, ...postInput() })), otherLeaders],
  ['post', 'update', 'missing', { postId: NO_POST, ...postInput() }, row({})],
  ['post', 'submit', 'own', withPost(OWN, 'draft', (postId) => ({ postId })), ownLeaders],
  ['post', 'submit', 'other', withPost(OTHER, 'draft', (postId) => ({ postId })), otherLeaders],
  ['post', 'submit', 'missing', { postId: NO_POST }, row({})],
  ['post', 'draft', 'own', withPost(OWN, 'draft', (postId) => ({ postId })), ownLeaders, 'of a draft'],
  ['post', 'draft', 'own', withPost(OWN, 'published', (postId) => ({ postId })), ownDrafters, 'of a published post'],
  ['post', 'draft', 'other', withPost(OTHER, 'draft', (postId) => ({ postId })), otherLeaders],
  ['post', 'draft', 'missing', { postId: NO_POST }, row({})],
  ['post', 'versions', 'own', withPost(OWN, 'published', (postId) => ({ postId })), ownDrafters],
  ['post', 'versions', 'other', withPost(OTHER, 'published', (postId) => ({ postId })), otherLeaders],
  ['post', 'drafts', 'own', { orgId: OWN }, ownDrafters],
  ['post', 'drafts', 'other', { orgId: OTHER }, otherLeaders],
  ['post', 'drafts', 'missing', { orgId: MISSING }, row({})],
  ['post', 'publish', 'own', withPost(OWN, 'pending', (postId) => ({ postId })), ownLeaders],
  ['post', 'publish', 'other', withPost(OTHER, 'draft', (postId) => ({ postId })), otherLeaders],
  ['post', 'publish', 'missing', { postId: NO_POST }, row({})],
  [
    'post',
    'return',
    'own',
    withPost(OWN, 'pending', (postId) => ({ postId, note: '请补充时间地点' })),
    ownLeaders,
    'of a post under review',
  ],
  [
    'post',
    'return',
    'own',
    withPost(OWN, 'draft', (postId) => ({ postId, note: '请补充时间地点' })),
    row({ secretary: 'CONFLICT', admin: 'CONFLICT' }),
    'of a draft not under review',
  ],
  ['post', 'return', 'other', withPost(OTHER, 'pending', (postId) => ({ postId, note: '请补充时间地点' })), otherLeaders],
  ['post', 'correct', 'own', withPost(OWN, 'published', (postId) => ({ postId, note: '更正时间', ...postInput() })), ownLeaders],
  ['post', 'correct', 'other', withPost(OTHER, 'published', (postId) => ({ postId, note: '更正时间', ...postInput() })), otherLeaders],
  ['post', 'withdraw', 'own', withPost(OWN, 'published', (postId) => ({ postId, reason: '内容有误' })), ownLeaders],
  ['post', 'withdraw', 'other', withPost(OTHER, 'published', (postId) => ({ postId, reason: '内容有误' })), otherLeaders],
  ['post', 'receipts', 'own', withPost(OWN, 'published', (postId) => ({ postId })), ownLeaders],
  ['post', 'receipts', 'other', withPost(OTHER, 'published', (postId) => ({ postId })), otherLeaders],
  ['post', 'receipts', 'missing', { postId: NO_POST }, row({})],
  ['post', 'remind', 'own', withPost(OWN, 'published', (postId) => ({ postId })), ownLeaders],
  ['post', 'remind', 'other', withPost(OTHER, 'published', (postId) => ({ postId })), otherLeaders],
  ['post', 'trends', 'own', { orgId: OWN, year: 2026 }, ownLeaders],
  ['post', 'trends', 'other', { orgId: OTHER, year: 2026 }, otherLeaders],
  ['post', 'trends', 'parent', { orgId: PARENT, year: 2026 }, row({ admin: 'ok' })],
  ['post', 'trends', 'missing', { orgId: MISSING, year: 2026 }, row({})],
  ['post', 'feed', 'self', {}, everyone],
  ['post', 'list', 'self', { kind: 'notice' }, everyone],
  // Anyone a card reaches may open it: outside the audience they get the restricted view, not an error.
  ['post', 'detail', 'own', withPost(OWN, 'published', (postId) => ({ postId })), everyone, 'of a published notice'],
  // A draft, or no such post: the same restricted page for everyone (editors open drafts in the editor).
  ['post', 'detail', 'own', withPost(OWN, 'draft', (postId) => ({ postId })), everyone, 'of a draft'],
  ['post', 'detail', 'missing', { postId: NO_POST }, everyone],
  [
    'post',
    'share',
    'own',
    withPost(OWN, 'published', (postId) => ({ postId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
    'of a notice for members',
  ],
  ['post', 'share', 'own', withPost(OWN, 'published', (postId) => ({ postId }), NEWS), everyone, 'of public news'],
  ['post', 'share', 'missing', { postId: NO_POST }, row({})],
  [
    'post',
    'confirm',
    'own',
    withPost(OWN, 'published', (postId) => ({ postId }), { mustReadBy: '2026-12-31T00:00:00.000Z' }),
    ownAudience,
    'of a notice that asks for confirmation',
  ],
  [
    'post',
    'confirm',
    'own',
    withPost(OWN, 'published', (postId) => ({ postId })),
    row({ member: 'INVALID_INPUT', committee: 'INVALID_INPUT', secretary: 'INVALID_INPUT' }),
    'of a notice that does not',
  ],
  ['post', 'confirm', 'missing', { postId: NO_POST }, row({})],
  [
    'post',
    'confirm',
    'other',
    withPost(OTHER, 'published', (postId) => ({ postId }), { mustReadBy: '2026-12-31T00:00:00.000Z' }),
    row({ otherSecretary: 'ok' }),
  ],
  ['post', 'like', 'own', withPost(OWN, 'published', (postId) => ({ postId, like: true }), NEWS), ownAudience],
  ['post', 'like', 'other', withPost(OTHER, 'published', (postId) => ({ postId, like: true }), NEWS), row({ otherSecretary: 'ok' })],
  [
    'post',
    'comment',
    'own',
    withPost(OWN, 'published', (postId) => ({ postId, text: '学习了' }), NEWS),
    ownAudience,
    'on news open to comments',
  ],
  [
    'post',
    'comment',
    'own',
    withPost(OWN, 'published', (postId) => ({ postId, text: '学习了' })),
    row({ member: 'INVALID_INPUT', committee: 'INVALID_INPUT', secretary: 'INVALID_INPUT' }),
    'on a notice (no comments)',
  ],
  ['post', 'comment', 'other', withPost(OTHER, 'published', (postId) => ({ postId, text: '学习了' }), NEWS), row({ otherSecretary: 'ok' })],
  ['post', 'comments', 'other', withPost(OTHER, 'published', (postId) => ({ postId }), NEWS), otherLeaders],
  [
    'post',
    'comments',
    'own',
    withPost(OWN, 'published', (postId) => ({ postId }), NEWS),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['post', 'hideComment', 'own', commentIn(OWN), ownLeaders],
  ['post', 'hideComment', 'other', commentIn(OTHER), otherLeaders],
  ['post', 'hideComment', 'missing', { commentId: 'cNoSuchComment', hidden: true }, row({})],
  ['question', 'ask', 'own', withActivity(OWN, (activityId) => ({ activityId, text: '直播什么时候有回放？' }), LIVE), ownAudience],
  [
    'question',
    'ask',
    'other',
    withActivity(OTHER, (activityId) => ({ activityId, text: '直播什么时候有回放？' }), LIVE),
    row({ otherSecretary: 'ok' }),
  ],
  ['question', 'ask', 'missing', { activityId: NO_ACTIVITY, text: '直播什么时候有回放？' }, row({})],
  [
    'question',
    'list',
    'own',
    questionIn(OWN, ({ activityId }) => ({ activityId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['question', 'list', 'other', questionIn(OTHER, ({ activityId }) => ({ activityId })), otherLeaders],
  ['question', 'list', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['question', 'vote', 'own', questionIn(OWN, (ids) => ({ ...ids, vote: true })), ownAudience],
  ['question', 'vote', 'other', questionIn(OTHER, (ids) => ({ ...ids, vote: true })), row({ otherSecretary: 'ok' })],
  ['question', 'vote', 'missing', { activityId: NO_ACTIVITY, questionId: 'qNoSuchOne1', vote: true }, row({})],
  ['question', 'moderate', 'own', questionIn(OWN, ({ questionId }) => ({ questionId, answered: true })), ownLeaders],
  ['question', 'moderate', 'other', questionIn(OTHER, ({ questionId }) => ({ questionId, answered: true })), otherLeaders],
  ['question', 'moderate', 'missing', { questionId: 'qNoSuchOne1', answered: true }, row({})],
  ['study', 'library', 'self', {}, everyone],
  ['study', 'home', 'self', {}, everyone],
  ['study', 'mine', 'self', {}, everyone],
  [
    'study',
    'course',
    'own',
    withCourse(OWN, ({ courseId }) => ({ courseId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['study', 'course', 'other', withCourse(OTHER, ({ courseId }) => ({ courseId })), otherLeaders],
  ['study', 'course', 'missing', { courseId: NO_POST }, row({})],
  // Outside the audience, a lesson is "not found", like one that does not exist; the unit's editors preview it.
  [
    'study',
    'open',
    'own',
    withCourse(OWN, ({ lessonIds }) => ({ lessonId: lessonIds[0] })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }, 'NOT_FOUND'),
  ],
  [
    'study',
    'open',
    'other',
    withCourse(OTHER, ({ lessonIds }) => ({ lessonId: lessonIds[0] })),
    row({ otherSecretary: 'ok', admin: 'ok' }, 'NOT_FOUND'),
  ],
  ['study', 'open', 'missing', { lessonId: NO_LESSON }, row({}, 'NOT_FOUND')],
  // Only those studying it (its audience) have a lesson to beat on; an editor's preview is not measured.
  ['study', 'beat', 'own', openedLessonIn(OWN), row({ member: 'ok', committee: 'ok', secretary: 'ok' }, 'NOT_FOUND')],
  ['study', 'beat', 'other', openedLessonIn(OTHER), row({ otherSecretary: 'ok' }, 'NOT_FOUND')],
  ['study', 'beat', 'missing', { lessonId: NO_LESSON, position: 0.5 }, row({}, 'NOT_FOUND')],
  ['study', 'lessons', 'own', withCourse(OWN, ({ courseId }) => ({ courseId })), ownDrafters],
  ['study', 'lessons', 'other', withCourse(OTHER, ({ courseId }) => ({ courseId })), otherLeaders],
  ['study', 'lessons', 'missing', { courseId: NO_POST }, row({})],
  ['study', 'lesson', 'own', withCourse(OWN, ({ lessonIds }) => ({ lessonId: lessonIds[0] })), ownDrafters],
  ['study', 'lesson', 'other', withCourse(OTHER, ({ lessonIds }) => ({ lessonId: lessonIds[0] })), otherLeaders],
  ['study', 'lesson', 'missing', { lessonId: NO_LESSON }, row({})],
  // A published course's lessons are changed by leaders only (支委 draft theirs before publishing).
  ['study', 'saveLesson', 'own', withCourse(OWN, ({ courseId }) => ({ courseId, lesson: articleLesson('第三课') })), ownLeaders],
  ['study', 'saveLesson', 'other', withCourse(OTHER, ({ courseId }) => ({ courseId, lesson: articleLesson('第三课') })), otherLeaders],
  ['study', 'saveLesson', 'missing', { courseId: NO_POST, lesson: articleLesson('第三课') }, row({})],
  ['study', 'moveLesson', 'own', withCourse(OWN, ({ lessonIds }) => ({ lessonId: lessonIds[0], direction: 'down' })), ownLeaders],
  ['study', 'moveLesson', 'other', withCourse(OTHER, ({ lessonIds }) => ({ lessonId: lessonIds[0], direction: 'down' })), otherLeaders],
  ['study', 'moveLesson', 'missing', { lessonId: NO_LESSON, direction: 'down' }, row({})],
  ['study', 'removeLesson', 'own', withCourse(OWN, ({ lessonIds }) => ({ lessonId: lessonIds[1] })), ownLeaders],
  ['study', 'removeLesson', 'other', withCourse(OTHER, ({ lessonIds }) => ({ lessonId: lessonIds[1] })), otherLeaders],
  ['study', 'removeLesson', 'missing', { lessonId: NO_LESSON }, row({})],
  ['study', 'assign', 'own', withCourse(OWN, assignInput(OWN)), ownLeaders],
  ['study', 'assign', 'other', withCourse(OTHER, assignInput(OTHER)), otherLeaders],
  ['study', 'assign', 'parent', withCourse(PARENT, assignInput(PARENT)), row({ admin: 'ok' })],
  ['study', 'assign', 'missing', withCourse(OWN, assignInput(MISSING)), row({})],
  ['study', 'assignments', 'own', { orgId: OWN }, ownLeaders],
  ['study', 'assignments', 'other', { orgId: OTHER }, otherLeaders],
  ['study', 'assignments', 'missing', { orgId: MISSING }, row({})],
  ['study', 'progress', 'own', assignmentIn(OWN, (assignmentId) => ({ assignmentId })), ownLeaders],
  ['study', 'progress', 'other', assignmentIn(OTHER, (assignmentId) => ({ assignmentId })), otherLeaders],
  ['study', 'progress', 'missing', { assignmentId: 'saNoSuchOne' }, row({})],
  ['study', 'remind', 'own', assignmentIn(OWN, (assignmentId) => ({ assignmentId, memberId: OWN_MEMBER })), ownLeaders],
  ['study', 'remind', 'other', assignmentIn(OTHER, (assignmentId) => ({ assignmentId, memberId: OTHER_MEMBER })), otherLeaders],
  ['study', 'remind', 'missing', { assignmentId: 'saNoSuchOne', memberId: OWN_MEMBER }, row({})],
  ['study', 'export', 'own', assignmentIn(OWN, (assignmentId) => ({ assignmentId })), ownLeaders],
  ['study', 'export', 'other', assignmentIn(OTHER, (assignmentId) => ({ assignmentId })), otherLeaders],
  ['study', 'export', 'missing', { assignmentId: 'saNoSuchOne' }, row({})],
  ['study', 'stats', 'own', { orgId: OWN }, ownLeaders],
  ['study', 'stats', 'other', { orgId: OTHER }, otherLeaders],
  ['study', 'stats', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['study', 'stats', 'missing', { orgId: MISSING }, row({})],
  ['exam', 'home', 'self', {}, everyone],
  // With questions in the 党委's bank: everyone in a branch draws today's paper (the newcomer has none to draw).
  ['exam', 'daily', 'self', async (rt: Runtime) => (await bankIn(PARENT)(rt), {}), everyone],
  ['exam', 'start', 'own', paperIn(OWN, ({ paperId }) => ({ paperId })), row({ member: 'ok', committee: 'ok', secretary: 'ok' })],
  ['exam', 'start', 'other', paperIn(OTHER, ({ paperId }) => ({ paperId })), row({ otherSecretary: 'ok' })],
  ['exam', 'start', 'missing', { paperId: NO_PAPER }, row({})],
  // An attempt is its taker's alone: anyone else's is refused like one that does not exist.
  ['exam', 'attempt', 'own', attemptIn(OWN, ({ attemptId }) => ({ attemptId })), row({ member: 'ok' }, 'NOT_FOUND')],
  ['exam', 'attempt', 'other', attemptIn(OTHER, ({ attemptId }) => ({ attemptId })), row({ otherSecretary: 'ok' }, 'NOT_FOUND')],
  ['exam', 'attempt', 'missing', { attemptId: NO_ATTEMPT }, row({}, 'NOT_FOUND')],
  ['exam', 'answer', 'own', attemptIn(OWN, (a) => ({ ...a, answer: { choice: [0] } })), row({ member: 'ok' }, 'NOT_FOUND')],
  ['exam', 'answer', 'other', attemptIn(OTHER, (a) => ({ ...a, answer: { choice: [0] } })), row({ otherSecretary: 'ok' }, 'NOT_FOUND')],
  ['exam', 'answer', 'missing', { attemptId: NO_ATTEMPT, questionId: NO_QUESTION, answer: { choice: [0] } }, row({}, 'NOT_FOUND')],
  ['exam', 'submit', 'own', attemptIn(OWN, ({ attemptId }) => ({ attemptId })), row({ member: 'ok' }, 'NOT_FOUND')],
  ['exam', 'submit', 'other', attemptIn(OTHER, ({ attemptId }) => ({ attemptId })), row({ otherSecretary: 'ok' }, 'NOT_FOUND')],
  ['exam', 'submit', 'missing', { attemptId: NO_ATTEMPT }, row({}, 'NOT_FOUND')],
  ['exam', 'history', 'self', {}, everyone],
  ['exam', 'wrongBook', 'self', {}, everyone],
  // Nobody has a wrong answer yet: nothing to practise.
  ['exam', 'practiceWrong', 'self', {}, row({}, 'NOT_FOUND')],
  ['exam', 'bank', 'own', { orgId: OWN }, ownDrafters],
  ['exam', 'bank', 'other', { orgId: OTHER }, otherLeaders],
  ['exam', 'bank', 'parent', { orgId: PARENT }, row({ admin: 'ok' })],
  ['exam', 'bank', 'missing', { orgId: MISSING }, row({})],
  ['exam', 'question', 'own', async (rt: Runtime) => ({ questionId: (await bankIn(OWN)(rt))[0] }), ownDrafters],
  ['exam', 'question', 'other', async (rt: Runtime) => ({ questionId: (await bankIn(OTHER)(rt))[0] }), otherLeaders],
  ['exam', 'question', 'missing', { questionId: NO_QUESTION }, row({})],
  ['exam', 'saveQuestion', 'own', { orgId: OWN, question: QUESTIONS.single }, ownDrafters],
  ['exam', 'saveQuestion', 'other', { orgId: OTHER, question: QUESTIONS.single }, otherLeaders],
  ['exam', 'saveQuestion', 'missing', { orgId: MISSING, question: QUESTIONS.single }, row({})],
  ['exam', 'removeQuestion', 'own', async (rt: Runtime) => ({ questionId: (await bankIn(OWN)(rt))[0] }), ownDrafters],
  ['exam', 'removeQuestion', 'other', async (rt: Runtime) => ({ questionId: (await bankIn(OTHER)(rt))[0] }), otherLeaders],
  ['exam', 'removeQuestion', 'missing', { questionId: NO_QUESTION }, row({})],
  ['exam', 'importTemplate', 'own', { orgId: OWN }, ownDrafters],
  ['exam', 'importTemplate', 'other', { orgId: OTHER }, otherLeaders],
  ['exam', 'importTemplate', 'missing', { orgId: MISSING }, row({})],
  // The file is checked after the permission: an unknown file is NOT_FOUND for those allowed.
  [
    'exam',
    'import',
    'other',
    { orgId: OTHER, fileID: 'cloud://local.zhibu/uploads/0123456789abcdef0123456789abcdef/none-file-0000001.xlsx' },
    row({ otherSecretary: 'NOT_FOUND', admin: 'NOT_FOUND' }),
  ],
  [
    'exam',
    'import',
    'missing',
    { orgId: MISSING, fileID: 'cloud://local.zhibu/uploads/0123456789abcdef0123456789abcdef/none-file-0000001.xlsx' },
    row({}),
  ],
  ['exam', 'exportBank', 'own', { orgId: OWN }, ownDrafters],
  ['exam', 'exportBank', 'other', { orgId: OTHER }, otherLeaders],
  ['exam', 'exportBank', 'missing', { orgId: MISSING }, row({})],
  ['exam', 'savePaper', 'own', paperFor(OWN), ownLeaders],
  ['exam', 'savePaper', 'other', paperFor(OTHER), otherLeaders],
  ['exam', 'savePaper', 'missing', async (rt: Runtime, time: Clock) => ({ ...(await paperFor(OWN)(rt, time)), orgId: MISSING }), row({})],
  ['exam', 'papers', 'own', { orgId: OWN }, ownLeaders],
  ['exam', 'papers', 'other', { orgId: OTHER }, otherLeaders],
  ['exam', 'papers', 'missing', { orgId: MISSING }, row({})],
  ['exam', 'paper', 'own', paperIn(OWN, ({ paperId }) => ({ paperId })), ownLeaders],
  ['exam', 'paper', 'other', paperIn(OTHER, ({ paperId }) => ({ paperId })), otherLeaders],
  ['exam', 'paper', 'missing', { paperId: NO_PAPER }, row({})],
  ['exam', 'cancelPaper', 'own', paperIn(OWN, ({ paperId }) => ({ paperId })), ownLeaders],
  ['exam', 'cancelPaper', 'other', paperIn(OTHER, ({ paperId }) => ({ paperId })), otherLeaders],
  ['exam', 'cancelPaper', 'missing', { paperId: NO_PAPER }, row({})],
  ['exam', 'results', 'own', paperIn(OWN, ({ paperId }) => ({ paperId })), ownLeaders],
  ['exam', 'results', 'other', paperIn(OTHER, ({ paperId }) => ({ paperId })), otherLeaders],
  ['exam', 'results', 'missing', { paperId: NO_PAPER }, row({})],
  ['exam', 'remind', 'own', paperIn(OWN, ({ paperId }) => ({ paperId, memberId: OWN_MEMBER })), ownLeaders],
  ['exam', 'remind', 'other', paperIn(OTHER, ({ paperId }) => ({ paperId, memberId: OTHER_MEMBER })), otherLeaders],
  ['exam', 'remind', 'missing', { paperId: NO_PAPER, memberId: OWN_MEMBER }, row({})],
  ['exam', 'exportResults', 'own', paperIn(OWN, ({ paperId }) => ({ paperId })), ownLeaders],
  ['exam', 'exportResults', 'other', paperIn(OTHER, ({ paperId }) => ({ paperId })), otherLeaders],
  ['exam', 'exportResults', 'missing', { paperId: NO_PAPER }, row({})],
  ['points', 'mine', 'self', {}, everyone],
  ['points', 'history', 'self', {}, everyone],
  ['points', 'setHidden', 'self', { hidden: true }, everyone],
  // A branch's ranking: its people and those who lead it (the 党委's admin); the 党委's: everyone under it.
  ['points', 'ranking', 'own', { orgId: OWN, period: 'month' }, row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['points', 'ranking', 'other', { orgId: OTHER, period: 'month' }, otherLeaders],
  ['points', 'ranking', 'parent', { orgId: PARENT, period: 'year' }, row({ newcomer: 'FORBIDDEN' }, 'ok')],
  ['points', 'ranking', 'missing', { orgId: MISSING, period: 'week' }, row({})],
  ['points', 'member', 'own', { memberId: OWN_MEMBER }, ownLeaders],
  ['points', 'member', 'other', { memberId: OTHER_MEMBER }, otherLeaders],
  ['points', 'member', 'missing', { memberId: 'm-nobody' }, row({})],
  ['points', 'adjust', 'own', { memberId: OWN_MEMBER, points: 3, reason: '协助组织志愿服务' }, ownLeaders],
  ['points', 'adjust', 'other', { memberId: OTHER_MEMBER, points: -2, reason: '重复计分更正' }, otherLeaders],
  ['points', 'adjust', 'missing', { memberId: 'm-nobody', points: 3, reason: '协助组织志愿服务' }, row({})],
  ['voice', 'home', 'self', {}, everyone],
  ['voice', 'sendLetter', 'own', { orgId: OWN, category: 'help', text: '家中有困难，想请支部帮忙。', anonymous: true }, ownMembers],
  ['voice', 'sendLetter', 'other', { orgId: OTHER, category: 'help', text: '家中有困难，想请支部帮忙。', anonymous: false }, otherMembers],
  ['voice', 'sendLetter', 'missing', { orgId: MISSING, category: 'help', text: '家中有困难，想请支部帮忙。', anonymous: true }, row({})],
  ['voice', 'myLetters', 'self', {}, everyone],
  // Only the writer finds their letter (anonymous: by the keyed hash of who they are); to anyone else it does not exist.
  ['voice', 'myLetter', 'own', letterIn(OWN), row({ member: 'ok' }, 'NOT_FOUND')],
  ['voice', 'myLetter', 'other', letterIn(OTHER), row({}, 'NOT_FOUND')],
  ['voice', 'myLetter', 'missing', { letterId: NO_LETTER }, row({}, 'NOT_FOUND')],
  ['voice', 'inbox', 'own', { orgId: OWN }, ownDrafters],
  ['voice', 'inbox', 'other', { orgId: OTHER }, otherLeaders],
  ['voice', 'inbox', 'missing', { orgId: MISSING }, row({})],
  ['voice', 'letter', 'own', letterIn(OWN), ownDrafters],
  ['voice', 'letter', 'other', letterIn(OTHER), otherLeaders],
  ['voice', 'letter', 'missing', { letterId: NO_LETTER }, row({})],
  ['voice', 'reply', 'own', async (rt: Runtime) => ({ ...(await letterIn(OWN)(rt)), text: '收到，支部会研究。' }), ownDrafters],
  ['voice', 'reply', 'other', async (rt: Runtime) => ({ ...(await letterIn(OTHER)(rt)), text: '收到，支部会研究。' }), otherLeaders],
  ['voice', 'reply', 'missing', { letterId: NO_LETTER, text: '收到，支部会研究。' }, row({})],
  ['voice', 'setLetterState', 'own', async (rt: Runtime) => ({ ...(await letterIn(OWN)(rt)), state: 'processing' }), ownDrafters],
  ['voice', 'setLetterState', 'other', async (rt: Runtime) => ({ ...(await letterIn(OTHER)(rt)), state: 'processing' }), otherLeaders],
  ['voice', 'setLetterState', 'missing', { letterId: NO_LETTER, state: 'processing' }, row({})],
  ['voice', 'surveys', 'own', { orgId: OWN }, ownLeaders],
  ['voice', 'surveys', 'other', { orgId: OTHER }, otherLeaders],
  ['voice', 'surveys', 'missing', { orgId: MISSING }, row({})],
  ['voice', 'saveSurvey', 'own', async (_rt: Runtime, time: Clock) => ({ orgId: OWN, survey: surveyInput(time.now()) }), ownLeaders],
  ['voice', 'saveSurvey', 'other', async (_rt: Runtime, time: Clock) => ({ orgId: OTHER, survey: surveyInput(time.now()) }), otherLeaders],
  ['voice', 'saveSurvey', 'missing', async (_rt: Runtime, time: Clock) => ({ orgId: MISSING, survey: surveyInput(time.now()) }), row({})],
  ...(['surveyDraft', 'closeSurvey', 'surveyResults', 'surveyPending', 'exportSurvey'] as const).flatMap((action): Row[] => [
    ['voice', action, 'own', surveyIn(OWN, (surveyId) => ({ surveyId })), ownLeaders],
    ['voice', action, 'other', surveyIn(OTHER, (surveyId) => ({ surveyId })), otherLeaders],
    ['voice', action, 'missing', { surveyId: NO_SURVEY }, row({})],
  ]),
  ['voice', 'remindSurvey', 'own', surveyIn(OWN, (surveyId) => ({ surveyId, memberId: OWN_MEMBER })), ownLeaders],
  ['voice', 'remindSurvey', 'other', surveyIn(OTHER, (surveyId) => ({ surveyId, memberId: OTHER_MEMBER })), otherLeaders],
  ['voice', 'remindSurvey', 'missing', { surveyId: NO_SURVEY, memberId: OWN_MEMBER }, row({})],
  ['voice', 'survey', 'own', surveyIn(OWN, (surveyId) => ({ surveyId })), ownMembers],
  ['voice', 'survey', 'other', surveyIn(OTHER, (surveyId) => ({ surveyId })), otherMembers],
  ['voice', 'survey', 'missing', { surveyId: NO_SURVEY }, row({})],
  ['voice', 'answerSurvey', 'own', surveyIn(OWN, (surveyId) => ({ surveyId, answers: SURVEY_ANSWERS })), ownMembers],
  ['voice', 'answerSurvey', 'other', surveyIn(OTHER, (surveyId) => ({ surveyId, answers: SURVEY_ANSWERS })), otherMembers],
  ['voice', 'answerSurvey', 'missing', { surveyId: NO_SURVEY, answers: SURVEY_ANSWERS }, row({})],
  ['voice', 'votes', 'own', { orgId: OWN }, ownLeaders],
  ['voice', 'votes', 'other', { orgId: OTHER }, otherLeaders],
  ['voice', 'votes', 'missing', { orgId: MISSING }, row({})],
  ['voice', 'saveVote', 'own', async (_rt: Runtime, time: Clock) => ({ orgId: OWN, vote: voteInput(time.now()) }), ownLeaders],
  ['voice', 'saveVote', 'other', async (_rt: Runtime, time: Clock) => ({ orgId: OTHER, vote: voteInput(time.now()) }), otherLeaders],
  ['voice', 'saveVote', 'missing', async (_rt: Runtime, time: Clock) => ({ orgId: MISSING, vote: voteInput(time.now()) }), row({})],
  ...(['voteDraft', 'cancelVote'] as const).flatMap((action): Row[] => [
    ['voice', action, 'own', voteIn(OWN, ({ voteId }) => ({ voteId })), ownLeaders],
    ['voice', action, 'other', voteIn(OTHER, ({ voteId }) => ({ voteId })), otherLeaders],
    ['voice', action, 'missing', { voteId: NO_VOTE }, row({})],
  ]),
  ['voice', 'nominate', 'own', voteIn(OWN, ({ voteId }) => ({ voteId, memberId: anotherIn(OWN), deed: DEED })), ownLeaders],
  ['voice', 'nominate', 'other', voteIn(OTHER, ({ voteId }) => ({ voteId, memberId: anotherIn(OTHER), deed: DEED })), otherLeaders],
  ['voice', 'nominate', 'missing', { voteId: NO_VOTE, memberId: OWN_MEMBER, deed: DEED }, row({})],
  ['voice', 'reviewCandidate', 'own', voteIn(OWN, (ids) => ({ ...ids, decision: 'remove' })), ownLeaders],
  ['voice', 'reviewCandidate', 'other', voteIn(OTHER, (ids) => ({ ...ids, decision: 'remove' })), otherLeaders],
  ['voice', 'reviewCandidate', 'missing', { voteId: NO_VOTE, candidateId: `${NO_VOTE}~${OWN_MEMBER}`, decision: 'remove' }, row({})],
  // Its audience, and the unit's leaders (who see the ballot and, after the close, the results).
  ['voice', 'vote', 'own', voteIn(OWN, ({ voteId }) => ({ voteId })), row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['voice', 'vote', 'other', voteIn(OTHER, ({ voteId }) => ({ voteId })), otherLeaders],
  ['voice', 'vote', 'missing', { voteId: NO_VOTE }, row({})],
  [
    'voice',
    'nominees',
    'own',
    voteIn(OWN, ({ voteId }) => ({ voteId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['voice', 'nominees', 'other', voteIn(OTHER, ({ voteId }) => ({ voteId })), otherLeaders],
  ['voice', 'nominees', 'missing', { voteId: NO_VOTE }, row({})],
  ['voice', 'propose', 'own', voteIn(OWN, ({ voteId }) => ({ voteId, memberId: anotherIn(OWN), deed: DEED })), ownMembers],
  ['voice', 'propose', 'other', voteIn(OTHER, ({ voteId }) => ({ voteId, memberId: anotherIn(OTHER), deed: DEED })), otherMembers],
  ['voice', 'propose', 'missing', { voteId: NO_VOTE, memberId: OWN_MEMBER, deed: DEED }, row({})],
  ['voice', 'cast', 'own', voteIn(OWN, ({ voteId, candidateId }) => ({ voteId, candidateIds: [candidateId] })), ownMembers],
  ['voice', 'cast', 'other', voteIn(OTHER, ({ voteId, candidateId }) => ({ voteId, candidateIds: [candidateId] })), otherMembers],
  ['voice', 'cast', 'missing', { voteId: NO_VOTE, candidateIds: [`${NO_VOTE}~${OWN_MEMBER}`] }, row({})],
  ['voice', 'finalizeVote', 'own', voteIn(OWN, ({ voteId, candidateId }) => ({ voteId, candidateIds: [candidateId] }), true), ownLeaders],
  [
    'voice',
    'finalizeVote',
    'other',
    voteIn(OTHER, ({ voteId, candidateId }) => ({ voteId, candidateIds: [candidateId] }), true),
    otherLeaders,
  ],
  ['voice', 'finalizeVote', 'missing', { voteId: NO_VOTE, candidateIds: [`${NO_VOTE}~${OWN_MEMBER}`] }, row({})],
  ['voice', 'topics', 'own', { orgId: OWN }, ownLeaders],
  ['voice', 'topics', 'other', { orgId: OTHER }, otherLeaders],
  ['voice', 'topics', 'missing', { orgId: MISSING }, row({})],
  ...(['own', 'other', 'missing'] as const).map((scope): Row => [
    'voice',
    'saveTopic',
    scope,
    {
      orgId: { own: OWN, other: OTHER, missing: MISSING }[scope],
      topic: { kind: 'news', title: '谈谈对新规的理解', audience: { kind: 'unit' } },
    },
    { own: ownLeaders, other: otherLeaders, missing: row({}) }[scope],
  ]),
  [
    'voice',
    'topic',
    'own',
    topicIn(OWN, ({ topicId }) => ({ topicId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['voice', 'topic', 'other', topicIn(OTHER, ({ topicId }) => ({ topicId })), otherLeaders],
  ['voice', 'topic', 'missing', { topicId: 'tpNoSuchOne' }, row({})],
  ['voice', 'replyTopic', 'own', topicIn(OWN, ({ topicId }) => ({ topicId, text: '我来谈谈体会。' })), ownMembers],
  ['voice', 'replyTopic', 'other', topicIn(OTHER, ({ topicId }) => ({ topicId, text: '我来谈谈体会。' })), otherMembers],
  ['voice', 'replyTopic', 'missing', { topicId: 'tpNoSuchOne', text: '我来谈谈体会。' }, row({})],
  ['voice', 'likeReply', 'own', topicIn(OWN, (ids) => ({ ...ids, like: true }), true), ownMembers],
  ['voice', 'likeReply', 'other', topicIn(OTHER, (ids) => ({ ...ids, like: true }), true), otherMembers],
  ['voice', 'likeReply', 'missing', { topicId: 'tpNoSuchOne', replyId: 'trNoSuchOne', like: true }, row({})],
  ['voice', 'moderateReply', 'own', topicIn(OWN, ({ replyId }) => ({ replyId, hidden: true }), true), ownLeaders],
  ['voice', 'moderateReply', 'other', topicIn(OTHER, ({ replyId }) => ({ replyId, hidden: true }), true), otherLeaders],
  ['voice', 'moderateReply', 'missing', { replyId: 'trNoSuchOne', hidden: true }, row({})],
  ...(['closeTopic', 'exportTopic'] as const).flatMap((action): Row[] => [
    ['voice', action, 'own', topicIn(OWN, ({ topicId }) => ({ topicId })), ownLeaders],
    ['voice', action, 'other', topicIn(OTHER, ({ topicId }) => ({ topicId })), otherLeaders],
    ['voice', action, 'missing', { topicId: 'tpNoSuchOne' }, row({})],
  ]),
  ['voice', 'appraisals', 'own', { orgId: OWN }, ownLeaders],
  ['voice', 'appraisals', 'other', { orgId: OTHER }, otherLeaders],
  ['voice', 'appraisals', 'missing', { orgId: MISSING }, row({})],
  ['voice', 'startAppraisal', 'own', { orgId: OWN, year: 2026 }, ownLeaders],
  ['voice', 'startAppraisal', 'other', { orgId: OTHER, year: 2026 }, otherLeaders],
  ['voice', 'startAppraisal', 'missing', { orgId: MISSING, year: 2026 }, row({})],
  ['voice', 'openStep', 'own', appraisalIn(OWN, 'study', (appraisalId) => ({ appraisalId, step: 'self' })), ownLeaders],
  ['voice', 'openStep', 'other', appraisalIn(OTHER, 'study', (appraisalId) => ({ appraisalId, step: 'self' })), otherLeaders],
  ['voice', 'openStep', 'missing', { appraisalId: 'ap-nowhere-2026', step: 'self' }, row({})],
  // Anyone of the branch; the admin above it too (as a unit's admin, not one of those appraised).
  [
    'voice',
    'appraisal',
    'own',
    appraisalIn(OWN, 'study', (appraisalId) => ({ appraisalId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }),
  ],
  ['voice', 'appraisal', 'other', appraisalIn(OTHER, 'study', (appraisalId) => ({ appraisalId })), otherLeaders],
  ['voice', 'appraisal', 'missing', { appraisalId: 'ap-nowhere-2026' }, row({})],
  // The admin may look, but is not one of those appraised: refused by the handler.
  [
    'voice',
    'writeSelf',
    'own',
    appraisalIn(OWN, 'self', (appraisalId) => ({ appraisalId, text: SELF_TEXT })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok' }),
  ],
  ['voice', 'writeSelf', 'other', appraisalIn(OTHER, 'self', (appraisalId) => ({ appraisalId, text: SELF_TEXT })), otherMembers],
  ['voice', 'writeSelf', 'missing', { appraisalId: 'ap-nowhere-2026', text: SELF_TEXT }, row({})],
  // Each caller rates "everyone" in the input, themselves included: refused as not the list to rate (INVALID_INPUT).
  ['voice', 'rate', 'own', ratingsIn(OWN), row({ member: 'INVALID_INPUT', committee: 'INVALID_INPUT', secretary: 'INVALID_INPUT' })],
  ['voice', 'rate', 'other', ratingsIn(OTHER), row({ otherSecretary: 'INVALID_INPUT' })],
  ['voice', 'rate', 'missing', { appraisalId: 'ap-nowhere-2026', ratings: {} }, row({})],
  ['voice', 'appraisalBoard', 'own', appraisalIn(OWN, 'study', (appraisalId) => ({ appraisalId })), ownDrafters],
  ['voice', 'appraisalBoard', 'other', appraisalIn(OTHER, 'study', (appraisalId) => ({ appraisalId })), otherLeaders],
  ['voice', 'appraisalBoard', 'missing', { appraisalId: 'ap-nowhere-2026' }, row({})],
  [
    'voice',
    'decide',
    'own',
    appraisalIn(OWN, 'decide', (appraisalId) => ({ appraisalId, memberId: OWN_MEMBER, grade: 'qualified' })),
    ownDrafters,
  ],
  [
    'voice',
    'decide',
    'other',
    appraisalIn(OTHER, 'decide', (appraisalId) => ({ appraisalId, memberId: OTHER_MEMBER, grade: 'qualified' })),
    otherLeaders,
  ],
  ['voice', 'decide', 'missing', { appraisalId: 'ap-nowhere-2026', memberId: OWN_MEMBER, grade: 'qualified' }, row({})],
  // A unit's people, those of the units below it and above it: the admin (above both branches) sees both.
  ['voice', 'showcase', 'own', { orgId: OWN }, row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' })],
  ['voice', 'showcase', 'other', { orgId: OTHER }, otherLeaders],
  ['voice', 'showcase', 'parent', { orgId: PARENT }, row({ newcomer: 'FORBIDDEN' }, 'ok')],
  ['voice', 'showcase', 'missing', { orgId: MISSING }, row({})],
  ['voice', 'addHonour', 'own', honourFor(OWN_MEMBER), ownLeaders],
  ['voice', 'addHonour', 'other', honourFor(OTHER_MEMBER), otherLeaders],
  ['voice', 'addHonour', 'missing', honourFor('m-nobody'), row({})],
  ['voice', 'removeHonour', 'own', honourIn(OWN), ownLeaders],
  ['voice', 'removeHonour', 'other', honourIn(OTHER), otherLeaders],
  ['voice', 'removeHonour', 'missing', { honourId: 'hnNoSuchOne' }, row({})],
  ['service', 'list', 'self', {}, everyone],
  [
    'service',
    'project',
    'own',
    projectIn(OWN, ({ projectId }) => ({ projectId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }, 'NOT_FOUND'),
  ],
  ['service', 'project', 'own', projectIn(OWN, ({ projectId }) => ({ projectId }), true), everyone, 'public'],
  [
    'service',
    'project',
    'other',
    projectIn(OTHER, ({ projectId }) => ({ projectId })),
    row({ otherSecretary: 'ok', admin: 'ok' }, 'NOT_FOUND'),
  ],
  ['service', 'project', 'missing', { projectId: NO_PROJECT }, row({}, 'NOT_FOUND')],
  [
    'service',
    'signUp',
    'own',
    projectIn(OWN, ({ slotId }) => ({ slotId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'FORBIDDEN' }, 'NOT_FOUND'),
  ],
  [
    'service',
    'signUp',
    'own',
    async (rt: Runtime, time: Clock) => {
      const input = await projectIn(OWN, ({ slotId }) => ({ slotId, resident: CONTACT }), true)(rt, time);
      // Members sign up as members; only the newcomer gives a name and phone.
      await allConsent(rt, [OPENID.newcomer]);
      return input;
    },
    everyone,
    'public, residents with a name and phone',
  ],
  [
    'service',
    'signUp',
    'other',
    projectIn(OTHER, ({ slotId }) => ({ slotId })),
    row({ otherSecretary: 'ok', admin: 'FORBIDDEN' }, 'NOT_FOUND'),
  ],
  ['service', 'signUp', 'missing', { slotId: NO_SLOT }, row({}, 'NOT_FOUND')],
  [
    'service',
    'cancelSignup',
    'own',
    withSignups(OWN, ({ slotId }) => ({ slotId })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok' }, 'NOT_FOUND'),
  ],
  ['service', 'cancelSignup', 'other', withSignups(OTHER, ({ slotId }) => ({ slotId })), row({ otherSecretary: 'ok' }, 'NOT_FOUND')],
  ['service', 'cancelSignup', 'missing', { slotId: NO_SLOT }, row({}, 'NOT_FOUND')],
  [
    'service',
    'checkin',
    'own',
    withSignups(OWN, async ({ slotId }, rt) => ({
      slotId,
      digits: (await setup<{ digits: string }>(rt, 'service', 'code', { slotId }, 'demo-admin')).digits,
    })),
    row({ member: 'ok', committee: 'ok', secretary: 'ok' }, 'NOT_FOUND'),
  ],
  [
    'service',
    'checkin',
    'other',
    withSignups(OTHER, async ({ slotId }, rt) => ({
      slotId,
      digits: (await setup<{ digits: string }>(rt, 'service', 'code', { slotId }, 'demo-admin')).digits,
    })),
    row({ otherSecretary: 'ok' }, 'NOT_FOUND'),
  ],
  ['service', 'checkin', 'missing', { slotId: NO_SLOT, digits: '123456' }, row({}, 'NOT_FOUND')],
  ['service', 'mine', 'self', {}, everyone],
  // Nobody has confirmed hours in 2026 here: the certificate is refused alike to all.
  ['service', 'certificate', 'self', { year: 2026 }, row({}, 'NOT_FOUND')],
  ['service', 'projects', 'own', { orgId: OWN }, ownLeaders],
  ['service', 'projects', 'other', { orgId: OTHER }, otherLeaders],
  ['service', 'projects', 'missing', { orgId: MISSING }, row({})],
  ...(['own', 'other', 'missing'] as const).map((scope): Row => [
    'service',
    'saveProject',
    scope,
    (_rt: Runtime, time: Clock) => ({
      orgId: { own: OWN, other: OTHER, missing: MISSING }[scope],
      project: {
        title: '社区义务理发',
        place: '党群服务中心',
        public: true,
        slots: [
          {
            startAt: new Date(time.now().getTime() + 3600_000).toISOString(),
            endAt: new Date(time.now().getTime() + 7200_000).toISOString(),
          },
        ],
      },
    }),
    { own: ownLeaders, other: otherLeaders, missing: row({}) }[scope],
  ]),
  ['service', 'projectDraft', 'own', projectIn(OWN, ({ projectId }) => ({ projectId })), ownLeaders],
  ['service', 'projectDraft', 'other', projectIn(OTHER, ({ projectId }) => ({ projectId })), otherLeaders],
  ['service', 'projectDraft', 'missing', { projectId: NO_PROJECT }, row({})],
  ['service', 'cancelProject', 'own', projectIn(OWN, ({ projectId }) => ({ projectId, reason: '天气原因' })), ownLeaders],
  ['service', 'cancelProject', 'other', projectIn(OTHER, ({ projectId }) => ({ projectId, reason: '天气原因' })), otherLeaders],
  ['service', 'cancelProject', 'missing', { projectId: NO_PROJECT, reason: '天气原因' }, row({})],
  ['service', 'code', 'own', projectIn(OWN, ({ slotId }) => ({ slotId })), ownLeaders],
  ['service', 'code', 'other', projectIn(OTHER, ({ slotId }) => ({ slotId })), otherLeaders],
  ['service', 'code', 'missing', { slotId: NO_SLOT }, row({})],
  ['service', 'roster', 'own', withSignups(OWN, ({ slotId }) => ({ slotId })), ownLeaders],
  ['service', 'roster', 'other', withSignups(OTHER, ({ slotId }) => ({ slotId })), otherLeaders],
  ['service', 'roster', 'missing', { slotId: NO_SLOT }, row({})],
  ...(['own', 'other'] as const).map((scope): Row => [
    'service',
    'confirmHours',
    scope,
    withSignups(scope === 'own' ? OWN : OTHER, async ({ slotId }, rt, time) => {
      const { data } = await rt.db.collection('service_signups').where({ slotId }).get();
      time.advance(3 * 3600_000);
      return { slotId, entries: (data as { _id: string }[]).map((d) => ({ signupId: d._id, hours: 2 })) };
    }),
    scope === 'own' ? ownLeaders : otherLeaders,
  ]),
  ['service', 'confirmHours', 'missing', { slotId: NO_SLOT, entries: [{ signupId: 'sgNoSuchOne', hours: 2 }] }, row({})],
  ['service', 'revealContact', 'own', residentSignupIn(OWN), ownLeaders],
  ['service', 'revealContact', 'other', residentSignupIn(OTHER), otherLeaders],
  ['service', 'revealContact', 'missing', { signupId: 'sgNoSuchOne' }, row({})],
  ['service', 'communities', 'self', { q: '支部' }, everyone],
  [
    'service',
    'register',
    'own',
    communityOf(OWN),
    row({ newcomer: 'FORBIDDEN', member: 'INVALID_INPUT', committee: 'INVALID_INPUT', secretary: 'INVALID_INPUT' }, 'ok'),
  ],
  ['service', 'register', 'other', communityOf(OTHER), row({ newcomer: 'FORBIDDEN', otherSecretary: 'INVALID_INPUT' }, 'ok')],
  ['service', 'register', 'missing', { orgId: MISSING }, row({ newcomer: 'FORBIDDEN' }, 'INVALID_INPUT')],
  ['service', 'unregister', 'self', {}, row({}, 'NOT_FOUND')],
  [
    'service',
    'unregister',
    'other',
    async (rt: Runtime) => {
      await communityOf(OTHER)(rt);
      for (const openid of ['demo-member-03', 'demo-committee', 'demo-secretary', 'demo-admin']) {
        await setup(rt, 'service', 'register', { orgId: OTHER }, openid);
      }
      return {};
    },
    row({ member: 'ok', committee: 'ok', secretary: 'ok', admin: 'ok' }, 'NOT_FOUND'),
  ],
  ['service', 'registrations', 'own', { orgId: OWN }, ownLeaders],
  ['service', 'registrations', 'other', { orgId: OTHER }, otherLeaders],
  ['service', 'registrations', 'missing', { orgId: MISSING }, row({})],
  ['service', 'stats', 'own', { orgId: OWN }, ownLeaders],
  ['service', 'stats', 'other', { orgId: OTHER }, otherLeaders],
  ['service', 'stats', 'missing', { orgId: MISSING }, row({})],
  ...(['own', 'other'] as const).map((scope): Row => [
    'service',
    'postWish',
    scope,
    async (rt: Runtime) => {
      await allConsent(rt);
      return { orgId: scope === 'own' ? OWN : OTHER, title: '楼道灯坏了', content: '三楼楼道灯坏了，想请人换个灯泡。', contact: CONTACT };
    },
    everyone,
  ]),
  [
    'service',
    'postWish',
    'missing',
    { orgId: MISSING, title: '楼道灯坏了', content: '三楼楼道灯坏了，想请人换个灯泡。', contact: CONTACT },
    row({}, 'NOT_FOUND'),
  ],
  ['service', 'wishes', 'self', {}, everyone],
  ['service', 'myWishes', 'self', {}, everyone],
  ['service', 'wish', 'own', wishIn(OWN, 'published', (wishId) => ({ wishId })), everyone, 'published'],
  [
    'service',
    'wish',
    'own',
    wishIn(OWN, 'pending', (wishId) => ({ wishId })),
    row({ secretary: 'ok', admin: 'ok' }, 'NOT_FOUND'),
    'under review',
  ],
  ['service', 'wish', 'other', wishIn(OTHER, 'pending', (wishId) => ({ wishId })), row({ otherSecretary: 'ok', admin: 'ok' }, 'NOT_FOUND')],
  ['service', 'wish', 'missing', { wishId: NO_WISH }, row({}, 'NOT_FOUND')],
  ['service', 'claimWish', 'own', wishIn(OWN, 'published', (wishId) => ({ wishId })), ownMembers],
  ['service', 'claimWish', 'other', wishIn(OTHER, 'published', (wishId) => ({ wishId })), otherMembers],
  ['service', 'claimWish', 'missing', { wishId: NO_WISH }, row({}, 'NOT_FOUND')],
  // Only the claimer (the own branch's member; the other's secretary there) gives it back or marks it done.
  ['service', 'releaseWish', 'own', wishIn(OWN, 'claimed', (wishId) => ({ wishId })), row({ member: 'ok' })],
  ['service', 'releaseWish', 'other', wishIn(OTHER, 'claimed', (wishId) => ({ wishId })), row({})],
  ['service', 'releaseWish', 'missing', { wishId: NO_WISH }, row({}, 'NOT_FOUND')],
  [
    'service',
    'fulfilWish',
    'own',
    wishIn(OWN, 'claimed', async (wishId, rt) => ({ wishId, photos: [await uploaded(rt, 'wish-done-photo.jpg', JPEG, 'demo-member-03')] })),
    row({ member: 'ok' }),
  ],
  [
    'service',
    'fulfilWish',
    'missing',
    { wishId: NO_WISH, photos: [`cloud://zhibu-local.x/uploads/${'0'.repeat(32)}/done-photo-000000.jpg`] },
    row({}, 'NOT_FOUND'),
  ],
  // Only the poster (here the own branch's member) confirms or withdraws.
  ['service', 'confirmWish', 'own', wishIn(OWN, 'done', (wishId) => ({ wishId }), 'demo-member-03'), row({ member: 'ok' })],
  ['service', 'confirmWish', 'missing', { wishId: NO_WISH }, row({}, 'NOT_FOUND')],
  [
    'service',
    'withdrawWish',
    'own',
    wishIn(OWN, 'pending', (wishId) => ({ wishId }), 'demo-member-03'),
    row({ member: 'ok' }, 'NOT_FOUND'),
  ],
  ['service', 'withdrawWish', 'missing', { wishId: NO_WISH }, row({}, 'NOT_FOUND')],
  ['service', 'wishInbox', 'own', { orgId: OWN }, ownLeaders],
  ['service', 'wishInbox', 'other', { orgId: OTHER }, otherLeaders],
  ['service', 'wishInbox', 'missing', { orgId: MISSING }, row({})],
  ['service', 'reviewWish', 'own', wishIn(OWN, 'pending', (wishId) => ({ wishId, decision: 'publish' })), ownLeaders],
  ['service', 'reviewWish', 'other', wishIn(OTHER, 'pending', (wishId) => ({ wishId, decision: 'publish' })), otherLeaders],
  ['service', 'reviewWish', 'missing', { wishId: NO_WISH, decision: 'publish' }, row({})],
  ['dues', 'mine', 'self', {}, everyone],
  ['dues', 'ledger', 'own', { orgId: OWN, year: 2026 }, ownKeepers],
  ['dues', 'ledger', 'other', { orgId: OTHER, year: 2026 }, otherKeepers],
  ['dues', 'ledger', 'parent', { orgId: PARENT, year: 2026 }, row({})],
  ['dues', 'ledger', 'missing', { orgId: MISSING, year: 2026 }, row({})],
  ['dues', 'member', 'own', { memberId: OWN_MEMBER }, ownKeepers],
  ['dues', 'member', 'other', { memberId: OTHER_MEMBER }, otherKeepers],
  ['dues', 'member', 'missing', { memberId: 'm-nobody' }, row({})],
  ['dues', 'setRate', 'own', { memberId: OWN_MEMBER, ...RATE }, ownKeepers],
  ['dues', 'setRate', 'other', { memberId: OTHER_MEMBER, ...RATE }, otherKeepers],
  ['dues', 'setRate', 'missing', { memberId: 'm-nobody', ...RATE }, row({})],
  ['dues', 'pay', 'own', { memberId: OWN_MEMBER, ...DUES_PAY }, ownKeepers],
  ['dues', 'pay', 'other', { memberId: OTHER_MEMBER, ...DUES_PAY }, otherKeepers],
  ['dues', 'pay', 'missing', { memberId: 'm-nobody', ...DUES_PAY }, row({})],
  ...(['own', 'other'] as const).map((scope): Row => [
    'dues',
    'payMonth',
    scope,
    duesRateIn(scope === 'own' ? OWN : OTHER, (memberId) => ({
      orgId: scope === 'own' ? OWN : OTHER,
      month: '2026-11',
      memberIds: [memberId],
      method: 'transfer',
      paidOn: '2026-11-20',
    })),
    scope === 'own' ? ownKeepers : otherKeepers,
  ]),
  [
    'dues',
    'payMonth',
    'missing',
    { orgId: MISSING, month: '2026-11', memberIds: [OWN_MEMBER], method: 'cash', paidOn: '2026-11-20' },
    row({}),
  ],
  ...(['own', 'other'] as const).map((scope): Row => [
    'dues',
    'revoke',
    scope,
    async (rt: Runtime) => {
      const [memberId, keeper] = scope === 'own' ? [OWN_MEMBER, 'demo-secretary'] : [OTHER_MEMBER, 'demo-secretary-2'];
      await setup(rt, 'dues', 'pay', { memberId, ...DUES_PAY }, keeper);
      return { paymentId: `${memberId}~2026-11`, reason: '登记错了' };
    },
    scope === 'own' ? ownKeepers : otherKeepers,
  ]),
  ['dues', 'revoke', 'missing', { paymentId: 'm-nobody~2026-11', reason: '登记错了' }, row({})],
  ['dues', 'export', 'own', { orgId: OWN, year: 2026 }, ownKeepers],
  ['dues', 'export', 'other', { orgId: OTHER, year: 2026 }, otherKeepers],
  ['dues', 'export', 'missing', { orgId: MISSING, year: 2026 }, row({})],
  // Ids that do not exist, for the actions the rows above name only existing ones for.
  ['invite', 'revoke', 'missing', { inviteId: 'no-such-invite00' }, row({})],
  ['lifecycle', 'history', 'missing', { memberId: 'm-nobody' }, row({})],
  ['transfer', 'initiate', 'missing', { memberId: 'm-nobody', toOrgId: OTHER, reason: '工作调动' }, row({})],
  ['activity', 'cancel', 'missing', { activityId: NO_ACTIVITY, reason: '时间冲突' }, row({})],
  ['signup', 'cancel', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['signup', 'leave', 'missing', { activityId: NO_ACTIVITY, reason: '出差' }, row({})],
  ['signup', 'withdrawLeave', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['checkin', 'code', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['checkin', 'wxacode', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['checkin', 'mark', 'missing', { activityId: NO_ACTIVITY, memberId: OWN_MEMBER, present: true }, row({})],
  ['record', 'close', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['record', 'export', 'missing', { activityId: NO_ACTIVITY }, row({})],
  ['post', 'versions', 'missing', { postId: NO_POST }, row({})],
  ['post', 'return', 'missing', { postId: NO_POST, note: '请补充时间地点' }, row({})],
  ['post', 'correct', 'missing', { postId: NO_POST, note: '更正时间', ...postInput() }, row({})],
  ['post', 'withdraw', 'missing', { postId: NO_POST, reason: '内容有误' }, row({})],
  ['post', 'remind', 'missing', { postId: NO_POST }, row({})],
  ['post', 'like', 'missing', { postId: NO_POST, like: true }, row({})],
  ['post', 'comment', 'missing', { postId: NO_POST, text: '学习了' }, row({})],
  ['post', 'comments', 'missing', { postId: NO_POST }, row({})],
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
  expect([...READS].filter((k) => !inTable.includes(k))).toEqual([]);
});

it('every row of the matrix has a title of its own', () => {
  const titles = MATRIX.map(titleOf);
  expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
});

it('every guarded action has a row in another branch', () => {
  const guarded = Object.entries(ACCESS).flatMap(([fn, actions]) =>
    Object.entries(actions)
      .filter(([, access]) => typeof access === 'object')
      .map(([action]) => `${fn}.${action}`),
  );
  const inOther = new Set(MATRIX.filter((r) => r[2] === 'other').map(([fn, action]) => `${fn}.${action}`));
  expect(guarded.filter((k) => !inOther.has(k))).toEqual([]);
});

it('every guarded action has a row on an id that does not exist', () => {
  const guarded = Object.entries(ACCESS).flatMap(([fn, actions]) =>
    Object.entries(actions)
      .filter(([, access]) => typeof access === 'object')
      .map(([action]) => `${fn}.${action}`),
  );
  const inMissing = new Set(MATRIX.filter((r) => r[2] === 'missing').map(([fn, action]) => `${fn}.${action}`));
  expect(guarded.filter((k) => !inMissing.has(k))).toEqual([]);
});

/** Phone and ID numbers of members each branch's secretary imported from a roster: no response may carry them unmasked. */
const SECRETS = { ownPhone: phoneOf(71), ownIdCard: '999999199003070012', otherPhone: phoneOf(72) };
/** Every openid a response could give away: the demo people's, and those of the people the rows bring in. */
const OPENIDS = [...new Set([...DEMO_PEOPLE.map((p) => p.openid), ...Object.values(OPENID), 'applicant-x'])];
/** Its purpose is to show the caller the unmasked number (to its owner, or the unit's secretary, audited). */
const SHOWS_SECRETS = new Set(['archive.reveal']);

/** The demo organisation, with roster members (and their phone and ID numbers) imported into both branches. */
const matrixRuntime = (time: Clock) =>
  seededRuntime('matrix', time.now, async (rt) => {
    await seedDemo(rt.db, time.now());
    const rosters = [
      [OWN, 'demo-secretary', ['赵雅静', '女', SECRETS.ownPhone, SECRETS.ownIdCard, '正式党员', '2015-07-01']],
      [OTHER, 'demo-secretary-2', ['钱立新', '男', SECRETS.otherPhone, '', '正式党员', '2016-07-01']],
    ] as const;
    for (const [orgId, openid, member] of rosters) {
      const fileID = await uploaded(rt, 'roster.xlsx', await rosterFile([[...member]]), openid);
      expect(await ok(rt, 'member', 'import', { orgId, fileID }, { openid })).toMatchObject({ imported: 1 });
    }
  });

describe.each(MATRIX.map((r) => [titleOf(r), r] as const))('%s', (_title, [fn, action, , data, expected]) => {
  it.each(WHO.map((who) => [who, expected[who]] as const))(
    'as %s: %s',
    async (who, outcome) => {
      const time = clock(DEMO_NOW);
      const rt = await matrixRuntime(time);
      const identity = who === 'anonymous' ? null : { openid: OPENID[who] };
      const input = typeof data === 'function' ? await data(rt, time) : data;
      const changes = () => (rt.engine.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      const before = changes();
      const res = await rt.invoke(fn, { action, data: input }, identity);
      expect(res.ok ? 'ok' : res.code).toBe(outcome);
      if (!res.ok) expect(changes() - before).toBe(0);
      else if (!READS.has(`${fn}.${action}`)) expect(changes() - before).toBeGreaterThan(0);
      // What an allowed caller gets back carries no openid and no unmasked phone or ID number.
      const text = JSON.stringify(res);
      expect(OPENIDS.filter((id) => text.includes(id))).toEqual([]);
      if (!SHOWS_SECRETS.has(`${fn}.${action}`)) expect(Object.values(SECRETS).filter((x) => text.includes(x))).toEqual([]);
    },
    // A row's setup may make several documents (a wish claimed and done with a photo): room for a loaded machine.
    20_000,
  );
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
