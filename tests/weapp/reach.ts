import {
  ACTIVITY_TITLE,
  BRANCH_COURSE_TITLE,
  COURSE_TITLE,
  EXAM_TITLE,
  LECTURE_QUESTION,
  APPLICANT_NAME,
  COMMITTEE,
  COMMITTEE_NAME,
  DRAFT_TITLE,
  MEMBER_NAME,
  RD,
  RD_NAME,
  DEMO_SURVEY_TITLE,
  DEMO_TOPIC_TITLE,
  DEMO_VOTE_TITLE,
  MEMBER_LETTER,
  COMMUNITY_BRANCH,
  DEMO_SERVICE_TITLE,
  DEMO_WISH_TITLE,
  RESIDENT_WISH,
  type PersonaKey,
  type World,
} from './harness/scenario';

/**
 * Which pages each persona can reach in the app (a tab, a link on a page they can see, a card or
 * code anyone can be sent), with the query WeChat would open it with, and what the page must show
 * from real data. The harness opens every row; a page of app.json that no persona reaches fails.
 */
export interface Visit {
  route: string;
  query: (w: World) => Record<string, string>;
  /** Text (or field values) the rendered page must contain. */
  shows: (w: World) => string[];
  /** Text it must not show this persona (tools they cannot use). */
  hides?: string[];
}

const COMMITTEE_POST = '2026年第三季度党费收缴情况公示';
const ADMIN_NAME = '郑德胜';
const none = () => ({});

/** What every persona reaches: the tabs, joining, their own archive, and any card or link. */
function everyone(p: {
  home: string[];
  post: string[];
  activity: string[];
  me: string[];
  archive: string[];
  transfer: string[];
  activityDetail: string[];
  postDetail: (w: World) => string[];
  postDetailHides?: string[];
  study?: string[];
}): Visit[] {
  return [
    { route: 'pages/home/index', query: none, shows: () => p.home },
    { route: 'pages/post/index', query: none, shows: () => p.post },
    { route: 'pages/activity/index', query: none, shows: () => p.activity },
    { route: 'pages/study/index', query: none, shows: () => p.study ?? ['暂无学习内容'] },
    { route: 'pages/me/index', query: none, shows: () => p.me },
    { route: 'pages/join/index', query: none, shows: () => ['搜索你所在的党支部'] },
    { route: 'pages/archive/index', query: none, shows: () => p.archive },
    { route: 'pages/transfer/index', query: none, shows: () => p.transfer },
    { route: 'pages/activity/detail/index', query: (w) => ({ id: w.activityId }), shows: () => p.activityDetail },
    { route: 'pages/post/detail/index', query: (w) => ({ id: w.postId }), shows: p.postDetail, hides: p.postDetailHides },
  ];
}

/** What members of a course's audience reach from 学习: the course, each lesson (article, audio, video) and 我的学习. */
function learner(): Visit[] {
  const lesson = (i: number, shows: string[]): Visit => ({
    route: 'packages/study/pages/lesson/index',
    query: (w) => ({ id: w.lessonIds?.[i] ?? '' }),
    shows: () => [COURSE_TITLE, ...shows],
  });
  return [
    {
      route: 'packages/study/pages/course/index',
      query: (w) => ({ id: w.courseId }),
      shows: () => [COURSE_TITLE, '课程目录', '第二讲 听：支部工作的基本要求'],
    },
    lesson(0, ['第一讲 支部的基本任务', '本课完', '下一课']),
    lesson(1, ['播放', '后退15秒', '00:45']),
    lesson(2, ['第三讲 看：三会一课', '上一课']),
    { route: 'packages/study/pages/mine/index', query: none, shows: () => ['本周', '最近学习'] },
    { route: 'packages/study/pages/practice/index', query: none, shows: () => ['每日一练', '错题本', '我的积分和排行'] },
    { route: 'packages/study/pages/points/index', query: none, shows: () => ['累计积分', '排行榜', '积分明细'] },
    { route: 'packages/study/pages/wrong/index', query: none, shows: () => ['错题本里有'] },
    { route: 'packages/study/pages/exam/index', query: () => ({ daily: '1' }), shows: () => ['每日一练'] },
  ];
}

