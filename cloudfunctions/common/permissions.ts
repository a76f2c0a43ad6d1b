import type { ActionName, FunctionName } from '../../typings/api';
import { COMMITTEE_ROLES, DRAFTER_ROLES, LEADER_ROLES, ROLES, SECRETARY_ROLES, type CommitteeDuty, type Role } from '../../typings/domain';
import type { CollectionName } from './collections';

// The role groups, as defined once in typings/domain.ts.
export const ANY_ROLE: readonly Role[] = ROLES;
export const LEADERS = LEADER_ROLES;
export const ADMINS: readonly Role[] = ['admin'];
export const DRAFTERS = DRAFTER_ROLES;
export const SECRETARIES = SECRETARY_ROLES;
/** Who keeps a branch's dues records: its secretaries and its 组织委员 (not the units above: amounts stay in the branch). */
const DUES_KEEPERS = { roles: COMMITTEE_ROLES, duty: 'organization' } as const;

/**
 * Role-guarded access: the roles that may act, and which input field names the organisation unit
 * whose roles decide. The unit is loaded by the wrapper; a missing unit is FORBIDDEN, like a unit
 * the caller has no role in, so ids leak nothing. `optional`: without the field, any signed-in caller.
 * `via`: the field holds the id of a document in that collection, and the document's `orgId` is the unit.
 */
export interface RoleAccess {
  roles: readonly Role[];
  unitField: string;
  optional?: boolean;
  via?: CollectionName;
  /** 支委 (`committee`) count only with this duty (党费: the 组织委员). */
  duty?: CommitteeDuty;
}

/**
 * Audience access: the caller must be in the audience of the activity (or, with `of: 'posts'`, the post)
 * the input field `audienceOf` names (a member of one of its units, or invited). With `leaders`, those
 * roles at the organising unit may act too, and the grant carries the caller's roles there. A missing
 * document is refused like one the caller is not in the audience of.
 */
export interface AudienceAccess {
  audienceOf: string;
  of?: 'activities' | 'posts' | 'exam_papers' | 'surveys' | 'votes' | 'topics';
  leaders?: readonly Role[];
}

export type Access = 'anyone' | 'signedIn' | RoleAccess | AudienceAccess;

/**
 * Who may call each action: the one permission table. A new action without an entry does not
 * type-check, and the permission-matrix test fails until it has its rows. Each handler's `ctx.grant`
 * and `ctx.caller` are typed from its entry here (see `GrantFor` in authz.ts).
 */
