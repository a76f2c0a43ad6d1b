import { inShanghai } from '../../typings/time';
import { VOICE_RULES, type CandidateView, type VoteEditorCard } from '../../typings/voice';
import { audit } from '../common/audit';
import { audienceCount, audienceLabel, audienceMembers, expandAudience, inAudience } from '../common/audience';
import type { HandlerContext } from '../common/context';
import { col, isDuplicate, type CandidateDoc, type VoteDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { award, EVENT_KEYS } from '../common/points';
import { orgNames } from '../org/view';
import { randomId } from './anon';
import { iso, stateOf, writeAudience } from './audience';

type Ctx = Pick<HandlerContext, 'db' | 'now'>;
export const voterId = (voteId: string, openid: string) => `${voteId}~${openid}`;
const candidateId = (voteId: string, memberId: string) => `${voteId}~${memberId}`;

/** Candidates with their ranks: tallies only once the vote has closed, to everyone alike. */
function candidateViews(v: VoteDoc, list: CandidateDoc[], now: Date): CandidateView[] {
  const closed = stateOf(v, now) === 'closed';
  const approved = list.filter((c) => c.status === 'approved').sort((a, b) => b.votes - a.votes || a.name.localeCompare(b.name));
  const rank = new Map<string, number>();
  approved.forEach((c, i) => rank.set(c._id, i > 0 && approved[i - 1]!.votes === c.votes ? rank.get(approved[i - 1]!._id)! : i + 1));
  const ordered = closed ? [...approved, ...list.filter((c) => c.status !== 'approved')] : list;
  return ordered.map((c) => ({
    id: c._id,
    memberId: c.memberId,
    name: c.name,
    orgName: c.orgName,
    deed: c.deed,
    status: c.status,
    nominatedBy: c.proposedBy ? `${c.proposedBy}提名` : '支部提名',
    votes: closed && c.status === 'approved' ? c.votes : null,
    rank: closed ? (rank.get(c._id) ?? null) : null,
    winner: v.winners.includes(c.memberId),
  }));
}

async function candidatesOf(ctx: Ctx, voteId: string, approvedOnly: boolean): Promise<CandidateDoc[]> {
  const { data } = await col(ctx.db, 'vote_candidates')
    .where(approvedOnly ? { voteId, status: 'approved' } : { voteId })
    .orderBy('createdAt', 'asc')
    .limit(200)
    .get();
  return data;
}

async function editorCard(ctx: Ctx, v: VoteDoc): Promise<VoteEditorCard> {
  const [list, audienceSize] = await Promise.all([candidatesOf(ctx, v._id, false), audienceCount(ctx, v)]);
  return {
    id: v._id,
    title: v.title,
    state: stateOf(v, ctx.now),
    openAt: iso(v.openAt),
    closeAt: iso(v.closeAt)!,
    seats: v.seats,
    candidates: list.filter((c) => c.status === 'approved').length,
    pendingNominations: list.filter((c) => c.status === 'pending').length,
    turnout: v.turnout,
    audienceSize,
    audienceLabel: audienceLabel(v),
    finalized: Boolean(v.finalizedAt),
  };
}

export const votes: Handler<'voice', 'votes'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'votes').where({ orgId: ctx.grant.unit._id }).orderBy('createdAt', 'desc').limit(50).get();
  return { votes: await Promise.all(data.map((v) => editorCard(ctx, v))) };
};

