import { createHash } from 'node:crypto';
import type { Db } from '@cloudbase/database';
import type {
  ActivityType,
  Audience,
  CancelRule,
  CheckinMethod,
  CommitteeDuty,
  LeaveStatus,
  OrgType,
  PartyStage,
  PostAudience,
  PostBlock,
  PostKind,
  PostStatus,
  Role,
  SignupStatus,
} from '../../typings/domain';
import type { Answer, AttemptKind, DrawRule, PaperKind, QuestionDraft } from '../../typings/exam';
import type { Shape } from '../exam/grade';
import type { LedgerRule, PointRule } from '../../typings/points';
import type { LessonKind, StudyTag } from '../../typings/study';
import type {
  AppraisalGrade,
  AppraisalStep,
  CandidateStatus,
  LetterCategory,
  LetterState,
  SurveyAnswer,
  SurveyQuestion,
  TopicKind,
} from '../../typings/voice';
import type { CollectionName } from './collections';
import type { ExportDoc } from './files';
import type { OutboxDoc } from './outbox';

/** A new document: its `_id` may be given (a fixed key) or left to the database. */
export type New<T extends { _id: string }> = Omit<T, '_id'> & { _id?: string };

/**
 * A query over documents of type `T`. The SDK types every result as `any`; this is the same object
 * with the types the collection's documents have (see `DocOf`), so handlers never cast what they read.
 * Conditions and updates stay plain objects: they hold commands (`_.in`, `_.inc`) and dotted paths.
 */
