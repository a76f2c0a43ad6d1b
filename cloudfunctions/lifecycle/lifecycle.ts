import dayjs from 'dayjs';
import { PARTY_STAGE_LABEL, type DueStepView } from '../../typings/domain';
import { shanghaiDay } from '../../typings/time';
import { audit } from '../common/audit';
import { type HandlerContext } from '../common/context';
import { col, type LifecycleStepDoc, type MembershipDoc, type Transaction } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { dueDate, nextStage, refuseStep } from './rules';

/** Records a step in one transaction, so two secretaries recording at once cannot skip a stage. */
export const advance: Handler<'lifecycle', 'advance'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const member = ctx.grant.doc;
  if (member.status !== 'active') throw new AppError('CONFLICT', '该党员的组织关系已不在本支部');
  const today = shanghaiDay(ctx.now);

  await ctx.db.runTransaction(async (t: Transaction) => {
    const current = (await t.collection('memberships').doc(member._id).get()).data;
    if (!current) throw new AppError('CONFLICT', '该党员的组织关系已变更，请刷新');
    const refusal = refuseStep(
      current.partyStage && current.stageSince ? { stage: current.partyStage, since: current.stageSince } : null,
      input.to,
      input.date,
      today,
    );
    if (refusal) throw new AppError('INVALID_INPUT', refusal);
    await t.collection('memberships').doc(member._id).update({ partyStage: input.to, stageSince: input.date });
    const step: Omit<LifecycleStepDoc, '_id'> = {
      memberId: member._id,
      orgId: member.orgId,
      stage: input.to,
      date: input.date,
      responsible: input.responsible || null,
      note: input.note || null,
      recordedBy: openid,
      recordedAt: ctx.now,
    };
    await t.collection('lifecycle_steps').add(step);
  });

  await audit(ctx, {
    orgId: member.orgId,
    action: 'lifecycle.advance',
    targetType: 'member',
    targetId: member._id,
    summary: `记录${member.name}于 ${input.date} 成为${PARTY_STAGE_LABEL[input.to]}`,
  });
  return { stage: input.to, since: input.date };
};

/**
 * A person's 发展历程: the steps recorded on any of their memberships (a transfer starts a new
 * membership in the receiving branch; the steps recorded by the sending branch stay part of it).
 */
async function timeline(ctx: HandlerContext, member: MembershipDoc) {
  const _ = ctx.db.command;
  const { data: theirs } = await col(ctx.db, 'memberships').where({ openid: member.openid }).limit(100).get();
  const memberIds = [...new Set([member._id, ...theirs.map((m) => m._id)])];
  const { data } = await col(ctx.db, 'lifecycle_steps')
    .where({ memberId: _.in(memberIds) })
    .orderBy('date', 'asc')
    .orderBy('recordedAt', 'asc')
    .limit(100)
    .get();
  const steps = data;
  const recorders = [...new Set(steps.map((s) => s.recordedBy))];
  const { data: names } = recorders.length
    ? await col(ctx.db, 'memberships')
        .where({ openid: _.in(recorders) })
        .limit(1000)
        .get()
    : { data: [] };
  const nameOf = new Map(names.map((m) => [m.openid, m.name]));
  return {
    current: member.partyStage && member.stageSince ? { stage: member.partyStage, since: member.stageSince } : null,
    steps: steps.map((s) => ({
      stage: s.stage,
      date: s.date,
      responsible: s.responsible,
      note: s.note,
      recordedByName: nameOf.get(s.recordedBy) ?? '上级党组织',
    })),
  };
}

export const history: Handler<'lifecycle', 'history'> = async (_input, ctx) => timeline(ctx, ctx.grant.doc);

/** The caller's own 发展历程, in the branch they belong to now. */
export const mine: Handler<'lifecycle', 'mine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(20).get();
  const active = data;
  const member = active.find((m) => m.partyStage) ?? active[0];
  return member ? timeline(ctx, member) : { current: null, steps: [] };
};

const DUE_WINDOW_DAYS = 30;

/** Who may take their next step within a month: 积极分子 and 预备党员 reaching their year, soonest first. */
export const due: Handler<'lifecycle', 'due'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const horizon = dayjs(shanghaiDay(ctx.now)).add(DUE_WINDOW_DAYS, 'day').format('YYYY-MM-DD');
  const { data } = await col(ctx.db, 'memberships')
    .where({ orgId: unit._id, status: 'active', partyStage: ctx.db.command.in(['activist', 'probationary']) })
    .limit(1000)
    .get();
  const members: DueStepView[] = data.flatMap((m) => {
    if (!m.partyStage || !m.stageSince) return [];
    const next = nextStage(m.partyStage);
    const when = dueDate(m.partyStage, m.stageSince);
    return next && when <= horizon
      ? [{ memberId: m._id, name: m.name, stage: m.partyStage, since: m.stageSince, next, dueDate: when }]
      : [];
  });
  return { members: members.sort((a, b) => a.dueDate.localeCompare(b.dueDate)) };
};
