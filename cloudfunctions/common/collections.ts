import type { CollectionSpec } from '../../local/db/schema';

/**
 * Every collection of the product and its indexes, declared once. The local engine creates them from
 * here, `cloudbaserc.json` is generated from here, and all are closed to clients.
 */
export const COLLECTIONS = [
  { name: 'users', indexes: [{ name: 'openid', keys: { openid: 1 }, unique: true }] },
  {
    name: 'orgs',
    indexes: [
      { name: 'parent', keys: { parentId: 1, sort: 1 } },
      { name: 'parent_name', keys: { parentId: 1, name: 1 }, unique: true },
    ],
  },
  {
    name: 'memberships',
    indexes: [
      { name: 'org_status', keys: { orgId: 1, status: 1, joinedAt: -1 } },
      { name: 'openid_org', keys: { openid: 1, orgId: 1 }, unique: true },
      { name: 'org_name', keys: { orgId: 1, status: 1, nameKey: 1 } },
    ],
  },
  { name: 'stats_daily', indexes: [{ name: 'org_day', keys: { orgId: 1, day: -1 }, unique: true }] },
  {
    name: 'archives',
    indexes: [
      { name: 'openid', keys: { openid: 1 }, unique: true },
      { name: 'phone', keys: { phoneHash: 1 } },
      { name: 'id_card', keys: { idCardHash: 1 } },
    ],
  },
  {
    name: 'join_requests',
    indexes: [
      { name: 'org_status', keys: { orgId: 1, status: 1, createdAt: 1 } },
      { name: 'openid', keys: { openid: 1, createdAt: -1 } },
      // One pending request per person and branch: decided requests get a key of their own.
      { name: 'pending', keys: { pendingKey: 1 }, unique: true },
    ],
  },
  {
    name: 'group_bindings',
    indexes: [
      { name: 'open_gid', keys: { openGId: 1 }, unique: true },
      { name: 'org', keys: { orgId: 1, boundAt: -1 } },
    ],
  },
  { name: 'invites', indexes: [{ name: 'org', keys: { orgId: 1, createdAt: -1 } }] },
  { name: 'lifecycle_steps', indexes: [{ name: 'member', keys: { memberId: 1, date: 1 } }] },
  {
    name: 'transfers',
    indexes: [
      { name: 'org_status', keys: { orgId: 1, status: 1, createdAt: 1 } },
      { name: 'openid', keys: { openid: 1, createdAt: -1 } },
      { name: 'member', keys: { memberId: 1, status: 1 } },
    ],
  },
  { name: 'consents', indexes: [{ name: 'openid_at', keys: { openid: 1, at: -1 } }] },
  { name: 'audit_logs', indexes: [{ name: 'org_at', keys: { orgId: 1, at: -1 } }] },
  {
    name: 'activities',
    indexes: [
      { name: 'org_start', keys: { orgId: 1, startAt: 1 } },
      // The tick's "ended but not yet marked", and the home's records still to close.
      { name: 'ending', keys: { endedAt: 1, endAt: 1 } },
    ],
  },
  {
    name: 'activity_audience',
    indexes: [
      { name: 'key_start', keys: { key: 1, startAt: 1 } },
      { name: 'activity', keys: { activityId: 1 } },
    ],
  },
  {
    name: 'signups',
    indexes: [
      { name: 'activity_status', keys: { activityId: 1, status: 1, createdAt: 1 } },
      { name: 'openid', keys: { openid: 1, createdAt: -1 } },
    ],
  },
  { name: 'reminders', indexes: [{ name: 'due', keys: { sent: 1, sendAt: 1 } }] },
  {
    name: 'posts',
    indexes: [
      { name: 'org_updated', keys: { orgId: 1, updatedAt: -1 } },
      { name: 'org_publish', keys: { orgId: 1, status: 1, publishAt: -1 } },
    ],
  },
  // One row per post and audience key (org:<id>): what a member's lists read, newest first.
  {
    name: 'post_audience',
    indexes: [
      { name: 'key_publish', keys: { key: 1, publishAt: -1, postId: -1 } },
      { name: 'key_kind', keys: { key: 1, kind: 1, publishAt: -1, postId: -1 } },
      { name: 'key_pinned', keys: { key: 1, pinnedUntil: 1 } },
      { name: 'key_must_read', keys: { key: 1, mustReadBy: 1 } },
      { name: 'post', keys: { postId: 1 } },
      { name: 'key_kind_hot', keys: { key: 1, kind: 1, hot: -1, postId: -1 } },
    ],
  },
  // `<postId>~<openid>`: a member's read (and confirmation) of a post, once.
  { name: 'post_reads', indexes: [{ name: 'post', keys: { postId: 1, readAt: 1 } }] },
  { name: 'post_likes', indexes: [{ name: 'post', keys: { postId: 1 } }] },
  { name: 'post_comments', indexes: [{ name: 'post_at', keys: { postId: 1, at: -1 } }] },
  { name: 'post_versions', indexes: [{ name: 'post_at', keys: { postId: 1, at: -1 } }] },
  // `<postId>~<YYYY-MM-DD>`: the day's reminder of the unread, claimed once.
  { name: 'post_reminders', indexes: [] },

  { name: 'activity_records', indexes: [{ name: 'org_closed', keys: { orgId: 1, closedAt: -1 } }] },
  {
    name: 'checkins',
    indexes: [
      { name: 'activity', keys: { activityId: 1, checkedIn: 1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  // Subscribe messages, each claimed with a lease, sent, then marked (see common/outbox.ts).
  { name: 'outbox', indexes: [{ name: 'due', keys: { sentAt: 1, leaseUntil: 1 } }] },
  // Files exported for someone to download (see common/files.ts): deleted when they expire, or with the person they are about.
  {
    name: 'exports',
    indexes: [
      { name: 'expires', keys: { expiresAt: 1 } },
      { name: 'subject', keys: { subject: 1 } },
    ],
  },
  // Questions to a live lecture (直播党课), and `<questionId>~<memberId>` +1s, once each.
  { name: 'activity_questions', indexes: [{ name: 'activity_at', keys: { activityId: 1, at: 1 } }] },
  { name: 'activity_question_votes', indexes: [{ name: 'question', keys: { questionId: 1 } }] },
  // 学习: a course is a post of kind `course`; these are its lessons, each member's progress and 必学.
  { name: 'lessons', indexes: [{ name: 'course_order', keys: { courseId: 1, order: 1 } }] },
  // `_id` is the openid: one document per member holds their study time and progress (study/beat.ts).
  { name: 'study_members', indexes: [] },
  {
    name: 'study_assignments',
    indexes: [
      { name: 'org_created', keys: { orgId: 1, createdAt: -1 } },
      { name: 'due', keys: { cancelledAt: 1, dueAt: 1 } },
    ],
  },
  {
    name: 'study_assignees',
    indexes: [
      { name: 'key_due', keys: { key: 1, dueAt: 1 } },
      { name: 'assignment', keys: { assignmentId: 1 } },
    ],
  },
  // 学习考核: banks of questions, papers, each member's drawn papers and 错题本.
  {
    name: 'bank_questions',
    indexes: [
      { name: 'org_updated', keys: { orgId: 1, updatedAt: -1 } },
      { name: 'org_removed', keys: { orgId: 1, removedAt: 1 } },
    ],
  },
  { name: 'exam_papers', indexes: [{ name: 'org_created', keys: { orgId: 1, createdAt: -1 } }] },
  {
    name: 'paper_audience',
    indexes: [
      { name: 'key_close', keys: { key: 1, closeAt: 1 } },
      { name: 'paper', keys: { paperId: 1 } },
    ],
  },
  {
    name: 'exam_attempts',
    indexes: [
      { name: 'slot', keys: { slot: 1 }, unique: true },
      { name: 'paper_status', keys: { paperId: 1, status: 1 } },
      { name: 'openid_started', keys: { openid: 1, startedAt: -1 } },
      // The timer's "time is up but not yet graded".
      { name: 'open_deadline', keys: { status: 1, deadlineAt: 1 } },
    ],
  },
  // `_id` is the attempt's: the questions as drawn, apart from the small document answers are saved to.
  { name: 'exam_attempt_items', indexes: [] },
  { name: 'exam_wrongs', indexes: [] },
  // 积分: the append-only ledger (keyed by event), each member's totals, and ranking rows per unit.
  { name: 'points_ledger', indexes: [{ name: 'openid_at', keys: { openid: 1, at: -1 } }] },
  { name: 'points_members', indexes: [] },
  {
    name: 'points_ranks',
    indexes: [
      { name: 'week', keys: { orgId: 1, wk: 1, vis: 1, wp: -1 } },
      { name: 'month', keys: { orgId: 1, mk: 1, vis: 1, mp: -1 } },
      { name: 'year', keys: { orgId: 1, yk: 1, vis: 1, yp: -1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  // 心声 (see typings/voice.ts). Anonymous letters, answers and ballots hold no openid, member id or time finer than a day.
  {
    name: 'letters',
    indexes: [
      { name: 'org_stage_day', keys: { orgId: 1, stage: 1, day: -1 } },
      { name: 'owner', keys: { ownerKey: 1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  { name: 'surveys', indexes: [{ name: 'org_created', keys: { orgId: 1, createdAt: -1 } }] },
  // `<surveyId>~<openid>`: who has answered (never what), written apart from the answer.
  { name: 'survey_takers', indexes: [{ name: 'survey', keys: { surveyId: 1 } }] },
  // Random ids: an answer, and each free-text answer again on its own (read in id order, which is random order).
  { name: 'survey_answers', indexes: [{ name: 'survey', keys: { surveyId: 1 } }] },
  { name: 'survey_texts', indexes: [{ name: 'survey_question', keys: { surveyId: 1, qid: 1, r: 1 } }] },
  // `_id` is the survey's: counts kept as answers arrive, so results never scan the answers.
  { name: 'survey_tallies', indexes: [] },
  { name: 'votes', indexes: [{ name: 'org_created', keys: { orgId: 1, createdAt: -1 } }] },
  // `<voteId>~<memberId>`, with the running count of votes.
  {
    name: 'vote_candidates',
    indexes: [
      { name: 'vote_status', keys: { voteId: 1, status: 1 } },
      { name: 'org_status', keys: { orgId: 1, status: 1 } },
    ],
  },
  // `<voteId>~<openid>`: who has voted (never for whom), written apart from the ballot.
  { name: 'vote_voters', indexes: [{ name: 'vote', keys: { voteId: 1 } }] },
  { name: 'vote_ballots', indexes: [{ name: 'vote', keys: { voteId: 1 } }] },
  // One row per survey or vote and audience key, with what the to-do list and 心声 show of it.
  {
    name: 'voice_audience',
    indexes: [
      { name: 'key_close', keys: { key: 1, closeAt: 1 } },
      { name: 'ref', keys: { refId: 1 } },
    ],
  },
  // 讲坛: topics, replies under members' names, `<replyId>~<openid>` likes.
  {
    name: 'topics',
    indexes: [
      { name: 'org_created', keys: { orgId: 1, createdAt: -1 } },
      { name: 'activity', keys: { activityId: 1 } },
    ],
  },
  { name: 'topic_replies', indexes: [{ name: 'topic_at', keys: { topicId: 1, at: -1 } }] },
  { name: 'topic_likes', indexes: [{ name: 'reply', keys: { replyId: 1 } }] },
  // 民主评议: `ap-<orgId>-<year>`; `<appraisalId>~<memberId>` each member's self-assessment, rating counts and grade;
  // `<appraisalId>~<openid>` who has rated. The ratings themselves are kept only as counts (a ballot rating everyone but
  // its writer would name its writer).
  { name: 'appraisals', indexes: [{ name: 'org_year', keys: { orgId: 1, year: -1 } }] },
  {
    name: 'appraisal_members',
    indexes: [
      { name: 'appraisal', keys: { appraisalId: 1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  { name: 'appraisal_raters', indexes: [{ name: 'appraisal', keys: { appraisalId: 1 } }] },
  // 荣誉: each member's honours; `units` (the member's unit, those above it, the awarding unit) says which 风采 pages show
  // it — an array, which the local engine does not index (as `orgs.path`): a few honours a year per unit.
  { name: 'honours', indexes: [{ name: 'openid', keys: { openid: 1 } }] },
  // 志愿服务: projects of a unit (members of it and below, those registered with it, and with `public` any resident), their
  // time slots (with the places taken, moved by conditional updates), and sign-ups: one per person and slot, a resident's
  // name and phone encrypted (and erased `purgeAt`).
  {
    name: 'service_projects',
    indexes: [
      { name: 'org_start', keys: { orgId: 1, firstStartAt: -1 } },
      { name: 'public_end', keys: { public: 1, lastEndAt: 1 } },
    ],
  },
  { name: 'service_slots', indexes: [{ name: 'project_start', keys: { projectId: 1, startAt: 1 } }] },
  {
    name: 'service_signups',
    indexes: [
      { name: 'slot_openid', keys: { slotId: 1, openid: 1 }, unique: true },
      { name: 'openid_start', keys: { openid: 1, startAt: -1 } },
      { name: 'project', keys: { projectId: 1 } },
      { name: 'org_year', keys: { orgId: 1, year: 1 } },
      { name: 'purge', keys: { purgeAt: 1 } },
    ],
  },
  // 党员进社区: `_id` is the member's openid (one community at a time).
  { name: 'community_regs', indexes: [{ name: 'org_since', keys: { orgId: 1, since: -1 } }] },
  // 微心愿: a resident's wish to a unit, its contact encrypted; one claimer, set by a conditional update.
  {
    name: 'wishes',
    indexes: [
      { name: 'org_state', keys: { orgId: 1, state: 1, createdAt: -1 } },
      { name: 'openid', keys: { openid: 1, createdAt: -1 } },
      { name: 'claimer', keys: { claimerOpenid: 1, state: 1 } },
      { name: 'state_at', keys: { state: 1, doneAt: 1 } },
      { name: 'purge', keys: { purgeAt: 1 } },
    ],
  },
  // 党费: each member's monthly amount (`_id` the membership's) and `<memberId>~<YYYY-MM>` payments.
  { name: 'dues_rates', indexes: [{ name: 'org', keys: { orgId: 1 } }] },
  {
    name: 'dues_payments',
    indexes: [
      { name: 'org_month', keys: { orgId: 1, month: 1 } },
      { name: 'member_month', keys: { memberId: 1, month: -1 } },
    ],
  },
] as const satisfies readonly CollectionSpec[];

export type CollectionName = (typeof COLLECTIONS)[number]['name'];
