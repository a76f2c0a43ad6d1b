import { LEADER_ROLES } from '../../typings/domain';
import {
  APPRAISAL_GRADE_LABEL,
  APPRAISAL_GRADES,
  APPRAISAL_STEP_LABEL,
  APPRAISAL_STEPS,
  type AppraisalGrade,
  type AppraisalStep,
} from '../../typings/voice';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type AppraisalDoc, type AppraisalMemberDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { orgNames } from '../org/view';

const DAY = 24 * 3600 * 1000;
export const appraisalId = (orgId: string, year: number) => `ap-${orgId}-${year}`;
const memberDocId = (id: string, memberId: string) => `${id}~${memberId}`;
export const raterId = (id: string, openid: string) => `${id}~${openid}`;
const noCounts = (): Record<AppraisalGrade, number> => ({ excellent: 0, qualified: 0, basic: 0, unqualified: 0 });

async function membersOf(ctx: Pick<HandlerContext, 'db'>, id: string): Promise<AppraisalMemberDoc[]> {
  const { data } = await col(ctx.db, 'appraisal_members').where({ appraisalId: id }).limit(1000).get();
  return data.sort((a, b) => a.nameKey.localeCompare(b.nameKey));
}

const card = (a: AppraisalDoc, members: number) => ({ id: a._id, year: a.year, title: a.title, step: a.step, members, raters: a.raters });

export const appraisals: Handler<'voice', 'appraisals'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'appraisals').where({ orgId: ctx.grant.unit._id }).orderBy('year', 'desc').limit(20).get();
  const counts = await Promise.all(data.map((a) => col(ctx.db, 'appraisal_members').where({ appraisalId: a._id }).count()));
  return { appraisals: data.map((a, i) => card(a, counts[i]!.total)) };
};

export const startAppraisal: Handler<'voice', 'startAppraisal'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const id = appraisalId(org._id, input.year);
  const { data: members } = await col(ctx.db, 'memberships').where({ orgId: org._id, status: 'active' }).limit(1000).get();
  const real = members.filter((m) => !m.roster);
  if (real.length < 2) throw new AppError('CONFLICT', '本组织在册党员不足 2 人，无法开展互评');
  const doc: AppraisalDoc = {
    _id: id,
    orgId: org._id,
    year: input.year,
    title: `${input.year}年度民主评议党员`,
    step: 'study',
    opened: { study: ctx.now },
    publicizeUntil: null,
    raters: 0,
    createdBy: ctx.caller.openid,
    createdAt: ctx.now,
  };
  try {
    await col(ctx.db, 'appraisals').add(doc);
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', `${input.year} 年的民主评议已经开始了`);
    throw e;
  }
  // Those appraised: the unit's members on WeChat when it begins (a roster placeholder cannot take part).
  await col(ctx.db, 'appraisal_members').add(
    real.map((m) => ({
      _id: memberDocId(id, m._id),
      appraisalId: id,
      orgId: org._id,
      memberId: m._id,
      openid: m.openid,
      name: m.name,
      nameKey: m.nameKey,
      year: input.year,
      self: null,
      counts: noCounts(),
      grade: null,
      published: false,
    })),
  );
  await audit(ctx, {
    orgId: org._id,
    action: 'voice.startAppraisal',
    targetType: 'appraisal',
    targetId: id,
    summary: `开始${doc.title}（${real.length} 名党员）`,
  });
  return { appraisalId: id };
};

export const openStep: Handler<'voice', 'openStep'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  const next = APPRAISAL_STEPS[APPRAISAL_STEPS.indexOf(a.step) + 1];
  if (input.step !== next) {
    throw new AppError(
      'CONFLICT',
      next ? `现在是「${APPRAISAL_STEP_LABEL[a.step]}」，下一步是「${APPRAISAL_STEP_LABEL[next]}」` : '民主评议已经结束',
    );
  }
  const members = await membersOf(ctx, a._id);
  if (input.step === 'publicize') {
    const left = members.filter((m) => !m.grade).length;
    if (left) throw new AppError('CONFLICT', `还有 ${left} 名党员没有评定等次`);
  }
  const publicizeUntil = input.step === 'publicize' ? new Date(ctx.now.getTime() + input.publicizeDays * DAY) : a.publicizeUntil;
  await col(ctx.db, 'appraisals')
    .doc(a._id)
    .update({ step: input.step, [`opened.${input.step}`]: ctx.now, publicizeUntil });
  // From 公示 on, each grade is the member's: it shows in their archive.
  if (input.step === 'publicize') await col(ctx.db, 'appraisal_members').where({ appraisalId: a._id }).update({ published: true });
  await audit(ctx, {
    orgId: a.orgId,
    action: 'voice.appraisalStep',
    targetType: 'appraisal',
    targetId: a._id,
    summary: `${a.title}进入「${APPRAISAL_STEP_LABEL[input.step]}」${input.step === 'publicize' ? `，公示 ${input.publicizeDays} 天` : ''}`,
  });
  return { step: input.step };
};

/** The caller's own appraised record in this appraisal, if they are one of those appraised. */
async function mineIn(ctx: Pick<HandlerContext, 'db'> & { caller: { openid: string } }, a: AppraisalDoc) {
  const { data } = await col(ctx.db, 'appraisal_members').where({ appraisalId: a._id, openid: ctx.caller.openid }).limit(1).get();
  return data[0];
}

