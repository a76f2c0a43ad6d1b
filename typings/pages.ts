/**
 * Every page of the mini program, declared once: `app.config.ts` registers them from here, the client
 * links with `pageUrl`, and the cloud functions point subscribe messages and mini-program codes at
 * `pagePath`/`pageLink`. A page that is moved or renamed is changed here, and every link follows.
 * (No URLSearchParams: WeChat's JS environment has none.)
 */

/** The tab pages, in tab order. */
export const TAB_PAGES = {
  home: 'pages/home/index',
  post: 'pages/post/index',
  activity: 'pages/activity/index',
  study: 'pages/study/index',
  me: 'pages/me/index',
} as const;

/** The rest of the main package: what members open. */
export const MEMBER_PAGES = {
  join: 'pages/join/index',
  archive: 'pages/archive/index',
  transfer: 'pages/transfer/index',
  activityDetail: 'pages/activity/detail/index',
  postDetail: 'pages/post/detail/index',
} as const;

/** The secretary subpackage: loaded only when a leader opens one of its pages. */
export const SECRETARY_ROOT = 'packages/secretary';
export const SECRETARY_PAGES = {
  approvals: 'pages/approvals/index',
  members: 'pages/members/index',
  member: 'pages/member/index',
  due: 'pages/due/index',
  transfers: 'pages/transfers/index',
  invites: 'pages/invites/index',
  groups: 'pages/groups/index',
  audit: 'pages/audit/index',
  org: 'pages/org/index',
  import: 'pages/import/index',
  activityEdit: 'pages/activity-edit/index',
  checkinScreen: 'pages/checkin-screen/index',
  board: 'pages/board/index',
  record: 'pages/record/index',
  stats: 'pages/stats/index',
  records: 'pages/records/index',
  posts: 'pages/posts/index',
  postEdit: 'pages/post-edit/index',
  postReceipts: 'pages/post-receipts/index',
  tools: 'pages/tools/index',
  lessonEdit: 'pages/lesson-edit/index',
  assignments: 'pages/assignments/index',
  assignmentProgress: 'pages/assignment-progress/index',
  bank: 'pages/bank/index',
  questionEdit: 'pages/question-edit/index',
  papers: 'pages/papers/index',
  paperEdit: 'pages/paper-edit/index',
  paperResults: 'pages/paper-results/index',
  memberPoints: 'pages/member-points/index',
  /** 书记信箱: the unit's letters, and one letter with its replies. */
  letters: 'pages/letters/index',
  letterReply: 'pages/letter-reply/index',
  surveys: 'pages/surveys/index',
  surveyEdit: 'pages/survey-edit/index',
  surveyResults: 'pages/survey-results/index',
  votes: 'pages/votes/index',
  voteEdit: 'pages/vote-edit/index',
  /** A vote's candidates and nominations, its turnout, and after the close its results and winners. */
  voteManage: 'pages/vote-manage/index',
  topics: 'pages/topics/index',
  topicEdit: 'pages/topic-edit/index',
  /** 民主评议: the unit's appraisals, and one appraisal's board (steps, distributions, grades). */
  appraisals: 'pages/appraisals/index',
  appraisalBoard: 'pages/appraisal-board/index',
  /** 志愿服务: the unit's projects, one project's form, one slot's volunteers (check-in, hours). */
  serviceProjects: 'pages/service-projects/index',
  serviceEdit: 'pages/service-edit/index',
  serviceSlot: 'pages/service-slot/index',
  /** 微心愿: the unit's wishes to review and follow. */
  wishInbox: 'pages/wish-inbox/index',
  /** 党员进社区: members registered with a community unit. */
  communityMembers: 'pages/community-members/index',
  /** 党费: the branch's ledger of a year, and one member's amount and payments. */
  dues: 'pages/dues/index',
  duesMember: 'pages/dues-member/index',
} as const;

/** The study subpackage: courses, lessons and one's study record (not tab pages, so out of the main package). */
export const STUDY_ROOT = 'packages/study';
export const STUDY_PAGES = {
  course: 'pages/course/index',
  lesson: 'pages/lesson/index',
  myStudy: 'pages/mine/index',
  /** 学习考核: today's practice, quizzes and exams, the 错题本, past papers. */
  practice: 'pages/practice/index',
  /** Answering a paper, then its result: `paperId`, `attemptId`, `daily=1` or `wrong=1`. */
  exam: 'pages/exam/index',
  wrongBook: 'pages/wrong/index',
  points: 'pages/points/index',
} as const;

