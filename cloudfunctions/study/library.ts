import { activeMemberships } from '../common/authz';
import { STUDY_POST_KINDS } from '../../typings/domain';
import type { AssignedCard, StudyCard, StudyHome } from '../../typings/study';
import type { HandlerContext } from '../common/context';
import { decodeCursor, encodeCursor, escapeRegExp } from '../common/cursor';
import { col, readId, type AssignmentDoc, type MembershipDoc, type PostAudienceDoc, type PostDoc, type StudyMemberDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { orgNames } from '../org/view';
import { bodyView, fileUrls, isLive } from '../post/view';
import { lessonsOf, recordOf } from './beat';
import { coveredShare, dayKey, lessonCard, secondsSince, stateOn, weekStart } from './progress';

const membershipsOf = (ctx: HandlerContext, openid: string): Promise<MembershipDoc[]> => activeMemberships(ctx.db, openid);

/** The keys a member's 必学 rows are found by: their units, and themselves as invited. */
export const assigneeKeys = (memberships: MembershipDoc[]) => [
  ...memberships.map((m) => `org:${m.orgId}`),
  ...memberships.map((m) => `member:${m._id}`),
];

/** The lessons each assignment asks for, as the courses are now (in order), by assignment id: one query for all of them. */
export async function assignedLessons(ctx: Pick<HandlerContext, 'db'>, assignments: AssignmentDoc[]): Promise<Map<string, string[]>> {
  if (!assignments.length) return new Map();
  const { data } = await col(ctx.db, 'lessons')
    .where({ courseId: ctx.db.command.in([...new Set(assignments.map((a) => a.courseId))]) })
    .orderBy('order', 'asc')
    .limit(1000)
    .get();
  return new Map(
    assignments.map((a) => {
      const all = data.filter((l) => l.courseId === a.courseId).map((l) => l._id);
      return [a._id, a.lessonIds ? a.lessonIds.filter((id) => all.includes(id)) : all];
    }),
  );
}

/** The lessons one assignment asks for. */
export async function assignedLessonIds(ctx: Pick<HandlerContext, 'db'>, a: AssignmentDoc): Promise<string[]> {
  return (await assignedLessons(ctx, [a])).get(a._id)!;
}

/** The caller's open assignments (due from a week ago on), each once, the nearest deadline first. */
export async function assignmentsFor(ctx: HandlerContext, memberships: MembershipDoc[]): Promise<AssignmentDoc[]> {
  if (!memberships.length) return [];
  const _ = ctx.db.command;
  const { data: rows } = await col(ctx.db, 'study_assignees')
    .where({ key: _.in(assigneeKeys(memberships)), dueAt: _.gte(new Date(ctx.now.getTime() - 7 * 24 * 3600 * 1000)) })
    .orderBy('dueAt', 'asc')
    .limit(100)
    .get();
  const ids = [...new Set(rows.map((r) => r.assignmentId))];
  if (!ids.length) return [];
  const { data } = await col(ctx.db, 'study_assignments')
    .where({ _id: _.in(ids), cancelledAt: null })
    .limit(100)
    .get();
  return data.sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime());
}

/** The member's 必学 with where they are in each (lessons read in one query, however many there are). */
export async function assignedCards(
  ctx: Pick<HandlerContext, 'db' | 'now'>,
  record: StudyMemberDoc,
  assignments: AssignmentDoc[],
): Promise<AssignedCard[]> {
  const lessons = await assignedLessons(ctx, assignments);
  const cards = assignments.map((a): AssignedCard => {
    const ids = lessons.get(a._id)!;
    const s = stateOn(record, ids);
    return {
      assignmentId: a._id,
      courseId: a.courseId,
      title: a.courseTitle,
      dueAt: new Date(a.dueAt).toISOString(),
      lessonsDone: s.lessonsDone,
      lessonsTotal: ids.length,
      state: s.state,
      overdue: s.state !== 'done' && new Date(a.dueAt).getTime() < ctx.now.getTime(),
    };
  });
  // Unfinished first; among them the nearest deadline first.
  return cards.sort((a, b) => Number(a.state === 'done') - Number(b.state === 'done') || a.dueAt.localeCompare(b.dueAt));
}

export const home: Handler<'study', 'home'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const [record, memberships] = await Promise.all([recordOf(ctx, openid), membershipsOf(ctx, openid)]);
  const assigned = await assignedCards(ctx, record, await assignmentsFor(ctx, memberships));
  let resume: StudyHome['resume'] = null;
  const last = record.last;
  const p = last ? record.lessons[last.lessonId] : undefined;
  if (last && p && !p.doneAt) {
    const [lesson, course] = await Promise.all([
      col(ctx.db, 'lessons').doc(last.lessonId).get(),
      col(ctx.db, 'posts').doc(last.courseId).get(),
    ]);
    const l = lesson.data[0];
    const c = course.data[0];
    if (l && c && isLive(c, ctx.now)) {
      resume = { lessonId: l._id, lessonTitle: l.title, courseId: c._id, courseTitle: c.title, kind: l.kind, progress: coveredShare(p) };
    }
  }
  return {
    resume,
    assigned,
    todaySeconds: record.days[dayKey(ctx.now)] ?? 0,
    weekSeconds: secondsSince(record, weekStart(ctx.now)),
  };
};

interface LibraryCursor {
  /** publishAt (ms) for 最新 and 精品, learners for 最热. */
  at: number;
  id: string;
}

