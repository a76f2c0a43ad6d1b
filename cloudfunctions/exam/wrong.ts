import { ATTEMPT_KIND_LABEL, EXAM_RULES, type Answer, type WrongItem } from '../../typings/exam';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type AttemptDoc, type AttemptItem, type BankQuestionDoc, type WrongEntry } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { attemptView, create, blankAttempt, questionsById } from './attempts';
import { gradedView, shuffled, toItem } from './grade';

/**
 * The 错题本: every question a member got wrong (or partly wrong), until they answer it right twice
 * in a row. Kept on one document per member; only the submission that graded a paper changes it.
 */

/** An answer with choices as the editor's option indices (a member's shown order differs per paper). */
function inEditorOrder(item: AttemptItem, answer: Answer | undefined): Answer | null {
  if (!answer) return null;
  if (answer.blanks) return { blanks: answer.blanks };
  return { choice: (answer.choice ?? []).map((c) => (item.type === 'judge' ? c : item.perm[c]!)).sort((a, b) => a - b) };
}

/** After a paper is graded: wrong answers go in (or start their streak again), right ones count towards leaving. */
export async function recordWrongBook(ctx: Pick<HandlerContext, 'db' | 'now'>, a: AttemptDoc): Promise<void> {
  const _ = ctx.db.command;
  const book = (await col(ctx.db, 'exam_wrongs').doc(a.openid).get()).data[0];
  const items = book?.items ?? {};
  const sets: Record<string, WrongEntry> = {};
  const cleared: string[] = [];
  for (const item of a.items) {
    const old = items[item.qid];
    if ((a.earned[item.qid] ?? 0) < 1) {
      sets[item.qid] = {
        times: (old?.times ?? 0) + 1,
        streak: 0,
        addedAt: old?.addedAt ?? ctx.now,
        lastWrongAt: ctx.now,
        mine: inEditorOrder(item, a.answers[item.qid]),
      };
    } else if (old && old.streak + 1 >= EXAM_RULES.wrongClearStreak) {
      cleared.push(item.qid);
    } else if (old) {
      sets[item.qid] = { ...old, streak: old.streak + 1 };
    }
  }
  if (!Object.keys(sets).length && !cleared.length) return;
  if (!book) {
    try {
      await col(ctx.db, 'exam_wrongs').add({ _id: a.openid, items: sets });
      return;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  }
  await col(ctx.db, 'exam_wrongs')
    .doc(a.openid)
    .update({
      ...Object.fromEntries(Object.entries(sets).map(([qid, v]) => [`items.${qid}`, v])),
      ...Object.fromEntries(cleared.map((qid) => [`items.${qid}`, _.remove()])),
    });
}

/** A bank question in the editor's order of options (what the 错题本 shows). */
const asItem = (q: BankQuestionDoc): AttemptItem => ({ ...toItem(q, ''), perm: q.options.map((_, i) => i) });

export const wrongBook: Handler<'exam', 'wrongBook'> = async (_input, ctx) => {
  const book = (await col(ctx.db, 'exam_wrongs').doc(ctx.caller.openid).get()).data[0];
  const entries = Object.entries(book?.items ?? {}).sort(
    (x, y) => new Date(y[1].lastWrongAt).getTime() - new Date(x[1].lastWrongAt).getTime(),
  );
  const questions = new Map(
    (
      await questionsById(
        ctx,
        entries.map(([qid]) => qid),
      )
    ).map((q) => [q._id, q]),
  );
  return {
    items: entries.flatMap(([qid, e]): WrongItem[] => {
      const q = questions.get(qid);
      if (!q) return [];
      const item = asItem(q);
      return [
        {
          question: gradedView(item, { answers: e.mine ? { [qid]: e.mine } : {}, earned: {} }),
          times: e.times,
          streak: e.streak,
          lastWrongAt: new Date(e.lastWrongAt).toISOString(),
        },
      ];
    }),
  };
};

export const practiceWrong: Handler<'exam', 'practiceWrong'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { data: earlier } = await col(ctx.db, 'exam_attempts').where({ openid, kind: 'wrong' }).limit(1000).get();
  const open = earlier.find((a) => a.status === 'open');
  if (open) return attemptView(open, ctx.now);
  const book = (await col(ctx.db, 'exam_wrongs').doc(openid).get()).data[0];
  const qids = Object.keys(book?.items ?? {});
  const slot = `wrong~${openid}~${earlier.length + 1}`;
  const questions = await questionsById(ctx, shuffled(slot, qids).slice(0, EXAM_RULES.wrongPracticeCount));
  if (!questions.length) throw new AppError('NOT_FOUND', '错题本里没有题目');
  const a = await create(ctx, {
    ...blankAttempt('wrong'),
    slot,
    paperId: null,
    orgId: null,
    openid,
    title: ATTEMPT_KIND_LABEL.wrong,
    items: questions.map((q) => toItem(q, slot)),
    startedAt: ctx.now,
    deadlineAt: null,
    passMark: null,
    passed: null,
  });
  return attemptView(a, ctx.now);
};
