import ExcelJS from 'exceljs';
import { pageLink } from '../../typings/pages';
import { inShanghai, shanghaiDay } from '../../typings/time';
import { SURVEY_STATE_LABEL, VOICE_RULES, type SurveyAnswer, type SurveyEditorCard, type SurveyQuestionResult } from '../../typings/voice';
import { audit } from '../common/audit';
import { audienceCount, audienceLabel, audienceMembers, expandAudience, inAudience } from '../common/audience';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type MembershipDoc, type SurveyDoc, type SurveyTallyDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { send, type Outgoing } from '../common/outbox';
import { award, EVENT_KEYS } from '../common/points';
import { publishWorkbook } from '../common/sheets';
import { orgNames } from '../org/view';
import { randomId, randomPlace } from './anon';
import { iso, stateOf, writeAudience } from './audience';

type Ctx = Pick<HandlerContext, 'db' | 'now'>;
export const takerId = (surveyId: string, openid: string) => `${surveyId}~${openid}`;
const reminderId = (surveyId: string, openid: string, day: string) => `surveyReminder~${surveyId}~${day}~${openid}`;

async function answersOf(ctx: Ctx, surveyId: string): Promise<number> {
  return (await col(ctx.db, 'survey_tallies').doc(surveyId).get()).data[0]?.n ?? 0;
}

/** A survey in the organisers' list; `answers` when the tally is already at hand. */
async function editorCard(ctx: Ctx, s: SurveyDoc, answers?: number): Promise<SurveyEditorCard> {
  answers ??= await answersOf(ctx, s._id);
  return {
    id: s._id,
    title: s.title,
    anonymous: s.anonymous,
    state: stateOf(s, ctx.now),
    openAt: iso(s.openAt),
    closeAt: iso(s.closeAt),
    answers,
    audienceSize: s.audienceSize,
    audienceLabel: audienceLabel(s),
  };
}

export const surveys: Handler<'voice', 'surveys'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'surveys').where({ orgId: ctx.grant.unit._id }).orderBy('createdAt', 'desc').limit(50).get();
  return { surveys: await Promise.all(data.map((s) => editorCard(ctx, s))) };
};

export const saveSurvey: Handler<'voice', 'saveSurvey'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const s = input.survey;
  const existing = input.surveyId ? (await col(ctx.db, 'surveys').doc(input.surveyId).get()).data[0] : undefined;
  if (input.surveyId && (!existing || existing.orgId !== org._id)) throw new AppError('NOT_FOUND', '调查不存在');
  if (existing?.cancelledAt) throw new AppError('CONFLICT', '调查已撤回，不能再修改');
  const closeAt = s.closeAt ? new Date(s.closeAt) : null;
  if (closeAt && closeAt.getTime() <= ctx.now.getTime()) throw new AppError('INVALID_INPUT', '结束时间应晚于现在');
  if (existing?.answeredAt) {
    // Once answered, the questions and the promise of anonymity are what people answered to.
    const same =
      existing.anonymous === s.anonymous &&
      JSON.stringify(existing.questions) === JSON.stringify(s.questions) &&
      JSON.stringify(existing.audience) === JSON.stringify(s.audience) &&
      iso(existing.openAt) === (s.openAt ? new Date(s.openAt).toISOString() : null);
    if (!same) throw new AppError('CONFLICT', '已有党员作答：题目、匿名方式、参与范围和开始时间不能再改');
  }
  const { orgIds, memberIds } = await expandAudience(ctx, org, s.audience);
  const audienceSize = await audienceCount(ctx, { audienceOrgIds: orgIds, memberIds });
  const id = existing?._id ?? randomId('sv');
  const doc: SurveyDoc = {
    _id: id,
    orgId: org._id,
    title: s.title,
    intro: s.intro,
    anonymous: s.anonymous,
    questions: s.questions.map((q) => ({
      ...q,
      options: q.type === 'single' || q.type === 'multiple' ? q.options : [],
      scaleMax: q.scaleMax,
      scaleLabels: q.scaleLabels,
    })),
    openAt: s.openAt ? new Date(s.openAt) : null,
    closeAt,
    audience: s.audience,
    audienceOrgIds: orgIds,
    memberIds,
    createdBy: existing?.createdBy ?? ctx.caller.openid,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    cancelledAt: null,
    answeredAt: existing?.answeredAt ?? null,
    audienceSize,
  };
  const { _id, ...fields } = doc;
  await col(ctx.db, 'surveys').doc(_id).set(fields);
  if (!existing) await col(ctx.db, 'survey_tallies').doc(id).set({ n: 0, q: {} });
  await writeAudience(ctx, 'survey', doc);
  await audit(ctx, {
    orgId: org._id,
    action: existing ? 'voice.updateSurvey' : 'voice.createSurvey',
    targetType: 'survey',
    targetId: id,
    summary: `${existing ? '修改' : '发布'}${s.anonymous ? '匿名' : '实名'}调查「${s.title}」`,
  });
  return { surveyId: id };
};

