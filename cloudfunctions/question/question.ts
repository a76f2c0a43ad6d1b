import { randomBytes } from 'node:crypto';
import type { QuestionView } from '../../typings/domain';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type ActivityDoc, type QuestionDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { checkContent } from '../post/content';

const newQuestionId = () => `q${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}`;
const voteId = (questionId: string, memberId: string) => `${questionId}~${memberId}`;

function mustBeLive(a: ActivityDoc): void {
  if (a.type !== 'live_lecture') throw new AppError('INVALID_INPUT', '只有直播党课可以提问');
  if (a.cancelled) throw new AppError('CONFLICT', '活动已取消');
}

function toView(q: QuestionDoc, me: { openid: string; voted: Set<string> }): QuestionView {
  return {
    id: q._id,
    name: q.name,
    text: q.text,
    at: new Date(q.at).toISOString(),
    votes: q.votes,
    voted: me.voted.has(q._id),
    mine: q.openid === me.openid,
    pinned: q.pinned,
    answered: q.answered,
    hidden: q.hidden,
  };
}

async function votedBy(ctx: HandlerContext, memberId: string | undefined, ids: string[]): Promise<Set<string>> {
  if (!memberId || !ids.length) return new Set();
  const { data } = await col(ctx.db, 'activity_question_votes')
    .where({ _id: ctx.db.command.in(ids.map((id) => voteId(id, memberId))) })
    .limit(1000)
    .get();
  return new Set(data.map((v) => v.questionId));
}

export const ask: Handler<'question', 'ask'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  const m = ctx.grant.membership;
  mustBeLive(a);
  if (ctx.now.getTime() >= new Date(a.endAt).getTime()) throw new AppError('CONFLICT', '直播已结束，不能再提问');
  await checkContent(ctx, ctx.caller.openid, [input.text], 2);
  const doc: QuestionDoc = {
    _id: newQuestionId(),
    activityId: a._id,
    orgId: a.orgId,
    memberId: m._id,
    openid: ctx.caller.openid,
    name: m.name,
    text: input.text,
    at: ctx.now,
    votes: 0,
    pinned: false,
    answered: false,
    hidden: false,
  };
  await col(ctx.db, 'activity_questions').add(doc);
  return toView(doc, { openid: ctx.caller.openid, voted: new Set() });
};

export const list: Handler<'question', 'list'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  mustBeLive(a);
  const { data } = await col(ctx.db, 'activity_questions').where({ activityId: a._id }).orderBy('at', 'asc').limit(500).get();
  // Hidden questions are the organiser's to see (and their author's own).
  const shown = data.filter((q) => ctx.grant.leads || !q.hidden || q.openid === ctx.caller.openid);
  const voted = await votedBy(
    ctx,
    ctx.grant.membership?._id,
    shown.map((q) => q._id),
  );
  const order = (q: QuestionDoc) => [Number(!q.pinned), Number(q.hidden), Number(q.answered), -q.votes, new Date(q.at).getTime()];
  const cmp = (x: QuestionDoc, y: QuestionDoc) => {
    const [a1, b1] = [order(x), order(y)];
    for (let i = 0; i < a1.length; i++) if (a1[i] !== b1[i]) return a1[i]! - b1[i]!;
    return 0;
  };
  return { questions: shown.sort(cmp).map((q) => toView(q, { openid: ctx.caller.openid, voted })) };
};

export const vote: Handler<'question', 'vote'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  const m = ctx.grant.membership;
  mustBeLive(a);
  const q = (await col(ctx.db, 'activity_questions').doc(input.questionId).get()).data[0];
  if (!q || q.activityId !== a._id || q.hidden) throw new AppError('NOT_FOUND', '这个问题不存在或已被隐藏');
  const _ = ctx.db.command;
  const id = voteId(q._id, m._id);
  let changed = false;
  if (input.vote) {
    try {
      await col(ctx.db, 'activity_question_votes').add({ _id: id, questionId: q._id, memberId: m._id, at: ctx.now });
      changed = true;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  } else {
    const { deleted } = await col(ctx.db, 'activity_question_votes').where({ _id: id }).remove();
    changed = deleted > 0;
  }
  if (changed) {
    await col(ctx.db, 'activity_questions')
      .doc(q._id)
      .update({ votes: _.inc(input.vote ? 1 : -1) });
  }
  const after = (await col(ctx.db, 'activity_questions').doc(q._id).get()).data[0]!;
  return toView(after, { openid: ctx.caller.openid, voted: input.vote ? new Set([q._id]) : new Set() });
};

export const moderate: Handler<'question', 'moderate'> = async (input, ctx) => {
  const q = ctx.grant.doc;
  const change = Object.fromEntries(
    (['pinned', 'answered', 'hidden'] as const).flatMap((k) => (input[k] === undefined ? [] : [[k, input[k]]])),
  );
  if (!Object.keys(change).length) throw new AppError('INVALID_INPUT', '请选择要做的操作');
  await col(ctx.db, 'activity_questions').doc(q._id).update(change);
  if (input.hidden !== undefined && input.hidden !== q.hidden) {
    await audit(ctx, {
      orgId: q.orgId,
      action: 'question.hide',
      targetType: 'activity',
      targetId: q.activityId,
      summary: `${input.hidden ? '隐藏' : '恢复显示'}了${q.name}的提问：${q.text.slice(0, 30)}`,
    });
  }
  const after = (await col(ctx.db, 'activity_questions').doc(q._id).get()).data[0]!;
  return toView(after, { openid: ctx.caller.openid, voted: new Set() });
};
