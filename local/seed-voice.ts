import type { Runtime } from './runtime';

/**
 * Demo 心声 for the first branch, written through the functions as members and the secretary would:
 * letters (anonymous and signed, one answered), an anonymous survey with enough answers to show its
 * results (but not the demo member's), an open 评先评优 vote with a few ballots, and last year's honours.
 */
async function call<T>(runtime: Runtime, fn: string, action: string, data: object, openid: string): Promise<T> {
  const res = await runtime.invoke(fn, { action, data }, { openid });
  if (!res.ok) throw new Error(`demo voice ${fn}.${action}: ${res.message}`);
  return res.data as T;
}

const RD = 'org-xh-branch-rd';
const SECRETARY = 'demo-secretary';
const member = (i: number) => `demo-member-${String(i).padStart(2, '0')}`;
/** Membership of demo-member-i (see local/seed.ts). */
const membership = (i: number) => `m-demo-${String(i + 4).padStart(3, '0')}`;

export const DEMO_SURVEY_TITLE = '2026年度支部工作满意度调查';
export const DEMO_VOTE_TITLE = '2026年度优秀共产党员';
export const DEMO_TOPIC_TITLE = '你对支部工作有什么心里话？';

const DEEDS = [
  '带领研发小组攻克关键技术难题，主动承担支部宣传工作，常年参加社区志愿服务。',
  '坚持每周为退休老党员上门送学，组织支部读书分享会十余次，群众口碑好。',
  '疫情期间主动报名值守，全年学习积分位居支部第一，带动身边同事共同进步。',
];