export const surveyDraft: Handler<'voice', 'surveyDraft'> = async (_input, ctx) => {
  const s = ctx.grant.doc;
  return {
    id: s._id,
    orgId: s.orgId,
    title: s.title,
    intro: s.intro,
    anonymous: s.anonymous,
    questions: s.questions,
    openAt: iso(s.openAt),
    closeAt: iso(s.closeAt),
    audience: s.audience,
    locked: Boolean(s.answeredAt),
  };
};

export const closeSurvey: Handler<'voice', 'closeSurvey'> = async (input, ctx) => {
  const s = ctx.grant.doc;
  const state = stateOf(s, ctx.now);
  if (state === 'cancelled' || state === 'closed') return { closed: true };
  if (input.cancel) {
    await col(ctx.db, 'surveys').doc(s._id).update({ cancelledAt: ctx.now, updatedAt: ctx.now });
    await col(ctx.db, 'voice_audience').where({ refId: s._id }).remove();
  } else {
    await col(ctx.db, 'surveys').doc(s._id).update({ closeAt: ctx.now, updatedAt: ctx.now });
    await col(ctx.db, 'voice_audience').where({ refId: s._id }).update({ closeAt: ctx.now });
  }
  await audit(ctx, {
    orgId: s.orgId,
    action: input.cancel ? 'voice.cancelSurvey' : 'voice.closeSurvey',
    targetType: 'survey',
    targetId: s._id,
    summary: `${input.cancel ? '撤回' : '结束'}调查「${s.title}」`,
  });
  return { closed: true };
};

export const survey: Handler<'voice', 'survey'> = async (_input, ctx) => {
  const s = ctx.grant.doc;
  const [taken, names] = await Promise.all([
    col(ctx.db, 'survey_takers').doc(takerId(s._id, ctx.caller.openid)).get(),
    orgNames(ctx.db, [s.orgId]),
  ]);
  return {
    id: s._id,
    orgName: names.get(s.orgId) ?? '',
    title: s.title,
    intro: s.intro,
    anonymous: s.anonymous,
    questions: s.questions,
    openAt: iso(s.openAt),
    closeAt: iso(s.closeAt),
    state: stateOf(s, ctx.now),
    answered: taken.data.length > 0,
  };
};