/** The member's own papers: the exam in progress (by its id and from its card), today's graded practice, the 错题本. */
function examinee(): Visit[] {
  return [
    {
      route: 'packages/study/pages/exam/index',
      query: (w) => ({ attemptId: w.examAttemptId }),
      shows: () => [EXAM_TITLE, '剩余', '第 1 / 6 题', '下一题'],
    },
    { route: 'packages/study/pages/exam/index', query: (w) => ({ paperId: w.examId }), shows: () => [EXAM_TITLE, '剩余', '答题卡'] },
    {
      route: 'packages/study/pages/exam/index',
      query: (w) => ({ attemptId: w.dailyAttemptId }),
      shows: () => ['答对 4 / 5 题', '正确答案', '解析'],
    },
    { route: 'packages/study/pages/wrong/index', query: none, shows: () => ['错题本里有 1 道题', '练习错题'] },
    { route: 'packages/study/pages/practice/index', query: none, shows: () => [EXAM_TITLE, '继续作答', '今天已完成'] },
  ];
}

/** 心声 as a member of the first branch reaches it from home: the page, writing, their letter, the survey, the vote, 风采. */
function voiceMember(p: { hub: string[]; letter?: boolean }): Visit[] {
  const voice = (page: string, query: (w: World) => Record<string, string>, shows: string[]): Visit => ({
    route: `packages/voice/pages/${page}/index`,
    query,
    shows: () => shows,
  });
  return [
    voice('index', none, [
      '调查问卷',
      DEMO_SURVEY_TITLE,
      DEMO_VOTE_TITLE,
      '讲坛',
      DEMO_TOPIC_TITLE,
      '民主评议 · 党员互评',
      '给支部写信',
      ...p.hub,
    ]),
    voice('write', none, ['类别', '署名方式', '匿名发送', '仍可能让人猜出你是谁']),
    voice('survey', (w) => ({ id: w.surveyId }), [DEMO_SURVEY_TITLE, '匿名调查', '提交问卷', '评分 1-5']),
    voice('vote', (w) => ({ id: w.voteId }), [DEMO_VOTE_TITLE, '无记名投票', '候选人（3 位）', '提名候选人']),
    voice('showcase', () => ({ orgId: RD }), [RD_NAME, '2025 年', '优秀共产党员', '分享到支部群']),
    voice('topic', (w) => ({ id: w.topicId }), [DEMO_TOPIC_TITLE, '访谈会', '置顶', '发表']),
    {
      route: 'packages/voice/pages/appraisal/index',
      query: (w) => ({ id: w.appraisalId }),
      shows: (w) => [w.appraisalTitle, '党员互评（进行中）', '匿名互评', '还有'],
    },
    ...(p.letter ? [voice('letter', (w) => ({ id: w.memberLetterId }), ['支部的回复', '我写的信', MEMBER_LETTER])] : []),
  ];
}

/**
 * 志愿服务 from the home (anyone, residents too): the hub, the first branch's public project, 微心愿 (the wall, a published
 * wish, writing one to the community from its link); members also 进社区, 我的党费 and, with hours, the certificate.
 */
function serviceVisitor(p: { hub: string[]; project: string[]; member?: { dues: string[]; certificate?: boolean } }): Visit[] {
  const service = (page: string, query: (w: World) => Record<string, string>, shows: (w: World) => string[]): Visit => ({
    route: `packages/service/pages/${page}/index`,
    query,
    shows,
  });
  return [
    service('index', none, () => ['可报名的服务项目', DEMO_SERVICE_TITLE, ...p.hub]),
    service(
      'project',
      (w) => ({ id: w.serviceProjectId }),
      () => [DEMO_SERVICE_TITLE, '服务时段', ...p.project],
    ),
    service('wishes', none, () => ['我要许个微心愿', '心愿墙']),
    service(
      'wish',
      (w) => ({ id: w.publishedWishId }),
      () => [DEMO_WISH_TITLE, '待认领'],
    ),
    service(
      'wish-write',
      () => ({ orgId: COMMUNITY_BRANCH }),
      () => ['提交给：星光社区第一网格党支部', '提交心愿', '加密保存'],
    ),
    ...(p.member
      ? [
          service('community', none, () => ['查找社区党组织']),
          service('dues', none, () => [RD_NAME, ...p.member!.dues]),
          ...(p.member.certificate
            ? [
                service(
                  'certificate',
                  (w) => ({ year: String(w.serviceYear) }),
                  (w) => [`${w.serviceYear} 年，你参加志愿服务 1 次`],
                ),
              ]
            : []),
        ]
      : []),
  ];
}

