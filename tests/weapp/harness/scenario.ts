import { DEMO_ORGS, DEMO_PEOPLE } from '../../../local/seed';
import { seedDemoPosts } from '../../../local/seed-posts';
import { demoAnswer, seedDemoExam } from '../../../local/seed-exam';
import { seedDemoStudy } from '../../../local/seed-study';
import { DEMO_SURVEY_TITLE, DEMO_TOPIC_TITLE, DEMO_VOTE_TITLE, seedDemoVoice } from '../../../local/seed-voice';
import { COMMUNITY_BRANCH, COMMUNITY_SECRETARY, DEMO_SERVICE_TITLE, DEMO_WISH_TITLE, seedDemoService } from '../../../local/seed-service';
import type { Runtime } from '../../../local/runtime';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../../typings/api';
import { consented, demoRuntime } from '../../helpers/runtime';

/** The five kinds of people who open Zhibu, as demo personas of the local runtime. */
export const PERSONAS = {
  newcomer: { openid: 'weapp-newcomer', label: '新用户' },
  member: { openid: 'demo-member-01', label: '党员' },
  committee: { openid: 'demo-committee', label: '支委' },
  secretary: { openid: 'demo-secretary', label: '书记' },
  admin: { openid: 'demo-admin', label: '党委管理员' },
} as const;

export type PersonaKey = keyof typeof PERSONAS;
export const PERSONA_KEYS = Object.keys(PERSONAS) as PersonaKey[];

export const RD = 'org-xh-branch-rd';
export const COMMITTEE = 'org-xh-committee';
export const RD_NAME = DEMO_ORGS.find((o) => o._id === RD)!.name;
export const COMMITTEE_NAME = DEMO_ORGS.find((o) => o._id === COMMITTEE)!.name;
export const MEMBER_NAME = DEMO_PEOPLE.find((p) => p.openid === PERSONAS.member.openid)!.name;
export const APPLICANT_NAME = '吴思远';
export const ACTIVITY_TITLE = '十二月主题党日：学习全会精神';
export const DRAFT_TITLE = '关于开展年终述职评议的通知（草稿）';

export interface World {
  runtime: Runtime;
  activityId: string;
  postId: string;
  postTitle: string;
  draftId: string;
  memberId: string;
  /** The 党委管理员's own membership, in the 党委. */
  adminMemberId: string;
  inviteId: string;
  /** The demo 必学 (the 党委's course: an article, an audio and a video lesson) and its assignment in the first branch. */
  courseId: string;
  lessonIds: string[];
  assignmentId: string;
  /** The first branch's own course, which its secretary edits. */
  branchCourseId: string;
  branchLessonId: string;
  /** A 直播党课 on now, with a member's question. */
  lectureId: string;
  /** The first branch's demo exam, which the member has started (an attempt in progress), and their graded 每日一练 (one wrong). */
  examId: string;
  examAttemptId: string;
  dailyAttemptId: string;
  /** A question of the 党委's demo bank. */
  questionId: string;
  /** 心声 (local/seed-voice.ts): the branch's survey and vote, the member's own anonymous letter, a letter in the branch's inbox. */
  surveyId: string;
  voteId: string;
  memberLetterId: string;
  inboxLetterId: string;
  /** The branch's 讲坛 topic and this year's 民主评议 (at 党员互评). */
  topicId: string;
  appraisalId: string;
  appraisalTitle: string;
  /** 志愿服务 (local/seed-service.ts): the first branch's public project and its first slot (a resident and a member signed up). */
  serviceProjectId: string;
  serviceSlotId: string;
  /** The year of the demo's past service day, whose hours the member has (their certificate). */
  serviceYear: number;
  /** A wish published by the community (微心愿墙), and one a resident just sent the first branch (to review). */
  publishedWishId: string;
  rdWishId: string;
}

export { DEMO_SERVICE_TITLE, DEMO_WISH_TITLE, COMMUNITY_BRANCH };
export const RESIDENT_WISH = '想请人帮忙修一下自行车';

export { DEMO_SURVEY_TITLE, DEMO_TOPIC_TITLE, DEMO_VOTE_TITLE };
export const MEMBER_LETTER = '建议支部把学习资料也做成大字版，方便老党员阅读。';

export const EXAM_TITLE = '十二月党章党规知识考试';

export const LECTURE_QUESTION = '学习笔记要写多少字？';

export const COURSE_TITLE = '新时代党支部工作十讲';
export const BRANCH_COURSE_TITLE = '身边的榜样：研发中心优秀党员事迹';

