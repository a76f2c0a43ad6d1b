import { demoAnswer } from '../../local/seed-exam';

/**
 * The pages to look at and measure, per persona: the readable test measures each one and
 * `npm run screenshots` photographs each one, in normal and in care mode. A page added to the app is
 * added here.
 */
export const RD = 'org-xh-branch-rd';
export const COMMITTEE = 'org-xh-committee';

/** What the detail pages open: a meeting starting in ten minutes (check-in open) and a notice. */
export interface World {
  activityId: string;
  postId: string;
  /** The demo 必学 course (the 党委's, with an article, an audio and a video lesson) and its assignment. */
  courseId: string;
  lessonIds: string[];
  assignmentId: string;
  /** A course of the first branch, which its secretary edits. */
  branchCourseId: string;
  branchLessonId: string;
  /** The branch's demo exam, the member's attempt at it (in progress) and their graded 每日一练. */
  examId: string;
  examAttemptId: string;
  dailyAttemptId: string;
  /** 心声 (local/seed-voice.ts): the branch's survey, vote, topic and appraisal; a letter the member wrote. */
  surveyId: string;
  voteId: string;
  topicId: string;
  appraisalId: string;
  letterId: string;
  /** 志愿服务 (local/seed-service.ts): the first branch's public project and its first slot, a published wish of the community. */
  projectId: string;
  slotId: string;
  wishId: string;
}

export type Persona = 'member' | 'committee' | 'secretary' | 'admin' | 'newcomer';

export interface Visit {
  /** A short name for the picture and the test title: `pages-home-index`. */
  name: string;
  url: string;
}

const TABS = ['pages/home/index', 'pages/post/index', 'pages/activity/index', 'pages/study/index', 'pages/me/index'];
const OWN = ['pages/archive/index', 'pages/transfer/index', 'pages/join/index'];
const UNIT_TOOLS = [
  'tools',
  'approvals',
  'members',
  'posts',
  'records',
  'stats',
  'activity-edit',
  'post-edit',
  'invites',
  'groups',
  'audit',
  'org',
  'due',
  'transfers',
  'import',
  'assignments',
  'letters',
  'surveys',
  'survey-edit',
  'votes',
  'vote-edit',
  'topics',
  'topic-edit',
  'appraisals',
];
const ACTIVITY_TOOLS = ['board', 'record', 'checkin-screen'];

