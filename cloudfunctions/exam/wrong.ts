import { ATTEMPT_KIND_LABEL, EXAM_RULES, type Answer, type WrongItem } from '../../typings/exam';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type AttemptItem, type BankQuestionDoc, type WrongEntry } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { attemptView, blankAttempt, create, earnedOf, papered, paperedMany, questionsById, type Paper } from './attempts';
import { gradedView, shuffled, toItem } from './grade';

/**
 * The 错题本: every question a member got wrong (or partly wrong), until they answer it right twice
 * in a row. It is derived from the member's graded papers, in the order they were handed in: grading
 * writes nothing here (handing in stays one write), and reading the book first takes in the papers
 * graded since it was last brought up to date.
 */

/** An answer with choices as the editor's option indices (a member's shown order differs per paper). */
function inEditorOrder(item: AttemptItem, answer: Answer | undefined): Answer | null {
  if (!answer) return null;
  if (answer.blanks) return { blanks: answer.blanks };
  return { choice: (answer.choice ?? []).map((c) => (item.type === 'judge' ? c : item.perm[c]!)).sort((a, b) => a - b) };
}

/** In the book: answered wrong at least once since last answered right twice in a row. */
const stillWrong = (e: WrongEntry) => e.streak < EXAM_RULES.wrongClearStreak;

/** The book after one more graded paper: wrong answers go in (or start again), right ones count towards leaving. */
function take(items: Record<string, WrongEntry>, p: Paper): Record<string, WrongEntry> {
  const out = { ...items };
  const earned = earnedOf(p);
  const at = p.submittedAt ?? p.startedAt;
  for (const item of p.items) {
    const before = out[item.qid];
    if ((earned[item.qid] ?? 0) < 1) {
      out[item.qid] = { times: (before?.times ?? 0) + 1, streak: 0, lastWrongAt: at, mine: inEditorOrder(item, p.answers[item.qid]) };
    } else if (before) {
      const next = { ...before, streak: before.streak + 1 };
      if (stillWrong(next)) out[item.qid] = next;
      else delete out[item.qid];
    }
  }
  return out;
}

const when = (d: Date | string | null) => (d ? new Date(d).getTime() : 0);

/**
 * The member's book, brought up to date with the papers graded since (each taken in once: the book
 * keeps the time of the last and the ids graded at that instant). Two readers at once compute the
 * same book; the one whose conditional write loses reads the other's.
 */
export async function syncBook(ctx: Pick<HandlerContext, 'db'>, openid: string): Promise<Record<string, WrongEntry>> {
  const _ = ctx.db.command;
  const book = (await col(ctx.db, 'exam_wrongs').doc(openid).get()).data[0];
  const since = book?.syncedAt ?? null;
  const { data } = await col(ctx.db, 'exam_attempts')
    .where({ openid, status: 'graded', ...(since ? { submittedAt: _.gte(since) } : {}) })
    .limit(1000)
    .get();
  const fresh = data
    .filter((a) => !(book?.syncedIds ?? []).includes(a._id))
    .sort((x, y) => when(x.submittedAt) - when(y.submittedAt) || (x._id < y._id ? -1 : 1));
  if (!fresh.length) return book?.items ?? {};
  let items = book?.items ?? {};
  for (const p of await paperedMany(ctx, fresh)) items = take(items, p);
  const last = when(fresh[fresh.length - 1]!.submittedAt);
  const atLast = fresh.filter((a) => when(a.submittedAt) === last).map((a) => a._id);
  const next = {
    items,
    syncedAt: new Date(last),
    // Papers handed in at the same instant as the last one taken in before are still at the boundary.
    syncedIds: since && when(since) === last ? [...(book?.syncedIds ?? []), ...atLast] : atLast,
  };
  if (!book) {
    await col(ctx.db, 'exam_wrongs')
      .add({ _id: openid, ...next })
      .catch((e: unknown) => {
        if (!isDuplicate(e)) throw e;
      });
  } else {
    // Whole entries are replaced: `_.set` keeps the map from being merged path by path.
    await col(ctx.db, 'exam_wrongs')
      .where({ _id: openid, syncedAt: book.syncedAt })
      .update({ items: _.set(items), syncedAt: next.syncedAt, syncedIds: next.syncedIds });
  }
  return items;
}

/** A bank question in the editor's order of options (what the 错题本 shows). */
const asItem = (q: BankQuestionDoc): AttemptItem => ({ ...toItem(q, ''), perm: q.options.map((_, i) => i) });

export const wrongBook: Handler<'exam', 'wrongBook'> = async (_input, ctx) => {
  const book = await syncBook(ctx, ctx.caller.openid);
  const entries = Object.entries(book).sort((x, y) => new Date(y[1].lastWrongAt).getTime() - new Date(x[1].lastWrongAt).getTime());
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
  if (open) return attemptView(await papered(ctx, open), ctx.now);
  const qids = Object.keys(await syncBook(ctx, openid));
  const slot = `wrong~${openid}~${earlier.length + 1}`;
  const questions = await questionsById(ctx, shuffled(slot, qids).slice(0, EXAM_RULES.wrongPracticeCount));
  if (!questions.length) throw new AppError('NOT_FOUND', '错题本里没有题目');
  const items = questions.map((q) => toItem(q, slot));
  const a = await create(ctx, {
    ...blankAttempt('wrong'),
    slot,
    paperId: null,
    orgId: null,
    openid,
    title: ATTEMPT_KIND_LABEL.wrong,
    items,
    startedAt: ctx.now,
    deadlineAt: null,
    passMark: null,
    passed: null,
  });
  return attemptView(a, ctx.now);
};
