import { TEMPLATE_EXAMPLES } from '../cloudfunctions/exam/bank';
import type { QuestionDraft } from '../typings/exam';
import type { Runtime } from './runtime';

/**
 * Demo assessment: the 党委's question bank (shared with its branches), an exam and a topic quiz of
 * the first branch, written through the functions as the admin and the secretary would.
 */
async function call<T>(runtime: Runtime, fn: string, action: string, data: object, openid: string): Promise<T> {
  const res = await runtime.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`demo exam ${fn}.${action}: ${res.message}`);
  return res.data as T;
}

const single = (
  stem: string,
  options: string[],
  answer: number,
  explanation: string,
  tags: QuestionDraft['tags'],
  difficulty: 1 | 2 | 3 = 1,
): QuestionDraft => ({
  type: 'single',
  stem,
  options,
  answer: [answer],
  blanks: [],
  explanation,
  tags,
  difficulty,
});

/** The template's four examples (see cloudfunctions/exam/bank.ts), then more of each type. */
export const DEMO_QUESTIONS: QuestionDraft[] = [
  ...TEMPLATE_EXAMPLES,
  single('党支部党员大会一般每季度召开', ['一次', '两次', '三次', '每月一次'], 0, '党支部党员大会一般每季度召开 1 次。', ['业务']),
  single('党小组会一般每月召开', ['一次', '两次', '每季度一次', '每半年一次'], 0, '党小组会一般每月召开 1 次。', ['业务']),
  single('中国共产党第一次全国代表大会召开的年份是', ['1919 年', '1921 年', '1927 年', '1949 年'], 1, '一大于 1921 年 7 月召开。', [
    '党史',
  ]),
  single(
    '遵义会议召开于',
    ['1935 年 1 月', '1934 年 10 月', '1936 年 10 月', '1937 年 7 月'],
    0,
    '遵义会议于 1935 年 1 月召开。',
    ['党史'],
    2,
  ),
  single('党员领导干部应当带头执行的作风要求是', ['密切联系群众', '只抓业务', '少开会', '各自为政'], 0, '密切联系群众是党的优良作风。', [
    '廉政',
  ]),
  {
    type: 'multiple',
    stem: '党员的义务包括',
    options: ['认真学习', '密切联系群众', '遵守党的纪律', '只对上级负责'],
    answer: [0, 1, 2],
    blanks: [],
    explanation: '见《中国共产党章程》第三条（节选）。',
    tags: ['理论'],
    difficulty: 2,
  },
  {
    type: 'judge',
    stem: '党员可以不参加党的组织生活。',
    options: [],
    answer: [1],
    blanks: [],
    explanation: '参加党的组织生活是党员的义务。',
    tags: ['业务'],
    difficulty: 1,
  },
  {
    type: 'blank',
    stem: '党的根本宗旨是全心全意为____服务。',
    options: [],
    answer: [],
    blanks: [['人民']],
    explanation: '全心全意为人民服务是党的根本宗旨。',
    tags: ['理论'],
    difficulty: 1,
  },
];

/** The demo exam's questions: the template's four, a single choice and a fill-in. */
const EXAM_STEMS = [...TEMPLATE_EXAMPLES.map((q) => q.stem), '党支部党员大会一般每季度召开', '党的根本宗旨是全心全意为____服务。'];

/** The demo bank, an exam open for a week and a 党史 quiz; answers how many questions were added (0 when already there). */
export async function seedDemoExam(runtime: Runtime, now: Date): Promise<number> {
  const { total } = await runtime.db.collection('bank_questions').count();
  if (total > 0) return 0;
  const ids: string[] = [];
  for (const question of DEMO_QUESTIONS) {
    ids.push(
      (await call<{ questionId: string }>(runtime, 'exam', 'saveQuestion', { orgId: 'org-xh-committee', question }, 'demo-admin'))
        .questionId,
    );
  }
  const closeAt = new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString();
  await call(
    runtime,
    'exam',
    'savePaper',
    {
      orgId: 'org-xh-branch-rd',
      paper: {
        kind: 'exam',
        title: '十二月党章党规知识考试',
        intro: '演示考试：题目来自党委题库。',
        mode: 'fixed',
        questionIds: EXAM_STEMS.map((stem) => ids[DEMO_QUESTIONS.findIndex((q) => q.stem === stem)]),
        closeAt,
        limitMinutes: 15,
        attempts: 2,
        passMark: 60,
        audience: { kind: 'unit' },
      },
    },
    'demo-secretary',
  );
  await call(
    runtime,
    'exam',
    'savePaper',
    {
      orgId: 'org-xh-branch-rd',
      paper: {
        kind: 'quiz',
        title: '党史专项测验',
        mode: 'rules',
        rules: [{ tag: '党史', difficulty: null, count: 3 }],
        closeAt,
        audience: { kind: 'unit' },
      },
    },
    'demo-secretary',
  );
  await demoActivity(runtime);
  return ids.length;
}

/** The answer to a demo question as shown to a member (right, or — for `wrong` — the first wrong option or a blank). */
export function demoAnswer(q: { stem: string; type: string; options: string[]; blanks: number }, wrong: boolean) {
  const d = DEMO_QUESTIONS.find((x) => x.stem === q.stem)!;
  if (d.type === 'blank') return { blanks: d.blanks.map((b) => (wrong ? '' : b[0]!)) };
  if (d.type === 'judge') return { choice: [wrong ? 1 - d.answer[0]! : d.answer[0]!] };
  const key = wrong ? [d.options.findIndex((_, i) => !d.answer.includes(i))] : d.answer;
  return { choice: key.map((i) => q.options.indexOf(d.options[i]!)) };
}

/**
 * A few members of the first branch read notices and do the day's practice (through the functions,
 * so the points and the ranking are earned as members earn them). The e2e and weapp personas
 * (demo-member-01 to 03) are left as they are.
 */
async function demoActivity(runtime: Runtime): Promise<void> {
  const readers = ['demo-member-04', 'demo-member-05', 'demo-member-06', 'demo-member-07', 'demo-committee'];
  for (const [i, openid] of readers.entries()) {
    const { posts } = await call<{ posts: { id: string }[] }>(runtime, 'post', 'list', {}, openid);
    for (const p of posts.slice(0, 5 - i)) await call(runtime, 'post', 'detail', { postId: p.id }, openid);
    if (i >= 3) continue;
    const { attempt } = await call<{
      attempt: { id: string; questions: { id: string; stem: string; type: string; options: string[]; blanks: number }[] } | null;
    }>(runtime, 'exam', 'daily', {}, openid);
    if (!attempt) continue;
    const answers = Object.fromEntries(attempt.questions.map((q, j) => [q.id, demoAnswer(q, j < i)]));
    await call(runtime, 'exam', 'submit', { attemptId: attempt.id, answers }, openid);
  }
}
