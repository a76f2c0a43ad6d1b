/** Domain types shared by the mini program and the cloud functions. */
import type { AppraisalGrade, HonourView } from './voice';
import type { PageName } from './pages';
import type { StudyArchiveView, StudyTag } from './study';

/** 党委 > 总支 > 支部 > 党小组 */
export type OrgType = 'committee' | 'general_branch' | 'branch' | 'group';

export const ORG_TYPE_LABEL: Record<OrgType, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};

/** Which unit types may sit directly under which: 党委 > 党总支 > 党支部 > 党小组. */
export const ORG_CHILD_TYPES: Record<OrgType, OrgType[]> = {
  committee: ['general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

/**
 * Roles are held per organisation unit; an admin's role also covers every unit below theirs. The one
 * list of roles, from the least to the most: the permission table, the input schemas and the role
 * form all read it and the groups below.
 */
export const ROLES = ['member', 'committee', 'deputy_secretary', 'secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who leads a unit: may approve, publish, organise. */
export const LEADER_ROLES: readonly Role[] = ['deputy_secretary', 'secretary', 'admin'];
/** Who may write posts: 支委 (e.g. 宣传委员) and the leaders. */
export const DRAFTER_ROLES: readonly Role[] = ['committee', 'deputy_secretary', 'secretary', 'admin'];
/** The 支委会: the committee members and the secretaries (an admin of the 党委 is not on a branch's committee). */
export const COMMITTEE_ROLES: readonly Role[] = ['committee', 'deputy_secretary', 'secretary'];
/** Who may see a member's unmasked sensitive data besides the member: their unit's secretaries. */
export const SECRETARY_ROLES: readonly Role[] = ['deputy_secretary', 'secretary'];

export const ROLE_LABEL: Record<Role, string> = {
  member: '党员',
  committee: '支委委员',
  deputy_secretary: '副书记',
  secretary: '书记',
  admin: '党委管理员',
};

export interface OrgUnitView {
  id: string;
  name: string;
  type: OrgType;
  parentId: string | null;
  /** Active members held directly in this unit. */
  memberCount: number;
  /** The caller may create, rename and remove units here. */
  canAdminister: boolean;
  /** A 社区党组织: members register with it where they live (党员进社区). */
  community: boolean;
}

export interface AuditEntryView {
  id: string;
  at: string;
  /** The actor's name in the unit (never their openid). */
  actorName: string;
  action: string;
  summary: string;
}

export interface UserView {
  id: string;
  /** The name their branch knows them by (the roster's), else the name they gave; null until they give one. */
  name: string | null;
  /** ISO instant */
  createdAt: string;
}

export interface MembershipView {
  orgId: string;
  orgName: string;
  orgType: OrgType;
  role: Role;
}

export interface Me {
  user: UserView;
  /** false when this call created the user record */
  returning: boolean;
  memberships: MembershipView[];
  /** Where this user uploads files (`uploads/<folder>`): theirs alone, see UPLOAD_CLOUD_PATH. */
  uploadFolder: string;
  /** Subscribe-message template ids the client asks the user to accept (wx.requestSubscribeMessage); null when not configured. */
  subscribeTemplates: {
    joinResult: string | null;
    activityNotice: string | null;
    activityReminder: string | null;
    postReminder: string | null;
    studyReminder: string | null;
  };
}

/** A branch below an upper unit, on that unit's home: how big it is and what waits there. */
export interface UnitStatus {
  id: string;
  name: string;
  type: OrgType;
  memberCount: number;
  pendingJoinRequests: number;
  recordsToClose: number;
}

export interface BranchHome {
  branch: { id: string; name: string; type: OrgType; parentName: string | null; community: boolean } | null;
  /** Active members of the unit; for an upper unit (党委, 党总支), of the unit and every unit below it. */
  memberCount: number;
  role: Role | null;
  /** Join requests waiting for this unit's secretaries; null when the caller does not review them. */
  pendingJoinRequests: number | null;
  /** 书记, 副书记 and 支委 with their duties, in that order. */
  leaders: { name: string; title: string }[];
  /** WeChat groups bound to the unit. */
  groupCount: number;
  /** Whom members of the unit call or message: its first leader, with the number the leaders published; null without one. */
  contact: { name: string; title: string; phone: string } | null;
  /** The unit's ended activities whose record is not closed yet; null when the caller does not lead the unit. */
  recordsToClose: number | null;
  /** For an upper unit the caller leads: the units below it that hold members (branches first), with what waits in each; otherwise null. */
  units: UnitStatus[] | null;
  /** The caller keeps the unit's 党费 records (its secretary, deputy or 组织委员). */
  keepsDues: boolean;
  /** The caller's calendar day in Asia/Shanghai, YYYY-MM-DD */
  today: string;
}

/**
 * One open item of the caller's party work, on the home's to-do list. Items are computed from the
 * current state, so a done item leaves by itself. Built by providers (cloudfunctions/branch/todo.ts).
 */
export interface TodoItem {
  /** Stable while the item is open (kind and what it is about). */
  id: string;
  kind: TodoKind;
  title: string;
  /** A second line: when, where, how many. */
  detail: string;
  /** ISO instant it is due or happens, if it has one: items are sorted by it. */
  dueAt: string | null;
  /** Where it is done. */
  link: { page: PageName; query: Record<string, string> };
  /** Needs doing now (a meeting running, a deadline today). */
  urgent: boolean;
  /** A meeting whose check-in is open and the caller has not checked in: the home shows a big 签到 button. */
  checkin?: boolean;
}

export type TodoKind =
  | 'meeting'
  | 'signup'
  | 'signedUp'
  | 'mustRead'
  | 'myJoinRequest'
  | 'reviewJoins'
  | 'recordsDue'
  | 'reviewPosts'
  | 'reviewTransfers'
  | 'studyDue'
  | 'practice'
  | 'exam'
  | 'survey'
  | 'vote'
  | 'letters'
  | 'appraisal'
  | 'serviceSlot'
  | 'serviceHours'
  | 'wishReview'
  | 'wishClaimed'
  | 'wishConfirm'
  | 'duesDue';

export interface TodoList {
  items: TodoItem[];
}

export interface Pong {
  pong: true;
  at: string;
}

export type Gender = 'male' | 'female';

export const EDUCATION_LEVELS = ['初中及以下', '高中/中专', '大专', '本科', '硕士研究生', '博士研究生'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];

/** A member's electronic archive as clients see it: sensitive fields masked. */
export interface ArchiveView {
  name: string | null;
  gender: Gender | null;
  ethnicity: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  education: Education | null;
  job: string | null;
  /** e.g. 138****5678 */
  phoneMasked: string | null;
  /** e.g. 110***********1234 */
  idCardMasked: string | null;
  updatedAt: string | null;
  /** The member's photo (证件照), a temporary URL; null when none. */
  photoUrl: string | null;
  /** 组织关系: every unit the member belongs or belonged to, current ones first. */
  branches: ArchiveBranchView[];
  /** 学习档案: time studied (measured by the server), lessons and courses completed. */
  study: StudyArchiveView;
  /** 荣誉: from evaluation votes (评先评优) and those the unit recorded, newest first. */
  honours: HonourView[];
  /** 民主评议: the grade of each year's appraisal, once published. */
  appraisals: { year: number; grade: AppraisalGrade; orgName: string }[];
  /** 志愿服务: hours confirmed by the organisers, by year (latest first). */
  service: { year: number; hours: number; times: number }[];
}

export type MembershipStatus = 'active' | 'left' | 'transferred';

export const MEMBERSHIP_STATUS_LABEL: Record<MembershipStatus, string> = {
  active: '在册',
  left: '已离开',
  transferred: '已转出',
};

export interface ArchiveBranchView {
  memberId: string;
  orgName: string;
  role: Role;
  /** For 支委: their duty. */
  duty: CommitteeDuty | null;
  status: MembershipStatus;
  /** ISO instant */
  joinedAt: string;
}

/** How someone found the branch they apply to. */
export type JoinVia = 'group' | 'invite' | 'search';
export type JoinStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export const JOIN_STATUS_LABEL: Record<JoinStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已撤回',
};

export interface JoinRequestView {
  id: string;
  orgId: string;
  orgName: string;
  /** The applicant's name as they gave it. */
  name: string;
  note: string | null;
  via: JoinVia;
  status: JoinStatus;
  /** Why it was not approved. */
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  /**
   * In a secretary's inbox only: imported roster entries (未使用支部通) that may be this applicant,
   * by the same name or the same phone / ID number. Approving can link the applicant to one.
   */
  rosterMatches?: RosterMatchView[];
}

export interface RosterMatchView {
  memberId: string;
  name: string;
  phoneMasked: string | null;
  partyStage: PartyStage | null;
  /** Why it matched. */
  by: 'name' | 'phone' | 'idCard';
}

/** A branch as a non-member may see it: enough to decide to apply. */
export interface BranchCard {
  id: string;
  name: string;
  parentName: string | null;
  memberCount: number;
}

/** Where a link, QR code or group chat lands someone: the branch, and where they stand with it. */
export interface JoinLanding {
  branch: BranchCard;
  isMember: boolean;
  pendingRequest: JoinRequestView | null;
}

export interface GroupBindingView {
  id: string;
  label: string;
  boundAt: string;
}

export interface InviteView {
  id: string;
  /** Mini-program path a share card opens: pages/join/index?invite=<token> */
  path: string;
  expiresAt: string;
  revoked: boolean;
}

/** 发展党员: the stages of becoming a member, in order. */
export const PARTY_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type PartyStage = (typeof PARTY_STAGES)[number];

export const PARTY_STAGE_LABEL: Record<PartyStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

export interface LifecycleStepView {
  stage: PartyStage;
  date: string;
  responsible: string | null;
  note: string | null;
  recordedByName: string;
}

/** A member whose next step is due (or soon), for the secretary. */
export interface DueStepView {
  memberId: string;
  name: string;
  stage: PartyStage;
  since: string;
  next: PartyStage;
  /** The earliest day the next step may be taken, YYYY-MM-DD. */
  dueDate: string;
}

export type TransferStatus = 'pending_out' | 'pending_in' | 'done' | 'rejected';

export const TRANSFER_STATUS_LABEL: Record<TransferStatus, string> = {
  pending_out: '待转出支部审核',
  pending_in: '待转入支部审核',
  done: '已完成',
  rejected: '未通过',
};

export interface TransferView {
  id: string;
  memberName: string;
  fromOrgName: string;
  toOrgName: string;
  status: TransferStatus;
  reason: string;
  rejectReason: string | null;
  createdAt: string;
}

/** A row of the secretary's member directory: sensitive fields masked, no openid. */
export interface MemberRowView {
  memberId: string;
  name: string;
  role: Role;
  partyStage: PartyStage | null;
  stageSince: string | null;
  phoneMasked: string | null;
  /** Imported from a roster, not yet on WeChat. */
  onWeChat: boolean;
}

/** 支委 duties. */
export type CommitteeDuty = 'organization' | 'propaganda' | 'discipline' | 'youth' | 'other';

export const DUTY_LABEL: Record<CommitteeDuty, string> = {
  organization: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  youth: '青年委员',
  other: '委员',
};

/** The privacy notice's version: consent is to one version, and a new version asks again. */
export const PRIVACY_VERSION = '2026-12-02';

export interface PrivacyStatus {
  version: string;
  consentedVersion: string | null;
  consentedAt: string | null;
}

/**
 * Where a client uploads a file: `uploads/<folder>/<name>.<ext>`. The folder is the uploader's own
 * (`Me.uploadFolder`, a keyed hash of their identity that only the server can make), the name a
 * random one the client draws; the server takes an upload only from its uploader's folder.
 */
export const UPLOAD_CLOUD_PATH = /^uploads\/[0-9a-f]{32}\/[0-9A-Za-z_-]{16,64}\.(xlsx?|jpg|png|pdf|docx?|pptx?|mp3|m4a|mp4)$/;

/** 三会一课 and the other kinds of activity a branch holds. */
export const ACTIVITY_TYPES = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'volunteer',
  'live_lecture',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABEL: Record<ActivityType, string> = {
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  volunteer: '志愿服务',
  live_lecture: '直播党课',
  other: '其他',
};

/** Where a 直播党课 is watched: a WeChat Channels account's live (视频号), and/or a plain link where Channels is not available. */
export interface LiveInfo {
  finderUserName: string | null;
  link: string | null;
}

/** A question sent to a live lecture, as the audience and the organiser see it. */
export interface QuestionView {
  id: string;
  name: string;
  text: string;
  at: string;
  votes: number;
  /** The caller gave it +1. */
  voted: boolean;
  mine: boolean;
  pinned: boolean;
  answered: boolean;
  /** Only the organiser sees hidden questions. */
  hidden: boolean;
}

/** Who an activity is for: the organising unit, some units below it (or itself), its whole subtree, or invited members. */
export type Audience =
  { kind: 'unit' } | { kind: 'units'; orgIds: string[] } | { kind: 'subtree' } | { kind: 'members'; memberIds: string[] };

/** Whom the organiser of a unit can make an activity for: the unit and those below, and their members. */
export interface AudienceOptions {
  /** The unit first, then the units below it. */
  units: Omit<OrgUnitView, 'canAdminister' | 'community'>[];
  /** Active members of all those units, in name (pinyin) order. */
  members: { memberId: string; name: string; orgName: string; role: Role }[];
  /** More members than listed (the list stops at 500). */
  truncated: boolean;
}

/** Until when a member may cancel their sign-up. */
export type CancelRule = { kind: 'deadline' } | { kind: 'hoursBefore'; hours: number } | { kind: 'beforeCheckin' };

/**
 * A cancellation rule in the member's words, the same on the organiser's form and the member's page
 * (without a sign-up deadline, sign-up closes at the start, so "until the deadline" is "until it starts").
 */
export function cancelRuleLabel(r: CancelRule, hasDeadline: boolean): string {
  if (r.kind === 'deadline') return hasDeadline ? '报名截止前可取消' : '活动开始前可取消';
  if (r.kind === 'hoursBefore') return `开始前 ${r.hours} 小时可取消`;
  return '签到前可取消';
}

/** Derived from the clock and the counts, never stored. */
export type ActivityStatus = 'open' | 'full' | 'closed' | 'upcoming' | 'ongoing' | 'ended' | 'cancelled';

export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = {
  open: '报名中',
  full: '已满（候补）',
  closed: '报名截止',
  upcoming: '未开始',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
};

export type SignupStatus = 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'rejected';

export const SIGNUP_STATUS_LABEL: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  pending: '待审核',
  cancelled: '已取消',
  rejected: '未通过',
};

export type LeaveStatus = 'pending' | 'approved' | 'rejected';

export const LEAVE_STATUS_LABEL: Record<LeaveStatus, string> = { pending: '请假待批', approved: '已准假', rejected: '未准假' };

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** An activity as a list shows it. */
export interface ActivityCard {
  id: string;
  type: ActivityType;
  title: string;
  orgName: string;
  /** ISO instants */
  startAt: string;
  endAt: string;
  place: string;
  status: ActivityStatus;
  capacity: number | null;
  confirmedCount: number;
  /** The caller's sign-up, if any. */
  mySignup: SignupStatus | null;
  /** The minutes (纪实) are closed and can be read. */
  recordClosed: boolean;
}

/** A stored image: its fileID (to keep it when editing) and a URL to show it. */
export interface ImageRef {
  fileID: string;
  url: string;
}

export interface ActivityView extends ActivityCard {
  orgId: string;
  description: string;
  images: ImageRef[];
  signupDeadline: string | null;
  location: (GeoPoint & { radius: number }) | null;
  signupRequired: boolean;
  approvalRequired: boolean;
  cancelRule: CancelRule;
  audience: Audience;
  waitlistCount: number;
  /** 接龙: the organiser shows who has signed up to the audience. */
  showSignupNames: boolean;
  /** Who has a seat, in the order they signed up (at most 200), when the organiser shows them and the caller is in the audience or leads the unit; else null. */
  signupNames: string[] | null;
  /** Check-in opens this long before the start, and closes at the end. */
  checkinOpensAt: string;
  mine: {
    /** The caller's membership the activity counts them by; null for a leader outside the audience. */
    inAudience: boolean;
    signup: SignupStatus | null;
    /** Position on the waitlist (1 = next), when waitlisted. */
    waitlistPosition: number | null;
    leave: LeaveStatus | null;
    checkedIn: boolean;
    /** ISO instant the caller checked in, when they have. */
    checkedInAt: string | null;
    /** Whether the caller may still cancel their sign-up. */
    canCancel: boolean;
  };
  /** The caller leads the organising unit: may edit, cancel, run check-in. */
  canManage: boolean;
  /** A 直播党课's live: where to watch it; null for other activities. */
  live: LiveInfo | null;
}

/** One member on the secretary's attendance board. */
export interface AttendanceRow {
  memberId: string;
  name: string;
  signup: SignupStatus | null;
  leave: LeaveStatus | null;
  /** ISO instant of check-in, null when not (yet) present. */
  checkedInAt: string | null;
  method: CheckinMethod | null;
  /** present / signed up but not present / on leave (approved) / absent (in the audience, not signed up or not present after the end). */
  state: 'present' | 'expected' | 'excused' | 'absent';
}

export type CheckinMethod = 'scan' | 'code' | 'manual' | 'online';

/** How a member stands at a meeting, in one wording everywhere: the board, the record sheet, the archive. */
export const ATTENDANCE_LABEL: Record<AttendanceRow['state'], string> = {
  present: '出席',
  expected: '未到',
  excused: '请假',
  absent: '缺席',
};
export const CHECKIN_METHOD_LABEL: Record<CheckinMethod, string> = { scan: '扫码', code: '签到码', manual: '补签', online: '线上签到' };

export interface AttendanceBoard {
  activityId: string;
  status: ActivityStatus;
  counts: { present: number; expected: number; excused: number; absent: number; audience: number };
  rows: AttendanceRow[];
  /** Sign-ups and leave requests waiting for a decision. */
  pending: { memberId: string; name: string; kind: 'signup' | 'leave'; reason: string | null }[];
}

/** What the check-in screen shows: a code that rotates every slot. */
export interface CheckinCode {
  /** Goes into the QR code and a mini-program code's `scene` (at most 32 characters). */
  payload: string;
  /** The same slot's code to type, 6 digits. */
  digits: string;
  /** When this code stops being shown (the server still accepts it for one more slot). */
  expiresAt: string;
  slotSeconds: number;
}

/** Where the caller stands after a sign-up action (the page reloads the details it shows). */
export interface SignupResult {
  status: SignupStatus | null;
  leave: LeaveStatus | null;
}

/** 会议记录 / 纪实: the minutes of an activity, closed by the organiser with the attendance at that moment. */
export interface RecordView {
  activityId: string;
  topic: string;
  host: string;
  recorder: string;
  content: string;
  resolutions: string;
  photos: ImageRef[];
  closed: boolean;
  closedAt: string | null;
  /** Attendance when the record was closed (null while it is a draft). */
  attendance: { audience: number; present: number; excused: number; absent: number; rate: number } | null;
}

/** One line of a member's activity history (their archive). */
export interface HistoryItem {
  activityId: string;
  type: ActivityType;
  title: string;
  startAt: string;
  orgName: string;
  /** present / excused (approved leave) / absent (signed up or expected, did not come) / signed up for one still to come. */
  state: 'present' | 'excused' | 'absent' | 'upcoming';
  recordClosed: boolean;
}

/** 三会一课: how often each kind must be held (支部党员大会 and 党课 quarterly, 支委会 and 党小组会 monthly). */
export const REQUIRED_FREQUENCY: Partial<Record<ActivityType, 'month' | 'quarter'>> = {
  general_meeting: 'quarter',
  committee_meeting: 'month',
  group_meeting: 'month',
  party_lecture: 'quarter',
};

export interface StatsView {
  year: number;
  /** Activities held (started, not cancelled) per month, by type. */
  months: { month: number; counts: Partial<Record<ActivityType, number>>; total: number }[];
  /** For each 三会一课 kind, each period of the year: held against required. */
  requirements: {
    type: ActivityType;
    period: 'month' | 'quarter';
    periods: { label: string; held: number; status: 'ok' | 'behind' | 'current' | 'future' }[];
    behind: number;
  }[];
  /** From closed records: how many, and the average attendance rate (%). */
  attendance: { records: number; averageRate: number | null };
  /** Each current member's year, over activities that have ended: lowest attendance first. */
  members: { memberId: string; name: string; present: number; excused: number; absent: number; rate: number | null }[];
}

// ---------------------------------------------------------------- posts (通知公告, 党务公开, 新闻, …)

export const POST_KINDS = ['notice', 'affairs', 'news', 'pioneer', 'study', 'course'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const POST_KIND_LABEL: Record<PostKind, string> = {
  notice: '通知公告',
  affairs: '党务公开',
  news: '新闻动态',
  pioneer: '先锋风采',
  study: '学习资料',
  course: '系列课',
};

/** Kinds the 学习 tab shows (a 系列课 is only there, not among the notices). */
export const STUDY_POST_KINDS: readonly PostKind[] = ['study', 'course'];

/** Kinds whose posts may be made readable by anyone a card reaches; 通知 never are. */
export const PUBLIC_POST_KINDS: readonly PostKind[] = ['affairs', 'news'];

/** Kinds members can like and comment on. */
export const INTERACTIVE_POST_KINDS: readonly PostKind[] = ['news', 'pioneer'];

/** One piece of a post's body. Links go to pages inside Zhibu only. */
export type PostBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'image'; fileID: string; caption?: string }
  | { type: 'link'; text: string; path: string };

/** The same as clients see it: images with URLs. */
export type PostBlockView = Exclude<PostBlock, { type: 'image' }> | { type: 'image'; fileID: string; url: string; caption?: string };

export interface AttachmentView {
  fileID: string;
  name: string;
  size: number;
  ext: AttachmentExt;
  url: string;
}

export const ATTACHMENT_EXTS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx'] as const;
export type AttachmentExt = (typeof ATTACHMENT_EXTS)[number];

/** draft → pending (submitted for review) → published, or returned to the author; published → withdrawn. */
export type PostStatus = 'draft' | 'pending' | 'returned' | 'published' | 'withdrawn';

export const POST_STATUS_LABEL: Record<PostStatus, string> = {
  draft: '草稿',
  pending: '待审核',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
};

export type PostAudience = { kind: 'unit' } | { kind: 'units'; orgIds: string[] } | { kind: 'subtree' };

/** A post in a list. */
export interface PostCard {
  id: string;
  kind: PostKind;
  title: string;
  orgName: string;
  coverUrl: string | null;
  publishAt: string | null;
  pinned: boolean;
  /** Must-read (需阅知) deadline, if the post asks members to confirm. */
  mustReadBy: string | null;
  /** The caller has opened it. */
  read: boolean;
  /** The caller has confirmed a must-read post. */
  confirmed: boolean;
}

export interface PostCounts {
  views: number;
  readers: number;
  shares: number;
  confirms: number;
  likes: number;
  comments: number;
}

/**
 * A post opened: in full for its audience and its editors; only what is public for anyone else a
 * card reaches (党务公开 and 新闻 marked public), else a notice that it is for members only.
 */
export type PostView =
  | ({
      visibility: 'full' | 'public';
      body: PostBlockView[];
      attachments: AttachmentView[];
      counts: Pick<PostCounts, 'views' | 'likes' | 'comments'>;
      /** The caller may like and comment (audience of a news-like post). */
      canInteract: boolean;
      liked: boolean;
      /** Editors of the author unit: receipts, corrections, withdrawal. */
      canManage: boolean;
      status: PostStatus;
      public: boolean;
      audience: PostAudience;
      pinnedUntil: string | null;
      correctedAt: string | null;
    } & PostCard)
  /** Not for the caller, or not (or no longer) published, or no such post: the same answer, so nothing is learnt. */
  | { visibility: 'restricted'; id: string };

/** A post as its editors work on it. */
export interface PostDraft {
  id: string;
  orgId: string;
  kind: PostKind;
  title: string;
  cover: ImageRef | null;
  body: PostBlockView[];
  attachments: AttachmentView[];
  audience: PostAudience;
  public: boolean;
  publishAt: string | null;
  pinnedUntil: string | null;
  mustReadBy: string | null;
  /** 学习 kinds: tags and the 精品 mark. */
  tags: StudyTag[];
  featured: boolean;
  /** A 系列课's lessons so far. */
  lessonCount: number;
  status: PostStatus;
  authorName: string;
  /** The reviewer's comment when returned, or why the content check stopped it. */
  reviewNote: string | null;
  updatedAt: string;
}

export interface PostComment {
  id: string;
  name: string;
  text: string;
  at: string;
  hidden: boolean;
  mine: boolean;
}

/** A version a correction replaced. */
export interface PostVersionView {
  at: string;
  note: string;
  by: string;
  title: string;
  /** The body's text as it was, paragraphs and headings joined. */
  text: string;
}

/** A post in the editors' list. */
export interface PostEditorCard {
  id: string;
  kind: PostKind;
  title: string;
  status: PostStatus;
  authorName: string;
  publishAt: string | null;
  updatedAt: string;
  reviewNote: string | null;
}

export interface PostFeed {
  pinned: PostCard[];
  latest: PostCard[];
  /** Unread posts among the caller's, of every kind (at most 99 counted). */
  unread: number;
}

/** Who of the audience has read a post (and confirmed it, when it must be read). */
export interface PostReceipts {
  postId: string;
  audience: number;
  read: number;
  confirmed: number;
  /** read / audience, percent with one decimal */
  readRate: number;
  confirmRate: number | null;
  counts: PostCounts;
  members: { memberId: string; name: string; orgName: string; readAt: string | null; confirmedAt: string | null }[];
  /** When the unread can next be reminded (once a day per post); null = now. */
  remindAvailableAt: string | null;
}

/** A unit's publishing over a year, for the statistics page. */
export interface PostTrends {
  orgId: string;
  year: number;
  months: { month: number; published: number; averageReadRate: number | null }[];
  top: { id: string; title: string; kind: PostKind; readRate: number; views: number; shares: number }[];
}
