/**
 * The API contract: every call, declared once, as function -> action -> { input schema, output type }.
 * The client infers its types from here; each cloud function validates `event.data` with the same schema.
 */
import * as z from 'zod';
import { LINKABLE_PAGES } from './pages';
import {
  EDUCATION_LEVELS,
  type Role,
  type TodoList,
  ROLES,
  PARTY_STAGES,
  type DueStepView,
  type LifecycleStepView,
  type MemberRowView,
  type PartyStage,
  type PrivacyStatus,
  type TransferView,
  ACTIVITY_TYPES,
  type ActivityCard,
  type ActivityView,
  type AttendanceBoard,
  type AudienceOptions,
  type CheckinCode,
  type HistoryItem,
  type RecordView,
  type StatsView,
  type SignupResult,
  type ArchiveView,
  type AuditEntryView,
  type BranchCard,
  type BranchHome,
  type GroupBindingView,
  type InviteView,
  type JoinLanding,
  type JoinRequestView,
  type Me,
  type OrgUnitView,
  type Pong,
  ATTACHMENT_EXTS,
  POST_KINDS,
  type PostComment,
  type PostCard,
  type PostDraft,
  type PostEditorCard,
  type PostFeed,
  type PostReceipts,
  type PostTrends,
  type PostVersionView,
  type QuestionView,
  type PostView,
  type UserView,
} from './domain';
import {
  STUDY_TABS,
  STUDY_TAGS,
  type AssignmentProgress,
  type AssignmentView,
  type BeatResult,
  type CourseView,
  type LessonCard,
  type LessonDraft,
  type LessonView,
  type MyStudy,
  type StudyCard,
  type StudyHome,
  type StudyStats,
} from './study';
import {
  DIFFICULTIES,
  EXAM_RULES,
  PAPER_KINDS,
  QUESTION_TYPES,
  questionProblems,
  type AttemptKind,
  type AttemptView,
  type ExamHome,
  type GradedAttempt,
  type PaperDraft,
  type PaperEditorCard,
  type PaperResults,
  type QuestionRow,
  type WrongItem,
} from './exam';
import { RANK_PERIODS, type LedgerEntry, type MyPoints, type Ranking } from './points';
import {
  APPRAISAL_GRADES,
  APPRAISAL_STEPS,
  TOPIC_KINDS,
  type AppraisalBoard,
  type AppraisalCard,
  type AppraisalView,
  type TopicCard,
  type TopicReplyView,
  type TopicView,
  LETTER_CATEGORIES,
  SURVEY_QUESTION_TYPES,
  VOICE_RULES,
  surveyProblems,
  type CandidateView,
  type HonourView,
  type LetterCard,
  type LetterState,
  type LetterView,
  type Showcase,
  type SurveyDraft,
  type SurveyEditorCard,
  type SurveyPending,
  type SurveyResults,
  type SurveyView,
  type VoiceHome,
  type VoteDraft,
  type VoteEditorCard,
  type VoteView,
} from './voice';
import {
  DUES_METHODS,
  SERVICE_RULES,
  WISH_STATES,
  type CommunityCard,
  type CommunityMemberRow,
  type CommunityRegView,
  type DuesLedger,
  type DuesMemberView,
  type MyDues,
  type MyService,
  type ServiceCertificate,
  type ServiceEditorCard,
  type ServiceProjectCard,
  type ServiceProjectDraft,
  type ServiceProjectView,
  type ServiceRoster,
  type ServiceStats,
  type WishCard,
  type WishInboxRow,
  type WishView,
} from './service';

/** Options by position (an editor's right answers, a member's choices). */
const optionIndices = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(EXAM_RULES.maxOptions - 1),
  )
  .max(EXAM_RULES.maxOptions);

/** A question as its editor writes it; checked as a whole (questionProblems) so the form and an import say the same. */
export const questionInput = z
  .strictObject({
    type: z.enum(QUESTION_TYPES),
    stem: z.string().trim().min(2, '题干至少 2 个字').max(500, '题干最多 500 个字'),
    options: z
      .array(z.string().trim().min(1, '选项不能为空').max(100, '选项最多 100 个字'))
      .max(EXAM_RULES.maxOptions, `最多 ${EXAM_RULES.maxOptions} 个选项`)
      .default([]),
    answer: optionIndices.default([]),
    blanks: z
      .array(z.array(z.string().trim().min(1, '答案不能为空').max(50, '答案最多 50 个字')).max(10, '每空最多 10 个答案'))
      .max(EXAM_RULES.maxBlanks)
      .default([]),
    explanation: z.string().trim().max(500, '解析最多 500 个字').default(''),
    tags: z.array(z.enum(STUDY_TAGS)).max(3, '最多 3 个标签').default([]),
    difficulty: z
      .number()
      .int()
      .refine(
        (d): d is (typeof DIFFICULTIES)[number] => (DIFFICULTIES as readonly number[]).includes(d),
        '难度应为 1（易）、2（中）或 3（难）',
      )
      .default(2),
  })
  .superRefine((q, c) => {
    for (const message of questionProblems(q)) c.addIssue({ code: 'custom', message });
  });

/** A member's answer to one question: choices by their shown position, or the text of each blank. */
const answerInput = z
  .strictObject({
    choice: optionIndices.optional(),
    blanks: z.array(z.string().trim().max(50, '每空最多 50 个字')).max(EXAM_RULES.maxBlanks).optional(),
  })
  .refine((a) => (a.choice === undefined) !== (a.blanks === undefined), '答案应是选项或填空之一');

export interface ActionDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

const action =
  <O>() =>
  <I extends z.ZodType>(input: I): ActionDef<I, O> => ({ input, output: undefined as unknown as O });

/** The fileID CloudBase gives an upload (see UPLOAD_CLOUD_PATH): `cloud://<env>.<bucket>/uploads/<folder>/<name>.<ext>`. */
const uploaded = (exts: string) => new RegExp(`^cloud://[^/\\s]+/uploads/[0-9a-f]{32}/[0-9A-Za-z_-]{16,64}\\.(${exts})$`);
const UPLOADED_XLSX = uploaded('xlsx');
export const UPLOADED_IMAGE = uploaded('jpg|png');
export const UPLOADED_ATTACHMENT = uploaded('pdf|docx?|xlsx?|pptx?');
/** Images of an activity or a record, in order: fileIDs already stored for it, or new uploads. Omitted = unchanged. */
const imageList = z
  .array(
    z
      .string()
      .max(500)
      .regex(/^cloud:\/\/[^/\s]+\/[0-9A-Za-z_/-]{1,200}\.(jpg|png)$/, '图片无效，请重新上传'),
  )
  .max(9, '最多 9 张图片')
  .optional();

export const docId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, '无效的编号');

/** What someone types into a search box: at most 20 characters, no control characters (it becomes a literal in a regex). */
const searchText = z
  .string()
  .trim()
  .max(20, '搜索内容最多 20 个字')
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  .regex(/^[^\u0000-\u001f\u007f]*$/, '搜索内容不能包含控制字符');

/** A person's real name, as their branch knows them. */
const personName = z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名最多 20 个字');

const orgName = z
  .string()
  .trim()
  .min(2, '名称至少 2 个字')
  .max(40, '名称最多 40 个字')
  // Control characters and angle brackets have no place in a unit's name.
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[<>\u0000-\u001f]/.test(s), '名称含有不允许的字符');

export const orgType = z.enum(['committee', 'general_branch', 'branch', 'group']);

