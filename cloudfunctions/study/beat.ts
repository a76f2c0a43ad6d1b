import { STUDY_RULES, type LessonContent, type MyStudy, type StudyArchiveView } from '../../typings/study';
import { inShanghai } from '../../typings/time';
import type { AttachmentExt } from '../../typings/domain';
import { audienceMembership, leadership } from '../common/authz';
import type { CallerContext, HandlerContext } from '../common/context';
import { col, isDuplicate, type LessonDoc, type PostDoc, type StudyMemberDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { award, awardStudy, EVENT_KEYS } from '../common/points';
import { examResults } from '../exam/archive';
import { fileUrls } from '../common/files';
import { DRAFTERS } from '../common/permissions';
import { bodyView } from '../post/view';
import { isLive } from '../post/view';
import { creditFor, dayKey, newProgress, progressView, secondsSince, weekStart, windowOf } from './progress';

/** A lesson that does not exist, is not published, or is not for the caller: one answer for all. */
export const LESSON_GONE = '课程不存在或已撤回';
const gone = () => new AppError('NOT_FOUND', LESSON_GONE);

const emptyRecord = (openid: string): StudyMemberDoc => ({
  _id: openid,
  window: -1,
  lastAt: null,
  days: {},
  total: 0,
  lessons: {},
  last: null,
});

/** The caller's study record (an empty one when they have none yet). */
export async function recordOf(ctx: Pick<HandlerContext, 'db'>, openid: string): Promise<StudyMemberDoc> {
  return (await col(ctx.db, 'study_members').doc(openid).get()).data[0] ?? emptyRecord(openid);
}

/** The course's lessons in order. */
export async function lessonsOf(ctx: Pick<HandlerContext, 'db'>, courseId: string): Promise<LessonDoc[]> {
  return (await col(ctx.db, 'lessons').where({ courseId }).orderBy('order', 'asc').limit(200).get()).data;
}

/**
 * Who the caller is to a lesson's course: `member` of its audience (their study counts), `editor` of
 * its unit (a preview, not measured), or nothing — refused exactly like a lesson that does not exist.
 */
export async function standing(ctx: CallerContext, course: PostDoc | undefined): Promise<'member' | 'editor'> {
  const target = course ?? { _id: '~', orgId: '~', audienceOrgIds: ['~'], audience: { kind: 'unit' as const } };
  const [membership, lead] = await Promise.all([
    audienceMembership(ctx.db, ctx.caller.openid, target),
    leadership(ctx.db, ctx.caller.openid, target.orgId, DRAFTERS),
  ]);
  if (!course || course.kind !== 'course') throw gone();
  if (membership && isLive(course, ctx.now)) return 'member';
  if (lead.leads) return 'editor';
  throw gone();
}

async function contentOf(ctx: HandlerContext, lesson: LessonDoc): Promise<LessonContent> {
  switch (lesson.kind) {
    case 'article': {
      const urls = await fileUrls(
        ctx,
        (lesson.body ?? []).flatMap((b) => (b.type === 'image' ? [b.fileID] : [])),
      );
      return { kind: 'article', body: bodyView({ body: lesson.body ?? [] }, urls), minSeconds: lesson.minSeconds };
    }
    case 'audio':
    case 'video': {
      const media = lesson.media!;
      const url = (await fileUrls(ctx, [media.fileID])).get(media.fileID) ?? '';
      return { kind: lesson.kind, url, duration: media.duration };
    }
    case 'document': {
      const doc = lesson.document!;
      const url = (await fileUrls(ctx, [doc.fileID])).get(doc.fileID) ?? '';
      return { kind: 'document', url, name: doc.name, ext: doc.ext as AttachmentExt, minSeconds: lesson.minSeconds };
    }
    case 'channels': {
      const c = lesson.channels!;
      return { kind: 'channels', finderUserName: c.finderUserName, feedId: c.feedId, live: c.live, minSeconds: lesson.minSeconds };
    }
  }
}

/**
 * Starts (or resumes) measuring the caller on a lesson: their progress entry is created on the first
 * open (the lesson and course count a learner) and its opening time reset on every open, so the first
 * heartbeat credits no more than the time since.
 */
async function startMeasuring(ctx: CallerContext, lesson: LessonDoc): Promise<StudyMemberDoc> {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  let record = await recordOf(ctx, openid);
  if (record.window === -1 && !Object.keys(record.lessons).length) {
    try {
      await col(ctx.db, 'study_members').add(record);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  }
  const first = !record.lessons[lesson._id];
  const newToCourse = !Object.values(record.lessons).some((p) => p.courseId === lesson.courseId);
  const path = `lessons.${lesson._id}`;
  if (first) {
    // Only if still absent: two first opens at once count one learner.
    const { updated } = await col(ctx.db, 'study_members')
      .where({ _id: openid, [path]: _.exists(false) })
      .update({ [path]: newProgress(lesson, ctx.now), last: { lessonId: lesson._id, courseId: lesson.courseId } });
    if (updated) {
      await Promise.all([
        col(ctx.db, 'lessons')
          .doc(lesson._id)
          .update({ 'counts.learners': _.inc(1), 'counts.views': _.inc(1) }),
        newToCourse
          ? Promise.all([
              col(ctx.db, 'posts')
                .doc(lesson.courseId)
                .update({ 'counts.readers': _.inc(1) }),
              col(ctx.db, 'post_audience')
                .where({ postId: lesson.courseId })
                .update({ hot: _.inc(1) }),
            ])
          : null,
      ]);
    }
  } else {
    await Promise.all([
      col(ctx.db, 'study_members')
        .doc(openid)
        .update({ [`${path}.openedAt`]: ctx.now, [`${path}.at`]: ctx.now, last: { lessonId: lesson._id, courseId: lesson.courseId } }),
      col(ctx.db, 'lessons')
        .doc(lesson._id)
        .update({ 'counts.views': _.inc(1) }),
    ]);
  }
  record = await recordOf(ctx, openid);
  return record;
}

export const open: Handler<'study', 'open'> = async (input, ctx) => {
  const lesson = (await col(ctx.db, 'lessons').doc(input.lessonId).get()).data[0];
  const course = lesson ? (await col(ctx.db, 'posts').doc(lesson.courseId).get()).data[0] : undefined;
  const who = await standing(ctx, lesson ? course : undefined);
  const [siblings, content] = await Promise.all([lessonsOf(ctx, lesson!.courseId), contentOf(ctx, lesson!)]);
  const record = who === 'member' ? await startMeasuring(ctx, lesson!) : null;
  const i = siblings.findIndex((l) => l._id === lesson!._id);
  const p = record?.lessons[lesson!._id];
  return {
    id: lesson!._id,
    courseId: lesson!.courseId,
    courseTitle: course!.title,
    title: lesson!.title,
    index: i + 1,
    count: siblings.length,
    prevId: siblings[i - 1]?._id ?? null,
    nextId: siblings[i + 1]?._id ?? null,
    content,
    progress: p ? progressView(p) : null,
  };
};

/**
 * A heartbeat: one read of the caller's record and, when it earns anything, one conditional write that
 * succeeds only if nobody credited a window since the read (so two clients, replays and bursts earn
 * one window once); when it earns nothing, at most one write of the media position (for resuming).
 * A lesson the caller did not open from its audience is refused like a missing one.
 */
export const beat: Handler<'study', 'beat'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const record = (await col(ctx.db, 'study_members').doc(openid).get()).data[0];
  const credit = record ? creditFor(record, input.lessonId, input.position, input.from, ctx.now) : null;
  if (!record || !credit) throw gone();
  const today = dayKey(ctx.now);
  const todayBefore = record.days[today] ?? 0;
  let credited = credit.seconds;
  if (credited > 0) {
    const _ = ctx.db.command;
    const path = `lessons.${input.lessonId}`;
    const { updated } = await col(ctx.db, 'study_members')
      .where({ _id: openid, window: record.window })
      .update({
        window: windowOf(ctx.now),
        lastAt: ctx.now,
        [`days.${today}`]: _.inc(credited),
        total: _.inc(credited),
        [path]: credit.next,
        last: { lessonId: input.lessonId, courseId: credit.next.courseId },
      });
    if (!updated) credited = 0;
    else {
      // Points from the credited time itself: a point each time the day's study passes a 10-minute mark, and one for finishing the lesson.
      await awardStudy(ctx, openid, todayBefore, todayBefore + credited);
      if (credit.completed) {
        await col(ctx.db, 'lessons')
          .doc(input.lessonId)
          .update({ 'counts.completions': _.inc(1) });
        const lesson = (await col(ctx.db, 'lessons').doc(input.lessonId).get()).data[0];
        await award(ctx, openid, {
          rule: 'lesson',
          key: EVENT_KEYS.lesson(input.lessonId, openid),
          title: `学完「${lesson?.title ?? '一课'}」`,
        });
      }
    }
  }
  let p = credited > 0 ? credit.next : record.lessons[input.lessonId]!;
  if (credited === 0 && p.bucket > 0 && Math.abs(p.pos - input.position) >= 1) {
    // Nothing credited (another heartbeat had this window), but where the member is still counts for
    // resuming: a member who leaves a moment after a periodic heartbeat comes back where they left.
    const pos = Math.min(input.position, p.length);
    await col(ctx.db, 'study_members')
      .doc(openid)
      .update({ [`lessons.${input.lessonId}.pos`]: pos });
    p = { ...p, pos };
  }
  const todaySeconds = todayBefore + credited;
  return { credited, progress: progressView(p), todaySeconds, capped: todaySeconds >= STUDY_RULES.dailyCapSeconds };
};

export const mine: Handler<'study', 'mine'> = async (_input, ctx) => {
  const record = await recordOf(ctx, ctx.caller.openid);
  const now = inShanghai(ctx.now);
  const year = now.format('YYYY');
  const entries = Object.entries(record.lessons);
  const done = entries.filter(([, p]) => p.doneAt);
  const recentIds = entries
    .sort(([, a], [, b]) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .slice(0, 20)
    .map(([id]) => id);
  const [{ data: lessons }, { titles, completed }] = await Promise.all([
    recentIds.length
      ? col(ctx.db, 'lessons')
          .where({ _id: ctx.db.command.in(recentIds) })
          .limit(20)
          .get()
      : Promise.resolve({ data: [] as LessonDoc[] }),
    coursesStudied(ctx, record),
  ]);
  const lessonById = new Map(lessons.map((l) => [l._id, l]));
  return {
    weekSeconds: secondsSince(record, weekStart(ctx.now)),
    monthSeconds: secondsSince(record, `d${now.format('YYYYMM')}01`),
    yearSeconds: secondsSince(record, `d${year}0101`),
    lessonsDone: done.length,
    coursesDone: completed.length,
    days: Object.entries(record.days)
      .filter(([k, v]) => k.startsWith(`d${year}`) && v > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, seconds]) => ({ day: `${k.slice(1, 5)}-${k.slice(5, 7)}-${k.slice(7, 9)}`, seconds })),
    recent: recentIds.flatMap((id) => {
      const l = lessonById.get(id);
      const p = record.lessons[id]!;
      if (!l) return [];
      return [
        {
          lessonId: id,
          title: l.title,
          courseId: p.courseId,
          courseTitle: titles.get(p.courseId) ?? '',
          seconds: p.sec,
          done: Boolean(p.doneAt),
          at: new Date(p.at).toISOString(),
        },
      ];
    }),
  } satisfies MyStudy;
};

