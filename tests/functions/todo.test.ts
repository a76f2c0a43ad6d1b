import { appraisalAt, createSurvey } from '../helpers/voice';
import type { TodoItem } from '../../typings/domain';
import { clock, createActivity, RD, SECRETARY } from '../helpers/activity';
import { addQuestions, createPaper, QUESTIONS } from '../helpers/exam';
import { postInput, publishedPost } from '../helpers/post';
import { consented, demoRuntime, fired, ok } from '../helpers/runtime';
import { CONTACT, createProject } from '../helpers/service';

const MEMBER = { openid: 'demo-member-01' }; // m-demo-005, 第一支部
const OTHER = { openid: 'demo-member-12' }; // 第二支部
const COMMITTEE = { openid: 'demo-committee' };
type Rt = Awaited<ReturnType<typeof demoRuntime>>;

const todo = async (rt: Rt, who: { openid: string }) => (await ok<{ items: TodoItem[] }>(rt, 'branch', 'todo', {}, who)).items;
const kinds = (items: TodoItem[]) => items.map((i) => `${i.kind}:${i.title}`);

describe('the home to-do list', () => {
  it('shows today’s practice until it is handed in, and an exam until it is passed or its attempts are used', async () => {
    const c = clock('2026-12-08T01:00:00Z');
    const rt = await demoRuntime(c.now);
    // No questions in any bank the member can see: no practice to do.
    expect(await todo(rt, MEMBER)).toEqual([]);
    const ids = await addQuestions(rt, [QUESTIONS.judge, QUESTIONS.single]);
    expect(kinds(await todo(rt, MEMBER))).toEqual(['practice:今日每日一练']);
    const paperId = await createPaper(rt, c.now(), ids, { attempts: 1, closeAt: '2026-12-08T12:00:00.000Z' });
    const items = await todo(rt, MEMBER);
    expect(kinds(items)).toEqual(['exam:考试「十二月党章党规考试」', 'practice:今日每日一练']);
    expect(items[0]).toMatchObject({
      link: { page: 'exam', query: { paperId } },
      urgent: true,
      detail: expect.stringContaining('12月8日 20:00 截止'),
    });
    const daily = (await ok<{ attempt: { id: string } }>(rt, 'exam', 'daily', {}, MEMBER)).attempt;
    await ok(rt, 'exam', 'submit', { attemptId: daily.id }, MEMBER);
    const a = await ok<{ id: string }>(rt, 'exam', 'start', { paperId }, MEMBER);
    expect(kinds(await todo(rt, MEMBER))).toEqual(['exam:考试「十二月党章党规考试」']);
    await ok(rt, 'exam', 'submit', { attemptId: a.id }, MEMBER);
    // Failed, but its one attempt is used: nothing more to do.
    expect(await todo(rt, MEMBER)).toEqual([]);
    // Another branch's member has neither: the bank and the exam are the first branch's.
    expect(await todo(rt, OTHER)).toEqual([]);
  });

  it('leads a member to sign up, then shows the sign-up, then on the day puts check-in first; checked in, the meeting leaves', async () => {
    const c = clock('2026-12-08T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { title: '十二月主题党日' });
    expect(kinds(await todo(rt, MEMBER))).toEqual(['signup:报名：主题党日「十二月主题党日」']);
    expect((await todo(rt, MEMBER))[0]).toMatchObject({ link: { page: 'activityDetail', query: { id } }, urgent: false });

    await ok(rt, 'signup', 'join', { activityId: id }, MEMBER);
    expect(await todo(rt, MEMBER)).toEqual([
      expect.objectContaining({ kind: 'signedUp', detail: expect.stringContaining('已报名 · 12月10日 14:00'), urgent: false }),
    ]);

    // The day comes: check-in opens half an hour before the start.
    c.set('2026-12-10T05:40:00Z');
    const [first] = await todo(rt, MEMBER);
    expect(first).toMatchObject({ kind: 'meeting', checkin: true, urgent: true, title: '主题党日「十二月主题党日」即将开始' });
    const code = await ok<{ digits: string }>(rt, 'checkin', 'code', { activityId: id }, SECRETARY);
    await ok(rt, 'checkin', 'submit', { activityId: id, digits: code.digits }, MEMBER);
    expect(await todo(rt, MEMBER)).toEqual([]);
    // Another branch's member never sees it.
    expect(await todo(rt, OTHER)).toEqual([]);
  });

  it('a meeting without sign-up is on the list on its day, with check-in once it opens', async () => {
    const c = clock('2026-12-10T01:00:00Z');
    const rt = await demoRuntime(c.now);
    await createActivity(rt, { signupRequired: false, type: 'general_meeting', title: '支部党员大会' });
    expect(await todo(rt, MEMBER)).toEqual([
      expect.objectContaining({ kind: 'meeting', title: '今天支部党员大会「支部党员大会」', urgent: true }),
    ]);
    c.set('2026-12-10T06:10:00Z');
    expect(await todo(rt, MEMBER)).toEqual([
      expect.objectContaining({ kind: 'meeting', checkin: true, title: expect.stringContaining('正在进行') }),
    ]);
  });

  it('a notice to confirm stays until the member confirms it', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt, { mustReadBy: '2026-12-05T10:00:00.000Z' });
    expect(await todo(rt, MEMBER)).toEqual([
      expect.objectContaining({ kind: 'mustRead', title: `阅知：${postInput().title}`, link: { page: 'postDetail', query: { id } } }),
    ]);
    await ok(rt, 'post', 'detail', { postId: id }, MEMBER);
    expect(kinds(await todo(rt, MEMBER))).toEqual([`mustRead:阅知：${postInput().title}`]);
    await ok(rt, 'post', 'confirm', { postId: id }, MEMBER);
    expect(await todo(rt, MEMBER)).toEqual([]);
    expect(await todo(rt, OTHER)).toEqual([]);
  });

  it('an applicant sees their request waiting; the secretary sees it to review; approved, both items leave', async () => {
    const rt = await demoRuntime(clock().now);
    const APPLICANT = { openid: 'wx-todo-applicant' };
    const request = await ok<{ id: string }>(rt, 'join', 'apply', { orgId: RD, name: '吴思远', via: 'search' }, APPLICANT);
    expect(kinds(await todo(rt, APPLICANT))).toEqual(['myJoinRequest:已申请加入支部，等待书记审核']);
    expect(await todo(rt, SECRETARY)).toContainEqual(
      expect.objectContaining({ kind: 'reviewJoins', title: '1 条入支部申请待审核', link: { page: 'approvals', query: { orgId: RD } } }),
    );
    // A 支委 does not review join requests.
    expect((await todo(rt, COMMITTEE)).map((i) => i.kind)).not.toContain('reviewJoins');

    await ok(rt, 'join', 'review', { requestId: request.id, approve: true }, SECRETARY);
    expect((await todo(rt, APPLICANT)).map((i) => i.kind)).not.toContain('myJoinRequest');
    expect((await todo(rt, SECRETARY)).map((i) => i.kind)).not.toContain('reviewJoins');
  });

  it('a secretary is asked for the record of an ended meeting and to review a submitted draft', async () => {
    const c = clock('2026-12-10T01:00:00Z');
    const rt = await demoRuntime(c.now);
    await createActivity(rt, { signupRequired: false });
    const draft = await ok<{ id: string }>(rt, 'post', 'create', { orgId: RD, ...postInput() }, COMMITTEE);
    await ok(rt, 'post', 'submit', { postId: draft.id }, COMMITTEE);
    c.set('2026-12-10T08:05:00Z');
    await fired(rt, 'activity', 'tick');
    const items = await todo(rt, SECRETARY);
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'recordsDue', title: '1 场活动待填写会议纪实', link: { page: 'records', query: { orgId: RD } } }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'reviewPosts', title: '1 篇稿件待审核', link: { page: 'posts', query: { orgId: RD } } }),
    );
    // Members are not asked for either.
    expect(await todo(rt, MEMBER)).toEqual([]);
  });

  it('costs at most 26 database requests for a secretary with something of every kind to do (10, one for 必学 with none due, four for 学习考核 with no paper open, six for 心声, three for 志愿服务 and 微心愿, two for 党费)', async () => {
    const c = clock('2026-12-08T01:00:00Z');
    const rt = await demoRuntime(c.now);
    await createActivity(rt, { title: '报名中的活动' });
    await createActivity(rt, {
      signupRequired: false,
      title: '今天的会',
      startAt: '2026-12-08T06:00:00.000Z',
      endAt: '2026-12-08T08:00:00.000Z',
      signupDeadline: null,
    });
    await publishedPost(rt, { mustReadBy: '2026-12-09T10:00:00.000Z' });
    await ok(rt, 'join', 'apply', { orgId: RD, name: '吴思远', via: 'search' }, { openid: 'wx-todo-applicant' });
    const draft = await ok<{ id: string }>(rt, 'post', 'create', { orgId: RD, ...postInput() }, COMMITTEE);
    await ok(rt, 'post', 'submit', { postId: draft.id }, COMMITTEE);
    await createSurvey(rt, c.now());
    await appraisalAt(rt, 'self');
    await ok(rt, 'voice', 'sendLetter', { orgId: RD, category: 'opinion', text: '会议通知能否提前一周发？', anonymous: true }, MEMBER);
    // A service slot this afternoon the secretary signed up for, a resident's wish to review, dues not yet paid.
    const { slotIds } = await createProject(rt, c.now(), { startsIn: [5 * 3600_000] });
    await ok(rt, 'service', 'signUp', { slotId: slotIds[0] }, SECRETARY);
    await consented(rt, 'wx-todo-resident');
    const wish = { orgId: RD, title: '想学用手机挂号', content: '老人想学会用手机挂号，希望有人教一教。', contact: CONTACT };
    await ok(rt, 'service', 'postWish', wish, { openid: 'wx-todo-resident' });
    await ok(rt, 'dues', 'setRate', { memberId: 'm-demo-002', amount: 2000, basis: '月工资收入按 0.5% 计', since: '2026-12' }, SECRETARY);
    c.set('2026-12-08T05:50:00Z');
    const before = rt.engine.requestCount;
    const items = await todo(rt, SECRETARY);
    const requests = rt.engine.requestCount - before;
    expect(new Set(items.map((i) => i.kind))).toEqual(
      new Set([
        'meeting',
        'signup',
        'mustRead',
        'reviewJoins',
        'reviewPosts',
        'survey',
        'letters',
        'appraisal',
        'serviceSlot',
        'wishReview',
        'duesDue',
      ]),
    );
    // 学习考核's four: the papers of the caller's audience, today's practice, the caller's units and their banks' size.
    // 心声's six: the surveys and votes of the caller's audience and which of them the caller took part in, the letters
    // waiting, the branch's 民主评议 and the caller's part in it (self-assessment written, rated).
    // 志愿服务's three: the caller's slots (with their units' hours to confirm), the projects of those slots, the wishes;
    // 党费's two: the caller's amounts and, having one, their payments.
    expect(requests).toBeLessThanOrEqual(26);
  });
});