const visit = (url: string): Visit => ({ name: url.replace(/\?.*/, '').replace(/\//g, '-'), url });

function details(w: World): Visit[] {
  return [
    visit(`pages/activity/detail/index?id=${w.activityId}`),
    visit(`pages/post/detail/index?id=${w.postId}`),
    visit(`packages/study/pages/course/index?id=${w.courseId}`),
    ...w.lessonIds.map((id, i) => ({
      ...visit(`packages/study/pages/lesson/index?id=${id}`),
      name: `packages-study-pages-lesson-${i + 1}`,
    })),
    visit('packages/study/pages/mine/index'),
    visit('packages/study/pages/practice/index'),
    visit('packages/study/pages/points/index'),
    visit('packages/study/pages/wrong/index'),
  ];
}

/** 心声 as a member of the first branch reaches it. */
function voice(w: World): Visit[] {
  return [
    visit('packages/voice/pages/index/index'),
    visit('packages/voice/pages/write/index'),
    visit(`packages/voice/pages/survey/index?id=${w.surveyId}`),
    visit(`packages/voice/pages/vote/index?id=${w.voteId}`),
    visit(`packages/voice/pages/topic/index?id=${w.topicId}`),
    visit(`packages/voice/pages/appraisal/index?id=${w.appraisalId}`),
    visit(`packages/voice/pages/showcase/index?orgId=${RD}`),
  ];
}

/** 志愿服务 and 微心愿 from the home (residents too); members also 进社区 and their 党费. */
function service(w: World, member: boolean): Visit[] {
  return [
    visit('packages/service/pages/index/index'),
    visit(`packages/service/pages/project/index?id=${w.projectId}`),
    visit('packages/service/pages/wishes/index'),
    visit(`packages/service/pages/wish/index?id=${w.wishId}`),
    visit('packages/service/pages/wish-write/index?orgId=org-sq-branch'),
    ...(member ? [visit('packages/service/pages/community/index'), visit('packages/service/pages/dues/index')] : []),
  ];
}

/** The member's own papers: the exam in progress and today's graded practice. */
function examinee(w: World): Visit[] {
  return [
    { ...visit(`packages/study/pages/exam/index?attemptId=${w.examAttemptId}`), name: 'packages-study-pages-exam-answering' },
    { ...visit(`packages/study/pages/exam/index?attemptId=${w.dailyAttemptId}`), name: 'packages-study-pages-exam-graded' },
  ];
}

function tools(orgId: string, w: World): Visit[] {
  return [
    ...UNIT_TOOLS.map((p) => visit(`packages/secretary/pages/${p}/index?orgId=${orgId}`)),
    ...ACTIVITY_TOOLS.map((p) => visit(`packages/secretary/pages/${p}/index?id=${w.activityId}`)),
    visit(`packages/secretary/pages/assignment-progress/index?id=${w.assignmentId}`),
    visit(`packages/secretary/pages/lesson-edit/index?courseId=${w.branchCourseId}&lessonId=${w.branchLessonId}`),
    visit(`packages/secretary/pages/bank/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/question-edit/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/papers/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/paper-edit/index?orgId=${orgId}&kind=exam`),
    visit(`packages/secretary/pages/paper-results/index?id=${w.examId}`),
    visit(`packages/secretary/pages/member-points/index?memberId=m-demo-005`),
    visit(`packages/secretary/pages/letter-reply/index?id=${w.letterId}`),
    visit(`packages/secretary/pages/survey-results/index?id=${w.surveyId}`),
    visit(`packages/secretary/pages/vote-manage/index?id=${w.voteId}`),
    visit(`packages/secretary/pages/appraisal-board/index?id=${w.appraisalId}`),
    visit(`packages/secretary/pages/service-projects/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/service-edit/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/service-slot/index?id=${w.slotId}`),
    visit(`packages/secretary/pages/wish-inbox/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/dues/index?orgId=${orgId}`),
    visit(`packages/secretary/pages/dues-member/index?id=m-demo-005`),
  ];
}

/** The demo sign-in of each persona (the newcomer is a fresh openid per run of a test file). */
export const OPENID: Record<Persona, string> = {
  member: 'demo-member-01',
  committee: 'demo-committee',
  secretary: 'demo-secretary',
  admin: 'demo-admin',
  newcomer: 'e2e-visits-newcomer',
};

/** Every page each persona reaches. */
export function visits(w: World): Record<Persona, Visit[]> {
  const member = [...TABS, ...OWN].map(visit);
  return {
    member: [
      ...member,
      ...details(w),
      ...examinee(w),
      ...voice(w),
      visit(`packages/voice/pages/letter/index?id=${w.letterId}`),
      ...service(w, true),
      visit('packages/service/pages/certificate/index?year=' + String(new Date().getFullYear())),
    ],
    committee: [
      ...member,
      ...details(w),
      ...voice(w),
      visit(`packages/secretary/pages/posts/index?orgId=${RD}`),
      visit(`packages/secretary/pages/letters/index?orgId=${RD}`),
      ...service(w, true),
    ],
    secretary: [...member, ...details(w), ...voice(w), ...service(w, true), ...tools(RD, w)],
    admin: [
      ...TABS.map(visit),
      visit(`packages/secretary/pages/tools/index?orgId=${COMMITTEE}`),
      visit(`packages/secretary/pages/org/index?orgId=${COMMITTEE}`),
    ],
    newcomer: [...member, ...service(w, false)],
  };
}

/** The meeting and notice the detail pages show, made through `call` (the gateway or the runtime) as the secretary and a member. */
export async function makeWorld(
  call: (openid: string, fn: string, action: string, data: object) => Promise<Record<string, unknown>>,
): Promise<World> {
  const start = new Date(Date.now() + 10 * 60 * 1000);
  const activity = await call('demo-secretary', 'activity', 'create', {
    orgId: RD,
    type: 'theme_day',
    title: '十二月主题党日',
    description: '学习党的二十届四中全会精神',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    signupDeadline: null,
    place: '研发中心三楼会议室',
    capacity: 30,
    audience: { kind: 'unit' },
    signupRequired: true,
    showSignupNames: true,
  });
  // Someone has signed up already: the 接龙 list shows a name.
  await call('demo-committee', 'signup', 'join', { activityId: activity['id'] });
  // The branch's published number, so the home shows its contact line.
  await call('demo-secretary', 'org', 'setContact', { orgId: RD, phone: '021-55501234' });
  const posts = (await call('demo-member-01', 'post', 'list', {}))['posts'] as { id: string }[];
  if (!posts[0]) throw new Error('the demo has no post for the detail page');
  // The demo's 必学 (local/seed-study.ts), and the member's place in it: the article lesson read a little.
  const assigned = (await call('demo-member-01', 'study', 'home', {}))['assigned'] as { courseId: string; assignmentId: string }[];
  if (!assigned[0]) throw new Error('the demo has no 必学 for the member');
  const course = await call('demo-member-01', 'study', 'course', { courseId: assigned[0].courseId });
  const lessonIds = (course['lessons'] as { id: string }[]).map((l) => l.id);
  await call('demo-member-01', 'study', 'open', { lessonId: lessonIds[0]! });
  const library = (await call('demo-secretary', 'study', 'library', { tag: '身边榜样' }))['items'] as { id: string }[];
  if (!library[0]) throw new Error('the demo has no branch course');
  const branchCourse = await call('demo-secretary', 'study', 'course', { courseId: library[0].id });
  // The demo exam (local/seed-exam.ts), started by the member; their 每日一练 handed in with one wrong answer.
  const papers = (await call('demo-secretary', 'exam', 'papers', { orgId: RD }))['papers'] as { id: string; kind: string }[];
  const exam = papers.find((p) => p.kind === 'exam');
  if (!exam) throw new Error('the demo has no exam');
  const daily = (await call('demo-member-01', 'exam', 'daily', {}))['attempt'] as {
    id: string;
    questions: { id: string; stem: string; type: string; options: string[]; blanks: number }[];
  } | null;
  if (!daily) throw new Error('the demo bank has no questions for the member');
  const answers = Object.fromEntries(daily.questions.map((q, i) => [q.id, demoAnswer(q, i === 0)]));
  await call('demo-member-01', 'exam', 'submit', { attemptId: daily.id, answers });
  const started = await call('demo-member-01', 'exam', 'start', { paperId: exam.id });
  // 心声 (local/seed-voice.ts), and a letter of the member's.
  const first = async (action: string, key: string) => {
    const list = (await call('demo-secretary', 'voice', action, { orgId: RD }))[key] as { id: string }[];
    if (!list[0]) throw new Error(`the demo has no ${key}`);
    return list[0].id;
  };
  const letter = await call('demo-member-01', 'voice', 'sendLetter', {
    orgId: RD,
    category: 'suggestion',
    text: '建议支部把学习资料也做成大字版。',
    anonymous: true,
  });
  const projects = (await call('demo-secretary', 'service', 'projects', { orgId: RD }))['projects'] as { id: string }[];
  if (!projects[0]) throw new Error('the demo has no service project');
  const project = await call('demo-secretary', 'service', 'project', { projectId: projects[0].id });
  const wishes = (await call('demo-community-secretary', 'service', 'wishInbox', { orgId: 'org-sq-branch' }))['wishes'] as {
    id: string;
    state: string;
  }[];
  const wish = wishes.find((x) => x.state === 'published');
  if (!wish) throw new Error('the demo has no published wish');
  return {
    projectId: projects[0].id,
    slotId: (project['slots'] as { id: string }[])[0]!.id,
    wishId: wish.id,
    surveyId: await first('surveys', 'surveys'),
    voteId: await first('votes', 'votes'),
    topicId: await first('topics', 'topics'),
    appraisalId: await first('appraisals', 'appraisals'),
    letterId: String(letter['letterId']),
    examId: exam.id,
    examAttemptId: String(started['id']),
    dailyAttemptId: daily.id,
    activityId: String(activity['id']),
    postId: posts[0].id,
    courseId: assigned[0].courseId,
    lessonIds,
    assignmentId: assigned[0].assignmentId,
    branchCourseId: library[0].id,
    branchLessonId: (branchCourse['lessons'] as { id: string }[])[0]!.id,
  };
}