export const saveVote: Handler<'voice', 'saveVote'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const v = input.vote;
  const existing = input.voteId ? (await col(ctx.db, 'votes').doc(input.voteId).get()).data[0] : undefined;
  if (input.voteId && (!existing || existing.orgId !== org._id)) throw new AppError('NOT_FOUND', '评选不存在');
  if (existing?.cancelledAt) throw new AppError('CONFLICT', '评选已撤回，不能再修改');
  if (existing && stateOf(existing, ctx.now) === 'closed') throw new AppError('CLOSED', '评选已经结束，不能再修改');
  const closeAt = new Date(v.closeAt);
  if (closeAt.getTime() <= ctx.now.getTime()) throw new AppError('INVALID_INPUT', '结束时间应晚于现在');
  if (v.maxChoices > VOICE_RULES.voteMaxCandidates) throw new AppError('INVALID_INPUT', '每人可投票数过多');
  if (existing && existing.turnout > 0) {
    const same =
      existing.anonymous === v.anonymous &&
      existing.maxChoices === v.maxChoices &&
      existing.seats === v.seats &&
      JSON.stringify(existing.audience) === JSON.stringify(v.audience) &&
      iso(existing.openAt) === (v.openAt ? new Date(v.openAt).toISOString() : null);
    if (!same) throw new AppError('CONFLICT', '已有党员投票：名额、每人票数、匿名方式、参与范围和开始时间不能再改');
  }
  const { orgIds, memberIds } = await expandAudience(ctx, org, v.audience);
  const id = existing?._id ?? randomId('vt');
  const doc: VoteDoc = {
    _id: id,
    orgId: org._id,
    title: v.title,
    intro: v.intro,
    seats: v.seats,
    maxChoices: v.maxChoices,
    anonymous: v.anonymous,
    memberNominations: v.memberNominations,
    openAt: v.openAt ? new Date(v.openAt) : null,
    closeAt,
    audience: v.audience,
    audienceOrgIds: orgIds,
    memberIds,
    createdBy: existing?.createdBy ?? ctx.caller.openid,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    cancelledAt: null,
    turnout: existing?.turnout ?? 0,
    finalizedAt: null,
    winners: [],
  };
  const { _id, turnout: _t, ...fields } = doc;
  // The running count is only ever incremented: an edit never writes it back.
  if (existing) await col(ctx.db, 'votes').doc(_id).update(fields);
  else
    await col(ctx.db, 'votes')
      .doc(_id)
      .set({ ...fields, turnout: 0 });
  await writeAudience(ctx, 'vote', doc);
  await audit(ctx, {
    orgId: org._id,
    action: existing ? 'voice.updateVote' : 'voice.createVote',
    targetType: 'vote',
    targetId: id,
    summary: `${existing ? '修改' : '发起'}评选「${v.title}」（${v.seats} 个名额，${inShanghai(closeAt).format('M月D日 HH:mm')} 截止）`,
  });
  return { voteId: id };
};

export const voteDraft: Handler<'voice', 'voteDraft'> = async (_input, ctx) => {
  const v = ctx.grant.doc;
  return {
    id: v._id,
    orgId: v.orgId,
    title: v.title,
    intro: v.intro,
    seats: v.seats,
    maxChoices: v.maxChoices,
    anonymous: v.anonymous,
    memberNominations: v.memberNominations,
    openAt: iso(v.openAt),
    closeAt: iso(v.closeAt)!,
    audience: v.audience,
    locked: v.turnout > 0,
    state: stateOf(v, ctx.now),
    candidates: candidateViews(v, await candidatesOf(ctx, v._id, false), ctx.now),
  };
};

export const cancelVote: Handler<'voice', 'cancelVote'> = async (_input, ctx) => {
  const v = ctx.grant.doc;
  if (v.finalizedAt) throw new AppError('CONFLICT', '评选结果已确认，不能撤回');
  if (!v.cancelledAt) {
    await col(ctx.db, 'votes').doc(v._id).update({ cancelledAt: ctx.now, updatedAt: ctx.now });
    await col(ctx.db, 'voice_audience').where({ refId: v._id }).remove();
    await audit(ctx, {
      orgId: v.orgId,
      action: 'voice.cancelVote',
      targetType: 'vote',
      targetId: v._id,
      summary: `撤回评选「${v.title}」`,
    });
  }
  return { cancelled: true };
};

/** A candidate: a member of the vote's audience, with their unit's name. */
async function nomineeOf(ctx: Ctx, v: VoteDoc, memberId: string) {
  const m = (await col(ctx.db, 'memberships').doc(memberId).get()).data[0];
  if (!m || !inAudience(v, m)) throw new AppError('INVALID_INPUT', '候选人应是参与评选范围内的在册党员');
  const names = await orgNames(ctx.db, [m.orgId]);
  return { m, orgName: names.get(m.orgId) ?? '' };
}

function assertNominating(v: VoteDoc, now: Date) {
  const state = stateOf(v, now);
  if (state === 'cancelled') throw new AppError('CONFLICT', '评选已撤回');
  if (state === 'closed') throw new AppError('CLOSED', '评选已经结束');
}

export const nominate: Handler<'voice', 'nominate'> = async (input, ctx) => {
  const v = ctx.grant.doc;
  assertNominating(v, ctx.now);
  const { m, orgName } = await nomineeOf(ctx, v, input.memberId);
  const id = candidateId(v._id, m._id);
  const before = (await col(ctx.db, 'vote_candidates').doc(id).get()).data[0];
  if (before?.status === 'approved') throw new AppError('CONFLICT', `${m.name}已是候选人`);
  if (!before && (await col(ctx.db, 'vote_candidates').where({ voteId: v._id }).count()).total >= VOICE_RULES.voteMaxCandidates) {
    throw new AppError('INVALID_INPUT', `最多 ${VOICE_RULES.voteMaxCandidates} 位候选人`);
  }
  const doc: Omit<CandidateDoc, '_id'> = {
    voteId: v._id,
    orgId: v.orgId,
    memberId: m._id,
    name: m.name,
    orgName,
    deed: input.deed,
    status: 'approved',
    proposedBy: null,
    proposerOpenid: null,
    votes: before?.votes ?? 0,
    createdAt: before?.createdAt ?? ctx.now,
  };
  await col(ctx.db, 'vote_candidates').doc(id).set(doc);
  return candidateViews(v, [{ _id: id, ...doc }], ctx.now)[0]!;
};