export const appraisal: Handler<'voice', 'appraisal'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  const [me, rated, names] = await Promise.all([
    mineIn(ctx, a),
    col(ctx.db, 'appraisal_raters').doc(raterId(a._id, ctx.caller.openid)).get(),
    orgNames(ctx.db, [a.orgId]),
  ]);
  const publicizing = a.step === 'publicize' && a.publicizeUntil !== null && ctx.now.getTime() < new Date(a.publicizeUntil).getTime();
  const needsAll = (a.step === 'peer' && me && rated.data.length === 0) || publicizing;
  const members = needsAll ? await membersOf(ctx, a._id) : [];
  return {
    id: a._id,
    orgName: names.get(a.orgId) ?? '',
    year: a.year,
    title: a.title,
    step: a.step,
    appraised: Boolean(me),
    mySelf: me?.self ?? null,
    rated: rated.data.length > 0,
    peers:
      a.step === 'peer' && me
        ? members.filter((m) => m._id !== me._id).map((m) => ({ memberId: m.memberId, name: m.name, self: m.self }))
        : [],
    outcome: publicizing ? members.map((m) => ({ memberId: m.memberId, name: m.name, grade: m.grade })) : null,
    publicizeUntil: a.publicizeUntil ? new Date(a.publicizeUntil).toISOString() : null,
  };
};

function assertStep(a: AppraisalDoc, step: AppraisalStep) {
  if (a.step !== step)
    throw new AppError('NOT_OPEN', `现在是「${APPRAISAL_STEP_LABEL[a.step]}」阶段，不是「${APPRAISAL_STEP_LABEL[step]}」`);
}

export const writeSelf: Handler<'voice', 'writeSelf'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  assertStep(a, 'self');
  const me = await mineIn(ctx, a);
  if (!me) throw new AppError('FORBIDDEN', '你不在本次民主评议的党员名单中');
  await col(ctx.db, 'appraisal_members').doc(me._id).update({ self: input.text });
  return { saved: true };
};

export const rate: Handler<'voice', 'rate'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  assertStep(a, 'peer');
  const members = await membersOf(ctx, a._id);
  const me = members.find((m) => m.openid === ctx.caller.openid);
  if (!me) throw new AppError('FORBIDDEN', '你不在本次民主评议的党员名单中');
  const others = members.filter((m) => m._id !== me._id);
  const given = Object.keys(input.ratings);
  const missing = others.filter((m) => !input.ratings[m.memberId]);
  if (given.length !== others.length || missing.length) {
    throw new AppError('INVALID_INPUT', missing.length ? `还有 ${missing.length} 名党员没有评议` : '评议名单与本次民主评议不符');
  }
  // That the caller rated, alone in its request: its id refuses a second rating, however concurrent.
  try {
    await col(ctx.db, 'appraisal_raters').add({ _id: raterId(a._id, ctx.caller.openid), appraisalId: a._id, openid: ctx.caller.openid });
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', '你已经完成互评了');
    throw e;
  }
  // What they said is kept only as each member's counts: no ballot that (rating all but its writer) would name its writer.
  const inc = ctx.db.command.inc;
  await Promise.all([
    ...others.map((m) =>
      col(ctx.db, 'appraisal_members')
        .doc(m._id)
        .update({ [`counts.${input.ratings[m.memberId]!}`]: inc(1) }),
    ),
    col(ctx.db, 'appraisals')
      .doc(a._id)
      .update({ raters: inc(1) }),
  ]);
  return { rated: true };
};

export const appraisalBoard: Handler<'voice', 'appraisalBoard'> = async (_input, ctx) => {
  const a = ctx.grant.doc;
  const members = await membersOf(ctx, a._id);
  return {
    id: a._id,
    orgId: a.orgId,
    year: a.year,
    title: a.title,
    step: a.step,
    raters: a.raters,
    leads: ctx.grant.roles.some((r) => LEADER_ROLES.includes(r)),
    members: members.map((m) => ({ memberId: m.memberId, name: m.name, self: m.self, counts: m.counts, grade: m.grade })),
    publicizeUntil: a.publicizeUntil ? new Date(a.publicizeUntil).toISOString() : null,
  };
};

export const decide: Handler<'voice', 'decide'> = async (input, ctx) => {
  const a = ctx.grant.doc;
  assertStep(a, 'decide');
  const m = (await col(ctx.db, 'appraisal_members').doc(memberDocId(a._id, input.memberId)).get()).data[0];
  if (!m) throw new AppError('NOT_FOUND', '这位党员不在本次民主评议的名单中');
  await col(ctx.db, 'appraisal_members').doc(m._id).update({ grade: input.grade });
  await audit(ctx, {
    orgId: a.orgId,
    action: 'voice.appraisalGrade',
    targetType: 'member',
    targetId: m.memberId,
    summary: `${a.title}：评定 ${m.name} 为「${APPRAISAL_GRADE_LABEL[input.grade]}」`,
  });
  return { memberId: m.memberId, grade: input.grade };
};

/** A person's published appraisal grades, for their archive. */
export async function appraisalsOf(ctx: Pick<HandlerContext, 'db'>, openid: string) {
  const { data } = await col(ctx.db, 'appraisal_members').where({ openid, published: true }).limit(50).get();
  const names = await orgNames(
    ctx.db,
    data.map((d) => d.orgId),
  );
  return data
    .filter((d) => d.grade && APPRAISAL_GRADES.includes(d.grade))
    .sort((x, y) => y.year - x.year)
    .map((d) => ({ year: d.year, grade: d.grade!, orgName: names.get(d.orgId) ?? '' }));
}
