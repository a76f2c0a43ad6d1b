import type { Runtime } from '../../local/runtime';
import { ok, snapshot } from './runtime';

export const RD = 'org-xh-branch-rd';
export const SECRETARY = { openid: 'demo-secretary' };
export const COMMITTEE = { openid: 'demo-committee' };
/** 第一支部's members 01-11 (memberships m-demo-005 … m-demo-015). */
export const rdMember = (i: number) => ({ openid: `demo-member-${String(i).padStart(2, '0')}` });
export const rdMembership = (i: number) => `m-demo-${String(i + 4).padStart(3, '0')}`;

/** A survey as the builder sends it: one of each kind of question, open now, closing in a week. */
export function surveyInput(now: Date, overrides: Record<string, unknown> = {}) {
  return {
    title: '支部工作满意度调查',
    intro: '请如实填写，帮助支部改进工作。',
    anonymous: true,
    questions: [
      { id: 'q1', type: 'single', title: '你对支部组织生活的总体评价', required: true, options: ['满意', '基本满意', '不满意'] },
      {
        id: 'q2',
        type: 'multiple',
        title: '你希望增加哪些活动',
        required: false,
        options: ['志愿服务', '红色教育', '读书分享', '技能培训'],
      },
      { id: 'q3', type: 'scale', title: '支部书记联系群众的情况', required: true, scaleMax: 5 },
      { id: 'q4', type: 'text', title: '你最想对支部说的话', required: false },
    ],
    openAt: null,
    closeAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString(),
    audience: { kind: 'unit' },
    ...overrides,
  };
}

export async function createSurvey(rt: Runtime, now: Date, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await ok<{ surveyId: string }>(rt, 'voice', 'saveSurvey', { orgId: RD, survey: surveyInput(now, overrides) }, SECRETARY))
    .surveyId;
}

/** A vote as the form sends it: two seats, two votes each, closing in a week. */
export function voteInput(now: Date, overrides: Record<string, unknown> = {}) {
  return {
    title: '2026年度优秀共产党员',
    intro: '每人最多选 2 位。',
    seats: 2,
    maxChoices: 2,
    anonymous: true,
    memberNominations: true,
    openAt: null,
    closeAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString(),
    audience: { kind: 'unit' },
    ...overrides,
  };
}

export const DEED = '扎根一线，带领团队攻克关键技术难题，主动参加社区志愿服务。';

/** A vote of 第一支部 with members 01, 02 and 03 as candidates; answers the vote and candidate ids. */
export async function createVote(rt: Runtime, now: Date, overrides: Record<string, unknown> = {}) {
  const voteId = (await ok<{ voteId: string }>(rt, 'voice', 'saveVote', { orgId: RD, vote: voteInput(now, overrides) }, SECRETARY)).voteId;
  const candidates: string[] = [];
  for (const i of [1, 2, 3]) {
    candidates.push((await ok<{ id: string }>(rt, 'voice', 'nominate', { voteId, memberId: rdMembership(i), deed: DEED }, SECRETARY)).id);
  }
  return { voteId, candidates };
}

/** Every string inside a value, however deep. */
export function stringsIn(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.entries(v).flatMap(([k, x]) => [k, ...stringsIn(x)]);
  return [];
}

/** Whether a value holds a time finer than a day: a Date, a number that looks like a timestamp, or an ISO instant. */
export function finerThanDay(v: unknown): boolean {
  if (v instanceof Date) return true;
  if (typeof v === 'number') return v > 1e9;
  if (typeof v === 'string') return /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v);
  if (Array.isArray(v)) return v.some(finerThanDay);
  if (v && typeof v === 'object') return Object.values(v).some(finerThanDay);
  return false;
}

/**
 * Every document of every collection that holds one of `ids` (the anonymous things a person wrote),
 * with what in it would point at the person: their openid, their membership ids or their name, or a
 * time finer than the day (`times: false` once others have acted on it: a reply has its own time). An empty list is
 * what anonymity promises.
 */
export async function joins(
  rt: Runtime,
  ids: string[],
  person: { openid: string; memberIds: string[]; name: string },
  { times = true }: { times?: boolean } = {},
) {
  const all = await snapshot(rt);
  const out: { collection: string; id: string; why: string }[] = [];
  for (const [collection, docs] of Object.entries(all)) {
    for (const doc of docs as { _id: string }[]) {
      const strings = stringsIn(doc);
      if (!ids.some((id) => strings.some((s) => s.includes(id)))) continue;
      const identifying = [person.openid, ...person.memberIds, person.name].filter((x) => strings.some((s) => s.includes(x)));
      if (identifying.length) out.push({ collection, id: doc._id, why: `holds ${identifying.join(', ')}` });
      if (times && finerThanDay(doc)) out.push({ collection, id: doc._id, why: 'holds a time finer than a day' });
    }
  }
  return out;
}

/** A topic of 第一支部 for its members, opened by the secretary. */
export async function createTopic(rt: Runtime, overrides: Record<string, unknown> = {}): Promise<string> {
  const topic = {
    kind: 'lesson',
    title: '如何把全会精神落实到岗位上？',
    body: '结合本职工作谈谈体会。',
    audience: { kind: 'unit' },
    ...overrides,
  };
  return (await ok<{ topicId: string }>(rt, 'voice', 'saveTopic', { orgId: RD, topic }, SECRETARY)).topicId;
}

/** The year's appraisal of 第一支部, started by its secretary and moved on to `step`. */
export async function appraisalAt(rt: Runtime, step: 'study' | 'self' | 'peer' | 'decide', year = 2026): Promise<string> {
  const { appraisalId } = await ok<{ appraisalId: string }>(rt, 'voice', 'startAppraisal', { orgId: RD, year }, SECRETARY);
  for (const s of ['self', 'peer', 'decide'] as const) {
    if (step === 'study' || (step === 'self' && s !== 'self') || (step === 'peer' && s === 'decide')) break;
    await ok(rt, 'voice', 'openStep', { appraisalId, step: s }, SECRETARY);
  }
  return appraisalId;
}