const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const reasonText = z.string().trim().min(2, '请写明原因').max(200, '最多 200 个字');
const shortText = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`);

/** What a member may write in their archive; every field optional, only given fields change. */
export const archiveInput = z.strictObject({
  name: z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名最多 20 个字').optional(),
  gender: z.enum(['male', 'female']).optional(),
  ethnicity: shortText(10).optional(),
  birthDate: isoDate.optional(),
  education: z.enum(EDUCATION_LEVELS).optional(),
  job: shortText(40).optional(),
  /** Checked on the server (shape, ID check character) and stored encrypted. */
  phone: z.string().max(20).optional(),
  idCard: z.string().max(20).optional(),
});

const isoInstant = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601' });
const geo = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radius: z.number().int().min(50, '签到范围至少 50 米').max(5000, '签到范围最多 5000 米'),
});

/** An activity as its organiser writes it. Times are instants; the server checks they make sense. */
export const activityInput = z.strictObject({
  type: z.enum(ACTIVITY_TYPES),
  title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
  description: z.string().trim().max(2000, '说明最多 2000 个字').default(''),
  images: imageList,
  startAt: isoInstant,
  endAt: isoInstant,
  signupDeadline: isoInstant.nullable().default(null),
  place: z.string().trim().min(1, '请填写地点').max(60, '地点最多 60 个字'),
  location: geo.nullable().default(null),
  capacity: z.number().int().min(1, '名额至少 1 人').max(5000).nullable().default(null),
  audience: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('unit') }),
    z.strictObject({ kind: z.literal('units'), orgIds: z.array(docId).min(1).max(50) }),
    z.strictObject({ kind: z.literal('subtree') }),
    z.strictObject({ kind: z.literal('members'), memberIds: z.array(docId).min(1).max(500) }),
  ]),
  signupRequired: z.boolean(),
  approvalRequired: z.boolean().default(false),
  /** 接龙: the names of those signed up are shown to everyone the activity is for. */
  showSignupNames: z.boolean().default(false),
  /** 直播党课: the Channels account (视频号 ID, `sph…`) whose live members watch, and/or a link. */
  live: z
    .strictObject({
      finderUserName: z
        .string()
        .trim()
        .regex(/^sph[0-9A-Za-z_-]{3,40}$/, '视频号 ID 应以 sph 开头，可在视频号助手中查看')
        .nullable()
        .default(null),
      link: z
        .url({ protocol: /^https$/, message: '直播链接应为 https 开头的网址' })
        .max(500)
        .nullable()
        .default(null),
    })
    .nullable()
    .default(null),
  cancelRule: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('deadline') }),
      z.strictObject({ kind: z.literal('hoursBefore'), hours: z.number().int().min(1).max(168) }),
      z.strictObject({ kind: z.literal('beforeCheckin') }),
    ])
    .default({ kind: 'deadline' }),
});

/** A stored or uploaded image (JPEG/PNG) as a CloudBase fileID. */
const imageFile = z
  .string()
  .max(500)
  .regex(/^cloud:\/\/[^/\s]+\/[0-9A-Za-z_/-]{1,200}\.(jpg|png)$/, '图片无效，请重新上传');
/** A stored or uploaded attachment (PDF/Word/Excel/PowerPoint). */
const attachmentFile = z
  .string()
  .max(500)
  .regex(new RegExp(`^cloud://[^/\\s]+/[0-9A-Za-z_/-]{1,200}\\.(${ATTACHMENT_EXTS.join('|')})$`), '附件无效，请重新上传');
/** Member-facing pages of Zhibu, with a query: what a link in a post may open. */
const innerPath = z
  .string()
  .max(200)
  .regex(/^\/[a-z-/]+(\?[A-Za-z0-9_=&%.-]*)?$/, '链接只能指向支部通内的页面')
  .refine((p) => LINKABLE_PAGES.includes(p.split('?')[0]!), '链接只能指向支部通内的页面');

const postBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), text: z.string().trim().min(1, '小标题不能为空').max(60, '小标题最多 60 个字') }),
  z.strictObject({ type: z.literal('paragraph'), text: z.string().trim().min(1, '段落不能为空').max(5000, '每段最多 5000 个字') }),
  z.strictObject({ type: z.literal('image'), fileID: imageFile, caption: z.string().trim().max(60, '图片说明最多 60 个字').optional() }),
  z.strictObject({ type: z.literal('link'), text: z.string().trim().min(1, '链接文字不能为空').max(40), path: innerPath }),
]);

/** A post as its author writes it. Times are instants; publishAt null = when published. */
export const postInput = z.strictObject({
  kind: z.enum(POST_KINDS),
  title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字'),
  cover: imageFile.nullable().default(null),
  body: z.array(postBlock).min(1, '请填写正文').max(100, '正文最多 100 段'),
  attachments: z
    .array(z.strictObject({ fileID: attachmentFile, name: z.string().trim().min(1).max(80, '附件名最多 80 个字') }))
    .max(10, '最多 10 个附件')
    .default([]),
  audience: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('unit') }),
    z.strictObject({ kind: z.literal('units'), orgIds: z.array(docId).min(1).max(50) }),
    z.strictObject({ kind: z.literal('subtree') }),
  ]),
  public: z.boolean().default(false),
  publishAt: isoInstant.nullable().default(null),
  pinnedUntil: isoInstant.nullable().default(null),
  mustReadBy: isoInstant.nullable().default(null),
  /** 学习 kinds only (系列课, 学习资料). */
  tags: z.array(z.enum(STUDY_TAGS)).max(3, '最多 3 个标签').default([]),
  featured: z.boolean().default(false),
});

/** A stored or uploaded audio or video: mp3/m4a, mp4. */
const mediaFile = z
  .string()
  .max(500)
  .regex(/^cloud:\/\/[^/\s]+\/[0-9A-Za-z_/-]{1,200}\.(mp3|m4a|mp4)$/, '音视频文件无效，请重新上传');
const lessonTitle = z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字');

/** A lesson as its editor writes it; files are new uploads or the ones the lesson already has. */
export const lessonInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('article'),
    title: lessonTitle,
    body: z.array(postBlock).min(1, '请填写正文').max(100, '正文最多 100 段'),
  }),
  z.strictObject({
    kind: z.literal('audio'),
    title: lessonTitle,
    file: mediaFile.refine((f) => /\.(mp3|m4a)$/.test(f), '音频应为 MP3 或 M4A 文件'),
  }),
  z.strictObject({ kind: z.literal('video'), title: lessonTitle, file: mediaFile.refine((f) => f.endsWith('.mp4'), '视频应为 MP4 文件') }),
  z.strictObject({
    kind: z.literal('document'),
    title: lessonTitle,
    file: attachmentFile,
    name: z.string().trim().min(1, '请填写文件名').max(80, '文件名最多 80 个字'),
    minutes: z.number().int().min(1, '学习时长至少 1 分钟').max(120, '学习时长最多 120 分钟'),
  }),
  z.strictObject({
    kind: z.literal('channels'),
    title: lessonTitle,
    /** The Channels account's id (视频号 ID), `sph…`. */
    finderUserName: z
      .string()
      .trim()
      .regex(/^sph[0-9A-Za-z_-]{3,40}$/, '视频号 ID 应以 sph 开头，可在视频号助手中查看'),
    feedId: z.string().trim().max(200).nullable().default(null),
    live: z.boolean().default(false),
    minutes: z.number().int().min(1, '学习时长至少 1 分钟').max(180, '学习时长最多 180 分钟'),
  }),
]);

/** A 专项测验 or 考试 as its unit writes it. An exam needs a window, a time limit and a number of attempts. */
export const paperInput = z
  .strictObject({
    kind: z.enum(PAPER_KINDS),
    title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
    intro: z.string().trim().max(300, '说明最多 300 个字').default(''),
    mode: z.enum(['fixed', 'rules']),
    questionIds: z.array(docId).max(EXAM_RULES.maxQuestions, `最多 ${EXAM_RULES.maxQuestions} 题`).default([]),
    rules: z
      .array(
        z.strictObject({
          tag: z.enum(STUDY_TAGS).nullable().default(null),
          difficulty: z
            .union([z.literal(1), z.literal(2), z.literal(3)])
            .nullable()
            .default(null),
          count: z.number().int().min(1, '每条规则至少抽 1 题').max(50, '每条规则最多抽 50 题'),
        }),
      )
      .max(10, '最多 10 条抽题规则')
      .default([]),
    openAt: isoInstant.nullable().default(null),
    closeAt: isoInstant.nullable().default(null),
    limitMinutes: z.number().int().min(1, '限时至少 1 分钟').max(300, '限时最多 300 分钟').nullable().default(null),
    attempts: z.number().int().min(1, '至少允许作答 1 次').max(10, '最多允许作答 10 次').nullable().default(null),
    passMark: z.number().int().min(0).max(100, '及格分最多 100').default(EXAM_RULES.passMark),
    audience: activityInput.shape.audience,
  })
  .superRefine((p, c) => {
    const issue = (message: string) => c.addIssue({ code: 'custom', message });
    if (p.mode === 'fixed' && p.questionIds.length === 0) issue('请选择题目');
    if (p.mode === 'fixed' && new Set(p.questionIds).size !== p.questionIds.length) issue('题目重复');
    if (p.mode === 'rules' && p.rules.length === 0) issue('请添加抽题规则');
    const count = p.mode === 'fixed' ? p.questionIds.length : p.rules.reduce((n, r) => n + r.count, 0);
    if (count > EXAM_RULES.maxQuestions) issue(`每份试卷最多 ${EXAM_RULES.maxQuestions} 题`);
    if (p.openAt && p.closeAt && Date.parse(p.openAt) >= Date.parse(p.closeAt)) issue('结束时间应晚于开始时间');
    if (p.kind === 'exam') {
      if (!p.closeAt) issue('考试要有结束时间');
      if (!p.limitMinutes) issue('考试要有答题时限');
      if (!p.attempts) issue('考试要规定可作答次数');
    }
  });

/** A survey as its unit writes it; checked as a whole (surveyProblems) so the form and the server say the same. */
export const surveyInput = z
  .strictObject({
    title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
    intro: z.string().trim().max(500, '说明最多 500 个字').default(''),
    anonymous: z.boolean(),
    questions: z
      .array(
        z.strictObject({
          id: z.string().regex(/^q[0-9]{1,3}$/, '无效的题目编号'),
          type: z.enum(SURVEY_QUESTION_TYPES),
          title: z.string().trim().max(100, '题目最多 100 个字'),
          required: z.boolean().default(true),
          options: z
            .array(z.string().trim().min(1, '选项不能为空').max(40, '选项最多 40 个字'))
            .max(VOICE_RULES.surveyMaxOptions, `最多 ${VOICE_RULES.surveyMaxOptions} 个选项`)
            .default([]),
          scaleMax: z.union([z.literal(5), z.literal(10)]).default(5),
          scaleLabels: z
            .tuple([z.string().trim().max(10, '最多 10 个字'), z.string().trim().max(10, '最多 10 个字')])
            .default(['很不满意', '非常满意']),
        }),
      )
      .max(VOICE_RULES.surveyMaxQuestions, `最多 ${VOICE_RULES.surveyMaxQuestions} 个问题`),
    openAt: isoInstant.nullable().default(null),
    closeAt: isoInstant.nullable().default(null),
    audience: activityInput.shape.audience,
  })
  .superRefine((s, c) => {
    for (const message of surveyProblems(s)) c.addIssue({ code: 'custom', message });
    if (s.openAt && s.closeAt && Date.parse(s.openAt) >= Date.parse(s.closeAt))
      c.addIssue({ code: 'custom', message: '结束时间应晚于开始时间' });
  });