export interface TypedQuery<T> {
  where(query: object): TypedQuery<T>;
  orderBy(field: string, direction: 'asc' | 'desc'): TypedQuery<T>;
  limit(n: number): TypedQuery<T>;
  skip(n: number): TypedQuery<T>;
  /** Only these fields (and `_id`) of each document. */
  field<K extends keyof T>(projection: { [F in K]: true }): TypedQuery<Pick<T, K | ('_id' extends keyof T ? '_id' : never)>>;
  get(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  update(data: object): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface TypedDocument<T extends { _id: string }> {
  /** Outside a transaction: `data` holds the document, or nothing. */
  get(): Promise<{ data: T[] }>;
  set(data: New<T>): Promise<unknown>;
  update(data: object): Promise<{ updated: number }>;
  remove(): Promise<unknown>;
}

export interface TypedCollection<T extends { _id: string }> extends TypedQuery<T> {
  doc(id: string): TypedDocument<T>;
  add(data: New<T>): Promise<{ id: string }>;
  add(data: New<T>[]): Promise<{ ids: string[] }>;
  aggregate(): ReturnType<ReturnType<Db['collection']>['aggregate']>;
}

/** A collection by its declared name, typed by what it stores: a typo is a type error, not an empty result. */
export function col<N extends CollectionName>(db: Db, name: N): TypedCollection<DocOf[N]> {
  // The one place the SDK's untyped collection becomes a typed one; `add` of one document answers its id, of several their ids.
  return db.collection(name) as TypedCollection<DocOf[N]>;
}

/** A document read inside a transaction: `data` is the document, or null. */
export interface TransactionDocument<T extends { _id: string }> {
  get(): Promise<{ data: T | null }>;
  set(data: New<T>): Promise<unknown>;
  update(data: object): Promise<{ updated: number }>;
  remove(): Promise<unknown>;
}

/**
 * What `runTransaction` hands its callback (the SDK's own typings predate `transaction.collection`).
 * Only document reads and writes and `add` take part in a transaction: `where().update/remove` and
 * `count()` never do, in the cloud either.
 */
export interface Transaction {
  collection<N extends CollectionName>(
    name: N,
  ): { doc(id: string): TransactionDocument<DocOf[N]>; add(data: New<DocOf[N]>): Promise<unknown> };
}

/** Runs `work` in a database transaction, typed (see Transaction); a conflict is retried by the SDK. */
export async function inTransaction<R>(db: Db, work: (t: Transaction) => Promise<R>): Promise<R> {
  return db.runTransaction(work);
}

export function isDuplicate(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE';
}

/** Stored shapes. */
export interface UserDoc {
  _id: string;
  openid: string;
  /** Present when the mini program is bound to a WeChat open platform account. */
  unionid?: string;
  nickname: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The privacy-notice version the user agreed to; absent when not (or no longer) consented. */
  consentVersion?: string;
  consentedAt?: Date;
}

export interface OrgDoc {
  _id: string;
  name: string;
  type: OrgType;
  parentId: string | null;
  /** Ancestor ids, the top unit first: scope checks need one read. */
  /** The number its members may call (org.setContact): published to them on purpose, so not masked. */
  contactPhone?: string;
  /** A 社区党组织: members register with it where they live (党员进社区). */
  community?: boolean;
  path: string[];
  sort: number;
  createdAt: Date;
}

export interface AuditDoc {
  _id: string;
  at: Date;
  /** The unit whose log this entry belongs to. */
  orgId: string;
  actorOpenid: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
}

export interface MembershipDoc {
  _id: string;
  openid: string;
  orgId: string;
  role: Role;
  /** `transferred` once the member's relationship moved to another branch. */
  status: 'active' | 'left' | 'transferred';
  /** Name as registered in the branch (synthetic in demo data). */
  name: string;
  /** The name's pinyin, which the directory sorts by (common/names.ts). */
  nameKey: string;
  joinedAt: Date;
  /** Where the member stands in 发展党员; absent until the secretary records it. */
  partyStage?: PartyStage;
  /** When the current stage began, YYYY-MM-DD (Shanghai). */
  stageSince?: string;
  /** Imported from a roster: `openid` is a `roster:` placeholder until the person joins on WeChat. */
  roster?: boolean;
  /** For 支委: their duty. */
  duty?: CommitteeDuty;
}

/** Append-only record of privacy consents and withdrawals. */
export interface ConsentDoc {
  _id: string;
  openid: string;
  version: string;
  action: 'consent' | 'withdraw' | 'delete';
  at: Date;
}

export interface LifecycleStepDoc {
  _id: string;
  memberId: string;
  orgId: string;
  stage: PartyStage;
  /** The day the step took effect, YYYY-MM-DD. */
  date: string;
  responsible: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface TransferDoc {
  _id: string;
  memberId: string;
  memberName: string;
  openid: string;
  fromOrgId: string;
  toOrgId: string;
  /** The unit whose decision is awaited: the sending branch, then the receiving one. */
  orgId: string;
  status: 'pending_out' | 'pending_in' | 'done' | 'rejected';
  reason: string;
  rejectReason: string | null;
  requestedBy: string;
  createdAt: Date;
  history: { at: Date; by: string; step: string }[];
}

export interface JoinRequestDoc {
  _id: string;
  openid: string;
  orgId: string;
  name: string;
  note: string | null;
  via: 'group' | 'invite' | 'search';
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  /** `<orgId>|<hash of openid>` while pending, `closed|<id>` after. */
  pendingKey: string;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/** Ids of memberships created by the product: opaque, and one per person and unit. */
export function membershipIdFor(orgId: string, openid: string): string {
  return `m-${createHash('sha256').update(`${orgId}:${openid}`).digest('hex').slice(0, 24)}`;
}

export function pendingKey(orgId: string, openid: string): string {
  return `${orgId}|${createHash('sha256').update(openid).digest('base64url').slice(0, 22)}`;
}

export interface GroupBindingDoc {
  _id: string;
  openGId: string;
  orgId: string;
  label: string;
  boundBy: string;
  boundAt: Date;
}

export interface InviteDoc {
  /** The random part of the token; also the QR code's scene. */
  _id: string;
  orgId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revoked: boolean;
  /** The invite's mini-program code, once made. */
  qrFileID?: string;
}

export interface ArchiveDoc {
  _id: string;
  openid: string;
  name?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  birthDate?: string;
  education?: string;
  job?: string;
  /** AES-GCM ciphertext and keyed hash (for lookup); the plain value is never stored. */
  phoneEnc?: string;
  phoneHash?: string;
  idCardEnc?: string;
  idCardHash?: string;
  /** The photo in storage (`photos/<random>.jpg|png`). */
  photoFileID?: string;
  updatedAt: Date;
}

/** An activity. Counts are kept on it with atomic conditional updates (see signup/seats.ts). */
export interface ActivityDoc {
  _id: string;
  /** The organising unit. */
  orgId: string;
  type: ActivityType;
  title: string;
  description: string;
  /** Stored under `activities/`, in the order shown. */
  images?: string[];
  startAt: Date;
  endAt: Date;
  signupDeadline: Date | null;
  place: string;
  location: { latitude: number; longitude: number; radius: number } | null;
  capacity: number | null;
  audience: Audience;
  /** The units whose active members are the audience (expanded at save); empty for invited members. */
  audienceOrgIds: string[];
  signupRequired: boolean;
  approvalRequired: boolean;
  /** 接龙: members of the audience see who has signed up (absent on activities made before it existed: no). */
  showSignupNames?: boolean;
  /** 直播党课: where it is watched. */
  live?: { finderUserName: string | null; link: string | null } | null;
  cancelRule: CancelRule;
  cancelled: boolean;
  cancelReason?: string;
  /** Set once by the minutely tick after `endAt`; the organiser is then asked for the record. */
  endedAt?: Date;
  /** When the record (纪实) was closed; ended activities without it are the unit's backlog. */
  recordClosedAt?: Date;
  /** WeChat's updatable-message id for the shared card (lives 24 hours), and the state last pushed to it. */
  share?: { wxActivityId: string; expiresAt: Date; pushed?: string };
  /** The check-in mini-program code of the latest slot, shared by every screen showing it. */
  wxacode?: { slot: number; fileID: string };
  /** Seats taken: only ever changed by conditional updates, so it never passes `capacity`. */
  confirmedCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Who an activity is listed for: one row per unit (`org:<id>`) or invited member (`member:<id>`). */
export interface ActivityAudienceDoc {
  _id: string;
  activityId: string;
  key: string;
  startAt: Date;
  endAt: Date;
}

/** A member's sign-up; `_id` is `<activityId>~<memberId>`, so a member signs up once. */
export interface SignupDoc {
  _id: string;
  activityId: string;
  memberId: string;
  openid: string;
  name: string;
  status: SignupStatus;
  /** When the member joined the queue: the waitlist is served in this order. */
  createdAt: Date;
  updatedAt: Date;
}

/** A member's check-in state for one activity; `_id` is `<activityId>~<memberId>`. Failed tries count here too. */
export interface CheckinDoc {
  _id: string;
  activityId: string;
  memberId: string;
  openid: string;
  name: string;
  checkedIn: boolean;
  at?: Date;
  method?: CheckinMethod;
  /** For a hand mark: who marked. */
  markedBy?: string;
  failures: number;
  lockedUntil?: Date;
  /** 请假: asked by the member, decided by the organiser; approved leave counts as excused. */
  leave?: { status: LeaveStatus; reason: string; decidedBy?: string; decidedAt?: Date };
}

/** The minutes of an activity; `_id` is the activity's id. */
export interface RecordDoc {
  _id: string;
  orgId: string;
  topic: string;
  host: string;
  recorder: string;
  content: string;
  resolutions: string;
  /** Stored under `records/`, in the order shown. */
  photos?: string[];
  closedAt?: Date;
  closedBy?: string;
  attendance?: { audience: number; present: number; excused: number; absent: number; rate: number };
  updatedAt: Date;
}

/** A member's reminder for an activity; `_id` is `<activityId>~<memberId>`, so one per member. */
export interface ReminderDoc {
  _id: string;
  activityId: string;
  openid: string;
  sendAt: Date;
  /** Settled: sent, refused by WeChat, or skipped (the activity was cancelled). */
  sent: boolean;
  sentAt?: Date;
  /** Held by a tick that is sending it (see common/outbox.ts `claim`). */
  leaseUntil?: Date;
  attempts?: number;
  result?: 'sent' | 'refused' | 'skipped';
}

/** A stored attachment: the file, and the name it is shown (and downloaded) under. */
export interface AttachmentDoc {
  fileID: string;
  name: string;
  size: number;
  ext: string;
}

/** What an author writes; kept as is in post_versions when a published post is corrected. */
export interface PostContent {
  kind: PostKind;
  title: string;
  /** Images (cover and body) live under `posts/`, attachments under `attachments/`. */
  cover: string | null;
  body: PostBlock[];
  attachments: AttachmentDoc[];
  audience: PostAudience;
  public: boolean;
  publishAt: Date | null;
  pinnedUntil: Date | null;
  mustReadBy: Date | null;
  /** 学习 kinds (系列课, 学习资料): the 学习 tab filters by them; absent on posts written before. */
  tags?: StudyTag[];
  /** 精品: a leader's mark, a tab of its own in 学习. */
  featured?: boolean;
}

export interface PostDoc extends PostContent {
  _id: string;
  /** The author unit. */
  orgId: string;
  status: PostStatus;
  authorOpenid: string;
  authorName: string;
  /** Units whose active members are the audience, expanded when saved. */
  audienceOrgIds: string[];
  /** Active members of the audience when it was published: the denominator of its read rate over time. */
  audienceSize?: number;
  reviewNote?: string;
  publishedAt?: Date;
  publishedBy?: string;
  correctedAt?: Date;
  withdrawnAt?: Date;
  /** Only ever changed with `_.inc`. For a course, `readers` are its learners (members who opened a lesson). */
  counts: { views: number; readers: number; shares: number; confirms: number; likes: number; comments: number };
  /** A course's lessons (study/lessons.ts keeps it), so lists never count them. */
  lessonCount?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PostAudienceDoc {
  _id: string;
  postId: string;
  key: string;
  orgId: string;
  kind: PostKind;
  title: string;
  publishAt: Date;
  pinnedUntil: Date | null;
  /** 需阅知: the confirmation deadline (the home's to-do list reads it here); absent on rows written before it was kept. */
  mustReadBy?: Date | null;
  /** 学习 kinds: filters and the 最热 order (readers, or a course's learners; kept up to date as they come). */
  tags?: StudyTag[];
  featured?: boolean;
  hot?: number;
}

/** A reader's row of a post: one per reader, so reading twice writes nothing new. */
export const readId = (postId: string, openid: string) => `${postId}~${openid}`;

/** `_id` is `readId(postId, openid)`: one per reader. */
export interface PostReadDoc {
  _id: string;
  postId: string;
  openid: string;
  readAt: Date;
  confirmedAt?: Date;
}

export interface PostCommentDoc {
  _id: string;
  postId: string;
  /** The post's author unit: who may hide it. */
  orgId: string;
  openid: string;
  name: string;
  text: string;
  at: Date;
  hidden: boolean;
}

export interface PostVersionDoc {
  _id: string;
  postId: string;
  content: PostContent;
  note: string;
  by: string;
  at: Date;
}

/** `<postId>~<openid>`: a member's like of a post, once. */
export interface PostLikeDoc {
  _id: string;
  postId: string;
  openid: string;
  at: Date;
}

/** `<postId>~<YYYY-MM-DD>`: the day's reminder of a post's unread, claimed once. */
export interface PostReminderDoc {
  _id: string;
  postId: string;
  at: Date;
}

/** `<orgId>_<YYYY-MM-DD>`: a unit's active members at the end of a day. */
export interface StatsDailyDoc {
  _id: string;
  orgId: string;
  day: string;
  memberCount: number;
  at: Date;
}

/** What each collection stores: `col(db, name)` returns documents of this type. A new collection does not type-check until it is here. */
export interface DocOf {
  users: UserDoc;
  orgs: OrgDoc;
  memberships: MembershipDoc;
  stats_daily: StatsDailyDoc;
  archives: ArchiveDoc;
  join_requests: JoinRequestDoc;
  group_bindings: GroupBindingDoc;
  invites: InviteDoc;
  lifecycle_steps: LifecycleStepDoc;
  transfers: TransferDoc;
  consents: ConsentDoc;
  audit_logs: AuditDoc;
  activities: ActivityDoc;
  activity_audience: ActivityAudienceDoc;
  signups: SignupDoc;
  reminders: ReminderDoc;
  posts: PostDoc;
  post_audience: PostAudienceDoc;
  post_reads: PostReadDoc;
  post_likes: PostLikeDoc;
  post_comments: PostCommentDoc;
  post_versions: PostVersionDoc;
  post_reminders: PostReminderDoc;
  activity_records: RecordDoc;
  checkins: CheckinDoc;
  outbox: OutboxDoc;
  exports: ExportDoc;
  activity_questions: QuestionDoc;
  activity_question_votes: QuestionVoteDoc;
  lessons: LessonDoc;
  study_members: StudyMemberDoc;
  study_assignments: AssignmentDoc;
  study_assignees: AssigneeDoc;
  bank_questions: BankQuestionDoc;
  exam_papers: PaperDoc;
  paper_audience: PaperAudienceDoc;
  exam_attempts: AttemptDoc;
  exam_attempt_items: AttemptItemsDoc;
  exam_wrongs: WrongBookDoc;
  points_ledger: LedgerDoc;
  points_members: PointsMemberDoc;
  points_ranks: RankDoc;
  letters: LetterDoc;
  surveys: SurveyDoc;
  survey_takers: SurveyTakerDoc;
  survey_answers: SurveyAnswerDoc;
  survey_texts: SurveyTextDoc;
  survey_tallies: SurveyTallyDoc;
  votes: VoteDoc;
  vote_candidates: CandidateDoc;
  vote_voters: VoterDoc;
  vote_ballots: BallotDoc;
  voice_audience: VoiceAudienceDoc;
  honours: HonourDoc;
  topics: TopicDoc;
  topic_replies: TopicReplyDoc;
  topic_likes: TopicLikeDoc;
  appraisals: AppraisalDoc;
  appraisal_members: AppraisalMemberDoc;
  appraisal_raters: AppraisalRaterDoc;
  service_projects: ServiceProjectDoc;
  service_slots: ServiceSlotDoc;
  service_signups: ServiceSignupDoc;
  community_regs: CommunityRegDoc;
  wishes: WishDoc;
  dues_rates: DuesRateDoc;
  dues_payments: DuesPaymentDoc;
}

// Every declared collection has a document type, and nothing else does.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyCollectionTyped: Exactly<keyof DocOf, CollectionName> = true;
void _everyCollectionTyped;

/** A lesson of a course (a post of kind `course`). Media and documents live under `media/` and `attachments/`. */
export interface LessonDoc {
  _id: string;
  courseId: string;
  /** The course's author unit: who may edit it. */
  orgId: string;
  /** Place in the course, ascending (gaps allowed). */
  order: number;
  title: string;
  kind: LessonKind;
  /** An article's blocks (images under `posts/`). */
  body?: PostBlock[];
  /** Audio or video: the stored file and its length in seconds, read from the file's bytes. */
  media?: { fileID: string; duration: number; size: number; ext: 'mp3' | 'm4a' | 'mp4' };
  document?: AttachmentDoc;
  channels?: { finderUserName: string; feedId: string | null; live: boolean };
  /** Time on screen an article, a document or a Channels lesson needs to count as studied. */
  minSeconds: number;
  /** Only ever changed with `_.inc`. */
  counts: { views: number; learners: number; completions: number };
  createdAt: Date;
  updatedAt: Date;
}

/** A member's progress on one lesson, inside their StudyMemberDoc. */
export interface LessonProgressDoc {
  courseId: string;
  kind: LessonKind;
  /** Seconds of media; the minimum time for others. */
  length: number;
  /** Media: positions covered, one bit per bucket of `bucket` seconds, base64. */
  covered: string;
  bucket: number;
  /** Last reported position: seconds (media) or 0..1 of the page (article). */
  pos: number;
  /** An article was scrolled to its end. */
  end: boolean;
  /** Credited seconds on this lesson. */
  sec: number;
  openedAt: Date;
  /** Last time it was opened or credited: 继续学习 and 我的学习 order by it. */
  at: Date;
  doneAt: Date | null;
}

/**
 * `_id` is the member's openid: everything the heartbeat needs is in this one document, so a heartbeat
 * is one read and one conditional write (study/beat.ts).
 */
export interface StudyMemberDoc {
  _id: string;
  /** The last credited 30-second window of the server's clock (-1: none yet). */
  window: number;
  /** When the last credited heartbeat arrived. */
  lastAt: Date | null;
  /** Credited seconds per Beijing day, keyed `dYYYYMMDD`. */
  days: Record<string, number>;
  total: number;
  /** By lesson id: only lessons the member opened while in the course's audience. */
  lessons: Record<string, LessonProgressDoc>;
  /** 继续学习 */
  last: { lessonId: string; courseId: string } | null;
}

/** 必学: a unit asks its members (or some of them) to study a course, or some of its lessons, by a date. */
export interface AssignmentDoc {
  _id: string;
  /** The assigning unit. */
  orgId: string;
  courseId: string;
  courseTitle: string;
  /** null: every lesson of the course (as it is when members study it). */
  lessonIds: string[] | null;
  audience: Audience;
  /** The audience expanded when assigned. */
  orgIds: string[];
  memberIds: string[];
  dueAt: Date;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
}

/** One row per assignment and audience key (`org:<id>` or `member:<membershipId>`): what a member's 必学 reads. */
export interface AssigneeDoc {
  _id: string;
  assignmentId: string;
  key: string;
  dueAt: Date;
}

/** A question sent to a live lecture. */
export interface QuestionDoc {
  _id: string;
  activityId: string;
  /** The organising unit: whose leaders moderate it. */
  orgId: string;
  memberId: string;
  openid: string;
  name: string;
  text: string;
  at: Date;
  /** Only ever changed with `_.inc`. */
  votes: number;
  pinned: boolean;
  answered: boolean;
  hidden: boolean;
}

/** `_id` is `<questionId>~<memberId>`: one +1 per member. */
export interface QuestionVoteDoc {
  _id: string;
  questionId: string;
  memberId: string;
  at: Date;
}

/** A question of a unit's bank. A removed one is never drawn again; papers already drawn keep their copy. */
export interface BankQuestionDoc extends QuestionDraft {
  _id: string;
  orgId: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
}

/** A 专项测验 or 考试 of a unit. Its questions cannot change once someone has started it. */
export interface PaperDoc {
  _id: string;
  orgId: string;
  kind: PaperKind;
  title: string;
  intro: string;
  mode: 'fixed' | 'rules';
  questionIds: string[];
  rules: DrawRule[];
  /** Questions each member gets. */
  questionCount: number;
  openAt: Date | null;
  closeAt: Date | null;
  limitMinutes: number | null;
  attempts: number | null;
  passMark: number;
  audience: Audience;
  /** The audience expanded when saved (as activities and 必学 do). */
  audienceOrgIds: string[];
  memberIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  /** Set when the first member starts it: from then on its questions are fixed. */
  startedAt: Date | null;
}

/** One row per paper and audience key (`org:<id>`, `member:<membershipId>`): what a member's list reads. */
export interface PaperAudienceDoc {
  _id: string;
  paperId: string;
  key: string;
  /** The paper's close, or far in the future without one: the list reads those not yet closed. */
  closeAt: Date;
}

/** A question as drawn into a member's paper: a copy (a later edit of the bank does not change a paper). */
export interface AttemptItem {
  qid: string;
  type: QuestionDraft['type'];
  stem: string;
  /** In the editor's order. */
  options: string[];
  answer: number[];
  blanks: string[][];
  explanation: string;
  /** Shown position -> the editor's index: the member's shuffled order of the options. */
  perm: number[];
}

/**
 * A member's paper: drawn, shuffled and graded by the server; never sent to the client whole.
 * `slot` makes an attempt unique: `daily~<openid>~<YYYYMMDD>`, `<paperId>~<openid>~<n>`, `wrong~<openid>~<n>`.
 */
export interface AttemptDoc {
  _id: string;
  slot: string;
  kind: AttemptKind;
  paperId: string | null;
  /** The paper's unit (null for 每日一练 and 错题练习). */
  orgId: string | null;
  openid: string;
  title: string;
  /** Each question's type and number of options or blanks, by id, in the member's order: enough to check an answer (the questions themselves are in exam_attempt_items). */
  shape: Record<string, Shape>;
  /** Saved as the member goes, by question id. */
  answers: Record<string, Answer>;
  /** The server's clock. */
  startedAt: Date;
  deadlineAt: Date | null;
  status: 'open' | 'graded';
  submittedAt: Date | null;
  timedOut: boolean;
  score: number | null;
  rightCount: number;
  passMark: number | null;
  passed: boolean | null;
}

/**
 * `_id` is the attempt's: its questions as drawn (with the answers), kept apart from the attempt so that
 * saving an answer or grading rewrites a small document; read when the paper is shown or graded.
 */
export interface AttemptItemsDoc {
  _id: string;
  items: AttemptItem[];
}

/** `_id` is the openid: a member's 错题本, by question id. */
export interface WrongBookDoc {
  _id: string;
  items: Record<string, WrongEntry>;
  /** The last graded paper taken in: when it was handed in, and the papers handed in at that instant. */
  syncedAt: Date | null;
  syncedIds: string[];
}

export interface WrongEntry {
  times: number;
  /** Right answers in a row since the last wrong one (at EXAM_RULES.wrongClearStreak the question leaves the book). */
  streak: number;
  lastWrongAt: Date;
  /** The last wrong answer, with choices as the editor's option indices. */
  mine: Answer | null;
}

/**
 * The points ledger: append-only. `_id` is the event's key (`read:<postId>:<openid>`, …), so an
 * event replayed or retried finds its entry and awards nothing more.
 */
export interface LedgerDoc {
  _id: string;
  openid: string;
  rule: LedgerRule;
  points: number;
  /** The rule's daily cap was reached: recorded (so the event stays used), worth nothing. */
  capped: boolean;
  /** The Beijing day, YYYYMMDD. */
  day: string;
  at: Date;
  title: string;
  /** A correction: who made it, at which unit. */
  by: string | null;
  orgId: string | null;
  /** What earned it, where one document is (the graded paper's id). */
  ref: string | null;
}

/**
 * `_id` is the openid: the member's total, today's points per rule (for the caps), this week's, month's
 * and year's points (keyed by period, as on RankDoc) and their ranking choice.
 */
export interface PointsMemberDoc extends PeriodPoints {
  _id: string;
  total: number;
  day: string;
  today: Partial<Record<PointRule, number>>;
  hidden: boolean;
}

/** Points of the current week (keyed by its Monday), month and year, each with the key of its period. */
export interface PeriodPoints {
  wk: string;
  wp: number;
  mk: string;
  mp: number;
  yk: string;
  yp: number;
}

/**
 * `<orgId>~<openid>`: a copy of a member's week, month and year points in each unit they belong to,
 * written with each award, so a unit's ranking is one indexed read however many members there are.
 * `vis` is 0 when the member hid themselves from other members' rankings.
 */
export interface RankDoc extends PeriodPoints {
  _id: string;
  orgId: string;
  openid: string;
  memberId: string;
  vis: 0 | 1;
}

/**
 * A letter to a unit (书记信箱). Signed: the writer's openid, member id and name. Anonymous: none of
 * them, only `ownerKey` (a keyed hash of the writer's openid, see voice/anon.ts), which the writer's own
 * calls can compute and nobody without the server's secret can. Either way only the day it was written.
 */
export interface LetterDoc {
  _id: string;
  orgId: string;
  category: LetterCategory;
  text: string;
  images: string[];
  anonymous: boolean;
  ownerKey: string | null;
  openid: string | null;
  memberId: string | null;
  name: string | null;
  /** The Beijing day, YYYY-MM-DD. */
  day: string;
  state: LetterState;
  /** 0 new, 1 processing, 2 replied: the inbox's order. */
  stage: number;
  replies: { text: string; by: string; at: Date }[];
  /** A reply the writer has not opened yet. */
  unread: boolean;
}

export interface SurveyDoc {
  _id: string;
  orgId: string;
  title: string;
  intro: string;
  anonymous: boolean;
  questions: SurveyQuestion[];
  openAt: Date | null;
  closeAt: Date | null;
  audience: Audience;
  audienceOrgIds: string[];
  memberIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  /** Set by the first answer: from then on the questions are fixed. */
  answeredAt: Date | null;
  /** Active members of the audience when it was last saved (counting them on every view would read them all). */
  audienceSize: number;
}

/** `<surveyId>~<openid>`: the caller took part. Says nothing of what they answered, and has no time. */
export interface SurveyTakerDoc {
  _id: string;
  surveyId: string;
  openid: string;
}

/** An answer, under a random id. Anonymous: nothing but the survey and the answers. Named: who. */
export interface SurveyAnswerDoc {
  _id: string;
  surveyId: string;
  answers: Record<string, SurveyAnswer>;
  memberId: string | null;
  name: string | null;
}

/**
 * A free-text answer again on its own, under a random id, with a random place `r` in [0, 1): the results
 * read a window of them in `r` order from a random start — a random sample in random order, without
 * sorting them all.
 */
export interface SurveyTextDoc {
  _id: string;
  surveyId: string;
  qid: string;
  text: string;
  name: string | null;
  r: number;
}

/** `_id` is the survey's: `n` answers; per question, how many answered and each option's or value's count (`o<index>`, `v<value>`). */
export interface SurveyTallyDoc {
  _id: string;
  n: number;
  q: Record<string, { a: number; sum?: number } & Record<string, number>>;
}

/** An evaluation vote (评先评优). `turnout` counts ballots as they are cast. */
export interface VoteDoc {
  _id: string;
  orgId: string;
  title: string;
  intro: string;
  seats: number;
  maxChoices: number;
  anonymous: boolean;
  memberNominations: boolean;
  openAt: Date | null;
  closeAt: Date;
  audience: Audience;
  audienceOrgIds: string[];
  memberIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  turnout: number;
  finalizedAt: Date | null;
  winners: string[];
}

/** `<voteId>~<memberId>`: a candidate, with the running count of votes (shown only once the vote closes). */
export interface CandidateDoc {
  _id: string;
  voteId: string;
  orgId: string;
  memberId: string;
  name: string;
  orgName: string;
  deed: string;
  status: CandidateStatus;
  /** Null: the organisers; otherwise the proposing member's name. */
  proposedBy: string | null;
  proposerOpenid: string | null;
  votes: number;
  createdAt: Date;
}

/** `<voteId>~<openid>`: the caller has voted. No time, nothing of the ballot. */
export interface VoterDoc {
  _id: string;
  voteId: string;
  openid: string;
}

/** A ballot under a random id: the candidates chosen; a named vote's ballot also who cast it. */
export interface BallotDoc {
  _id: string;
  voteId: string;
  choices: string[];
  memberId: string | null;
  name: string | null;
}

/** `<refId>~<key>`: a survey, vote or topic for an audience key, with what a member's lists show of it. */
export interface VoiceAudienceDoc {
  _id: string;
  kind: 'survey' | 'vote' | 'topic';
  refId: string;
  key: string;
  title: string;
  anonymous: boolean;
  openAt: Date | null;
  /** Far in the future without a close (like the paper rows). */
  closeAt: Date;
}

/** An honour (荣誉) in a member's archive: from a vote, or recorded by the unit. */
export interface HonourDoc {
  _id: string;
  /** The awarding unit. */
  orgId: string;
  memberId: string;
  openid: string;
  name: string;
  orgName: string;
  /** The member's unit and the units above it, and the awarding unit: the showcases it appears on. */
  units: string[];
  title: string;
  year: number;
  deed: string;
  source: 'vote' | 'manual';
  refId: string | null;
  at: Date;
}

/** 讲坛: a topic a unit opens for discussion (optionally of a meeting). */
export interface TopicDoc {
  _id: string;
  orgId: string;
  kind: TopicKind;
  title: string;
  body: string;
  activityId: string | null;
  audience: Audience;
  audienceOrgIds: string[];
  memberIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** Replies not hidden, kept as they come. */
  replies: number;
}

/** A reply under the member's name. */
export interface TopicReplyDoc {
  _id: string;
  topicId: string;
  /** The topic's unit (the permission table finds the organisers through it). */
  orgId: string;
  openid: string;
  memberId: string;
  name: string;
  text: string;
  at: Date;
  likes: number;
  pinned: boolean;
  hidden: boolean;
}

/** `<replyId>~<openid>`: one like per member. */
export interface TopicLikeDoc {
  _id: string;
  replyId: string;
  openid: string;
  at: Date;
}

/** `ap-<orgId>-<year>`: a branch's 民主评议 of a year, at one step. */
export interface AppraisalDoc {
  _id: string;
  orgId: string;
  year: number;
  title: string;
  step: AppraisalStep;
  /** When each step was opened. */
  opened: Partial<Record<AppraisalStep, Date>>;
  publicizeUntil: Date | null;
  /** Members who have rated (the participation records count the same). */
  raters: number;
  createdBy: string;
  createdAt: Date;
}

/** `<appraisalId>~<memberId>`: one appraised member — their self-assessment, the counts of others' ratings, the grade. */
export interface AppraisalMemberDoc {
  _id: string;
  appraisalId: string;
  orgId: string;
  memberId: string;
  openid: string;
  name: string;
  nameKey: string;
  year: number;
  self: string | null;
  counts: Record<AppraisalGrade, number>;
  grade: AppraisalGrade | null;
  /** The grade shows in the archive once the result is published (公示). */
  published: boolean;
}

/** `<appraisalId>~<openid>`: the member has rated (never how). No time. */
export interface AppraisalRaterDoc {
  _id: string;
  appraisalId: string;
  openid: string;
}

/** 志愿服务: a unit's project, for its members and those below, those registered with it (进社区), and if `public` residents. */
export interface ServiceProjectDoc {
  _id: string;
  orgId: string;
  title: string;
  description: string;
  place: string;
  images: string[];
  public: boolean;
  /** The unit and every unit below it: whose members it is for. */
  audienceOrgIds: string[];
  /** The first slot's start and the last one's end (lists and the erasure of residents' data go by them). */
  firstStartAt: Date;
  lastEndAt: Date;
  cancelled: boolean;
  cancelReason?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A time slot of a project; `_id` fits a check-in code (`s` and 10 characters). */
export interface ServiceSlotDoc {
  _id: string;
  projectId: string;
  orgId: string;
  startAt: Date;
  endAt: Date;
  capacity: number | null;
  /** Places taken: moved only by conditional updates, so it never passes `capacity`. */
  taken: number;
  /** Hours credited by default (the slot's length). */
  hours: number;
  removed?: boolean;
}

/** One person's place in a slot (unique per slot and openid). A resident's name and phone are encrypted and masked. */
export interface ServiceSignupDoc {
  _id: string;
  slotId: string;
  projectId: string;
  /** The organising unit. */
  orgId: string;
  openid: string;
  kind: 'member' | 'resident';
  /** A member's membership (their own branch) and name; null for residents. */
  memberId: string | null;
  homeOrgId: string | null;
  name: string | null;
  /** A resident's name and phone, AES-GCM (pii.ts); null for members and once erased. */
  nameEnc: string | null;
  phoneEnc: string | null;
  /** Shown in lists: 王** / 138****5678 (a member's phone is never here). */
  nameMasked: string;
  phoneMasked: string | null;
  status: 'signed' | 'cancelled';
  startAt: Date;
  endAt: Date;
  /** The slot's year (Beijing): hours are counted per year. */
  year: number;
  createdAt: Date;
  checkedInAt: Date | null;
  method: 'scan' | 'code' | 'manual' | null;
  failures: number;
  lockedUntil?: Date;
  /** Hours confirmed by the organiser (null until then). */
  hours: number | null;
  confirmedAt: Date | null;
  /** When a resident's name and phone are erased; absent for members and once done. */
  purgeAt?: Date;
}

/** 党员进社区: the community unit a member registered with; `_id` is their openid. */
export interface CommunityRegDoc {
  _id: string;
  orgId: string;
  openid: string;
  memberId: string;
  homeOrgId: string;
  name: string;
  since: Date;
}

/** 微心愿: a resident's wish to a unit. The contact is encrypted; only the poster, the claimer and the unit's leaders read it. */
export interface WishDoc {
  _id: string;
  orgId: string;
  openid: string;
  title: string;
  content: string;
  images: string[];
  contactEnc: string | null;
  contactMasked: string;
  state: 'pending' | 'published' | 'claimed' | 'done' | 'confirmed' | 'rejected' | 'withdrawn';
  day: string;
  createdAt: Date;
  reviewNote: string | null;
  claimerOpenid: string | null;
  claimerMemberId: string | null;
  claimerName: string | null;
  claimedAt: Date | null;
  donePhotos: string[];
  doneNote: string | null;
  doneAt: Date | null;
  confirmedAt: Date | null;
  thanks: string | null;
  /** Confirmed automatically (the poster did not, in time). */
  autoConfirmed?: boolean;
  /** Lease of the timer confirming it (claim, act, mark). */
  leaseUntil?: Date;
  attempts?: number;
  /** When the contact is erased (set once the wish is settled). */
  purgeAt?: Date;
}

/** 党费: a member's monthly amount (fen) and its basis; `_id` is the membership's. */
export interface DuesRateDoc {
  _id: string;
  orgId: string;
  memberId: string;
  openid: string;
  amount: number;
  basis: string;
  /** YYYY-MM: the first month it applies to. */
  since: string;
  updatedAt: Date;
  updatedBy: string;
}

/** One month's dues paid by a member: `<memberId>~<YYYY-MM>`. */
export interface DuesPaymentDoc {
  _id: string;
  orgId: string;
  memberId: string;
  openid: string;
  month: string;
  amount: number;
  method: 'cash' | 'transfer' | 'other';
  paidOn: string;
  receiptNo: string;
  recordedBy: string;
  recordedAt: Date;
}