/** The answers, checked against the survey's questions: the first problem is the error. */
function checkAnswers(s: SurveyDoc, answers: Record<string, SurveyAnswer>): Record<string, SurveyAnswer> {
  const known = new Set(s.questions.map((q) => q.id));
  if (Object.keys(answers).some((id) => !known.has(id))) throw new AppError('INVALID_INPUT', '答案与问卷的题目不符');
  const out: Record<string, SurveyAnswer> = {};
  s.questions.forEach((q, i) => {
    const a = answers[q.id];
    const n = `第 ${i + 1} 题`;
    const bad = (why: string) => new AppError('INVALID_INPUT', `${n}：${why}`);
    const given = a && (a.choice?.length || a.scale !== undefined || a.text);
    if (!given) {
      if (q.required) throw bad('此题必答');
      return;
    }
    const fields = Object.keys(a).filter((k) => a[k as keyof SurveyAnswer] !== undefined);
    if (fields.length !== 1) throw bad('答案格式不对');
    if (q.type === 'single' || q.type === 'multiple') {
      const choice = [...new Set(a.choice ?? [])].sort((x, y) => x - y);
      if (!a.choice || choice.length !== a.choice.length || choice.some((c) => c >= q.options.length)) throw bad('选项无效');
      if (q.type === 'single' && choice.length !== 1) throw bad('只能选一项');
      out[q.id] = { choice };
    } else if (q.type === 'scale') {
      if (a.scale === undefined || a.scale > q.scaleMax) throw bad(`请在 1 到 ${q.scaleMax} 之间评分`);
      out[q.id] = { scale: a.scale };
    } else {
      if (a.text === undefined) throw bad('请填写文字');
      out[q.id] = { text: a.text };
    }
  });
  return out;
}

/** The tally increments an answer makes: answered counts, each chosen option or scale value, the scale's sum. */
function tallyUpdate(ctx: Ctx, answers: Record<string, SurveyAnswer>): Record<string, unknown> {
  const inc = ctx.db.command.inc;
  const u: Record<string, unknown> = { n: inc(1) };
  for (const [qid, a] of Object.entries(answers)) {
    u[`q.${qid}.a`] = inc(1);
    for (const c of a.choice ?? []) u[`q.${qid}.o${c}`] = inc(1);
    if (a.scale !== undefined) {
      u[`q.${qid}.v${a.scale}`] = inc(1);
      u[`q.${qid}.sum`] = inc(a.scale);
    }
  }
  return u;
}

export const answerSurvey: Handler<'voice', 'answerSurvey'> = async (input, ctx) => {
  const s = ctx.grant.doc;
  const state = stateOf(s, ctx.now);
  if (state === 'scheduled') throw new AppError('NOT_OPEN', '调查还没有开始');
  if (state !== 'open') throw new AppError('CLOSED', '调查已经结束');
  const answers = checkAnswers(s, input.answers);
  const { openid } = ctx.caller;
  // 1. Who took part: its own document, its own request. Its id refuses a second answer, however concurrent.
  try {
    await col(ctx.db, 'survey_takers').add({ _id: takerId(s._id, openid), surveyId: s._id, openid });
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', '你已经提交过这份问卷');
    throw e;
  }
  const name = s.anonymous ? null : ctx.grant.membership.name;
  try {
    // 2. What they answered: a random id, no openid, no member id (anonymous), no time.
    await col(ctx.db, 'survey_answers').add({
      _id: randomId('sa'),
      surveyId: s._id,
      answers,
      memberId: s.anonymous ? null : ctx.grant.membership._id,
      name,
    });
  } catch (e) {
    // Nothing of the answer was kept: they may answer again.
    await col(ctx.db, 'survey_takers').doc(takerId(s._id, openid)).remove();
    throw e;
  }
  const texts = Object.entries(answers).flatMap(([qid, a]) =>
    a.text ? [{ _id: randomId('st'), surveyId: s._id, qid, text: a.text, name, r: randomPlace() }] : [],
  );
  await Promise.all([
    col(ctx.db, 'survey_tallies').doc(s._id).update(tallyUpdate(ctx, answers)),
    texts.length ? col(ctx.db, 'survey_texts').add(texts) : null,
    s.answeredAt ? null : col(ctx.db, 'surveys').where({ _id: s._id, answeredAt: null }).update({ answeredAt: ctx.now }),
  ]);
  await award(ctx, openid, { rule: 'voice', key: EVENT_KEYS.survey(s._id, openid), title: `参与调查「${s.title}」` });
  return { answered: true };
};

/** An answer in words: the chosen options, the rating, or the text. */
const answerText = (q: SurveyDoc['questions'][number], a: SurveyAnswer | undefined) => {
  if (!a) return '';
  if (a.choice) return a.choice.map((c) => q.options[c] ?? '').join('；');
  if (a.scale !== undefined) return a.scale;
  return a.text ?? '';
};