/**
 * The courses a member has studied (their titles) and those they completed (every lesson done, as the
 * course is now), the latest first: two requests whatever the number of courses.
 */
async function coursesStudied(ctx: Pick<HandlerContext, 'db'>, record: StudyMemberDoc) {
  const courseIds = [...new Set(Object.values(record.lessons).map((p) => p.courseId))];
  if (!courseIds.length) return { titles: new Map<string, string>(), completed: [] as { title: string; doneAt: string }[] };
  const _ = ctx.db.command;
  const [{ data: lessons }, { data: courses }] = await Promise.all([
    col(ctx.db, 'lessons')
      .where({ courseId: _.in(courseIds) })
      .limit(1000)
      .get(),
    col(ctx.db, 'posts')
      .where({ _id: _.in(courseIds) })
      .limit(1000)
      .get(),
  ]);
  const doneAt = (id: string) => {
    const at = record.lessons[id]?.doneAt;
    return at ? new Date(at).getTime() : null;
  };
  const completed = courses.flatMap((c) => {
    const ids = lessons.filter((l) => l.courseId === c._id).map((l) => l._id);
    if (!ids.length || ids.some((id) => doneAt(id) === null)) return [];
    return [{ title: c.title, doneAt: new Date(Math.max(...ids.map((id) => doneAt(id)!))).toISOString() }];
  });
  return {
    titles: new Map(courses.map((c) => [c._id, c.title])),
    completed: completed.sort((a, b) => b.doneAt.localeCompare(a.doneAt)),
  };
}

/** 学习档案 of a member: what their archive shows them and their secretary, and what their data export holds. */
export async function studyArchive(ctx: Pick<HandlerContext, 'db' | 'now'>, openid: string): Promise<StudyArchiveView> {
  const [record, exams] = await Promise.all([recordOf(ctx, openid), examResults(ctx, openid)]);
  const { completed } = await coursesStudied(ctx, record);
  const year = inShanghai(ctx.now).format('YYYY');
  const since = dayKey(ctx.now.getTime() - 29 * 24 * 3600 * 1000);
  return {
    yearSeconds: secondsSince(record, `d${year}0101`),
    totalSeconds: record.total,
    lessonsDone: Object.values(record.lessons).filter((p) => p.doneAt).length,
    coursesDone: completed.length,
    courses: completed.slice(0, 20),
    daysLast30: Object.entries(record.days).filter(([k, v]) => k >= since && v > 0).length,
    exams,
  };
}
