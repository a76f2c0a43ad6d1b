import { ATTEMPT_KIND_LABEL } from '../../typings/exam';
import type { TodoItem } from '../../typings/domain';
import { inShanghai } from '../../typings/time';
import { keysOf } from '../activity/view';
import type { TodoProvider } from '../branch/todo';
import { col } from '../common/db';
import { cardOf, dailySlot } from './attempts';
import { bankUnits } from './papers';

const DAY = 24 * 3600 * 1000;
const when = (d: Date | string) => inShanghai(d).format('M月D日 HH:mm');

/**
 * The to-do list's 学习考核: quizzes and exams of the caller's audience still open and not yet passed,
 * and today's 每日一练 while it is not done (when a bank the caller can see has questions). At most six
 * requests, in two rounds.
 */
export const practiceTodo: TodoProvider = async (ctx, scope) => {
  if (!scope.memberships.length) return [];
  const _ = ctx.db.command;
  const now = scope.now.getTime();
  const [{ data: rows }, { data: today }, { data: orgs }] = await Promise.all([
    col(ctx.db, 'paper_audience')
      .where({ key: _.in(keysOf(scope.memberships)), closeAt: _.gt(scope.now) })
      .limit(100)
      .get(),
    col(ctx.db, 'exam_attempts')
      .where({ slot: dailySlot(scope.openid, scope.now) })
      .limit(1)
      .get(),
    col(ctx.db, 'orgs')
      .where({ _id: _.in([...new Set(scope.memberships.map((m) => m.orgId))]) })
      .limit(50)
      .get(),
  ]);
  const ids = [...new Set(rows.map((r) => r.paperId))];
  const daily = today[0];
  const [{ data: papers }, { data: tries }, bank] = await Promise.all([
    ids.length
      ? col(ctx.db, 'exam_papers')
          .where({ _id: _.in(ids) })
          .limit(100)
          .get()
      : Promise.resolve({ data: [] }),
    ids.length
      ? col(ctx.db, 'exam_attempts')
          .where({ openid: scope.openid, paperId: _.in(ids) })
          .field({ paperId: true, status: true, deadlineAt: true, score: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    daily
      ? Promise.resolve({ total: 1 })
      : col(ctx.db, 'bank_questions')
          .where({ orgId: _.in([...new Set(orgs.flatMap(bankUnits))]), removedAt: null })
          .count(),
  ]);
  const items: TodoItem[] = [];
  if (bank.total > 0 && (!daily || daily.status === 'open')) {
    items.push({
      id: `practice~${inShanghai(scope.now).format('YYYYMMDD')}`,
      kind: 'practice',
      title: '今日每日一练',
      detail: daily ? '已开始，还没有交卷' : '5 道题，答完可得积分',
      dueAt: null,
      link: { page: 'exam', query: { daily: '1' } },
      urgent: false,
    });
  }
  for (const p of papers) {
    if (p.cancelledAt) continue;
    // Where it stands for the caller, as the 学习考核 page shows it (attempts used, one in progress, the best).
    const card = cardOf(
      p,
      '',
      tries.filter((a) => a.paperId === p._id),
      scope.now,
    );
    const open = card.openAttemptId !== null;
    if (card.state !== 'open' || card.best?.passed) continue;
    // A quiz taken once is done; an exam not yet passed stays, while attempts remain.
    if (p.kind === 'quiz' && card.attemptsUsed > 0 && !open) continue;
    const label = ATTEMPT_KIND_LABEL[p.kind];
    items.push({
      id: `exam~${p._id}`,
      kind: 'exam',
      title: `${label}「${p.title}」`,
      detail: open
        ? '作答中，还没有交卷'
        : `${p.closeAt ? `${when(p.closeAt)} 截止` : '随时可做'} · ${p.questionCount} 题${p.limitMinutes ? ` · 限时 ${p.limitMinutes} 分钟` : ''}`,
      dueAt: p.closeAt ? new Date(p.closeAt).toISOString() : null,
      link: { page: 'exam', query: { paperId: p._id } },
      urgent: Boolean(open) || (p.closeAt !== null && new Date(p.closeAt).getTime() - now < DAY),
    });
  }
  return items;
};