export const ACCESS = {
  user: { signIn: 'signedIn', setName: 'signedIn' },
  branch: { home: { roles: ANY_ROLE, unitField: 'orgId', optional: true }, todo: 'signedIn' },
  org: {
    tree: 'signedIn',
    create: { roles: ADMINS, unitField: 'parentId' },
    rename: { roles: ADMINS, unitField: 'orgId' },
    setContact: { roles: LEADERS, unitField: 'orgId' },
    remove: { roles: ADMINS, unitField: 'orgId' },
    search: 'signedIn',
  },
  join: {
    apply: 'signedIn',
    mine: 'signedIn',
    // Only one's own request: the handler looks it up by the caller's openid.
    cancel: 'signedIn',
    inbox: { roles: LEADERS, unitField: 'orgId' },
    review: { roles: LEADERS, unitField: 'requestId', via: 'join_requests' },
  },
  group: {
    bind: { roles: LEADERS, unitField: 'orgId' },
    unbind: { roles: LEADERS, unitField: 'bindingId', via: 'group_bindings' },
    list: { roles: LEADERS, unitField: 'orgId' },
    enter: 'signedIn',
  },
  invite: {
    create: { roles: LEADERS, unitField: 'orgId' },
    qrcode: { roles: LEADERS, unitField: 'inviteId', via: 'invites' },
    open: 'signedIn',
    revoke: { roles: LEADERS, unitField: 'inviteId', via: 'invites' },
    list: { roles: LEADERS, unitField: 'orgId' },
  },
  archive: {
    mine: 'signedIn',
    updateMine: 'signedIn',
    setPhoto: 'signedIn',
    get: { roles: LEADERS, unitField: 'orgId' },
    reveal: { roles: SECRETARIES, unitField: 'orgId', optional: true },
  },
  member: {
    list: { roles: LEADERS, unitField: 'orgId' },
    export: { roles: LEADERS, unitField: 'orgId' },
    importTemplate: { roles: LEADERS, unitField: 'orgId' },
    import: { roles: LEADERS, unitField: 'orgId' },
  },
  role: { set: { roles: LEADERS, unitField: 'memberId', via: 'memberships' } },
  privacy: { status: 'signedIn', consent: 'signedIn', withdraw: 'signedIn', exportMine: 'signedIn', deleteMine: 'signedIn' },
  lifecycle: {
    advance: { roles: LEADERS, unitField: 'memberId', via: 'memberships' },
    history: { roles: LEADERS, unitField: 'memberId', via: 'memberships' },
    mine: 'signedIn',
    due: { roles: LEADERS, unitField: 'orgId' },
  },
  transfer: {
    // The member's own membership in fromOrgId: the handler finds it by the caller's openid.
    request: 'signedIn',
    initiate: { roles: LEADERS, unitField: 'memberId', via: 'memberships' },
    review: { roles: LEADERS, unitField: 'transferId', via: 'transfers' },
    inbox: { roles: LEADERS, unitField: 'orgId' },
    mine: 'signedIn',
  },
  audit: { list: { roles: LEADERS, unitField: 'orgId' } },
  activity: {
    create: { roles: LEADERS, unitField: 'orgId' },
    update: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    cancel: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    list: { roles: ANY_ROLE, unitField: 'orgId', optional: true },
    detail: { audienceOf: 'activityId', leaders: LEADERS },
    // 支委 writing a post choose its audience too.
    audienceOptions: { roles: DRAFTERS, unitField: 'orgId' },
    share: { audienceOf: 'activityId', leaders: LEADERS },
  },
  signup: {
    join: { audienceOf: 'activityId' },
    cancel: { audienceOf: 'activityId' },
    leave: { audienceOf: 'activityId' },
    withdrawLeave: { audienceOf: 'activityId' },
    remind: { audienceOf: 'activityId' },
    review: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
  },
  checkin: {
    code: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    wxacode: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    submit: { audienceOf: 'activityId' },
    resolve: 'signedIn',
    mark: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    board: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
  },
  record: {
    get: { audienceOf: 'activityId', leaders: LEADERS },
    save: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    close: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    export: { roles: LEADERS, unitField: 'activityId', via: 'activities' },
    ledger: { roles: LEADERS, unitField: 'orgId' },
    stats: { roles: LEADERS, unitField: 'orgId' },
    history: 'signedIn',
  },
  post: {
    create: { roles: DRAFTERS, unitField: 'orgId' },
    // Drafters of the unit; the handler lets only the author or a leader change someone's draft.
    update: { roles: DRAFTERS, unitField: 'postId', via: 'posts' },
    submit: { roles: DRAFTERS, unitField: 'postId', via: 'posts' },
    draft: { roles: DRAFTERS, unitField: 'postId', via: 'posts' },
    versions: { roles: DRAFTERS, unitField: 'postId', via: 'posts' },
    drafts: { roles: DRAFTERS, unitField: 'orgId' },
    publish: { roles: LEADERS, unitField: 'postId', via: 'posts' },
    return: { roles: LEADERS, unitField: 'postId', via: 'posts' },
    correct: { roles: LEADERS, unitField: 'postId', via: 'posts' },
    withdraw: { roles: LEADERS, unitField: 'postId', via: 'posts' },
    receipts: { roles: LEADERS, unitField: 'postId', via: 'posts' },
    remind: { roles: LEADERS, unitField: 'postId', via: 'posts' },
    trends: { roles: LEADERS, unitField: 'orgId' },
    // The caller's own posts: the handler reads their memberships.
    feed: 'signedIn',
    list: 'signedIn',
    // Anyone a card reaches: the handler shows the audience all, others only what is public.
    detail: 'signedIn',
    share: 'signedIn',
    confirm: { audienceOf: 'postId', of: 'posts' },
    like: { audienceOf: 'postId', of: 'posts' },
    comment: { audienceOf: 'postId', of: 'posts' },
    comments: { audienceOf: 'postId', of: 'posts', leaders: DRAFTERS },
    hideComment: { roles: LEADERS, unitField: 'commentId', via: 'post_comments' },
  },
  question: {
    ask: { audienceOf: 'activityId' },
    list: { audienceOf: 'activityId', leaders: LEADERS },
    // The handler checks the question is the activity's.
    vote: { audienceOf: 'activityId' },
    moderate: { roles: LEADERS, unitField: 'questionId', via: 'activity_questions' },
  },
  study: {
    // The caller's own audience keys: the handler reads their memberships.
    library: 'signedIn',
    home: 'signedIn',
    mine: 'signedIn',
    course: { audienceOf: 'courseId', of: 'posts', leaders: DRAFTERS },
    // The lesson's course decides: the handler checks its audience, and refuses a lesson outside it like a missing one.
    open: 'signedIn',
    // Only lessons the caller opened (with that check) are in their own study record.
    beat: 'signedIn',
    lessons: { roles: DRAFTERS, unitField: 'courseId', via: 'posts' },
    lesson: { roles: DRAFTERS, unitField: 'lessonId', via: 'lessons' },
    // Drafters of the course's unit; the handler lets only leaders change a published course.
    saveLesson: { roles: DRAFTERS, unitField: 'courseId', via: 'posts' },
    moveLesson: { roles: DRAFTERS, unitField: 'lessonId', via: 'lessons' },
    removeLesson: { roles: DRAFTERS, unitField: 'lessonId', via: 'lessons' },
    assign: { roles: LEADERS, unitField: 'orgId' },
    assignments: { roles: LEADERS, unitField: 'orgId' },
    progress: { roles: LEADERS, unitField: 'assignmentId', via: 'study_assignments' },
    remind: { roles: LEADERS, unitField: 'assignmentId', via: 'study_assignments' },
    export: { roles: LEADERS, unitField: 'assignmentId', via: 'study_assignments' },
    stats: { roles: LEADERS, unitField: 'orgId' },
  },
  exam: {
    // The caller's own: the handlers read the caller's memberships, attempts and 错题本 by their openid.
    home: 'signedIn',
    daily: 'signedIn',
    start: { audienceOf: 'paperId', of: 'exam_papers' },
    // Only the caller's own attempt: another's is refused like a missing one.
    attempt: 'signedIn',
    answer: 'signedIn',
    submit: 'signedIn',
    history: 'signedIn',
    wrongBook: 'signedIn',
    practiceWrong: 'signedIn',
    bank: { roles: DRAFTERS, unitField: 'orgId' },
    question: { roles: DRAFTERS, unitField: 'questionId', via: 'bank_questions' },
    saveQuestion: { roles: DRAFTERS, unitField: 'orgId' },
    removeQuestion: { roles: DRAFTERS, unitField: 'questionId', via: 'bank_questions' },
    importTemplate: { roles: DRAFTERS, unitField: 'orgId' },
    import: { roles: DRAFTERS, unitField: 'orgId' },
    exportBank: { roles: DRAFTERS, unitField: 'orgId' },
    savePaper: { roles: LEADERS, unitField: 'orgId' },
    papers: { roles: LEADERS, unitField: 'orgId' },
    paper: { roles: LEADERS, unitField: 'paperId', via: 'exam_papers' },
    cancelPaper: { roles: LEADERS, unitField: 'paperId', via: 'exam_papers' },
    results: { roles: LEADERS, unitField: 'paperId', via: 'exam_papers' },
    remind: { roles: LEADERS, unitField: 'paperId', via: 'exam_papers' },
    exportResults: { roles: LEADERS, unitField: 'paperId', via: 'exam_papers' },
  },
  points: {
    mine: 'signedIn',
    history: 'signedIn',
    // One of the caller's units or a unit above one: the handler checks it against their memberships.
    ranking: 'signedIn',
    setHidden: 'signedIn',
    member: { roles: LEADERS, unitField: 'memberId', via: 'memberships' },
    adjust: { roles: LEADERS, unitField: 'memberId', via: 'memberships' },
  },
  voice: {
    // The caller's own: the handlers read the caller's memberships and letters (by their openid or keyed hash).
    home: 'signedIn',
    // A branch the caller belongs to: the handler checks it against their memberships.
    sendLetter: 'signedIn',
    myLetters: 'signedIn',
    // Only the caller's own letter: anyone else's is refused like a missing one.
    myLetter: 'signedIn',
    inbox: { roles: DRAFTERS, unitField: 'orgId' },
    letter: { roles: DRAFTERS, unitField: 'letterId', via: 'letters' },
    reply: { roles: DRAFTERS, unitField: 'letterId', via: 'letters' },
    setLetterState: { roles: DRAFTERS, unitField: 'letterId', via: 'letters' },
    surveys: { roles: LEADERS, unitField: 'orgId' },
    saveSurvey: { roles: LEADERS, unitField: 'orgId' },
    surveyDraft: { roles: LEADERS, unitField: 'surveyId', via: 'surveys' },
    closeSurvey: { roles: LEADERS, unitField: 'surveyId', via: 'surveys' },
    survey: { audienceOf: 'surveyId', of: 'surveys' },
    answerSurvey: { audienceOf: 'surveyId', of: 'surveys' },
    surveyResults: { roles: LEADERS, unitField: 'surveyId', via: 'surveys' },
    exportSurvey: { roles: LEADERS, unitField: 'surveyId', via: 'surveys' },
    surveyPending: { roles: LEADERS, unitField: 'surveyId', via: 'surveys' },
    remindSurvey: { roles: LEADERS, unitField: 'surveyId', via: 'surveys' },
    votes: { roles: LEADERS, unitField: 'orgId' },
    saveVote: { roles: LEADERS, unitField: 'orgId' },
    voteDraft: { roles: LEADERS, unitField: 'voteId', via: 'votes' },
    cancelVote: { roles: LEADERS, unitField: 'voteId', via: 'votes' },
    nominate: { roles: LEADERS, unitField: 'voteId', via: 'votes' },
    reviewCandidate: { roles: LEADERS, unitField: 'voteId', via: 'votes' },
    vote: { audienceOf: 'voteId', of: 'votes', leaders: LEADERS },
    propose: { audienceOf: 'voteId', of: 'votes' },
    nominees: { audienceOf: 'voteId', of: 'votes', leaders: LEADERS },
    cast: { audienceOf: 'voteId', of: 'votes' },
    finalizeVote: { roles: LEADERS, unitField: 'voteId', via: 'votes' },
    topics: { roles: LEADERS, unitField: 'orgId' },
    saveTopic: { roles: LEADERS, unitField: 'orgId' },
    topic: { audienceOf: 'topicId', of: 'topics', leaders: LEADERS },
    replyTopic: { audienceOf: 'topicId', of: 'topics' },
    // The handler checks the reply is the topic's.
    likeReply: { audienceOf: 'topicId', of: 'topics' },
    moderateReply: { roles: LEADERS, unitField: 'replyId', via: 'topic_replies' },
    closeTopic: { roles: LEADERS, unitField: 'topicId', via: 'topics' },
    exportTopic: { roles: LEADERS, unitField: 'topicId', via: 'topics' },
    appraisals: { roles: LEADERS, unitField: 'orgId' },
    startAppraisal: { roles: LEADERS, unitField: 'orgId' },
    openStep: { roles: LEADERS, unitField: 'appraisalId', via: 'appraisals' },
    // Anyone of the branch (and the units' admins above); the handler says whether the caller is one of those appraised.
    appraisal: { roles: ANY_ROLE, unitField: 'appraisalId', via: 'appraisals' },
    writeSelf: { roles: ANY_ROLE, unitField: 'appraisalId', via: 'appraisals' },
    rate: { roles: ANY_ROLE, unitField: 'appraisalId', via: 'appraisals' },
    // The branch committee (支委会): 支委 see the ratings and record grades with the secretaries.
    appraisalBoard: { roles: DRAFTERS, unitField: 'appraisalId', via: 'appraisals' },
    decide: { roles: DRAFTERS, unitField: 'appraisalId', via: 'appraisals' },
    // A unit the caller belongs to, or one above or below theirs: the handler checks it against their memberships.
    showcase: 'signedIn',
    addHonour: { roles: LEADERS, unitField: 'memberId', via: 'memberships' },
    removeHonour: { roles: LEADERS, unitField: 'honourId', via: 'honours' },
  },
  service: {
    // Open to the caller: their units' projects, those of the community they registered with, public ones (the handlers check).
    list: 'signedIn',
    project: 'signedIn',
    signUp: 'signedIn',
    cancelSignup: 'signedIn',
    checkin: 'signedIn',
    // The caller's own: sign-ups, hours, certificate and 进社区 registration, by their openid.
    mine: 'signedIn',
    certificate: 'signedIn',
    projects: { roles: LEADERS, unitField: 'orgId' },
    saveProject: { roles: LEADERS, unitField: 'orgId' },
    projectDraft: { roles: LEADERS, unitField: 'projectId', via: 'service_projects' },
    cancelProject: { roles: LEADERS, unitField: 'projectId', via: 'service_projects' },
    code: { roles: LEADERS, unitField: 'slotId', via: 'service_slots' },
    roster: { roles: LEADERS, unitField: 'slotId', via: 'service_slots' },
    confirmHours: { roles: LEADERS, unitField: 'slotId', via: 'service_slots' },
    revealContact: { roles: LEADERS, unitField: 'signupId', via: 'service_signups' },
    communities: 'signedIn',
    // A member registers themselves (the handler reads their memberships).
    register: 'signedIn',
    unregister: 'signedIn',
    registrations: { roles: LEADERS, unitField: 'orgId' },
    stats: { roles: LEADERS, unitField: 'orgId' },
    // Anyone may post a wish to a unit; what they see of wishes the handlers decide (their own, published ones, the claimer's).
    postWish: 'signedIn',
    wishes: 'signedIn',
    myWishes: 'signedIn',
    wish: 'signedIn',
    // Members of the unit (or registered with it) claim; only the claimer fulfils or releases, only the poster confirms or withdraws.
    claimWish: 'signedIn',
    releaseWish: 'signedIn',
    fulfilWish: 'signedIn',
    confirmWish: 'signedIn',
    withdrawWish: 'signedIn',
    wishInbox: { roles: LEADERS, unitField: 'orgId' },
    reviewWish: { roles: LEADERS, unitField: 'wishId', via: 'wishes' },
  },
  dues: {
    // The caller's own dues, in each of their branches.
    mine: 'signedIn',
    ledger: { ...DUES_KEEPERS, unitField: 'orgId' },
    member: { ...DUES_KEEPERS, unitField: 'memberId', via: 'memberships' },
    setRate: { ...DUES_KEEPERS, unitField: 'memberId', via: 'memberships' },
    pay: { ...DUES_KEEPERS, unitField: 'memberId', via: 'memberships' },
    payMonth: { ...DUES_KEEPERS, unitField: 'orgId' },
    revoke: { ...DUES_KEEPERS, unitField: 'paymentId', via: 'dues_payments' },
    export: { ...DUES_KEEPERS, unitField: 'orgId' },
  },
  system: { ping: 'anyone' },
} as const satisfies { [F in FunctionName]: { [A in ActionName<F>]: Access } };

/** The permission-table entry of an action, as written (its literal type decides the handler's grant). */
export type AccessOf<F extends FunctionName, A extends ActionName<F>> = F extends keyof typeof ACCESS
  ? A extends keyof (typeof ACCESS)[F]
    ? (typeof ACCESS)[F][A]
    : never
  : never;