export const propose: Handler<'voice', 'propose'> = async (input, ctx) => {
  const v = ctx.grant.doc;
  if (!v.memberNominations) throw new AppError('FORBIDDEN', '这次评选由支部提名候选人');
  assertNominating(v, ctx.now);
  const { m, orgName } = await nomineeOf(ctx, v, input.memberId);
  const { total } = await col(ctx.db, 'vote_candidates').where({ voteId: v._id, proposerOpenid: ctx.caller.openid }).count();
  if (total >= 3) throw new AppError('RATE_LIMITED', '每人最多提名 3 位');
  const doc: CandidateDoc = {
    _id: candidateId(v._id, m._id),
    voteId: v._id,
    orgId: v.orgId,
    memberId: m._id,
    name: m.name,
    orgName,
    deed: input.deed,
    status: 'pending',
    proposedBy: ctx.grant.membership.name,
    proposerOpenid: ctx.caller.openid,
    votes: 0,
    createdAt: ctx.now,
  };
  try {
    await col(ctx.db, 'vote_candidates').add(doc);
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', `${m.name}已被提名`);
    throw e;
  }
  return candidateViews(v, [doc], ctx.now)[0]!;
};

export const reviewCandidate: Handler<'voice', 'reviewCandidate'> = async (input, ctx) => {
  const v = ctx.grant.doc;
  assertNominating(v, ctx.now);
  const c = (await col(ctx.db, 'vote_candidates').doc(input.candidateId).get()).data[0];
  if (!c || c.voteId !== v._id) throw new AppError('NOT_FOUND', '候选人不存在');
  if (input.decision === 'remove') {
    if (v.turnout > 0) throw new AppError('CONFLICT', '已有党员投票，候选人不能再移除');
    await col(ctx.db, 'vote_candidates').doc(c._id).remove();
    return { removed: true };
  }
  if (c.status !== 'pending') throw new AppError('CONFLICT', '这项提名已经审核过了');
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await col(ctx.db, 'vote_candidates').doc(c._id).update({ status });
  return candidateViews(v, [{ ...c, status }], ctx.now)[0]!;
};

export const vote: Handler<'voice', 'vote'> = async (_input, ctx) => {
  const v = ctx.grant.doc;
  const closed = stateOf(v, ctx.now) === 'closed';
  const [list, voted, names, mine, audienceSize] = await Promise.all([
    candidatesOf(ctx, v._id, true),
    col(ctx.db, 'vote_voters').doc(voterId(v._id, ctx.caller.openid)).get(),
    orgNames(ctx.db, [v.orgId]),
    col(ctx.db, 'vote_candidates').where({ voteId: v._id, proposerOpenid: ctx.caller.openid, status: 'pending' }).count(),
    closed || ctx.grant.leads ? audienceCount(ctx, v) : Promise.resolve(null),
  ]);
  return {
    id: v._id,
    orgName: names.get(v.orgId) ?? '',
    title: v.title,
    intro: v.intro,
    seats: v.seats,
    maxChoices: v.maxChoices,
    anonymous: v.anonymous,
    memberNominations: v.memberNominations,
    openAt: iso(v.openAt),
    closeAt: iso(v.closeAt)!,
    state: stateOf(v, ctx.now),
    voted: voted.data.length > 0,
    candidates: candidateViews(v, list, ctx.now),
    // Members learn the turnout with the results; the organisers follow it while the vote runs (never the tallies).
    turnout: closed || ctx.grant.leads ? v.turnout : null,
    audienceSize,
    finalized: Boolean(v.finalizedAt),
    myNominations: mine.total,
  };
};

export const nominees: Handler<'voice', 'nominees'> = async (_input, ctx) => {
  const v = ctx.grant.doc;
  const members = (await audienceMembers(ctx, v)).slice(0, 1000);
  const names = await orgNames(
    ctx.db,
    members.map((m) => m.orgId),
  );
  return {
    members: members
      .sort((a, b) => a.nameKey.localeCompare(b.nameKey))
      .map((m) => ({ memberId: m._id, name: m.name, orgName: names.get(m.orgId) ?? '' })),
  };
};