/** One survey answer: choices by option index, a scale value, or text. The server checks it against the question. */
const surveyAnswerInput = z.strictObject({
  choice: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(VOICE_RULES.surveyMaxOptions - 1),
    )
    .max(VOICE_RULES.surveyMaxOptions)
    .optional(),
  scale: z.number().int().min(1).max(10).optional(),
  text: z.string().trim().max(500, '每题最多 500 个字').optional(),
});

/** An evaluation vote (评先评优) as its unit writes it. */
export const voteInput = z
  .strictObject({
    title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
    intro: z.string().trim().max(500, '说明最多 500 个字').default(''),
    seats: z.number().int().min(1, '名额至少 1 个').max(20, '名额最多 20 个'),
    maxChoices: z.number().int().min(1, '每人至少投 1 票').max(20, '每人最多投 20 票'),
    anonymous: z.boolean().default(true),
    memberNominations: z.boolean().default(false),
    openAt: isoInstant.nullable().default(null),
    closeAt: isoInstant,
    audience: activityInput.shape.audience,
  })
  .superRefine((v, c) => {
    if (v.openAt && Date.parse(v.openAt) >= Date.parse(v.closeAt)) c.addIssue({ code: 'custom', message: '结束时间应晚于开始时间' });
  });

/** A candidate of a vote: `<voteId>~<memberId>`. */
const candidateId = z.string().regex(/^[0-9A-Za-z_-]{1,64}~[0-9A-Za-z_-]{1,64}$/, '无效的候选人');
const deedText = z.string().trim().min(10, '事迹至少 10 个字').max(500, '事迹最多 500 个字');

/** A mobile number (checked again on the server, where it is encrypted). */
const phoneText = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字');
/** A resident's name and phone: what they give to sign up or to be reached about a wish. */
const residentContact = z.strictObject({ name: personName, phone: phoneText });

/** A 志愿服务 project as its organiser writes it: the server checks the slots make sense. */
export const serviceProjectInput = z.strictObject({
  title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
  description: z.string().trim().max(2000, '说明最多 2000 个字').default(''),
  place: z.string().trim().min(1, '请填写地点').max(60, '地点最多 60 个字'),
  public: z.boolean(),
  images: imageList,
  slots: z
    .array(
      z.strictObject({
        id: docId.nullable().default(null),
        startAt: isoInstant,
        endAt: isoInstant,
        capacity: z
          .number()
          .int()
          .min(1, '名额至少 1 人')
          .max(SERVICE_RULES.maxCapacity, `名额最多 ${SERVICE_RULES.maxCapacity} 人`)
          .nullable()
          .default(null),
      }),
    )
    .min(1, '请至少添加一个服务时段')
    .max(SERVICE_RULES.maxSlots, `最多 ${SERVICE_RULES.maxSlots} 个时段`),
});

const yearMonth = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
/** Dues in fen: up to 100,000 yuan. */
const feeAmount = z.number().int('金额最小单位为分').min(0, '金额不能为负').max(10_000_000, '金额过大');
const receiptNo = z.string().trim().max(30, '收据编号最多 30 个字').default('');