/** The 心声 subpackage: letters to the branch, surveys, votes and the 优秀党员风采 showcase. */
export const VOICE_ROOT = 'packages/voice';
export const VOICE_PAGES = {
  /** 心声: write to the branch, 我的留言, open surveys and votes, 风采. */
  voice: 'pages/index/index',
  letterWrite: 'pages/write/index',
  myLetter: 'pages/letter/index',
  survey: 'pages/survey/index',
  vote: 'pages/vote/index',
  /** `orgId`: a unit's honoured members and 先锋风采 stories. */
  showcase: 'pages/showcase/index',
  /** 讲坛: a topic and its replies. */
  topic: 'pages/topic/index',
  /** 民主评议: the step, the member's self-assessment and ratings, the 公示. */
  appraisal: 'pages/appraisal/index',
} as const;

/** The service subpackage: 志愿服务, 微心愿 and 党员进社区, open to residents too, and a member's 党费. */
export const SERVICE_ROOT = 'packages/service';
export const SERVICE_PAGES = {
  /** 志愿服务: projects open to the caller, their sign-ups and hours, 微心愿 and 进社区. */
  service: 'pages/index/index',
  serviceProject: 'pages/project/index',
  /** A year's volunteer hours drawn as a certificate picture. */
  certificate: 'pages/certificate/index',
  /** 微心愿: published wishes and the caller's own; `orgId` opens a unit's. */
  wishes: 'pages/wishes/index',
  wish: 'pages/wish/index',
  /** `orgId`: post a wish to that unit. */
  wishWrite: 'pages/wish-write/index',
  /** 党员进社区: register with the community where one lives. */
  community: 'pages/community/index',
  /** 我的党费. */
  myDues: 'pages/dues/index',
} as const;

export type TabPage = keyof typeof TAB_PAGES;
export type SecretaryPage = keyof typeof SECRETARY_PAGES;
export type StudyPage = keyof typeof STUDY_PAGES;
export type VoicePage = keyof typeof VOICE_PAGES;
export type ServicePage = keyof typeof SERVICE_PAGES;
export type PageName = TabPage | keyof typeof MEMBER_PAGES | SecretaryPage | StudyPage | VoicePage | ServicePage;

/** The subpackages, each loaded when one of its pages is first opened. */
export const SUBPACKAGES = [
  { root: SECRETARY_ROOT, pages: SECRETARY_PAGES },
  { root: STUDY_ROOT, pages: STUDY_PAGES },
  { root: VOICE_ROOT, pages: VOICE_PAGES },
  { root: SERVICE_ROOT, pages: SERVICE_PAGES },
] as const;

/** Every page's name. */
export const PAGE_NAMES = [TAB_PAGES, MEMBER_PAGES, ...SUBPACKAGES.map((s) => s.pages)].flatMap((t) => Object.keys(t)) as PageName[];

// The h5-only dev sign-in page is not here: nothing of it may reach the weapp build or the functions (miniprogram/pages/dev/signin/route.ts).
const MAIN: Record<string, string> = { ...TAB_PAGES, ...MEMBER_PAGES };

/** The page's path from the package root, without a leading slash: `pages/home/index`. */
export function pagePath(name: PageName): string {
  const main = MAIN[name];
  if (main) return main;
  if (name in STUDY_PAGES) return `${STUDY_ROOT}/${STUDY_PAGES[name as StudyPage]}`;
  if (name in VOICE_PAGES) return `${VOICE_ROOT}/${VOICE_PAGES[name as VoicePage]}`;
  if (name in SERVICE_PAGES) return `${SERVICE_ROOT}/${SERVICE_PAGES[name as ServicePage]}`;
  return `${SECRETARY_ROOT}/${SECRETARY_PAGES[name as SecretaryPage]}`;
}

export type PageQuery = Record<string, string | number | null | undefined>;

function withQuery(path: string, query: PageQuery): string {
  const pairs = Object.entries(query).flatMap(([k, v]) =>
    v === null || v === undefined ? [] : [`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`],
  );
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/** Where a subscribe message or share card opens, as WeChat wants it (no leading slash): `pages/x/index?id=1`. */
export function pageLink(name: PageName, query: PageQuery = {}): string {
  return withQuery(pagePath(name), query);
}

/** A URL for Taro.navigateTo / switchTab / redirectTo: `/pages/x/index?id=1`. */
export function pageUrl(name: PageName, query: PageQuery = {}): string {
  return `/${pageLink(name, query)}`;
}

/** Pages a link in a post may open: the member pages (a tab opens with switchTab). */
export const LINKABLE_PAGES: readonly string[] = [
  ...[...Object.values(TAB_PAGES), ...Object.values(MEMBER_PAGES)].map((p) => `/${p}`),
  ...Object.values(STUDY_PAGES).map((p) => `/${STUDY_ROOT}/${p}`),
  ...Object.values(VOICE_PAGES).map((p) => `/${VOICE_ROOT}/${p}`),
  ...Object.values(SERVICE_PAGES).map((p) => `/${SERVICE_ROOT}/${p}`),
];