export const library: Handler<'study', 'library'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const memberships = await membershipsOf(ctx, openid);
  if (!memberships.length) return { items: [], nextCursor: null };
  const _ = ctx.db.command;
  const keys = memberships.map((m) => `org:${m.orgId}`);
  const limit = input.limit ?? 20;
  const hot = input.tab === 'hot';
  const c = input.cursor
    ? decodeCursor<LibraryCursor>(input.cursor, (v) => typeof v['at'] === 'number' && typeof v['id'] === 'string')
    : null;
  const where: Record<string, unknown> = {
    key: keys.length === 1 ? keys[0] : _.in(keys),
    kind: _.in([...STUDY_POST_KINDS]),
    publishAt: _.lte(ctx.now),
  };
  // After the cursor: rows up to its value; those tied with it are dropped below by id.
  if (c) where[hot ? 'hot' : 'publishAt'] = hot ? _.lte(c.at) : _.lte(new Date(Math.min(c.at, ctx.now.getTime())));
  if (hot && c) where['publishAt'] = _.lte(ctx.now);
  if (input.tab === 'featured') where['featured'] = true;
  if (input.tag) where['tags'] = input.tag;
  if (input.q) where['title'] = ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
  const TIES = 20;
  const { data } = await col(ctx.db, 'post_audience')
    .where(where)
    .orderBy(hot ? 'hot' : 'publishAt', 'desc')
    .orderBy('postId', 'desc')
    .limit(limit + 1 + (c ? TIES : 0) + keys.length)
    .get();
  const valueOf = (r: PostAudienceDoc) => (hot ? (r.hot ?? 0) : new Date(r.publishAt).getTime());
  const seen = new Set<string>();
  const rows = data.filter((r) => {
    if (seen.has(r.postId)) return false;
    seen.add(r.postId);
    return !c || valueOf(r) < c.at || (valueOf(r) === c.at && r.postId < c.id);
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await studyCards(
      ctx,
      openid,
      page.map((r) => r.postId),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: valueOf(last), id: last.postId }) : null,
  };
};

/** Cards for posts in this order: a course with the caller's lessons done, a post with whether they read it. */
async function studyCards(ctx: HandlerContext, openid: string, ids: string[]): Promise<StudyCard[]> {
  if (!ids.length) return [];
  const _ = ctx.db.command;
  const [{ data: posts }, { data: reads }, record] = await Promise.all([
    col(ctx.db, 'posts')
      .where({ _id: _.in(ids) })
      .limit(100)
      .get(),
    col(ctx.db, 'post_reads')
      .where({ _id: _.in(ids.map((id) => readId(id, openid))) })
      .limit(100)
      .get(),
    recordOf(ctx, openid),
  ]);
  const byId = new Map(posts.filter((p) => isLive(p, ctx.now)).map((p) => [p._id, p]));
  const read = new Set(reads.map((r) => r.postId));
  const live = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const [names, urls] = await Promise.all([
    orgNames(
      ctx.db,
      live.map((p) => p.orgId),
    ),
    fileUrls(ctx, live, false),
  ]);
  const doneByCourse = new Map<string, number>();
  for (const p of Object.values(record.lessons)) if (p.doneAt) doneByCourse.set(p.courseId, (doneByCourse.get(p.courseId) ?? 0) + 1);
  return live.map((p) => ({
    id: p._id,
    kind: p.kind === 'course' ? 'course' : 'study',
    title: p.title,
    orgName: names.get(p.orgId) ?? '',
    coverUrl: p.cover ? (urls.get(p.cover) ?? null) : null,
    tags: p.tags ?? [],
    featured: Boolean(p.featured),
    publishAt: p.publishAt ? new Date(p.publishAt).toISOString() : null,
    lessonCount: p.lessonCount ?? 0,
    learners: p.counts.readers,
    done: p.kind === 'course' ? (doneByCourse.get(p._id) ?? 0) : Number(read.has(p._id)),
  }));
}

export const course: Handler<'study', 'course'> = async (_input, ctx) => {
  const p: PostDoc = ctx.grant.doc;
  const live = isLive(p, ctx.now);
  // A member sees a published course; its editors see it whatever its state.
  if (p.kind !== 'course' || (!ctx.grant.leads && !live)) throw new AppError('NOT_FOUND', '课程不存在或已撤回');
  const { openid } = ctx.caller;
  const [lessons, record, memberships, names, urls] = await Promise.all([
    lessonsOf(ctx, p._id),
    recordOf(ctx, openid),
    membershipsOf(ctx, openid),
    orgNames(ctx.db, [p.orgId]),
    fileUrls(ctx, [p], true),
  ]);
  const mine = (await assignmentsFor(ctx, memberships)).filter((a) => a.courseId === p._id);
  const nearest = mine[0];
  return {
    id: p._id,
    title: p.title,
    orgName: names.get(p.orgId) ?? '',
    coverUrl: p.cover ? (urls.get(p.cover) ?? null) : null,
    summary: bodyView(p, urls),
    tags: p.tags ?? [],
    featured: Boolean(p.featured),
    publishAt: p.publishAt ? new Date(p.publishAt).toISOString() : null,
    learners: p.counts.readers,
    lessons: lessons.map((l) => lessonCard(l, record)),
    assigned: nearest ? { dueAt: new Date(nearest.dueAt).toISOString(), lessonIds: nearest.lessonIds } : null,
    canManage: Boolean(ctx.grant.leads),
  };
};
