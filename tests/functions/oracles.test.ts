/**
 * Ids leak nothing: refusing someone outside a unit costs the same work and gives the same answer
 * whether the unit (or the document naming it) exists or not. Work is counted as database requests
 * at the engine, which is what made the refusal of a real foreign id measurably slower.
 */
import { DEED, surveyInput, voteInput } from '../helpers/voice';
import { authorize, authorizeAudience } from '../../cloudfunctions/common/authz';
import { ACCESS, type Access, type AudienceAccess, type RoleAccess } from '../../cloudfunctions/common/permissions';
import { localCloudID } from '../../local/openapi';
import { createActivity, MK } from '../helpers/activity';
import { publishedPost } from '../helpers/post';
import { addQuestions, createPaper, QUESTIONS } from '../helpers/exam';
import { course } from '../helpers/study';
import { consented, demoRuntime } from '../helpers/runtime';

type Rt = Awaited<ReturnType<typeof demoRuntime>>;
const OUTSIDER = 'demo-member-01'; // 第一支部: an outsider to everything of 第二支部
const MK_SECRETARY = { openid: 'demo-secretary-2' };

async function must(rt: Rt, fn: string, action: string, data: object, openid: string): Promise<Record<string, unknown>> {
  const res = await rt.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`setup ${fn}.${action}: ${res.code} ${res.message}`);
  return res.data as Record<string, unknown>;
}

/** One real document of 第二支部 in each collection the permission table looks units up through. */
async function foreignDocs(rt: Rt): Promise<Record<string, string> & { orgs: string }> {
  const activity = await createActivity(rt, { orgId: MK }, MK_SECRETARY);
  const post = await publishedPost(rt, { kind: 'news', title: '第二支部新闻' }, MK_SECRETARY.openid, MK);
  const comment = await must(rt, 'post', 'comment', { postId: post, text: '学习了' }, 'demo-member-12');
  const request = await must(rt, 'join', 'apply', { orgId: MK, name: '申请人', via: 'search' }, 'oracle-applicant');
  const invite = await must(rt, 'invite', 'create', { orgId: MK }, MK_SECRETARY.openid);
  const transfer = await must(
    rt,
    'transfer',
    'request',
    { fromOrgId: MK, toOrgId: 'org-xh-branch-rd', reason: '工作调动' },
    'demo-member-12',
  );
  const binding = await must(
    rt,
    'group',
    'bind',
    { orgId: MK, cloudID: localCloudID({ openGId: 'G-oracle-mk' }), label: '党员群' },
    MK_SECRETARY.openid,
  );
  const roster = (await must(rt, 'member', 'list', { orgId: MK }, MK_SECRETARY.openid)) as { members: { memberId: string }[] };
  const lecture = await createActivity(
    rt,
    {
      orgId: MK,
      type: 'live_lecture',
      place: '线上',
      live: { finderUserName: 'sphDemoLive01', link: null },
      signupRequired: false,
      startAt: '2026-12-10T06:00:00.000Z',
      endAt: '2026-12-10T08:00:00.000Z',
      signupDeadline: null,
    },
    MK_SECRETARY,
  );
  const question = await must(rt, 'question', 'ask', { activityId: lecture, text: '直播有回放吗？' }, 'demo-member-12');
  const studied = await course(rt, { orgId: MK, by: MK_SECRETARY.openid });
  const assignment = await must(
    rt,
    'study',
    'assign',
    { orgId: MK, courseId: studied.courseId, audience: { kind: 'unit' }, dueAt: '2026-12-31T10:00:00.000Z' },
    MK_SECRETARY.openid,
  );
  const questionIds = await addQuestions(rt, [QUESTIONS.judge], MK, MK_SECRETARY);
  const paper = await createPaper(rt, new Date('2026-11-28T10:00:00Z'), questionIds, {}, MK, MK_SECRETARY);
  const letter = await must(
    rt,
    'voice',
    'sendLetter',
    { orgId: MK, category: 'help', text: '想请支部帮忙。', anonymous: true },
    'demo-member-12',
  );
  const now = new Date('2026-11-28T10:00:00Z');
  const survey = await must(rt, 'voice', 'saveSurvey', { orgId: MK, survey: surveyInput(now) }, MK_SECRETARY.openid);
  const vote = await must(rt, 'voice', 'saveVote', { orgId: MK, vote: voteInput(now) }, MK_SECRETARY.openid);
  const honour = await must(
    rt,
    'voice',
    'addHonour',
    { memberId: 'm-demo-016', title: '优秀共产党员', year: 2025, deed: DEED },
    MK_SECRETARY.openid,
  );
  const topic = await must(
    rt,
    'voice',
    'saveTopic',
    { orgId: MK, topic: { kind: 'lesson', title: '谈谈学习体会', audience: { kind: 'unit' } } },
    MK_SECRETARY.openid,
  );
  const reply = await must(rt, 'voice', 'replyTopic', { topicId: topic['topicId'], text: '学以致用。' }, 'demo-member-12');
  const appraisal = await must(rt, 'voice', 'startAppraisal', { orgId: MK, year: 2026 }, MK_SECRETARY.openid);
  const slot = { startAt: '2026-12-10T01:00:00.000Z', endAt: '2026-12-10T03:00:00.000Z', capacity: 10 };
  const project = await must(
    rt,
    'service',
    'saveProject',
    { orgId: MK, project: { title: '义务理发', place: '社区', public: true, slots: [slot] } },
    MK_SECRETARY.openid,
  );
  const view = await must(rt, 'service', 'project', { projectId: project['projectId'] }, MK_SECRETARY.openid);
  const slotId = (view['slots'] as { id: string }[])[0]!.id;
  await consented(rt, 'oracle-resident');
  const contact = { name: '赵桂兰', phone: '13800001234' };
  const signup = await must(rt, 'service', 'signUp', { slotId, resident: contact }, 'oracle-resident');
  const wish = await must(
    rt,
    'service',
    'postWish',
    { orgId: MK, title: '楼道灯坏了', content: '三楼楼道灯坏了，想请人换灯泡。', contact },
    'oracle-resident',
  );
  await must(
    rt,
    'dues',
    'pay',
    { memberId: 'm-demo-016', months: ['2026-11'], amount: 1200, method: 'cash', paidOn: '2026-11-20', receiptNo: '' },
    MK_SECRETARY.openid,
  );
  return {
    service_projects: project['projectId'] as string,
    service_slots: slotId,
    service_signups: signup['signupId'] as string,
    wishes: wish['wishId'] as string,
    dues_payments: 'm-demo-016~2026-11',
    orgs: MK,
    letters: letter['letterId'] as string,
    surveys: survey['surveyId'] as string,
    votes: vote['voteId'] as string,
    honours: honour['id'] as string,
    topics: topic['topicId'] as string,
    topic_replies: reply['id'] as string,
    appraisals: appraisal['appraisalId'] as string,
    bank_questions: questionIds[0]!,
    exam_papers: paper,
    activities: activity,
    posts: post,
    post_comments: comment['id'] as string,
    join_requests: request['id'] as string,
    invites: invite['id'] as string,
    transfers: transfer['id'] as string,
    group_bindings: binding['id'] as string,
    memberships: roster.members[0]!.memberId,
    lessons: studied.lessonIds[0]!,
    activity_questions: question['id'] as string,
    study_assignments: assignment['id'] as string,
  };
}