/** A leader's tools (the 更多管理 page their home links to, and the pages those lead to) for unit `orgId`. */
function leaderTools(orgId: string, shows: Partial<Record<string, (w: World) => string[]>>): Visit[] {
  const tool = (page: string, query: (w: World) => Record<string, string>, fallback: string[]): Visit => ({
    route: `packages/secretary/pages/${page}/index`,
    query,
    shows: shows[page] ?? (() => fallback),
  });
  const unit = () => ({ orgId });
  const activity = (w: World) => ({ id: w.activityId });
  return [
    tool('tools', unit, ['入支部申请', '党员名册', '会议纪实']),
    tool('approvals', unit, ['入支部申请']),
    tool('members', unit, ['导出名册']),
    // The roster links to a member with their name in the query (see routes.ts).
    tool(
      'member',
      (w) =>
        orgId === COMMITTEE ? { orgId, memberId: w.adminMemberId, name: ADMIN_NAME } : { orgId, memberId: w.memberId, name: MEMBER_NAME },
      [],
    ),
    tool('due', unit, ['30 天内没有需要办理的']),
    tool('transfers', unit, ['没有待审核的转接']),
    tool('invites', unit, ['邀请加入']),
    tool('groups', unit, ['绑定一个微信群']),
    tool('audit', unit, ['谁在何时做了什么']),
    tool('org', unit, [RD_NAME]),
    tool('import', unit, ['下载导入模板']),
    tool('records', unit, ['还没有已结束的活动']),
    tool('stats', unit, ['三会一课']),
    tool('posts', unit, ['写新稿件']),
    tool('post-edit', unit, ['正文', '发送范围']),
    tool('activity-edit', unit, ['参加范围', '签到地点']),
    tool('activity-edit', activity, [ACTIVITY_TITLE]),
    tool('checkin-screen', activity, []),
    tool('board', activity, ['出席', '名单']),
    tool('record', activity, ['会议内容', '归档']),
    tool('post-receipts', (w) => ({ id: w.postId }), ['已读', '未读']),
    tool('bank', unit, ['新增题目', '下载导入模板']),
    tool('question-edit', unit, ['题型', '题干', '保存']),
    tool('papers', unit, ['发布考试', '管理题库']),
    tool('paper-edit', () => ({ orgId, kind: 'exam' }), ['出题方式', '答题时限（分钟）', '参加范围']),
    tool('member-points', (w) => ({ memberId: orgId === COMMITTEE ? w.adminMemberId : w.memberId }), ['调整积分', '最近的积分明细']),
    tool('letters', unit, ['全部', '待处理']),
    tool('surveys', unit, ['发起调查']),
    tool('survey-edit', unit, ['匿名方式', '问题（1 道）', '发布调查']),
    tool('votes', unit, ['发起评选', '优秀党员风采']),
    tool('vote-edit', unit, ['名额', '投票方式', '候选人提名']),
    tool('topics', unit, ['发起讨论']),
    tool('topic-edit', unit, ['讨论的问题', '参与范围', '发起讨论']),
    tool('appraisals', unit, ['学习培训 → 个人自评', '开始']),
    tool('service-projects', unit, ['发布志愿服务']),
    tool('service-edit', unit, ['谁可以报名', '服务时段', '发布']),
    tool('wish-inbox', unit, ['分享心愿收集链接', '待审核']),
  ];
}

