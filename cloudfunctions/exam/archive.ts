import type { StudyArchiveView } from '../../typings/study';
import type { HandlerContext } from '../common/context';
import { col, type AttemptDoc } from '../common/db';

/** A member's exams for their 学习档案: the best graded attempt of each, the latest first. */
export async function examResults(ctx: Pick<HandlerContext, 'db'>, openid: string): Promise<StudyArchiveView['exams']> {
  const { data } = await col(ctx.db, 'exam_attempts').where({ openid, kind: 'exam', status: 'graded' }).limit(1000).get();
  const best = new Map<string, AttemptDoc>();
  for (const a of data) {
    const b = best.get(a.paperId ?? a._id);
    if (!b || (a.score ?? 0) > (b.score ?? 0)) best.set(a.paperId ?? a._id, a);
  }
  return [...best.values()]
    .map((a) => ({
      title: a.title,
      score: a.score ?? 0,
      passed: Boolean(a.passed),
      at: new Date(a.submittedAt ?? a.startedAt).toISOString(),
    }))
    .sort((x, y) => y.at.localeCompare(x.at))
    .slice(0, 50);
}