const share = (count: number, of: number) => (of ? Math.round((count / of) * 1000) / 1000 : 0);

export const surveyResults: Handler<'voice', 'surveyResults'> = async (_input, ctx) => {
  const s = ctx.grant.doc;
  const t: SurveyTallyDoc = (await col(ctx.db, 'survey_tallies').doc(s._id).get()).data[0] ?? { _id: s._id, n: 0, q: {} };
  const card = await editorCard(ctx, s, t.n);
  const shown = !s.anonymous || t.n >= VOICE_RULES.resultsMinAnswers;
  const withheldReason = shown
    ? null
    : `匿名调查满 ${VOICE_RULES.resultsMinAnswers} 份答卷后才显示结果（现有 ${t.n} 份），以免从少量答卷推断出是谁填写的。`;
  const textQs = s.questions.filter((q) => q.type === 'text');
  const _ = ctx.db.command;
  const samples = shown
    ? await Promise.all(
        textQs.map(async (q) => {
          // A window in the texts' random order from a random start (wrapping round): a random sample, whatever the order they came in.
          const start = randomPlace();
          const window = (r: object, limit: number) =>
            col(ctx.db, 'survey_texts').where({ surveyId: s._id, qid: q.id, r }).orderBy('r', 'asc').limit(limit).get();
          const { data } = await window(_.gte(start), VOICE_RULES.textsShown);
          const more = data.length < VOICE_RULES.textsShown ? (await window(_.lt(start), VOICE_RULES.textsShown - data.length)).data : [];
          return [q.id, [...data, ...more]] as const;
        }),
      )
    : [];
  const textsOf = new Map(samples);
  const questions: SurveyQuestionResult[] = shown
    ? s.questions.map((q) => {
        const c = t.q[q.id] ?? { a: 0 };
        const answered = c.a ?? 0;
        const counts =
          q.type === 'scale'
            ? Array.from({ length: q.scaleMax }, (_v, i) => ({ label: String(i + 1), count: c[`v${i + 1}`] ?? 0 }))
            : q.options.map((label, i) => ({ label, count: c[`o${i}`] ?? 0 }));
        return {
          id: q.id,
          type: q.type,
          title: q.title,
          answered,
          counts: q.type === 'text' ? [] : counts.map((x) => ({ ...x, share: share(x.count, answered) })),
          average: q.type === 'scale' && answered ? Math.round(((c.sum ?? 0) / answered) * 10) / 10 : null,
          texts: (textsOf.get(q.id) ?? []).map((x) => ({ text: x.text, name: s.anonymous ? null : x.name })),
          textCount: q.type === 'text' ? answered : 0,
        };
      })
    : [];
  // A named survey's answers by person: what it is for. An anonymous one has no person to show.
  const { data: named } = s.anonymous ? { data: [] } : await col(ctx.db, 'survey_answers').where({ surveyId: s._id }).limit(200).get();
  const responses = s.anonymous
    ? null
    : named
        .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
        .map((a) => ({ name: a.name ?? '', answers: s.questions.map((q) => String(answerText(q, a.answers[q.id]))) }));
  return { card, shown, withheldReason, questions, responses };
};