export const contract = {
  user: {
    /** Creates or loads the caller's user record from their WeChat identity. */
    signIn: action<Me>()(z.strictObject({})),
    /** The caller's own name, asked at first use (instead of one made up from the openid); their branch knows them by the roster's. */
    setName: action<UserView>()(z.strictObject({ name: personName })),
  },
  branch: {
    /** The branch home: name and member count of the caller's branch (or of `orgId` if they belong to it). */
    home: action<BranchHome>()(z.strictObject({ orgId: docId.optional() })),
    /** The caller's open items of party work, most pressing first (the home's to-do list and the tab badge). */
    todo: action<TodoList>()(z.strictObject({})),
  },
  org: {
    /** The units the caller can see: their own (and the ones above), or everything below a unit they administer. */
    tree: action<{ units: OrgUnitView[] }>()(z.strictObject({})),
    /** A new unit under a unit; `community`: a 社区党组织, with which members register where they live (党员进社区). */
    create: action<{ unit: OrgUnitView }>()(
      z.strictObject({ parentId: docId, name: orgName, type: orgType, community: z.boolean().default(false) }),
    ),
    rename: action<{ unit: OrgUnitView }>()(z.strictObject({ orgId: docId, name: orgName, community: z.boolean().optional() })),
    /**
     * The number members of the unit call or copy from their home (an office phone, or the secretary's if
     * they choose to publish it); null removes it. Audited.
     */
    setContact: action<{ contactPhone: string | null }>()(
      z.strictObject({
        orgId: docId,
        phone: z
          .string()
          .trim()
          .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写手机号（11 位）或座机号（如 021-12345678）')
          .nullable(),
      }),
    ),
    /** Refused while the unit has members or units below it. */
    remove: action<{ removed: true }>()(z.strictObject({ orgId: docId })),
    /** Branches whose name contains `q`, for someone looking for theirs. */
    search: action<{ units: BranchCard[] }>()(z.strictObject({ q: searchText.min(1, '请输入支部名称') })),
  },
  join: {
    /** Apply to join a branch; applying again while a request is pending returns that request. */
    apply: action<JoinRequestView>()(
      z.strictObject({
        orgId: docId,
        name: personName,
        note: z.string().trim().max(200, '说明最多 200 个字').optional(),
        via: z.enum(['group', 'invite', 'search']),
      }),
    ),
    mine: action<{ requests: JoinRequestView[] }>()(z.strictObject({})),
    cancel: action<JoinRequestView>()(z.strictObject({ requestId: docId })),
    /** Pending requests of a unit, oldest first, for its secretaries. */
    inbox: action<{ requests: JoinRequestView[] }>()(z.strictObject({ orgId: docId })),
    /** Approve (the applicant becomes a member, or takes over an imported roster entry) or reject with a reason; a request is decided once. */
    review: action<JoinRequestView>()(
      z.strictObject({
        requestId: docId,
        approve: z.boolean(),
        reason: z.string().trim().max(200, '原因最多 200 个字').optional(),
        /** Approve as this imported roster entry (from `rosterMatches`) instead of as a new member. */
        rosterMemberId: docId.optional(),
      }),
    ),
  },
  group: {
    /** Binds the WeChat group the secretary opened Zhibu from (its CloudID, resolved on the server) to a branch. */
    bind: action<GroupBindingView>()(
      z.strictObject({ orgId: docId, cloudID: z.string().min(1).max(2000), label: z.string().trim().min(1).max(20, '最多 20 个字') }),
    ),
    unbind: action<{ removed: true }>()(z.strictObject({ bindingId: docId })),
    list: action<{ groups: GroupBindingView[] }>()(z.strictObject({ orgId: docId })),
    /** Opened from a group chat: which branch the group belongs to, if any. */
    enter: action<{ landing: JoinLanding | null }>()(z.strictObject({ cloudID: z.string().min(1).max(2000) })),
  },
  invite: {
    create: action<InviteView>()(z.strictObject({ orgId: docId, days: z.number().int().min(1).max(30).optional() })),
    /** A mini-program code that opens the invite; a temporary image URL. */
    qrcode: action<{ url: string }>()(z.strictObject({ inviteId: docId })),
    /** Opened from an invite card (`token`) or its QR code (`scene`). */
    open: action<JoinLanding>()(
      z.union([z.strictObject({ token: z.string().min(1).max(200) }), z.strictObject({ scene: z.string().min(1).max(32) })]),
    ),
    revoke: action<InviteView>()(z.strictObject({ inviteId: docId })),
    list: action<{ invites: InviteView[] }>()(z.strictObject({ orgId: docId })),
  },
  archive: {
    mine: action<ArchiveView>()(z.strictObject({})),
    updateMine: action<ArchiveView>()(archiveInput),
    /** Sets the caller's photo from an uploaded JPEG or PNG (at most 2 MB); `null` removes it. */
    setPhoto: action<ArchiveView>()(
      z.strictObject({ fileID: z.string().max(500).regex(UPLOADED_IMAGE, '请上传 JPG 或 PNG 格式的照片').nullable() }),
    ),
    /** A member's archive, for the leaders of their unit; `memberId` is the membership id in `orgId`. */
    get: action<ArchiveView>()(z.strictObject({ orgId: docId, memberId: docId })),
    /** The full phone or ID number: one's own, or (for the unit's secretaries) a member's. Audited. */
    reveal: action<{ value: string | null }>()(
      z.strictObject({ field: z.enum(['phone', 'idCard']), orgId: docId.optional(), memberId: docId.optional() }),
    ),
  },
  member: {
    /** The unit's members by name, a page at a time (`cursor` from the previous page); `q` is part of a name, or a whole phone or ID number. */
    list: action<{ members: MemberRowView[]; nextCursor: string | null }>()(
      z.strictObject({
        orgId: docId,
        q: searchText.optional(),
        stage: z.enum(PARTY_STAGES).optional(),
        cursor: z.string().max(300).optional(),
        limit: z.number().int().min(1).max(100).optional(),
      }),
    ),
    /** The directory as an Excel file (sensitive fields masked); a temporary download URL. Audited. */
    export: action<{ url: string; count: number }>()(z.strictObject({ orgId: docId })),
    /** An empty import template with the expected columns and one example row. */
    importTemplate: action<{ url: string }>()(z.strictObject({ orgId: docId })),
    /** Imports members from an uploaded Excel file: every row valid, or nothing imported and every bad row reported. */
    import: action<{ imported: number }>()(
      z.strictObject({ orgId: docId, fileID: z.string().max(500).regex(UPLOADED_XLSX, '请先上传 .xlsx 格式的表格') }),
    ),
  },
  role: {
    /** Sets a member's role in their unit (and a 支委's duty). Only an admin makes or unmakes a secretary. Audited. */
    set: action<{ memberId: string; role: Role }>()(
      z.strictObject({
        memberId: docId,
        role: z.enum(ROLES),
        duty: z.enum(['organization', 'propaganda', 'discipline', 'youth', 'other']).optional(),
      }),
    ),
  },
  privacy: {
    status: action<PrivacyStatus>()(z.strictObject({})),
    consent: action<PrivacyStatus>()(z.strictObject({ version: z.string().max(20) })),
    withdraw: action<PrivacyStatus>()(z.strictObject({})),
    /** Everything Zhibu holds about the caller, as a JSON file to download. */
    exportMine: action<{ url: string }>()(z.strictObject({})),
    /** Erases the caller's archive and personal details; the branch keeps only the membership record. */
    deleteMine: action<{ deleted: true }>()(z.strictObject({ confirm: z.literal('删除我的个人信息') })),
  },
  lifecycle: {
    /** Records the member's next step in 发展党员 (or, the first time, where they stand). */
    advance: action<{ stage: PartyStage; since: string }>()(
      z.strictObject({
        memberId: docId,
        to: z.enum(PARTY_STAGES),
        date: isoDate,
        responsible: z.string().trim().max(20, '最多 20 个字').optional(),
        note: z.string().trim().max(200, '最多 200 个字').optional(),
      }),
    ),
    /** The member's recorded steps, and where they stand now (also for members imported with a stage). */
    history: action<{ steps: LifecycleStepView[]; current: { stage: PartyStage; since: string } | null }>()(
      z.strictObject({ memberId: docId }),
    ),
    /** The caller's own steps and stage, in the branch they belong to now. */
    mine: action<{ steps: LifecycleStepView[]; current: { stage: PartyStage; since: string } | null }>()(z.strictObject({})),
    /** Members whose next step is due within 30 days (or overdue), soonest first. */
    due: action<{ members: DueStepView[] }>()(z.strictObject({ orgId: docId })),
  },
  transfer: {
    /** The member asks to move their membership from `fromOrgId` to another branch. */
    request: action<TransferView>()(z.strictObject({ fromOrgId: docId, toOrgId: docId, reason: reasonText })),
    /** The sending branch's secretary starts a transfer for one of its members. */
    initiate: action<TransferView>()(z.strictObject({ memberId: docId, toOrgId: docId, reason: reasonText })),
    /** The awaited branch decides: the sending branch first, then the receiving one. */
    review: action<TransferView>()(
      z.strictObject({ transferId: docId, approve: z.boolean(), reason: z.string().trim().max(200).optional() }),
    ),
    inbox: action<{ transfers: TransferView[] }>()(z.strictObject({ orgId: docId })),
    mine: action<{ transfers: TransferView[] }>()(z.strictObject({})),
  },
  audit: {
    /** The unit's audit log, newest first; `cursor` continues after the last entry of the previous page. */
    list: action<{ entries: AuditEntryView[]; nextCursor: string | null }>()(
      z.strictObject({ orgId: docId, cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).optional() }),
    ),
  },
  activity: {
    /** A new activity of `orgId` (the organising unit). */
    create: action<ActivityView>()(activityInput.extend({ orgId: docId })),
    /** Changes the details; members signed up are told when the time or place changes. */
    update: action<ActivityView>()(activityInput.extend({ activityId: docId })),
    /** Cancels it; everyone signed up is told. */
    cancel: action<ActivityView>()(z.strictObject({ activityId: docId, reason: reasonText })),
    /** Activities for the caller (their units' and those they are invited to), or of one unit; upcoming soonest first, past latest first. */
    list: action<{ activities: ActivityCard[]; nextCursor: string | null }>()(
      z.strictObject({
        when: z.enum(['upcoming', 'past']),
        orgId: docId.optional(),
        cursor: z.string().max(300).optional(),
        limit: z.number().int().min(1).max(50).optional(),
      }),
    ),
    detail: action<ActivityView>()(z.strictObject({ activityId: docId })),
    /** For the form: the units an activity of `orgId` can be for, and their members (to invite some). */
    audienceOptions: action<AudienceOptions>()(z.strictObject({ orgId: docId })),
    /** For sharing the card with a live count (WeChat's updatable message): the id to pass to updateShareMenu, renewed before it expires. */
    share: action<{ wxActivityId: string; expiresAt: string; parameters: { name: string; value: string }[] }>()(
      z.strictObject({ activityId: docId }),
    ),
  },
  signup: {
    /** Signs the caller up: a seat, the waitlist when full, or a request when approval is needed. Idempotent. */
    join: action<SignupResult>()(z.strictObject({ activityId: docId })),
    /** Gives the seat back (the first on the waitlist gets it), as the activity's cancellation rule allows. */
    cancel: action<SignupResult>()(z.strictObject({ activityId: docId })),
    /** Asks for leave (请假) with a reason. */
    leave: action<SignupResult>()(z.strictObject({ activityId: docId, reason: reasonText })),
    /** Takes back one's own leave request while the organiser has not decided it (plans changed: I can come after all). */
    withdrawLeave: action<SignupResult>()(z.strictObject({ activityId: docId })),
    /** A reminder before the start (the member accepted the subscribe message first); once per member and activity. */
    remind: action<{ sendAt: string }>()(
      z.strictObject({ activityId: docId, minutesBefore: z.union([z.literal(15), z.literal(30), z.literal(60), z.literal(1440)]) }),
    ),
    /** The organiser decides a sign-up that needs approval, or a leave request. */
    review: action<AttendanceBoard>()(
      z.strictObject({
        activityId: docId,
        memberId: docId,
        kind: z.enum(['signup', 'leave']),
        approve: z.boolean(),
        reason: z.string().trim().max(200).optional(),
      }),
    ),
  },
  checkin: {
    /** The current rotating code, for the organiser's check-in screen. */
    code: action<CheckinCode>()(z.strictObject({ activityId: docId })),
    /** A member checks in with the scanned payload or the typed digits (the server's clock decides). Idempotent. */
    submit: action<{ checkedInAt: string; already: boolean; distanceMeters: number | null }>()(
      z.union([
        z.strictObject({ activityId: docId, payload: z.string().min(1).max(32), location: geo.omit({ radius: true }).optional() }),
        z.strictObject({
          activityId: docId,
          digits: z.string().regex(/^\d{6}$/, '请输入 6 位数字签到码'),
          location: geo.omit({ radius: true }).optional(),
        }),
      ]),
    ),
    /** The current slot's mini-program code (its `scene` is the payload), for WeChat's own scanner; made once per slot and shared. */
    wxacode: action<{ url: string; expiresAt: string }>()(z.strictObject({ activityId: docId })),
    /** Opens check-in from a mini-program code's `scene`: which activity it is for. */
    resolve: action<{ activityId: string }>()(z.strictObject({ payload: z.string().min(1).max(32) })),
    /** The organiser marks a member present by hand (no phone). Audited. */
    mark: action<AttendanceBoard>()(z.strictObject({ activityId: docId, memberId: docId, present: z.boolean() })),
    /** The live attendance board. */
    board: action<AttendanceBoard>()(z.strictObject({ activityId: docId })),
  },
  record: {
    /** The minutes: the organiser sees the draft; members in the audience see it once closed. */
    get: action<RecordView>()(z.strictObject({ activityId: docId })),
    save: action<RecordView>()(
      z.strictObject({
        activityId: docId,
        topic: z.string().trim().max(60, '议题最多 60 个字'),
        host: z.string().trim().max(20, '主持人最多 20 个字'),
        recorder: z.string().trim().max(20, '记录人最多 20 个字'),
        content: z.string().trim().max(5000, '内容最多 5000 个字'),
        resolutions: z.string().trim().max(2000, '决议最多 2000 个字'),
        photos: imageList,
      }),
    ),
    /** Closes the record (after the start): the attendance is fixed into it and members can read it. Audited. */
    /**
     * Fixes the attendance in and lets members read it; check-in closes with it. Before the activity's
     * end it is refused with CONFIRM_NEEDED (saying what closing early does) unless `early` confirms it.
     */
    close: action<RecordView>()(z.strictObject({ activityId: docId, early: z.boolean().optional() })),
    /** The attendance sheet and the minutes of one activity, as Excel. Audited. */
    export: action<{ url: string }>()(z.strictObject({ activityId: docId })),
    /** 三会一课台账: the unit's activities in a date range (Beijing days, inclusive), with attendance, as Excel. Audited. */
    ledger: action<{ url: string; count: number }>()(z.strictObject({ orgId: docId, from: isoDate, to: isoDate })),
    /** A unit's year: activities per month, 三会一课 against the required frequencies, attendance. */
    stats: action<StatsView>()(z.strictObject({ orgId: docId, year: z.number().int().min(2020).max(2100) })),
    /** The caller's activity history, newest first. */
    history: action<{ items: HistoryItem[] }>()(z.strictObject({})),
  },
  post: {
    /** A new draft in the unit (支委 and leaders). */
    create: action<PostDraft>()(postInput.extend({ orgId: docId })),
    /** Changes a draft, a returned or a pending post (its author or a leader). */
    update: action<PostDraft>()(postInput.extend({ postId: docId })),
    /** The author sends it for review; the text passes the content check first. */
    submit: action<PostDraft>()(z.strictObject({ postId: docId })),
    /** A leader publishes (now, or at its publishAt); the text passes the content check first. Audited. */
    publish: action<PostDraft>()(z.strictObject({ postId: docId })),
    /** A leader sends it back to the author with a comment. */
    return: action<PostDraft>()(z.strictObject({ postId: docId, note: reasonText })),
    /** A leader corrects a published post; the version before is kept. Audited. */
    correct: action<PostDraft>()(postInput.extend({ postId: docId, note: reasonText })),
    /** A leader withdraws a published post: members no longer see it. Audited. */
    withdraw: action<PostDraft>()(z.strictObject({ postId: docId, reason: reasonText })),
    /** The unit's posts being written, waiting for review, returned, published or withdrawn, newest first. */
    drafts: action<{ posts: PostEditorCard[] }>()(z.strictObject({ orgId: docId })),
    /** The versions a correction replaced, newest first: what the post said before, and why it changed. */
    versions: action<{ versions: PostVersionView[] }>()(z.strictObject({ postId: docId })),
    /** One post as its editors see it, for the editor. */
    draft: action<PostDraft>()(z.strictObject({ postId: docId })),
    /** The home's: pinned posts and the latest for the caller's audience, and how many are unread. */
    feed: action<PostFeed>()(z.strictObject({})),
    /** The caller's posts, newest first, of one kind or all, or those whose title contains `q`. */
    list: action<{ posts: PostCard[]; nextCursor: string | null }>()(
      z.strictObject({
        kind: z.enum(POST_KINDS).optional(),
        q: searchText.min(1).optional(),
        cursor: z.string().max(300).optional(),
        limit: z.number().int().min(1).max(50).optional(),
      }),
    ),
    /** Opens a post (the first open by a member of its audience is their read); what is shown depends on who asks. */
    detail: action<PostView>()(z.strictObject({ postId: docId })),
    /** 我已阅知, for a must-read post. Idempotent. */
    confirm: action<{ confirmedAt: string }>()(z.strictObject({ postId: docId })),
    /** Counts a share of the post's card. */
    share: action<{ shares: number }>()(z.strictObject({ postId: docId })),
    like: action<{ liked: boolean; likes: number }>()(z.strictObject({ postId: docId, like: z.boolean() })),
    /** A comment on a news-like post; it passes the content check. */
    comment: action<PostComment>()(
      z.strictObject({ postId: docId, text: z.string().trim().min(1, '请填写评论').max(300, '评论最多 300 个字') }),
    ),
    comments: action<{ comments: PostComment[]; nextCursor: string | null }>()(
      z.strictObject({ postId: docId, cursor: z.string().max(300).optional() }),
    ),
    /** The author unit hides (or shows again) a comment. Audited. */
    hideComment: action<PostComment>()(z.strictObject({ commentId: docId, hidden: z.boolean() })),
    /** Read, unread and confirmed members of the audience, with the rates and counters. */
    receipts: action<PostReceipts>()(z.strictObject({ postId: docId })),
    /** Reminds the unread (subscribe message); at most once a day per post. */
    remind: action<{ reminded: number; nextAt: string }>()(z.strictObject({ postId: docId })),
    /** A unit's posts over a year: published per month, average read rate, the most read. */
    trends: action<PostTrends>()(z.strictObject({ orgId: docId, year: z.number().int().min(2020).max(2100) })),
  },
  system: {
    ping: action<Pong>()(z.strictObject({})),
  },
  question: {
    /** A member of a live lecture's audience asks a question (before or during it); it passes the content check. */
    ask: action<QuestionView>()(
      z.strictObject({ activityId: docId, text: z.string().trim().min(2, '问题至少 2 个字').max(200, '问题最多 200 个字') }),
    ),
    /** The questions of a live lecture: pinned first, then the most +1; the organiser sees hidden ones too. */
    list: action<{ questions: QuestionView[] }>()(z.strictObject({ activityId: docId })),
    /** +1 (or take it back) on someone's question. */
    vote: action<QuestionView>()(z.strictObject({ activityId: docId, questionId: docId, vote: z.boolean() })),
    /** The organiser pins, marks answered or hides a question. Audited when hidden. */
    moderate: action<QuestionView>()(
      z.strictObject({
        questionId: docId,
        pinned: z.boolean().optional(),
        answered: z.boolean().optional(),
        hidden: z.boolean().optional(),
      }),
    ),
  },
  exam: {
    /** 学习 tab's 考核: today's practice, the caller's open quizzes and exams, the size of their 错题本. */
    home: action<ExamHome>()(z.strictObject({})),
    /** Today's 每日一练 (Beijing day): drawn for the caller on the first call, the same paper after. Null when no bank has questions for them. */
    daily: action<{ attempt: AttemptView | null }>()(z.strictObject({})),
    /** Starts a quiz or exam of the caller's audience, or continues the attempt in progress. */
    start: action<AttemptView>()(z.strictObject({ paperId: docId })),
    /** One of the caller's papers: in progress (no answers shown), or graded. One whose time is up is graded now. */
    attempt: action<AttemptView>()(z.strictObject({ attemptId: docId })),
    /** Saves one answer as the member goes. Refused after submission or when time is up. */
    answer: action<{ savedAt: string }>()(z.strictObject({ attemptId: docId, questionId: docId, answer: answerInput })),
    /** Hands in the paper (with any answers not yet saved); the server grades it. Once only, and only in time. */
    submit: action<GradedAttempt>()(
      z.strictObject({
        attemptId: docId,
        answers: z
          .record(docId, answerInput)
          .refine((r) => Object.keys(r).length <= EXAM_RULES.maxQuestions, '答案太多')
          .default({}),
      }),
    ),
    /** The caller's graded papers, newest first. */
    history: action<{ items: { id: string; kind: AttemptKind; title: string; score: number; passed: boolean | null; at: string }[] }>()(
      z.strictObject({}),
    ),
    /** The caller's 错题本: each question with the right answer and the explanation. */
    wrongBook: action<{ items: WrongItem[] }>()(z.strictObject({})),
    /** A practice from the 错题本: continues the one in progress, or draws up to 10 of its questions. */
    practiceWrong: action<AttemptView>()(z.strictObject({})),
    /** A unit's own bank (its editors), newest first, by type, tag or text; with `withUpper`, the upper units' shared banks too (to pick from). */
    bank: action<{ items: QuestionRow[]; nextCursor: string | null; total: number }>()(
      z.strictObject({
        orgId: docId,
        withUpper: z.boolean().default(false),
        q: searchText.min(1).optional(),
        type: z.enum(QUESTION_TYPES).optional(),
        tag: z.enum(STUDY_TAGS).optional(),
        cursor: z.string().max(300).optional(),
      }),
    ),
    /** One question of a bank, for its editors. */
    question: action<QuestionRow>()(z.strictObject({ questionId: docId })),
    /** Adds a question to a unit's bank, or changes one; the text passes the content check. */
    saveQuestion: action<{ questionId: string }>()(z.strictObject({ orgId: docId, questionId: docId.optional(), question: questionInput })),
    /** Removes a question from the bank (papers already drawn keep their copy). */
    removeQuestion: action<{ removed: true }>()(z.strictObject({ questionId: docId })),
    /** The bank's Excel template: the columns and an example of each type. */
    importTemplate: action<{ url: string }>()(z.strictObject({ orgId: docId })),
    /** Imports questions from an uploaded Excel file: every row valid, or nothing imported and every bad row reported. */
    import: action<{ imported: number }>()(
      z.strictObject({ orgId: docId, fileID: z.string().max(500).regex(UPLOADED_XLSX, '请先上传 .xlsx 格式的表格') }),
    ),
    /** The unit's bank as an Excel file in the template's columns (a short-lived URL). */
    exportBank: action<{ url: string; count: number }>()(z.strictObject({ orgId: docId })),
    /** Creates a quiz or exam, or changes one (its questions only until someone has started it). Audited. */
    savePaper: action<{ paperId: string }>()(z.strictObject({ orgId: docId, paperId: docId.optional(), paper: paperInput })),
    /** A unit's quizzes and exams, newest first. */
    papers: action<{ papers: PaperEditorCard[] }>()(z.strictObject({ orgId: docId })),
    /** A paper as its unit wrote it, for editing. */
    paper: action<PaperDraft & { id: string; orgId: string; audience: z.output<typeof activityInput.shape.audience>; locked: boolean }>()(
      z.strictObject({ paperId: docId }),
    ),
    /** Withdraws a paper: members no longer see or start it; results stay. Audited. */
    cancelPaper: action<{ cancelled: true }>()(z.strictObject({ paperId: docId })),
    /** Who took a paper and who has not, the average, pass rate, distribution and each question's correct rate. */
    results: action<PaperResults>()(z.strictObject({ paperId: docId })),
    /** Reminds one member who has not taken it (subscribe message); at most once a day per member. */
    remind: action<{ reminded: boolean }>()(z.strictObject({ paperId: docId, memberId: docId })),
    /** The results as an Excel workbook (a short-lived URL). */
    exportResults: action<{ url: string }>()(z.strictObject({ paperId: docId })),
  },
  voice: {
    /** 心声: the caller's open surveys and votes, unread replies to their letters, and for leaders the letters waiting. */
    home: action<VoiceHome>()(z.strictObject({})),
    /** Writes to one of the caller's branches, signed or anonymous; the text passes the content check. */
    sendLetter: action<{ letterId: string }>()(
      z.strictObject({
        orgId: docId,
        category: z.enum(LETTER_CATEGORIES),
        text: z.string().trim().min(5, '内容至少 5 个字').max(1000, '内容最多 1000 个字'),
        images: z
          .array(z.string().max(500).regex(UPLOADED_IMAGE, '图片无效，请重新上传'))
          .max(VOICE_RULES.letterMaxImages, `最多 ${VOICE_RULES.letterMaxImages} 张图片`)
          .default([]),
        anonymous: z.boolean(),
      }),
    ),
    /** 我的留言: the caller's letters (signed and anonymous), newest first. */
    myLetters: action<{ letters: LetterCard[] }>()(z.strictObject({})),
    /** One of the caller's letters with its replies (marks the replies read). Anyone else's is "not found". */
    myLetter: action<LetterView>()(z.strictObject({ letterId: docId })),
    /** 书记信箱: the unit's letters, those waiting first. */
    inbox: action<{ letters: LetterCard[]; waiting: number }>()(
      z.strictObject({ orgId: docId, state: z.enum(['new', 'processing', 'replied']).optional() }),
    ),
    /** One letter to the unit, for its secretary and 支委. */
    letter: action<LetterView>()(z.strictObject({ letterId: docId })),
    /** Replies to a letter (the writer sees it under 我的留言); marks it 已答复 unless `state` says 处理中. Audited. */
    reply: action<LetterView>()(
      z.strictObject({
        letterId: docId,
        text: z.string().trim().min(2, '回复至少 2 个字').max(1000, '回复最多 1000 个字'),
        state: z.enum(['processing', 'replied']).default('replied'),
      }),
    ),
    /** Marks a letter 处理中 (or back to 待处理). */
    setLetterState: action<{ state: LetterState }>()(z.strictObject({ letterId: docId, state: z.enum(['new', 'processing']) })),

    /** A unit's surveys, newest first. */
    surveys: action<{ surveys: SurveyEditorCard[] }>()(z.strictObject({ orgId: docId })),
    /** Creates a survey, or changes one nobody has answered yet (afterwards only its title, intro and close). Audited. */
    saveSurvey: action<{ surveyId: string }>()(z.strictObject({ orgId: docId, surveyId: docId.optional(), survey: surveyInput })),
    /** A survey as its unit wrote it, for editing. */
    surveyDraft: action<
      SurveyDraft & { id: string; orgId: string; audience: z.output<typeof activityInput.shape.audience>; locked: boolean }
    >()(z.strictObject({ surveyId: docId })),
    /** Withdraws a survey (no more answers) or closes it now. Audited. */
    closeSurvey: action<{ closed: true }>()(z.strictObject({ surveyId: docId, cancel: z.boolean().default(false) })),
    /** A survey of the caller's audience, to answer. */
    survey: action<SurveyView>()(z.strictObject({ surveyId: docId })),
    /** Answers a survey, once. Anonymous answers are stored with nothing that points at the caller. */
    answerSurvey: action<{ answered: true }>()(
      z.strictObject({
        surveyId: docId,
        answers: z
          .record(z.string().regex(/^q[0-9]{1,3}$/), surveyAnswerInput)
          .refine((r) => Object.keys(r).length <= VOICE_RULES.surveyMaxQuestions, '答案太多'),
      }),
    ),
    /** Counts and shares (kept as answers arrive), free text in random order; an anonymous survey's only from 5 answers. */
    surveyResults: action<SurveyResults>()(z.strictObject({ surveyId: docId })),
    /** Who in the survey's audience has not answered yet, with today's reminders. */
    surveyPending: action<SurveyPending>()(z.strictObject({ surveyId: docId })),
    /** The answers as an Excel workbook (anonymous: no names, random order; from 5 answers). */
    exportSurvey: action<{ url: string }>()(z.strictObject({ surveyId: docId })),
    /** Reminds one member who has not answered (subscribe message); at most once a day per member. */
    remindSurvey: action<{ reminded: boolean }>()(z.strictObject({ surveyId: docId, memberId: docId })),

    /** A unit's votes (评先评优), newest first. */
    votes: action<{ votes: VoteEditorCard[] }>()(z.strictObject({ orgId: docId })),
    /** Creates a vote, or changes one before its first ballot (afterwards only its title, intro and close). Audited. */
    saveVote: action<{ voteId: string }>()(z.strictObject({ orgId: docId, voteId: docId.optional(), vote: voteInput })),
    /** A vote as its unit wrote it, with every candidate and nomination, for the organisers. */
    voteDraft: action<
      VoteDraft & {
        id: string;
        orgId: string;
        audience: z.output<typeof activityInput.shape.audience>;
        locked: boolean;
        state: VoteView['state'];
        candidates: CandidateView[];
      }
    >()(z.strictObject({ voteId: docId })),
    /** Withdraws a vote. Audited. */
    cancelVote: action<{ cancelled: true }>()(z.strictObject({ voteId: docId })),
    /** The organisers name a candidate (a member of the vote's audience) with their 事迹. */
    nominate: action<CandidateView>()(z.strictObject({ voteId: docId, memberId: docId, deed: deedText })),
    /** Approves or rejects a member's nomination, or removes a candidate before the first ballot. */
    reviewCandidate: action<CandidateView | { removed: true }>()(
      z.strictObject({ voteId: docId, candidateId, decision: z.enum(['approve', 'reject', 'remove']) }),
    ),
    /** A vote of the caller's audience: the ballot while it is open, the results once it has closed. */
    vote: action<VoteView>()(z.strictObject({ voteId: docId })),
    /** A member proposes a candidate with their 事迹 (when the vote allows it); the secretary approves. */
    propose: action<CandidateView>()(z.strictObject({ voteId: docId, memberId: docId, deed: deedText })),
    /** The members the caller may nominate (the vote's audience). */
    nominees: action<{ members: { memberId: string; name: string; orgName: string }[] }>()(z.strictObject({ voteId: docId })),
    /** Casts the caller's one ballot: up to the vote's number of choices, among its candidates. */
    cast: action<{ cast: true }>()(z.strictObject({ voteId: docId, candidateIds: z.array(candidateId).min(1, '请至少选择一位').max(20) })),
    /** After the close: records the winners as honours in their archives (by default the top ranks up to the seats). Audited. */
    finalizeVote: action<{ honours: number }>()(z.strictObject({ voteId: docId, candidateIds: z.array(candidateId).min(1).max(20) })),

    /** 讲坛: a unit's topics, newest first, for its organisers. */
    topics: action<{ topics: TopicCard[] }>()(z.strictObject({ orgId: docId })),
    /** Opens a topic for discussion (or changes its words); optionally tied to a meeting, whose record can carry it. */
    saveTopic: action<{ topicId: string }>()(
      z.strictObject({
        orgId: docId,
        topicId: docId.optional(),
        topic: z.strictObject({
          kind: z.enum(TOPIC_KINDS),
          title: z.string().trim().min(2, '题目至少 2 个字').max(60, '题目最多 60 个字'),
          body: z.string().trim().max(2000, '说明最多 2000 个字').default(''),
          activityId: docId.nullable().default(null),
          audience: activityInput.shape.audience,
        }),
      }),
    ),
    /** A topic with its replies (pinned first, then newest), for its audience and organisers. */
    topic: action<TopicView>()(z.strictObject({ topicId: docId })),
    /** Replies under the caller's name; the text passes the content check. */
    replyTopic: action<TopicReplyView>()(
      z.strictObject({ topicId: docId, text: z.string().trim().min(2, '回复至少 2 个字').max(1000, '回复最多 1000 个字') }),
    ),
    /** Likes a reply (or takes the like back), once per member. */
    likeReply: action<{ likes: number; liked: boolean }>()(z.strictObject({ topicId: docId, replyId: docId, like: z.boolean() })),
    /** The organisers pin or hide a reply. Hiding is audited. */
    moderateReply: action<TopicReplyView>()(
      z.strictObject({ replyId: docId, pinned: z.boolean().optional(), hidden: z.boolean().optional() }),
    ),
    /** Closes a topic: no more replies; the discussion stays. Audited. */
    closeTopic: action<{ closed: true }>()(z.strictObject({ topicId: docId })),
    /** The discussion as an Excel workbook, for the meeting record (a short-lived URL). */
    exportTopic: action<{ url: string }>()(z.strictObject({ topicId: docId })),

    /** 民主评议党员: a branch's appraisals, newest first. */
    appraisals: action<{ appraisals: AppraisalCard[] }>()(z.strictObject({ orgId: docId })),
    /** Starts the year's appraisal of a branch's members (at the 学习培训 step); once per branch and year. Audited. */
    startAppraisal: action<{ appraisalId: string }>()(z.strictObject({ orgId: docId, year: z.number().int().min(2000).max(2100) })),
    /** Opens the next step (only in order); 结果公示 for a number of days. Audited. */
    openStep: action<{ step: (typeof APPRAISAL_STEPS)[number] }>()(
      z.strictObject({
        appraisalId: docId,
        step: z.enum(APPRAISAL_STEPS),
        publicizeDays: z.number().int().min(1, '公示至少 1 天').max(30, '公示最多 30 天').default(5),
      }),
    ),
    /** The appraisal as a member of the branch sees it: the step, their own part, the 公示 while it lasts. */
    appraisal: action<AppraisalView>()(z.strictObject({ appraisalId: docId })),
    /** The caller's self-assessment (个人自评), while that step is open. */
    writeSelf: action<{ saved: true }>()(
      z.strictObject({ appraisalId: docId, text: z.string().trim().min(20, '自评至少 20 个字').max(2000, '自评最多 2000 个字') }),
    ),
    /** The caller rates every other member (党员互评), once, anonymously: only the counts are kept. */
    rate: action<{ rated: true }>()(z.strictObject({ appraisalId: docId, ratings: z.record(docId, z.enum(APPRAISAL_GRADES)) })),
    /** The branch committee's board: self-assessments, rating distributions, grades. */
    appraisalBoard: action<AppraisalBoard>()(z.strictObject({ appraisalId: docId })),
    /** The committee records a member's grade (组织评定); it goes into the member's archive. Audited. */
    decide: action<{ memberId: string; grade: (typeof APPRAISAL_GRADES)[number] }>()(
      z.strictObject({ appraisalId: docId, memberId: docId, grade: z.enum(APPRAISAL_GRADES) }),
    ),

    /** 优秀党员风采: the honours of a unit's members (and, for an upper unit, of those below) and its 先锋风采 stories. */
    showcase: action<Showcase>()(z.strictObject({ orgId: docId })),
    /** Records an honour a unit gave outside a vote (e.g. from the 党委). Audited. */
    addHonour: action<HonourView>()(
      z.strictObject({
        memberId: docId,
        title: z.string().trim().min(2, '荣誉名称至少 2 个字').max(40, '荣誉名称最多 40 个字'),
        year: z.number().int().min(1949).max(2100),
        deed: deedText,
      }),
    ),
    /** Removes an honour recorded by mistake. Audited. */
    removeHonour: action<{ removed: true }>()(z.strictObject({ honourId: docId })),
  },
  service: {
    /** 志愿服务 open to the caller: their units' (and their community's) projects still to come, and public ones. */
    list: action<{ projects: ServiceProjectCard[] }>()(z.strictObject({})),
    /** A project with its slots and the caller's place in them; one the caller may not see is "not found". */
    project: action<ServiceProjectView>()(z.strictObject({ projectId: docId })),
    /** Signs up for a slot: a member as themselves, a resident (public projects only) with a name and phone, stored encrypted. */
    signUp: action<{ signupId: string }>()(z.strictObject({ slotId: docId, resident: residentContact.optional() })),
    /** Gives the place back before the slot starts. */
    cancelSignup: action<{ cancelled: true }>()(z.strictObject({ slotId: docId })),
    /** Checks in to a slot one signed up for, with the rotating code the organiser shows. */
    checkin: action<{ checkedInAt: string; already: boolean }>()(
      z.union([
        z.strictObject({ slotId: docId, payload: z.string().min(1).max(64) }),
        z.strictObject({ slotId: docId, digits: z.string().regex(/^\d{6}$/, '请输入 6 位数字签到码') }),
      ]),
    ),
    /** 我的志愿服务: the caller's slots to come and done, confirmed hours by year, their 进社区 registration. */
    mine: action<MyService>()(z.strictObject({})),
    /** A member's volunteer hours of a year, for the certificate they draw and share. */
    certificate: action<ServiceCertificate>()(z.strictObject({ year: z.number().int().min(2000).max(2100) })),
    /** A unit's projects, newest first, for its organisers. */
    projects: action<{ projects: ServiceEditorCard[] }>()(z.strictObject({ orgId: docId })),
    /** Creates a project or changes one (a slot with sign-ups keeps its time; its places not below those taken). Audited. */
    saveProject: action<{ projectId: string }>()(
      z.strictObject({ orgId: docId, projectId: docId.optional(), project: serviceProjectInput }),
    ),
    /** A project as its unit wrote it, for editing. */
    projectDraft: action<ServiceProjectDraft & { id: string; orgId: string }>()(z.strictObject({ projectId: docId })),
    /** Cancels a project: nobody signs up any more; those signed up see it cancelled. Audited. */
    cancelProject: action<{ cancelled: true }>()(z.strictObject({ projectId: docId, reason: reasonText })),
    /** The slot's rotating check-in code (the same codes as meetings). */
    code: action<CheckinCode>()(z.strictObject({ slotId: docId })),
    /** Who signed up for a slot, who came, and their hours: residents masked. */
    roster: action<ServiceRoster>()(z.strictObject({ slotId: docId })),
    /** Confirms the hours of a slot's volunteers (0: did not serve); members earn points. Audited. */
    confirmHours: action<ServiceRoster>()(
      z.strictObject({
        slotId: docId,
        entries: z
          .array(
            z.strictObject({
              signupId: docId,
              hours: z
                .number()
                .min(0, '时长不能为负')
                .max(SERVICE_RULES.slotMaxHours, `时长最多 ${SERVICE_RULES.slotMaxHours} 小时`)
                .refine((h) => Number.isInteger(h * 2), '时长以半小时计'),
            }),
          )
          .min(1)
          .max(SERVICE_RULES.maxCapacity),
      }),
    ),
    /** A resident's name and phone in full, to call them about their slot. Audited. */
    revealContact: action<{ name: string; phone: string }>()(z.strictObject({ signupId: docId })),
    /** Community party units (社区党组织) a member may register with, by name, or one by id. */
    communities: action<{ units: CommunityCard[] }>()(
      z.union([z.strictObject({ q: searchText.min(1, '请输入社区名称') }), z.strictObject({ orgId: docId })]),
    ),
    /** 党员进社区: the caller (a member) registers with the community where they live; a second registration moves it. */
    register: action<CommunityRegView>()(z.strictObject({ orgId: docId })),
    unregister: action<{ removed: true }>()(z.strictObject({})),
    /** Members registered with a community unit, with their hours of service this year. */
    registrations: action<{ year: number; rows: CommunityMemberRow[] }>()(z.strictObject({ orgId: docId })),
    /** A unit's service this year: projects, sign-ups, hours, wishes by state, registered members. */
    stats: action<ServiceStats>()(z.strictObject({ orgId: docId })),
    /** 微心愿: anyone posts a small wish to a unit, with a contact only the claimer and the unit see; the unit reviews it first. */
    postWish: action<{ wishId: string }>()(
      z.strictObject({
        orgId: docId,
        title: z.string().trim().min(2, '标题至少 2 个字').max(30, '标题最多 30 个字'),
        content: z.string().trim().min(5, '内容至少 5 个字').max(500, '内容最多 500 个字'),
        images: z
          .array(z.string().max(500).regex(UPLOADED_IMAGE, '图片无效，请重新上传'))
          .max(SERVICE_RULES.wishMaxImages, `最多 ${SERVICE_RULES.wishMaxImages} 张图片`)
          .default([]),
        contact: residentContact,
      }),
    ),
    /** Published wishes (without who posted them) of the caller's units and community, or of one unit. */
    wishes: action<{ wishes: WishCard[] }>()(z.strictObject({ orgId: docId.optional() })),
    /** The wishes the caller posted and those they claimed. */
    myWishes: action<{ posted: WishCard[]; claimed: WishCard[] }>()(z.strictObject({})),
    /** One wish, as far as the caller may see it. */
    wish: action<WishView>()(z.strictObject({ wishId: docId })),
    /** A member of the unit (or registered with it) takes the wish on: one claimer, whoever taps first. */
    claimWish: action<WishView>()(z.strictObject({ wishId: docId })),
    /** The claimer gives the wish back (before it is done). */
    releaseWish: action<WishView>()(z.strictObject({ wishId: docId })),
    /** The claimer marks it done, with a photo. */
    fulfilWish: action<WishView>()(
      z.strictObject({
        wishId: docId,
        photos: z
          .array(z.string().max(500).regex(UPLOADED_IMAGE, '图片无效，请重新上传'))
          .min(1, '请上传一张完成的照片')
          .max(3, '最多 3 张图片'),
        note: z.string().trim().max(200, '说明最多 200 个字').default(''),
      }),
    ),
    /** The poster confirms it was done (with thanks, if they like). */
    confirmWish: action<WishView>()(z.strictObject({ wishId: docId, thanks: z.string().trim().max(100, '最多 100 个字').default('') })),
    /** The poster withdraws a wish nobody has claimed. */
    withdrawWish: action<WishView>()(z.strictObject({ wishId: docId })),
    /** A unit's wishes for its leaders (contacts masked), those to review first. */
    wishInbox: action<{ wishes: WishInboxRow[] }>()(z.strictObject({ orgId: docId, state: z.enum(WISH_STATES).optional() })),
    /** Publishes a wish for members to claim, or turns it down with a note the poster sees. Audited. */
    reviewWish: action<WishView>()(
      z.strictObject({
        wishId: docId,
        decision: z.enum(['publish', 'reject']),
        note: z.string().trim().max(100, '说明最多 100 个字').default(''),
      }),
    ),
  },
  dues: {
    /** The caller's dues in each of their branches: amount and basis, payments, months unpaid. */
    mine: action<MyDues>()(z.strictObject({})),
    /** A branch's ledger of a year: every member, what they paid each month, what is unpaid. */
    ledger: action<DuesLedger>()(z.strictObject({ orgId: docId, year: z.number().int().min(2000).max(2100) })),
    /** One member's amount, payments and arrears. */
    member: action<DuesMemberView>()(z.strictObject({ memberId: docId })),
    /** Sets a member's monthly amount and its basis, from a month on. Audited. */
    setRate: action<DuesMemberView>()(
      z.strictObject({
        memberId: docId,
        amount: feeAmount,
        basis: z.string().trim().min(2, '请写明计算依据').max(60, '依据最多 60 个字'),
        since: yearMonth,
      }),
    ),
    /** Records a member's payment of one or more months (each at their amount unless given). Audited. */
    pay: action<DuesMemberView>()(
      z.strictObject({
        memberId: docId,
        months: z.array(yearMonth).min(1, '请选择月份').max(24, '一次最多 24 个月'),
        amount: feeAmount.optional(),
        method: z.enum(DUES_METHODS),
        paidOn: isoDate,
        receiptNo,
      }),
    ),
    /** Records a month's payment for many members at once, each at their amount; those already paid are skipped. Audited. */
    payMonth: action<{ recorded: number; skipped: number }>()(
      z.strictObject({
        orgId: docId,
        month: yearMonth,
        memberIds: z.array(docId).min(1, '请选择党员').max(500),
        method: z.enum(DUES_METHODS),
        paidOn: isoDate,
      }),
    ),
    /** Removes a payment recorded by mistake, with a reason. Audited. */
    revoke: action<DuesMemberView>()(
      z.strictObject({ paymentId: z.string().regex(/^[0-9A-Za-z_-]{1,64}~20\d{2}-\d{2}$/, '无效的编号'), reason: reasonText }),
    ),
    /** The year's ledger as an Excel workbook (a short-lived URL). */
    export: action<{ url: string }>()(z.strictObject({ orgId: docId, year: z.number().int().min(2000).max(2100) })),
  },
  points: {
    /** The caller's points: total, this week/month/year, today against each rule's cap. */
    mine: action<MyPoints>()(z.strictObject({})),
    /** The caller's ledger, newest first. */
    history: action<{ items: LedgerEntry[]; nextCursor: string | null }>()(z.strictObject({ cursor: z.string().max(300).optional() })),
    /** A ranking of one of the caller's units (or a unit above theirs) for the week, month or year. */
    ranking: action<Ranking>()(z.strictObject({ orgId: docId, period: z.enum(RANK_PERIODS).default('month') })),
    /** Hides the caller from (or shows them again in) rankings other members see. */
    setHidden: action<{ hidden: boolean }>()(z.strictObject({ hidden: z.boolean() })),
    /** A member's points and ledger, for their unit's leaders. */
    member: action<{ name: string; total: number; year: number; items: LedgerEntry[] }>()(z.strictObject({ memberId: docId })),
    /** A leader corrects a member's points, with a reason. Audited. */
    adjust: action<LedgerEntry>()(
      z.strictObject({
        memberId: docId,
        points: z
          .number()
          .int()
          .min(-100, '一次最多调整 100 分')
          .max(100, '一次最多调整 100 分')
          .refine((n) => n !== 0, '调整的分数不能为 0'),
        reason: reasonText,
      }),
    ),
  },
  study: {
    /** 学习 tab: courses and 学习资料 for the caller, by tab, tag or title, with a cursor. */
    library: action<{ items: StudyCard[]; nextCursor: string | null }>()(
      z.strictObject({
        tab: z.enum(STUDY_TABS).default('latest'),
        tag: z.enum(STUDY_TAGS).optional(),
        q: searchText.min(1).optional(),
        cursor: z.string().max(300).optional(),
        limit: z.number().int().min(1).max(50).optional(),
      }),
    ),
    /** 学习 tab's top: 继续学习, the caller's 必学, today's and this week's time. */
    home: action<StudyHome>()(z.strictObject({})),
    /** A course with its lessons and the caller's progress. */
    course: action<CourseView>()(z.strictObject({ courseId: docId })),
    /** Opens a lesson: its content (signed URLs) and where the caller left off; starts measuring. */
    open: action<LessonView>()(z.strictObject({ lessonId: docId })),
    /** While a lesson is on screen (and, for media, playing): where the caller is. The server decides what is credited. */
    beat: action<BeatResult>()(
      z.strictObject({
        lessonId: docId,
        /** Media: seconds; article: how far down the page, 0..1. */
        position: z.number().min(0).max(100000),
        /** Media: where this stretch of playing began (the last heartbeat's position, or where the member sought to). */
        from: z.number().min(0).max(100000).optional(),
      }),
    ),
    /** 我的学习: time by week, month and year, what is completed, the days studied. */
    mine: action<MyStudy>()(z.strictObject({})),
    /** The lessons of a course, for its editors. */
    lessons: action<{ lessons: (LessonCard & { views: number; learners: number; completions: number })[] }>()(
      z.strictObject({ courseId: docId }),
    ),
    /** One lesson as its editors change it. */
    lesson: action<LessonDraft>()(z.strictObject({ lessonId: docId })),
    /** Adds a lesson at the end of a course (its editors), or changes one; the text passes the content check. */
    saveLesson: action<{ lessonId: string }>()(z.strictObject({ courseId: docId, lessonId: docId.optional(), lesson: lessonInput })),
    /** Moves a lesson up or down in its course. */
    moveLesson: action<{ lessons: string[] }>()(z.strictObject({ lessonId: docId, direction: z.enum(['up', 'down']) })),
    /** Removes a lesson (and its files). Audited. */
    removeLesson: action<{ removed: true }>()(z.strictObject({ lessonId: docId })),
    /** 必学: a unit asks its members to study a course (or some of its lessons) by a date. Audited. */
    assign: action<AssignmentView>()(
      z.strictObject({
        orgId: docId,
        courseId: docId,
        lessonIds: z.array(docId).min(1).max(100).nullable().default(null),
        audience: activityInput.shape.audience,
        dueAt: isoInstant,
      }),
    ),
    /** A unit's assignments, newest first, with how far their members are. */
    assignments: action<{ assignments: AssignmentView[] }>()(z.strictObject({ orgId: docId })),
    /** Each member of an assignment: state, time, completion date. */
    progress: action<AssignmentProgress>()(z.strictObject({ assignmentId: docId })),
    /** Reminds one member who has not finished (subscribe message); at most once a day per member. */
    remind: action<{ reminded: boolean }>()(z.strictObject({ assignmentId: docId, memberId: docId })),
    /** The progress as an Excel workbook (a short-lived URL). */
    export: action<{ url: string }>()(z.strictObject({ assignmentId: docId })),
    /** 学习统计 of a unit and the units below it: time per member, who has not studied, each course and lesson. */
    stats: action<StudyStats>()(z.strictObject({ orgId: docId })),
  },
} as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type Def<F extends FunctionName, A extends ActionName<F>> =
  Contract[F][A] extends ActionDef<infer I, infer O> ? { input: I; output: O } : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Def<F, A>['input']>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Def<F, A>['output'];

/** The event a cloud function receives: what `callFunction({ name, data: { action, data } })` sends. */
export interface FunctionEvent {
  action: string;
  data?: unknown;
}