const guarded = Object.entries(ACCESS).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, Access>)
    .filter((entry): entry is [string, RoleAccess | AudienceAccess] => typeof entry[1] === 'object')
    .map(([action, access]) => [`${fn}.${action}`, access] as const),
);

/** What a refusal returned and how many database requests it took. */
async function refusal(rt: Rt, access: RoleAccess | AudienceAccess, id: string): Promise<{ message: string; requests: number }> {
  const before = rt.engine.requestCount;
  const input = 'audienceOf' in access ? { [access.audienceOf]: id } : { [access.unitField]: id };
  try {
    if ('audienceOf' in access) await authorizeAudience(rt.db, OUTSIDER, access, input);
    else await authorize(rt.db, OUTSIDER, access, input);
  } catch (e) {
    return { message: (e as Error).message, requests: rt.engine.requestCount - before };
  }
  throw new Error('an outsider was let in');
}

describe('a refusal for a real foreign id and for a missing one', () => {
  let rt: Rt;
  let foreign: Awaited<ReturnType<typeof foreignDocs>>;
  beforeAll(async () => {
    rt = await demoRuntime();
    foreign = await foreignDocs(rt);
  });
  afterAll(() => rt.close());

  it('every guarded action of the permission table has a real foreign document to try', () => {
    for (const [, access] of guarded) {
      const collection = 'audienceOf' in access ? (access.of ?? 'activities') : (access.via ?? 'orgs');
      expect([collection, typeof foreign[collection]]).toEqual([collection, 'string']);
    }
  });

  it.each(guarded)('%s: the same message after the same number of database requests', async (_name, access) => {
    const collection = 'audienceOf' in access ? (access.of ?? 'activities') : (access.via ?? 'orgs');
    const real = await refusal(rt, access, foreign[collection]!);
    const missing = await refusal(rt, access, 'x-does-not-exist-0');
    expect(missing).toEqual(real);
  });

  it.each([
    ['activity', 'detail', (f: Record<string, string>) => ({ activityId: f['activities'] })],
    ['role', 'set', (f: Record<string, string>) => ({ memberId: f['memberships'], role: 'committee', duty: 'propaganda' })],
    ['post', 'comments', (f: Record<string, string>) => ({ postId: f['posts'] })],
    ['member', 'list', (f: Record<string, string>) => ({ orgId: f['orgs'] })],
    ['archive', 'get', (f: Record<string, string>) => ({ orgId: f['orgs'], memberId: f['memberships'] })],
  ])('%s.%s end to end: a foreign id and a missing one get the same answer after the same work', async (fn, action, input) => {
    const cost = async (data: object) => {
      const before = rt.engine.requestCount;
      const res = await rt.invoke(fn, { action, data }, { openid: OUTSIDER });
      return { res, requests: rt.engine.requestCount - before };
    };
    const missingIds = Object.fromEntries(Object.keys(foreign).map((k) => [k, `x-missing-${k.length}`]));
    const real = await cost(input(foreign));
    expect(real.res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cost(input(missingIds))).toEqual(real);
  });
});