/** Who in the audience has not answered yet (participation only: it says nothing of any answer). */
export const surveyPending: Handler<'voice', 'surveyPending'> = async (_input, ctx) => {
  const s = ctx.grant.doc;
  const day = shanghaiDay(ctx.now);
  const members = await audienceMembers(ctx, s);
  const _ = ctx.db.command;
  const taken = new Set<string>();
  for (let i = 0; i < members.length; i += 500) {
    const ids = members.slice(i, i + 500).map((m) => takerId(s._id, m.openid));
    const { data } = await col(ctx.db, 'survey_takers')
      .where({ _id: _.in(ids) })
      .field({ openid: true })
      .limit(500)
      .get();
    for (const d of data) taken.add(d.openid);
  }
  const pending = members.filter((m) => !taken.has(m.openid));
  const [names, { data: sent }] = await Promise.all([
    orgNames(
      ctx.db,
      pending.map((m) => m.orgId),
    ),
    col(ctx.db, 'outbox')
      .where({ _id: _.in(pending.slice(0, 500).map((m) => reminderId(s._id, m.openid, day))) })
      .field({ _id: true })
      .limit(500)
      .get(),
  ]);
  const reminded = new Set(sent.map((o) => o._id));
  return {
    answered: members.length - pending.length,
    members: pending.slice(0, 500).map((m) => ({
      memberId: m._id,
      name: m.name,
      orgName: names.get(m.orgId) ?? '',
      remindedToday: reminded.has(reminderId(s._id, m.openid, day)),
    })),
    more: Math.max(0, pending.length - 500),
  };
};

function reminder(s: SurveyDoc, m: MembershipDoc, day: string): Outgoing {
  return {
    id: reminderId(s._id, m.openid, day),
    // 学习提醒: thing1 what, time2 its deadline, thing3 a note — a survey with a close fits it.
    template: 'studyReminder',
    message: {
      touser: m.openid,
      page: pageLink('survey', { id: s._id }),
      data: {
        thing1: { value: s.title.slice(0, 20) },
        time2: { value: s.closeAt ? inShanghai(s.closeAt).format('YYYY-MM-DD HH:mm') : '尽快' },
        thing3: { value: `${s.anonymous ? '匿名' : ''}调查尚未填写，请抽空参与` },
      },
    },
  };
}

export const remindSurvey: Handler<'voice', 'remindSurvey'> = async (input, ctx) => {
  const s = ctx.grant.doc;
  if (stateOf(s, ctx.now) !== 'open') throw new AppError('CLOSED', '调查不在进行中，不能提醒');
  const m = (await col(ctx.db, 'memberships').doc(input.memberId).get()).data[0];
  if (!m || !inAudience(s, m)) throw new AppError('NOT_FOUND', '这位党员不在参与范围内');
  const day = shanghaiDay(ctx.now);
  const [taken, before] = await Promise.all([
    col(ctx.db, 'survey_takers').doc(takerId(s._id, m.openid)).get(),
    col(ctx.db, 'outbox')
      .doc(reminderId(s._id, m.openid, day))
      .get(),
  ]);
  if (taken.data.length) throw new AppError('CONFLICT', '这位党员已经填写了');
  if (before.data.length) throw new AppError('RATE_LIMITED', '今天已经提醒过这位党员了，明天可以再提醒');
  return { reminded: (await send(ctx, [reminder(s, m, day)])) > 0 };
};

export const exportSurvey: Handler<'voice', 'exportSurvey'> = async (_input, ctx) => {
  const s = ctx.grant.doc;
  const n = await answersOf(ctx, s._id);
  if (s.anonymous && n < VOICE_RULES.resultsMinAnswers) {
    throw new AppError('CONFLICT', `匿名调查满 ${VOICE_RULES.resultsMinAnswers} 份答卷后才能导出`);
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('答卷');
  sheet.addRow([`${s.anonymous ? '匿名' : '实名'}调查：${s.title}（${SURVEY_STATE_LABEL[stateOf(s, ctx.now)]}，${n} 份答卷）`]);
  sheet.addRow([s.anonymous ? '序号（随机顺序）' : '姓名', ...s.questions.map((q, i) => `${i + 1}. ${q.title}`)]);
  let row = 0;
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(ctx.db, 'survey_answers').where({ surveyId: s._id }).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    for (const a of data) {
      row += 1;
      sheet.addRow([s.anonymous ? row : (a.name ?? ''), ...s.questions.map((q) => answerText(q, a.answers[q.id]))]);
    }
    if (data.length < 1000) break;
  }
  sheet.columns.forEach((c) => (c.width = 20));
  return { url: await publishWorkbook(ctx, book) };
};