export async function seedDemoVoice(runtime: Runtime, now: Date): Promise<number> {
  const { total } = await runtime.db.collection('surveys').count();
  if (total > 0) return 0;
  // Letters: a suggestion (anonymous), a request for help (signed, answered), an opinion being handled.
  const letter = (who: string, category: string, text: string, anonymous: boolean) =>
    call<{ letterId: string }>(runtime, 'voice', 'sendLetter', { orgId: RD, category, text, anonymous }, who);
  await letter(member(2), 'suggestion', '建议把主题党日安排在周六上午，方便倒班的同志参加，也可以带家属一起参加志愿服务。', true);
  const help = await letter(member(3), 'help', '家中老人住院，本月组织生活想请假一次，学习内容我会自学补上。', false);
  await call(runtime, 'voice', 'reply', { letterId: help.letterId, text: '已批准请假，祝老人早日康复。有困难随时联系支部。' }, SECRETARY);
  const opinion = await letter(member(4), 'opinion', '会议通知有时当天才发，希望至少提前三天通知，方便调整工作安排。', true);
  await call(runtime, 'voice', 'setLetterState', { letterId: opinion.letterId, state: 'processing' }, SECRETARY);

  const closeAt = new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString();
  const { surveyId } = await call<{ surveyId: string }>(
    runtime,
    'voice',
    'saveSurvey',
    {
      orgId: RD,
      survey: {
        title: DEMO_SURVEY_TITLE,
        intro: '匿名填写，结果用于改进支部工作。',
        anonymous: true,
        questions: [
          { id: 'q1', type: 'single', title: '你对支部组织生活的总体评价', required: true, options: ['满意', '基本满意', '不满意'] },
          {
            id: 'q2',
            type: 'multiple',
            title: '你希望支部多组织哪些活动',
            required: false,
            options: ['志愿服务', '红色教育', '读书分享', '技能培训'],
          },
          { id: 'q3', type: 'scale', title: '支部书记联系党员群众的情况', required: true, scaleMax: 5 },
          { id: 'q4', type: 'text', title: '你最想对支部说的话', required: false },
        ],
        closeAt,
        audience: { kind: 'unit' },
      },
    },
    SECRETARY,
  );
  const words = [
    '希望多组织到社区的志愿服务',
    '学习形式可以更灵活一些',
    '感谢支部对老党员的关心',
    '建议增加业务技能培训',
    '会议时间能否提前通知',
    '支部工作很扎实，继续保持',
  ];
  for (const [k, i] of [2, 3, 4, 5, 6, 7].entries()) {
    await call(
      runtime,
      'voice',
      'answerSurvey',
      {
        surveyId,
        answers: {
          q1: { choice: [k % 3 === 2 ? 1 : 0] },
          q2: { choice: k % 2 ? [0, 2] : [1] },
          q3: { scale: 5 - (k % 3) },
          q4: { text: words[k]! },
        },
      },
      member(i),
    );
  }

  const { voteId } = await call<{ voteId: string }>(
    runtime,
    'voice',
    'saveVote',
    {
      orgId: RD,
      vote: {
        title: DEMO_VOTE_TITLE,
        intro: '根据党员日常表现和群众评价，每人最多推选 2 位。',
        seats: 2,
        maxChoices: 2,
        anonymous: true,
        memberNominations: true,
        closeAt,
        audience: { kind: 'unit' },
      },
    },
    SECRETARY,
  );
  const candidates: string[] = [];
  for (const [k, i] of [3, 5, 8].entries()) {
    candidates.push(
      (await call<{ id: string }>(runtime, 'voice', 'nominate', { voteId, memberId: membership(i), deed: DEEDS[k]! }, SECRETARY)).id,
    );
  }
  for (const [k, i] of [4, 6, 7, 9].entries()) {
    await call(runtime, 'voice', 'cast', { voteId, candidateIds: [candidates[k % 3]!, candidates[(k + 1) % 3]!] }, member(i));
  }
  // 讲坛: a question for the 访谈会, with replies; one pinned.
  const { topicId } = await call<{ topicId: string }>(
    runtime,
    'voice',
    'saveTopic',
    {
      orgId: RD,
      topic: {
        kind: 'interview',
        title: DEMO_TOPIC_TITLE,
        body: '支部将在月底召开党员访谈会，请大家先在这里说说心里话。',
        audience: { kind: 'unit' },
      },
    },
    SECRETARY,
  );
  const replies = [
    '希望支部活动多结合研发一线的实际，少一些形式。',
    '建议老党员和青年党员结对，互相学习。',
    '组织生活时间固定下来，方便大家提前安排。',
  ];
  const first = await call<{ id: string }>(runtime, 'voice', 'replyTopic', { topicId, text: replies[0]! }, member(3));
  for (const [k, text] of replies.slice(1).entries()) await call(runtime, 'voice', 'replyTopic', { topicId, text }, member(5 + k));
  await call(runtime, 'voice', 'likeReply', { topicId, replyId: first.id, like: true }, member(4));
  await call(runtime, 'voice', 'moderateReply', { replyId: first.id, pinned: true }, SECRETARY);

  // 民主评议: this year's, at 党员互评, with a few self-assessments written and a few members who have rated.
  const year = Number(now.toISOString().slice(0, 4));
  const { appraisalId } = await call<{ appraisalId: string }>(runtime, 'voice', 'startAppraisal', { orgId: RD, year }, SECRETARY);
  await call(runtime, 'voice', 'openStep', { appraisalId, step: 'self' }, SECRETARY);
  for (const i of [2, 3, 4, 5]) {
    await call(
      runtime,
      'voice',
      'writeSelf',
      { appraisalId, text: '一年来认真学习党的理论，按时参加组织生活，较好完成本职工作；不足是联系群众还不够主动，今后要改进。' },
      member(i),
    );
  }
  await call(runtime, 'voice', 'openStep', { appraisalId, step: 'peer' }, SECRETARY);
  for (const i of [2, 3, 4]) {
    const view = await call<{ peers: { memberId: string }[] }>(runtime, 'voice', 'appraisal', { appraisalId }, member(i));
    const ratings = Object.fromEntries(view.peers.map((p, k) => [p.memberId, k % 4 === 0 ? 'excellent' : 'qualified']));
    await call(runtime, 'voice', 'rate', { appraisalId, ratings }, member(i));
  }

  // Last year's honours, recorded by the branch.
  for (const [k, i] of [6, 10].entries()) {
    await call(
      runtime,
      'voice',
      'addHonour',
      { memberId: membership(i), title: '优秀共产党员', year: 2025, deed: DEEDS[(k + 1) % 3]! },
      SECRETARY,
    );
  }
  return 1;
}