export const cast: Handler<'voice', 'cast'> = async (input, ctx) => {
  const v = ctx.grant.doc;
  const state = stateOf(v, ctx.now);
  if (state === 'scheduled') throw new AppError('NOT_OPEN', '投票还没有开始');
  if (state !== 'open') throw new AppError('CLOSED', '投票已经结束');
  const choices = [...new Set(input.candidateIds)];
  if (choices.length !== input.candidateIds.length) throw new AppError('INVALID_INPUT', '同一位候选人只能投一票');
  if (choices.length > v.maxChoices) throw new AppError('INVALID_INPUT', `每人最多选 ${v.maxChoices} 位`);
  const _ = ctx.db.command;
  const { data: found } = await col(ctx.db, 'vote_candidates')
    .where({ _id: _.in(choices), voteId: v._id, status: 'approved' })
    .field({ _id: true })
    .limit(choices.length)
    .get();
  if (found.length !== choices.length) throw new AppError('INVALID_INPUT', '所选的人不在候选人名单中');
  const { openid } = ctx.caller;
  // 1. That the caller voted, alone in its request: its id refuses a second ballot, however concurrent.
  try {
    await col(ctx.db, 'vote_voters').add({ _id: voterId(v._id, openid), voteId: v._id, openid });
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('CONFLICT', '你已经投过票了');
    throw e;
  }
  try {
    // 2. The ballot: a random id; anonymous, nothing of who cast it, and no time.
    await col(ctx.db, 'vote_ballots').add({
      _id: randomId('vb'),
      voteId: v._id,
      choices,
      memberId: v.anonymous ? null : ctx.grant.membership._id,
      name: v.anonymous ? null : ctx.grant.membership.name,
    });
  } catch (e) {
    await col(ctx.db, 'vote_voters').doc(voterId(v._id, openid)).remove();
    throw e;
  }
  // 3. The running counts: atomic increments, so concurrent ballots never lose one.
  await Promise.all([
    col(ctx.db, 'vote_candidates')
      .where({ _id: _.in(choices) })
      .update({ votes: _.inc(1) }),
    col(ctx.db, 'votes')
      .doc(v._id)
      .update({ turnout: _.inc(1) }),
  ]);
  await award(ctx, openid, { rule: 'voice', key: EVENT_KEYS.vote(v._id, openid), title: `参与评选「${v.title}」` });
  return { cast: true };
};

export const finalizeVote: Handler<'voice', 'finalizeVote'> = async (input, ctx) => {
  const v = ctx.grant.doc;
  const state = stateOf(v, ctx.now);
  if (state === 'cancelled') throw new AppError('CONFLICT', '评选已撤回');
  if (state !== 'closed') throw new AppError('NOT_OPEN', '评选结束后才能确认结果');
  if (v.finalizedAt) throw new AppError('CONFLICT', '评选结果已经确认过了');
  const chosen = [...new Set(input.candidateIds)];
  if (chosen.length > v.seats) throw new AppError('INVALID_INPUT', `最多 ${v.seats} 个名额`);
  const list = await candidatesOf(ctx, v._id, true);
  const winners = list.filter((c) => chosen.includes(c._id));
  if (winners.length !== chosen.length) throw new AppError('INVALID_INPUT', '所选的人不在候选人名单中');
  const _ = ctx.db.command;
  const { data: memberships } = await col(ctx.db, 'memberships')
    .where({ _id: _.in(winners.map((w) => w.memberId)) })
    .limit(50)
    .get();
  const { data: orgs } = await col(ctx.db, 'orgs')
    .where({ _id: _.in(memberships.map((m) => m.orgId)) })
    .limit(50)
    .get();
  const year = Number(inShanghai(v.closeAt).format('YYYY'));
  for (const w of winners) {
    const m = memberships.find((x) => x._id === w.memberId);
    if (!m) continue;
    const unit = orgs.find((o) => o._id === m.orgId);
    await col(ctx.db, 'honours')
      .doc(`${v._id}~${m._id}`)
      .set({
        orgId: v.orgId,
        memberId: m._id,
        openid: m.openid,
        name: m.name,
        orgName: w.orgName,
        units: [...new Set([m.orgId, ...(unit?.path ?? []), v.orgId])],
        title: v.title,
        year,
        deed: w.deed,
        source: 'vote',
        refId: v._id,
        at: ctx.now,
      });
  }
  await col(ctx.db, 'votes')
    .doc(v._id)
    .update({ finalizedAt: ctx.now, winners: winners.map((w) => w.memberId), updatedAt: ctx.now });
  await audit(ctx, {
    orgId: v.orgId,
    action: 'voice.finalizeVote',
    targetType: 'vote',
    targetId: v._id,
    summary: `确认评选「${v.title}」结果：${winners.map((w) => w.name).join('、') || '无'}`,
  });
  return { honours: winners.length };
};