export const REACH: Record<PersonaKey, Visit[]> = {
  newcomer: everyone({
    // First use: their name is asked for first (none is made up from the WeChat id).
    home: ['请问怎么称呼你？', '你还没有加入支部', '找到我的支部'],
    post: ['暂无内容'],
    activity: ['暂无活动'],
    me: ['未填写姓名', '请问怎么称呼你？', '尚未加入任何支部'],
    archive: ['个人信息保护说明'],
    transfer: ['你还没有加入党支部，无需转接'],
    activityDetail: ['你不在该活动的参加范围内'],
    postDetail: () => ['无法查看这条内容', '找到我的支部'],
  }).concat([
    // A 风采 card shared into a group reaches people outside the branch too: they are told whose it is.
    {
      route: 'packages/voice/pages/showcase/index',
      query: () => ({ orgId: RD }),
      shows: () => ['只能查看本组织及上下级组织的优秀党员风采'],
    },
    // A resident (not a member) reaches 志愿服务 and 微心愿 from the home, or from a card shared into a residents' group.
    ...serviceVisitor({ hub: ['有小困难？提交微心愿'], project: ['面向群众', '报名这个时段'] }),
  ]),
  member: everyone({
    home: [RD_NAME, '我的待办', ACTIVITY_TITLE, '名党员'],
    post: [COMMITTEE_POST],
    activity: [ACTIVITY_TITLE],
    me: [MEMBER_NAME, RD_NAME],
    archive: ['基本信息', '发展历程', RD_NAME],
    transfer: ['现所在支部', RD_NAME],
    activityDetail: [ACTIVITY_TITLE, '我要报名', '签到'],
    postDetail: (w) => [w.postTitle, '我已阅知'],
    postDetailHides: ['阅读回执', '更正或撤回'],
    study: ['必学', COURSE_TITLE, '继续学习', '学习考核', EXAM_TITLE],
  }).concat(
    learner(),
    examinee(),
    voiceMember({ hub: ['待填写', '我的留言'], letter: true }),
    serviceVisitor({
      hub: ['我的服务时长', '生成', '党员进社区'],
      project: ['报名这个时段'],
      member: { dues: ['每月应交', '缴纳记录'], certificate: true },
    }),
  ),
  committee: [
    ...everyone({
      home: [RD_NAME, '组织委员'],
      post: ['写稿与审核', COMMITTEE_POST],
      activity: [ACTIVITY_TITLE],
      me: ['陈海燕', '支委委员'],
      archive: ['个人信息保护说明'],
      transfer: ['现所在支部', RD_NAME],
      activityDetail: [ACTIVITY_TITLE, '我要报名'],
      postDetail: (w) => [w.postTitle],
      // Receipts and corrections are the leaders': a 支委 would only be refused.
      postDetailHides: ['阅读回执', '更正或撤回'],
      study: ['必学', COURSE_TITLE],
    }),
    ...learner(),
    // 支委 read and answer the branch's letters too (书记信箱 on their 心声 page).
    ...voiceMember({ hub: ['书记信箱', '封待处理'] }),
    ...serviceVisitor({ hub: ['党员进社区'], project: ['报名这个时段'], member: { dues: ['还没有登记你的党费缴纳标准'] } }),
    // The 组织委员 keeps the branch's 党费 (from 更多管理 › 党费收缴).
    {
      route: 'packages/secretary/pages/dues/index',
      query: () => ({ orgId: RD }),
      shows: () => ['已收', '导出年度台账（Excel）', MEMBER_NAME],
    },
    {
      route: 'packages/secretary/pages/dues-member/index',
      query: (w) => ({ id: w.memberId }),
      shows: () => [MEMBER_NAME, '缴纳标准', '缴纳记录', '登记有误，撤销'],
    },
    { route: 'packages/secretary/pages/letters/index', query: () => ({ orgId: RD }), shows: () => ['封待处理', '匿名', '已答复'] },
    {
      route: 'packages/secretary/pages/letter-reply/index',
      query: (w) => ({ id: w.memberLetterId }),
      shows: () => ['匿名来信', MEMBER_LETTER, '回复并标记已答复'],
    },
    // 支委 write posts: the 通知 tab's 写稿与审核 leads to the unit's drafts and the editor.
    { route: 'packages/secretary/pages/posts/index', query: () => ({ orgId: RD }), shows: () => [DRAFT_TITLE] },
    { route: 'packages/secretary/pages/post-edit/index', query: () => ({ orgId: RD }), shows: () => ['正文', '发送范围'] },
    { route: 'packages/secretary/pages/post-edit/index', query: (w) => ({ id: w.draftId }), shows: () => [DRAFT_TITLE] },
  ],
  secretary: [
    ...everyone({
      home: [RD_NAME, '我的待办', '1 条入支部申请待审核', '审核', '更多管理'],
      post: ['写稿与审核', COMMITTEE_POST],
      activity: [ACTIVITY_TITLE, '发起活动'],
      me: ['林建华', '书记'],
      archive: ['个人信息保护说明'],
      transfer: ['现所在支部', RD_NAME],
      activityDetail: [ACTIVITY_TITLE, '打开签到码', '签到与请假情况'],
      postDetail: (w) => [w.postTitle, '阅读回执'],
      study: ['必学', COURSE_TITLE, '布置必学、查看学习进度'],
    }),
    ...learner(),
    {
      route: 'packages/secretary/pages/assignments/index',
      query: () => ({ orgId: RD }),
      shows: () => ['布置必学', COURSE_TITLE, '未开始'],
    },
    {
      route: 'packages/secretary/pages/assignment-progress/index',
      query: (w) => ({ id: w.assignmentId }),
      shows: () => [COURSE_TITLE, '学习中', MEMBER_NAME, '导出 Excel'],
    },
    {
      route: 'packages/secretary/pages/lesson-edit/index',
      query: (w) => ({ courseId: w.branchCourseId, lessonId: w.branchLessonId }),
      shows: () => ['坚守一线的老党员', '保存课时'],
    },
    // From a live lecture that has ended: its replay joins a course the secretary picks.
    {
      route: 'packages/secretary/pages/lesson-edit/index',
      query: () => ({ orgId: RD, kind: 'channels', finder: 'sphDemoLive01', title: '回放：十二月直播党课' }),
      shows: () => ['加入哪门系列课', BRANCH_COURSE_TITLE, 'sphDemoLive01'],
    },
    {
      route: 'pages/activity/detail/index',
      query: (w) => ({ id: w.lectureId }),
      shows: () => ['打开签到码', LECTURE_QUESTION, '标记已回答'],
    },
    {
      route: 'packages/secretary/pages/post-edit/index',
      query: (w) => ({ id: w.branchCourseId }),
      shows: () => [BRANCH_COURSE_TITLE, '课时（2）', '添加课时'],
    },
    ...leaderTools(RD, {
      tools: () => ['1 条待审核', '党员名册'],
      approvals: () => [APPLICANT_NAME, '通过'],
      members: () => [MEMBER_NAME, '林建华'],
      member: () => [MEMBER_NAME],
      invites: () => [RD_NAME, '有效的邀请'],
      groups: () => ['第一支部党员群'],
      // The newest entries: a member of another branch registered here (进社区), the 党费 recorded.
      audit: () => ['到本社区报到', '党费'],
      posts: () => [DRAFT_TITLE],
      stats: () => ['三会一课', '每月学习时长', COURSE_TITLE],
      papers: () => [EXAM_TITLE, '党史专项测验', '已参加 0 / 13 人'],
      'member-points': () => [MEMBER_NAME, '调整积分'],
      letters: () => ['封待处理', '匿名', '已答复'],
      surveys: () => [DEMO_SURVEY_TITLE, '已填写 6 / 13 人'],
      votes: () => [DEMO_VOTE_TITLE, '已投票 4 / 13 人'],
      topics: () => [DEMO_TOPIC_TITLE, '3 条回复'],
      appraisals: (w) => [w.appraisalTitle, '党员互评', '已互评 3 人'],
    }),
    ...voiceMember({ hub: ['书记信箱'] }),
    ...serviceVisitor({
      hub: ['党员进社区'],
      project: ['签到码与服务时长', '修改服务项目'],
      member: { dues: ['还没有登记你的党费缴纳标准'] },
    }),
    {
      route: 'packages/secretary/pages/service-slot/index',
      query: (w) => ({ id: w.serviceSlotId }),
      shows: () => [DEMO_SERVICE_TITLE, '赵**', '138****1234', '查看完整号码', '待签到'],
    },
    {
      route: 'packages/secretary/pages/service-edit/index',
      query: (w) => ({ id: w.serviceProjectId }),
      shows: () => [DEMO_SERVICE_TITLE, '保存修改'],
    },
    {
      route: 'packages/secretary/pages/checkin-screen/index',
      query: (w) => ({ slot: w.serviceSlotId }),
      shows: () => ['签到码在时段开始前'],
    },
    {
      route: 'packages/service/pages/wish/index',
      query: (w) => ({ id: w.rdWishId }),
      shows: () => [RESIDENT_WISH, '发布，等待党员认领', '周桂芳'],
    },
    { route: 'packages/secretary/pages/community-members/index', query: () => ({ orgId: RD }), shows: () => ['在本社区报到的党员 1 人'] },
    { route: 'packages/secretary/pages/dues/index', query: () => ({ orgId: RD }), shows: () => ['已收', MEMBER_NAME] },
    { route: 'packages/secretary/pages/dues-member/index', query: (w) => ({ id: w.memberId }), shows: () => [MEMBER_NAME, '缴纳标准'] },
    {
      route: 'packages/secretary/pages/appraisal-board/index',
      query: (w) => ({ id: w.appraisalId }),
      shows: (w) => [w.appraisalTitle, '当前阶段：党员互评', '已互评 3 人', '进入“组织评定”', '自评：'],
    },
    {
      route: 'packages/secretary/pages/letter-reply/index',
      query: (w) => ({ id: w.inboxLetterId }),
      shows: () => ['回复记录', '已批准请假'],
    },
    {
      route: 'packages/secretary/pages/survey-results/index',
      query: (w) => ({ id: w.surveyId }),
      shows: () => [DEMO_SURVEY_TITLE, '已收到 6 份', '满意', '还没有填写', '导出 Excel'],
    },
    {
      route: 'packages/secretary/pages/survey-edit/index',
      query: (w) => ({ id: w.surveyId }),
      shows: () => ['已有党员作答', DEMO_SURVEY_TITLE],
    },
    {
      route: 'packages/secretary/pages/vote-manage/index',
      query: (w) => ({ id: w.voteId }),
      shows: () => [DEMO_VOTE_TITLE, '投票 4 人', '候选人（3）'],
    },
    { route: 'packages/secretary/pages/vote-edit/index', query: (w) => ({ id: w.voteId }), shows: () => ['已有党员投票', DEMO_VOTE_TITLE] },
    {
      route: 'packages/secretary/pages/paper-results/index',
      query: (w) => ({ id: w.examId }),
      shows: () => [EXAM_TITLE, '未参加', MEMBER_NAME, '作答中', '导出成绩（Excel）'],
    },
    {
      route: 'packages/secretary/pages/paper-edit/index',
      query: (w) => ({ id: w.examId }),
      shows: () => [EXAM_TITLE, '已有党员开始作答', '保存修改'],
    },
    { route: 'packages/secretary/pages/post-edit/index', query: (w) => ({ id: w.draftId }), shows: () => [DRAFT_TITLE] },
  ],
  admin: [
    ...everyone({
      // A 党委's home lists its branches, not the 党委 as if it were one.
      home: [COMMITTEE_NAME, '下级组织（2）', RD_NAME, '第二党支部（市场服务部）'],
      post: [COMMITTEE_POST],
      // The 党委's own activities; the branches' are on their pages.
      activity: ['发起活动', '暂无活动'],
      me: [ADMIN_NAME, COMMITTEE_NAME],
      archive: ['个人信息保护说明'],
      // A 党委 member has no branch to transfer from.
      transfer: ['无需转接'],
      activityDetail: [ACTIVITY_TITLE, '打开签到码'],
      postDetail: (w) => [w.postTitle, '阅读回执'],
      study: [COURSE_TITLE, '发布系列课'],
    }),
    ...learner(),
    {
      route: 'packages/secretary/pages/assignments/index',
      query: () => ({ orgId: COMMITTEE }),
      shows: () => ['布置必学', '还没有布置必学'],
    },
    ...leaderTools(COMMITTEE, {
      approvals: () => ['没有待审核的申请'],
      members: () => [ADMIN_NAME],
      member: () => [ADMIN_NAME],
      invites: () => [COMMITTEE_NAME],
      org: () => [RD_NAME, '第二党支部（市场服务部）', '添加'],
      posts: () => [COMMITTEE_POST],
      bank: () => ['新增题目', '共 12 题', '党的最高领导机关是'],
      papers: () => ['还没有发布考试或测验'],
    }),
    ...serviceVisitor({ hub: ['党员进社区'], project: ['报名这个时段'] }),
    // 心声 of the 党委: nothing asked of its own members yet; its 风采 gathers the branches' honours.
    { route: 'packages/voice/pages/index/index', query: none, shows: () => ['目前没有需要填写的问卷', '书记信箱', COMMITTEE_NAME] },
    { route: 'packages/voice/pages/write/index', query: none, shows: () => [`写给：${COMMITTEE_NAME}`, '匿名发送'] },
    {
      route: 'packages/voice/pages/showcase/index',
      query: () => ({ orgId: COMMITTEE }),
      shows: () => [COMMITTEE_NAME, '优秀共产党员', RD_NAME],
    },
    {
      route: 'packages/secretary/pages/question-edit/index',
      query: (w) => ({ orgId: COMMITTEE, id: w.questionId }),
      shows: () => ['删除这道题', '保存'],
    },
  ],
};