/** A call the scenario needs to succeed, typed by the API contract. */
export async function must<F extends FunctionName, A extends ActionName<F>>(
  runtime: Runtime,
  fn: F,
  action: A,
  data: ActionInput<F, A>,
  openid: string,
): Promise<ActionOutput<F, A>> {
  const res = await runtime.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`scenario ${fn}.${action} as ${openid}: ${res.code} ${res.message}`);
  return res.data as ActionOutput<F, A>;
}

/**
 * The demo organisation on the real local runtime (in memory, the real clock), with something on
 * every page: published posts and a 支委's draft, an activity whose check-in is open, a pending
 * join request, an invite and a member's archive.
 */
export async function createWorld(): Promise<World> {
  const runtime = await demoRuntime(() => new Date());
  const now = Date.now();
  const posts = await seedDemoPosts(runtime, new Date(now));
  if (posts === 0) throw new Error('scenario: demo posts were not published');
  const feed = await must(runtime, 'post', 'feed', {}, PERSONAS.member.openid);
  const post = feed.pinned[0] ?? feed.latest[0];
  if (!post) throw new Error('scenario: the member sees no post');

  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const activity = await must(
    runtime,
    'activity',
    'create',
    {
      orgId: RD,
      type: 'theme_day',
      title: ACTIVITY_TITLE,
      description: '集中学习，交流体会。',
      // Check-in opens 30 minutes before the start: it is open now, and sign-up stays open for a slow run.
      startAt: at(25),
      endAt: at(145),
      signupDeadline: at(20),
      place: '研发中心三楼会议室',
      capacity: null,
      audience: { kind: 'unit' },
      signupRequired: true,
    },
    PERSONAS.secretary.openid,
  );
  const draft = await must(
    runtime,
    'post',
    'create',
    {
      orgId: RD,
      kind: 'notice',
      title: DRAFT_TITLE,
      body: [{ type: 'paragraph', text: '请各位党员做好述职准备。' }],
      audience: { kind: 'unit' },
    },
    PERSONAS.committee.openid,
  );
  await must(runtime, 'user', 'signIn', {}, 'weapp-applicant');
  await must(runtime, 'join', 'apply', { orgId: RD, name: APPLICANT_NAME, via: 'search' }, 'weapp-applicant');
  const invite = await must(runtime, 'invite', 'create', { orgId: RD }, PERSONAS.secretary.openid);
  const roster = await must(runtime, 'member', 'list', { orgId: RD }, PERSONAS.secretary.openid);
  const member = roster.members.find((m) => m.name === MEMBER_NAME);
  if (!member) throw new Error(`scenario: ${MEMBER_NAME} is not on the roster`);
  const committeeRoster = await must(runtime, 'member', 'list', { orgId: COMMITTEE }, PERSONAS.admin.openid);
  const admin = committeeRoster.members[0];
  if (!admin) throw new Error('scenario: the 党委 has no member');
  // The member has agreed to the privacy notice, so their archive shows; the others have not yet.
  await consented(runtime, PERSONAS.member.openid);
  if ((await seedDemoStudy(runtime, new Date(now))) === 0) throw new Error('scenario: demo courses were not published');
  const assigned = (await must(runtime, 'study', 'home', {}, PERSONAS.member.openid)).assigned[0];
  if (!assigned) throw new Error('scenario: the member has no 必学');
  const course = await must(runtime, 'study', 'course', { courseId: assigned.courseId }, PERSONAS.member.openid);
  // The member has begun it: 学习 offers 继续学习.
  await must(runtime, 'study', 'open', { lessonId: course.lessons[0]!.id }, PERSONAS.member.openid);
  const branchCourse = (await must(runtime, 'study', 'library', { tab: 'latest', tag: '身边榜样' }, PERSONAS.secretary.openid)).items[0];
  if (!branchCourse) throw new Error('scenario: the branch has no course');
  const branchLessons = await must(runtime, 'study', 'lessons', { courseId: branchCourse.id }, PERSONAS.secretary.openid);
  const lecture = await must(
    runtime,
    'activity',
    'create',
    {
      orgId: RD,
      type: 'live_lecture',
      title: '十二月直播党课',
      place: '线上（视频号直播）',
      startAt: at(-5),
      endAt: at(85),
      signupDeadline: null,
      audience: { kind: 'unit' },
      signupRequired: false,
      live: { finderUserName: 'sphDemoLive01', link: null },
    },
    PERSONAS.secretary.openid,
  );
  await must(runtime, 'question', 'ask', { activityId: lecture.id, text: LECTURE_QUESTION }, PERSONAS.member.openid);
  if ((await seedDemoExam(runtime, new Date(now))) === 0) throw new Error('scenario: the demo bank was not seeded');
  const papers = await must(runtime, 'exam', 'papers', { orgId: RD }, PERSONAS.secretary.openid);
  const exam = papers.papers.find((p) => p.title === EXAM_TITLE);
  if (!exam) throw new Error('scenario: the demo exam is missing');
  const daily = (await must(runtime, 'exam', 'daily', {}, PERSONAS.member.openid)).attempt;
  if (!daily) throw new Error('scenario: the member has no 每日一练');
  const answers = Object.fromEntries(daily.questions.map((q, i) => [q.id, demoAnswer(q, i === 0)]));
  await must(runtime, 'exam', 'submit', { attemptId: daily.id, answers }, PERSONAS.member.openid);
  const started = await must(runtime, 'exam', 'start', { paperId: exam.id }, PERSONAS.member.openid);
  const bank = await must(runtime, 'exam', 'bank', { orgId: COMMITTEE }, PERSONAS.admin.openid);
  if ((await seedDemoVoice(runtime, new Date(now))) === 0) throw new Error('scenario: the demo 心声 was not seeded');
  const { surveys } = await must(runtime, 'voice', 'surveys', { orgId: RD }, PERSONAS.secretary.openid);
  const { votes } = await must(runtime, 'voice', 'votes', { orgId: RD }, PERSONAS.secretary.openid);
  const letter = await must(
    runtime,
    'voice',
    'sendLetter',
    { orgId: RD, category: 'suggestion', text: MEMBER_LETTER, anonymous: true },
    PERSONAS.member.openid,
  );
  const inbox = await must(runtime, 'voice', 'inbox', { orgId: RD }, PERSONAS.secretary.openid);
  const { topics } = await must(runtime, 'voice', 'topics', { orgId: RD }, PERSONAS.secretary.openid);
  const { appraisals } = await must(runtime, 'voice', 'appraisals', { orgId: RD }, PERSONAS.secretary.openid);
  if ((await seedDemoService(runtime, new Date(now))) === 0) throw new Error('scenario: the demo 志愿服务 was not seeded');
  const { projects: serviceProjects } = await must(runtime, 'service', 'projects', { orgId: RD }, PERSONAS.secretary.openid);
  const serviceProject = await must(runtime, 'service', 'project', { projectId: serviceProjects[0]!.id }, PERSONAS.secretary.openid);
  const communityWishes = await must(runtime, 'service', 'wishInbox', { orgId: COMMUNITY_BRANCH }, COMMUNITY_SECRETARY);
  const published = communityWishes.wishes.find((w) => w.state === 'published');
  if (!published) throw new Error('scenario: the community has no published wish');
  // The first branch also takes 在职党员's registrations here (so its secretary's 报到党员 page has someone), and a resident's wish.
  await must(runtime, 'org', 'rename', { orgId: RD, name: RD_NAME, community: true }, PERSONAS.admin.openid);
  await must(runtime, 'service', 'register', { orgId: RD }, 'demo-member-12');
  await consented(runtime, 'weapp-resident');
  const rdWish = await must(
    runtime,
    'service',
    'postWish',
    {
      orgId: RD,
      title: RESIDENT_WISH,
      content: '自行车链条掉了，自己装不上，想请人帮忙看看。',
      contact: { name: '周桂芳', phone: '13900002345' },
    },
    'weapp-resident',
  );
  const { years } = await must(runtime, 'service', 'mine', {}, PERSONAS.member.openid);
  if (!years[0]) throw new Error('scenario: the member has no volunteer hours');
  return {
    serviceProjectId: serviceProject.id,
    serviceSlotId: serviceProject.slots[0]!.id,
    serviceYear: years[0].year,
    publishedWishId: published.id,
    rdWishId: rdWish.wishId,
    runtime,
    examId: exam.id,
    examAttemptId: started.id,
    dailyAttemptId: daily.id,
    questionId: bank.items[0]!.id,
    surveyId: surveys[0]!.id,
    voteId: votes[0]!.id,
    memberLetterId: letter.letterId,
    topicId: topics[0]!.id,
    appraisalId: appraisals[0]!.id,
    appraisalTitle: appraisals[0]!.title,
    inboxLetterId: inbox.letters.find((l) => l.id !== letter.letterId && l.replyCount > 0)!.id,
    activityId: activity.id,
    postId: post.id,
    postTitle: post.title,
    draftId: draft.id,
    memberId: member.memberId,
    adminMemberId: admin.memberId,
    inviteId: invite.id,
    courseId: assigned.courseId,
    lessonIds: course.lessons.map((l) => l.id),
    assignmentId: assigned.assignmentId,
    branchCourseId: branchCourse.id,
    branchLessonId: branchLessons.lessons[0]!.id,
    lectureId: lecture.id,
  };
}
