import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { pageLink } from '../../typings/pages';
import { STUDY_STATE_LABEL, type AssignmentProgress, type AssignmentView } from '../../typings/study';
import { inShanghai, shanghaiDay } from '../../typings/time';
import { audit } from '../common/audit';
import { audienceLabel, audienceMembers, expandAudience } from '../common/audience';
import type { HandlerContext } from '../common/context';
import { col, type AssignmentDoc, type MembershipDoc, type StudyMemberDoc } from '../common/db';
import type { Handler, TimerHandler } from '../common/define';
import { AppError } from '../common/errors';
import { send, type Outgoing } from '../common/outbox';
import { publishWorkbook } from '../common/sheets';
import { orgNames } from '../org/view';
import { isLive } from '../post/view';
import { recordOf } from './beat';
import { assignedLessonIds } from './library';
import { stateOn } from './progress';

const newAssignmentId = () => `sa${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
const when = (d: Date | string) => inShanghai(d).format('M月D日 HH:mm');

/** The members an assignment is for, now: active members of its units, or the invited ones still active. */
const assigneesOf = (ctx: Pick<HandlerContext, 'db'>, a: AssignmentDoc): Promise<MembershipDoc[]> =>
  audienceMembers(ctx, { audienceOrgIds: a.orgIds, memberIds: a.memberIds });

/** Study records of these people, by openid, 100 at a time. */
async function recordsOf(ctx: Pick<HandlerContext, 'db'>, openids: string[]): Promise<Map<string, StudyMemberDoc>> {
  const _ = ctx.db.command;
  const unique = [...new Set(openids)];
  const out = new Map<string, StudyMemberDoc>();
  for (let i = 0; i < unique.length; i += 100) {
    const { data } = await col(ctx.db, 'study_members')
      .where({ _id: _.in(unique.slice(i, i + 100)) })
      .limit(100)
      .get();
    for (const d of data) out.set(d._id, d);
  }
  return out;
}

/** Each assignee's state on the assignment's lessons. */
async function progressOf(ctx: Pick<HandlerContext, 'db'>, a: AssignmentDoc) {
  const [people, lessonIds] = await Promise.all([assigneesOf(ctx, a), assignedLessonIds(ctx, a)]);
  const records = await recordsOf(
    ctx,
    people.map((m) => m.openid),
  );
  return { lessonIds, rows: people.map((m) => ({ member: m, ...stateOn(records.get(m.openid), lessonIds) })) };
}

async function view(ctx: Pick<HandlerContext, 'db'>, a: AssignmentDoc): Promise<AssignmentView> {
  const { lessonIds, rows } = await progressOf(ctx, a);
  const count = (s: string) => rows.filter((r) => r.state === s).length;
  return {
    id: a._id,
    orgId: a.orgId,
    courseId: a.courseId,
    courseTitle: a.courseTitle,
    lessonsTotal: lessonIds.length,
    dueAt: new Date(a.dueAt).toISOString(),
    audienceLabel: audienceLabel(a),
    createdAt: new Date(a.createdAt).toISOString(),
    counts: { total: rows.length, done: count('done'), studying: count('studying'), notStarted: count('not_started') },
  };
}

export const assign: Handler<'study', 'assign'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const dueAt = new Date(input.dueAt);
  const problems: string[] = [];
  if (dueAt.getTime() <= ctx.now.getTime()) problems.push('完成期限应晚于现在');
  if (dueAt.getTime() > ctx.now.getTime() + 366 * 24 * 3600 * 1000) problems.push('完成期限最多一年后');
  const course = (await col(ctx.db, 'posts').doc(input.courseId).get()).data[0];
  // Only a published course the unit can see: its own, or one an upper unit published to it.
  if (!course || course.kind !== 'course' || !isLive(course, ctx.now) || !course.audienceOrgIds.includes(org._id)) {
    throw new AppError('NOT_FOUND', '没有找到这门系列课，或它不对本组织发布');
  }
  const lessons = (await col(ctx.db, 'lessons').where({ courseId: course._id }).limit(200).get()).data.map((l) => l._id);
  if (!lessons.length) problems.push('这门课还没有课时');
  if (input.lessonIds?.some((id) => !lessons.includes(id))) problems.push('所选课时不属于这门课');
  if (problems.length) throw new AppError('INVALID_INPUT', problems.join('；'), problems);
  const { orgIds, memberIds } = await expandAudience(ctx, org, input.audience);
  const doc: AssignmentDoc = {
    _id: newAssignmentId(),
    orgId: org._id,
    courseId: course._id,
    courseTitle: course.title,
    lessonIds: input.lessonIds ? [...new Set(input.lessonIds)] : null,
    audience: input.audience,
    orgIds,
    memberIds,
    dueAt,
    createdBy: ctx.caller.openid,
    createdAt: ctx.now,
    cancelledAt: null,
  };
  const keys = [...orgIds.map((id) => `org:${id}`), ...memberIds.map((id) => `member:${id}`)];
  await col(ctx.db, 'study_assignments').add(doc);
  await col(ctx.db, 'study_assignees').add(keys.map((key) => ({ _id: `${doc._id}~${key}`, assignmentId: doc._id, key, dueAt })));
  await audit(ctx, {
    orgId: org._id,
    action: 'study.assign',
    targetType: 'post',
    targetId: course._id,
    summary: `布置必学「${course.title}」，${when(dueAt)} 前完成`,
  });
  return view(ctx, doc);
};

export const assignments: Handler<'study', 'assignments'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'study_assignments')
    .where({ orgId: ctx.grant.unit._id, cancelledAt: null })
    .orderBy('createdAt', 'desc')
    .limit(50)
    .get();
  return { assignments: await Promise.all(data.map((a) => view(ctx, a))) };
};

/** The outbox key of a member's study reminder on a day: at most one a day, whoever sends it. */
const reminderId = (openid: string, day: string) => `studyReminder~${day}~${openid}`;

function reminder(a: AssignmentDoc, m: MembershipDoc, day: string): Outgoing {
  return {
    id: reminderId(m.openid, day),
    template: 'studyReminder',
    message: {
      touser: m.openid,
      page: pageLink('course', { id: a.courseId }),
      data: {
        thing1: { value: a.courseTitle.slice(0, 20) },
        time2: { value: inShanghai(a.dueAt).format('YYYY-MM-DD HH:mm') },
        thing3: { value: '必学课程尚未完成，请及时学习' },
      },
    },
  };
}

export const progress: Handler<'study', 'progress'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  const { rows } = await progressOf(ctx, a);
  const day = shanghaiDay(ctx.now);
  const [names, { data: sent }] = await Promise.all([
    orgNames(
      ctx.db,
      rows.map((r) => r.member.orgId),
    ),
    col(ctx.db, 'outbox')
      .where({ _id: ctx.db.command.in(rows.map((r) => reminderId(r.member.openid, day))) })
      .limit(1000)
      .get(),
  ]);
  const remindedToday = new Set(sent.map((s) => s._id));
  const order = { not_started: 0, studying: 1, done: 2 } as const;
  return {
    assignment: await view(ctx, a),
    members: rows
      .sort((x, y) => order[x.state] - order[y.state] || x.member.nameKey.localeCompare(y.member.nameKey))
      .map((r) => ({
        memberId: r.member._id,
        name: r.member.name,
        orgName: names.get(r.member.orgId) ?? '',
        state: r.state,
        seconds: r.seconds,
        lessonsDone: r.lessonsDone,
        doneAt: r.doneAt,
        remindedToday: remindedToday.has(reminderId(r.member.openid, day)),
      })),
  } satisfies AssignmentProgress;
};

export const remind: Handler<'study', 'remind'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  // Only the one member: their membership, their record and the assignment's lessons (not everyone's progress).
  const m = (await col(ctx.db, 'memberships').doc(input.memberId).get()).data[0];
  const assigned = m?.status === 'active' && (a.memberIds.length ? a.memberIds.includes(m._id) : a.orgIds.includes(m.orgId));
  if (!m || !assigned) throw new AppError('NOT_FOUND', '这位党员不在本次必学的范围内');
  const [lessonIds, record] = await Promise.all([assignedLessonIds(ctx, a), recordOf(ctx, m.openid)]);
  if (stateOn(record, lessonIds).state === 'done') throw new AppError('CONFLICT', '这位党员已经学完了');
  const day = shanghaiDay(ctx.now);
  const before = (await col(ctx.db, 'outbox').doc(reminderId(m.openid, day)).get()).data[0];
  if (before) throw new AppError('RATE_LIMITED', '今天已经提醒过这位党员了，明天可以再提醒');
  const reminded = (await send(ctx, [reminder(a, m, day)])) > 0;
  return { reminded };
};

export const exportProgress: Handler<'study', 'export'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  const { lessonIds, rows } = await progressOf(ctx, a);
  const names = await orgNames(
    ctx.db,
    rows.map((r) => r.member.orgId),
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('学习进度');
  sheet.addRow([`必学：${a.courseTitle}（${lessonIds.length} 课时），${inShanghai(a.dueAt).format('YYYY-MM-DD HH:mm')} 前完成`]);
  sheet.addRow([]);
  sheet.addRow(['姓名', '所在组织', '状态', '已学课时', '学习时长（分钟）', '完成时间']);
  for (const r of rows) {
    sheet.addRow([
      r.member.name,
      names.get(r.member.orgId) ?? '',
      STUDY_STATE_LABEL[r.state],
      `${r.lessonsDone}/${lessonIds.length}`,
      Math.round(r.seconds / 60),
      r.doneAt ? inShanghai(r.doneAt).format('YYYY-MM-DD HH:mm') : '',
    ]);
  }
  sheet.columns.forEach((c) => (c.width = 16));
  return { url: await publishWorkbook(ctx, book) };
};

/**
 * Timer, daily: everyone with an unfinished 必学 due in the coming days is reminded, at most once a
 * day (the outbox key is the member and the day, so a second run, or a leader's reminder earlier,
 * sends nothing more). Sent through the outbox: claimed, sent, marked.
 */
export const remindDue: TimerHandler = async (ctx) => {
  const _ = ctx.db.command;
  const day = shanghaiDay(ctx.now);
  const { data } = await col(ctx.db, 'study_assignments')
    .where({ cancelledAt: null, dueAt: _.and(_.gt(ctx.now), _.lte(new Date(ctx.now.getTime() + 14 * 24 * 3600 * 1000))) })
    .orderBy('dueAt', 'asc')
    .limit(100)
    .get();
  const messages = new Map<string, Outgoing>();
  for (const a of data) {
    const { rows } = await progressOf(ctx, a);
    for (const r of rows) {
      if (r.state === 'done' || r.member.openid.startsWith('roster:')) continue;
      const m = reminder(a, r.member, day);
      if (!messages.has(m.id)) messages.set(m.id, m);
    }
  }
  return send(ctx, [...messages.values()]);
};
