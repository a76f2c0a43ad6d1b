import type { HandlerContext } from '../common/context';
import { col } from '../common/db';
import { appraisalsOf } from './appraisals';
import { honoursOf } from './honours';
import { writtenBy } from './letters';

type Ctx = Pick<HandlerContext, 'db' | 'keys' | 'storage' | 'log'>;

/** The person's letters, signed and anonymous (the latter found only through their keyed hash). */
async function lettersOf(ctx: Ctx, openid: string) {
  const { data } = await col(ctx.db, 'letters').where(writtenBy(ctx, openid)).limit(1000).get();
  return data;
}

/** 心声 in the person's own data export: their letters with replies, replies in 讲坛, self-assessments, honours and grades. */
export async function voiceOf(ctx: Ctx, openid: string) {
  const [letters, replies, selves, honours, appraisals] = await Promise.all([
    lettersOf(ctx, openid),
    col(ctx.db, 'topic_replies').where({ openid }).limit(1000).get(),
    col(ctx.db, 'appraisal_members').where({ openid }).limit(100).get(),
    honoursOf(ctx, openid),
    appraisalsOf(ctx, openid),
  ]);
  return {
    letters: letters.map((l) => ({
      day: l.day,
      category: l.category,
      anonymous: l.anonymous,
      text: l.text,
      state: l.state,
      replies: l.replies,
    })),
    topicReplies: replies.data.map((r) => ({ topicId: r.topicId, text: r.text, at: r.at })),
    selfAssessments: selves.data.filter((s) => s.self).map((s) => ({ year: s.year, text: s.self })),
    honours,
    appraisals,
  };
}

/** Erasure: the person's letters (and their pictures) go; what they said in discussions stays with the branch's records. */
export async function eraseLettersOf(ctx: Ctx, openid: string): Promise<number> {
  const letters = await lettersOf(ctx, openid);
  if (!letters.length) return 0;
  const files = letters.flatMap((l) => l.images);
  if (files.length)
    await ctx.storage
      .deleteFile({ fileList: files })
      .catch((e: unknown) => ctx.log.warn('letter_images_not_deleted', { error: String(e) }));
  await col(ctx.db, 'letters')
    .where({ _id: ctx.db.command.in(letters.map((l) => l._id)) })
    .remove();
  return letters.length;
}
