import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { lessonInput } from '../../typings/api';
import { articleMinSeconds } from '../../typings/study';
import { audit } from '../common/audit';
import type { CallerContext } from '../common/context';
import { col, type LessonDoc, type PostDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { fileUrls } from '../common/files';
import { reconcileImages, removeImages } from '../common/images';
import { LEADERS } from '../common/permissions';
import { checkContent, postTexts } from '../post/content';
import { reconcileAttachments } from '../post/files';
import { bodyView, isLive } from '../post/view';
import { lessonsOf, recordOf } from './beat';
import { storeMedia } from './media';
import { lessonCard } from './progress';

type LessonInput = z.infer<typeof lessonInput>;

const newLessonId = () => `l${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;

/** A course's lessons change with its draft; once published, only a leader changes them (as a correction). */
function mayChange(ctx: CallerContext, course: PostDoc): void {
  if (course.kind !== 'course') throw new AppError('INVALID_INPUT', '只有系列课可以添加课时');
  const leads = ctx.grant.roles.some((r) => LEADERS.includes(r));
  if (leads) return;
  if (course.status === 'published' || course.status === 'withdrawn') throw new AppError('FORBIDDEN', '已发布的系列课只有书记可以修改课时');
  if (course.authorOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有作者或书记可以修改');
}

const filesOf = (l: Pick<LessonDoc, 'body' | 'media' | 'document'>) => [
  ...(l.body ?? []).flatMap((b) => (b.type === 'image' ? [b.fileID] : [])),
  ...(l.media ? [l.media.fileID] : []),
  ...(l.document ? [l.document.fileID] : []),
];

/** The lesson's stored content from what the editor sent: files checked and stored, nothing written yet. */
async function prepare(ctx: CallerContext, input: LessonInput, before: LessonDoc | undefined) {
  const texts =
    input.kind === 'article'
      ? postTexts({ title: input.title, body: input.body, attachments: [] })
      : [input.title, ...(input.kind === 'document' ? [input.name] : [])];
  await checkContent(ctx, ctx.caller.openid, texts, 3);
  const fields: Pick<LessonDoc, 'title' | 'kind' | 'minSeconds'> & Partial<Pick<LessonDoc, 'body' | 'media' | 'document' | 'channels'>> = {
    title: input.title,
    kind: input.kind,
    minSeconds: 0,
  };
  switch (input.kind) {
    case 'article': {
      const wanted = input.body.flatMap((b) => (b.type === 'image' ? [b.fileID] : []));
      const had = (before?.body ?? []).flatMap((b) => (b.type === 'image' ? [b.fileID] : []));
      const images = await reconcileImages(ctx, 'posts', wanted, had);
      fields.body = input.body.map((b) => (b.type === 'image' ? { ...b, fileID: images.stored.get(b.fileID)! } : b));
      const characters = input.body.reduce((n, b) => n + (b.type === 'image' ? 0 : b.text.length), 0);
      fields.minSeconds = articleMinSeconds(characters);
      break;
    }
    case 'audio':
    case 'video':
      fields.media =
        before?.media?.fileID === input.file && before.kind === input.kind ? before.media : await storeMedia(ctx, input.file, input.kind);
      break;
    case 'document': {
      const { attachments } = await reconcileAttachments(
        ctx,
        [{ fileID: input.file, name: input.name }],
        before?.document ? [before.document] : [],
      );
      fields.document = attachments[0]!;
      fields.minSeconds = input.minutes * 60;
      break;
    }
    case 'channels':
      fields.channels = { finderUserName: input.finderUserName, feedId: input.feedId, live: input.live };
      fields.minSeconds = input.minutes * 60;
      break;
  }
  const kept = new Set(filesOf(fields));
  return { fields, removed: before ? filesOf(before).filter((f) => !kept.has(f)) : [] };
}

export const saveLesson: Handler<'study', 'saveLesson'> = async (input, ctx) => {
  const course = ctx.grant.doc;
  mayChange(ctx, course);
  const _ = ctx.db.command;
  const before = input.lessonId ? (await col(ctx.db, 'lessons').doc(input.lessonId).get()).data[0] : undefined;
  if (input.lessonId && before?.courseId !== course._id) throw new AppError('NOT_FOUND', '课时不存在或已删除');
  const { fields, removed } = await prepare(ctx, input.lesson, before);
  const unset = { body: _.remove(), media: _.remove(), document: _.remove(), channels: _.remove() };
  let lessonId = before?._id;
  if (before) {
    await col(ctx.db, 'lessons')
      .doc(before._id)
      .update({ ...unset, ...fields, updatedAt: ctx.now });
  } else {
    const last = (await col(ctx.db, 'lessons').where({ courseId: course._id }).orderBy('order', 'desc').limit(1).get()).data[0];
    lessonId = newLessonId();
    await col(ctx.db, 'lessons').add({
      _id: lessonId,
      courseId: course._id,
      orgId: course.orgId,
      order: (last?.order ?? 0) + 1,
      ...fields,
      counts: { views: 0, learners: 0, completions: 0 },
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await col(ctx.db, 'posts')
      .doc(course._id)
      .update({ lessonCount: _.inc(1) });
  }
  await removeImages(ctx, removed);
  if (isLive(course, ctx.now)) {
    await audit(ctx, {
      orgId: course.orgId,
      action: before ? 'study.lesson.update' : 'study.lesson.add',
      targetType: 'post',
      targetId: course._id,
      summary: `${before ? '修改' : '添加'}了系列课「${course.title}」的课时「${fields.title}」`,
    });
  }
  return { lessonId: lessonId! };
};

export const moveLesson: Handler<'study', 'moveLesson'> = async (input, ctx) => {
  const lesson = ctx.grant.doc;
  const course = (await col(ctx.db, 'posts').doc(lesson.courseId).get()).data[0]!;
  mayChange(ctx, course);
  const all = await lessonsOf(ctx, course._id);
  const i = all.findIndex((l) => l._id === lesson._id);
  const j = input.direction === 'up' ? i - 1 : i + 1;
  const other = all[j];
  if (other) {
    // Renumbered 1..n so a swap never meets a tie left by earlier removals.
    all[i] = other;
    all[j] = lesson;
    await Promise.all(
      all.map((l, k) =>
        l.order === k + 1
          ? null
          : col(ctx.db, 'lessons')
              .doc(l._id)
              .update({ order: k + 1 }),
      ),
    );
  }
  return { lessons: all.map((l) => l._id) };
};

export const removeLesson: Handler<'study', 'removeLesson'> = async (_input, ctx) => {
  const lesson = ctx.grant.doc;
  const course = (await col(ctx.db, 'posts').doc(lesson.courseId).get()).data[0]!;
  mayChange(ctx, course);
  const { deleted } = await col(ctx.db, 'lessons').where({ _id: lesson._id }).remove();
  if (deleted) {
    await col(ctx.db, 'posts')
      .doc(course._id)
      .update({ lessonCount: ctx.db.command.inc(-1) });
    await removeImages(ctx, filesOf(lesson));
    await audit(ctx, {
      orgId: course.orgId,
      action: 'study.lesson.remove',
      targetType: 'post',
      targetId: course._id,
      summary: `删除了系列课「${course.title}」的课时「${lesson.title}」`,
    });
  }
  return { removed: true as const };
};

export const lessons: Handler<'study', 'lessons'> = async (_input, ctx) => {
  const course = ctx.grant.doc;
  if (course.kind !== 'course') throw new AppError('INVALID_INPUT', '只有系列课有课时');
  const [all, record] = await Promise.all([lessonsOf(ctx, course._id), recordOf(ctx, ctx.caller.openid)]);
  return {
    lessons: all.map((l) => ({ ...lessonCard(l, record), ...l.counts })),
  };
};

export const lesson: Handler<'study', 'lesson'> = async (_input, ctx) => {
  const l = ctx.grant.doc;
  const stored = l.media ?? l.document;
  const urls = await fileUrls(ctx, [...filesOf(l)]);
  return {
    id: l._id,
    courseId: l.courseId,
    title: l.title,
    kind: l.kind,
    body: bodyView({ body: l.body ?? [] }, urls),
    file: stored
      ? {
          fileID: stored.fileID,
          url: urls.get(stored.fileID) ?? '',
          name: l.document?.name ?? l.title,
          duration: l.media?.duration ?? null,
        }
      : null,
    minutes: Math.max(1, Math.round(l.minSeconds / 60)),
    channels: l.channels ?? null,
  };
};
