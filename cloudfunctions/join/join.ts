import type { Db } from '@cloudbase/database';
import type { JoinRequestView, RosterMatchView } from '../../typings/domain';
import { audit } from '../common/audit';
import { type HandlerContext } from '../common/context';
import {
  col,
  isDuplicate,
  membershipIdFor,
  pendingKey,
  type ArchiveDoc,
  type JoinRequestDoc,
  type MembershipDoc,
  type OrgDoc,
  type Transaction,
} from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { nameKey } from '../common/names';
import { decrypt, mask } from '../common/pii';
import { send } from '../common/outbox';
import { orgNames } from '../org/view';
import { pagePath } from '../../typings/pages';

export function toView(r: JoinRequestDoc, orgName: string): JoinRequestView {
  return {
    id: r._id,
    orgId: r.orgId,
    orgName,
    name: r.name,
    note: r.note,
    via: r.via,
    status: r.status,
    reason: r.reason,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  };
}

async function views(db: Db, rows: JoinRequestDoc[]): Promise<JoinRequestView[]> {
  const names = await orgNames(
    db,
    rows.map((r) => r.orgId),
  );
  return rows.map((r) => toView(r, names.get(r.orgId) ?? ''));
}

export async function pendingOf(ctx: HandlerContext, orgId: string, openid: string): Promise<JoinRequestDoc | undefined> {
  const { data } = await col(ctx.db, 'join_requests')
    .where({ pendingKey: pendingKey(orgId, openid) })
    .limit(1)
    .get();
  return data[0];
}

/** The caller's active membership in a branch (or a 党小组 in one), with the branch's name, if they have one. */
async function branchMembership(ctx: HandlerContext, memberships: MembershipDoc[]): Promise<OrgDoc | null> {
  if (!memberships.length) return null;
  const { data } = await col(ctx.db, 'orgs')
    .where({ _id: ctx.db.command.in(memberships.map((m) => m.orgId)), type: ctx.db.command.in(['branch', 'group']) })
    .limit(1)
    .get();
  return data[0] ?? null;
}

export const apply: Handler<'join', 'apply'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const [found, held] = await Promise.all([
    col(ctx.db, 'orgs').doc(input.orgId).get(),
    col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(100).get(),
  ]);
  const org = found.data[0];
  // A unit that is not a branch (a 党委, a 党小组) is answered like one that does not exist: only branches take applications.
  if (!org || org.type !== 'branch') throw new AppError('NOT_FOUND', '没有找到这个支部');
  const memberships = held.data;
  if (memberships.some((m) => m.orgId === org._id)) throw new AppError('CONFLICT', '你已经是该支部的党员');
  // A party member belongs to one branch: moving to another is a transfer, which both branches agree to.
  const home = await branchMembership(ctx, memberships);
  if (home) throw new AppError('CONFLICT', `你已是「${home.name}」的党员；转到其他支部，请在“我的 → 组织关系转接”中申请`);

  const existing = await pendingOf(ctx, org._id, openid);
  if (existing) return toView(existing, org.name);
  const doc: Omit<JoinRequestDoc, '_id'> = {
    openid,
    orgId: org._id,
    name: input.name,
    note: input.note || null,
    via: input.via,
    status: 'pending',
    pendingKey: pendingKey(org._id, openid),
    reason: null,
    createdAt: ctx.now,
    decidedAt: null,
    decidedBy: null,
  };
  try {
    const { id } = await col(ctx.db, 'join_requests').add(doc);
    // Someone who has not given their name yet has now: the app stops asking for it.
    await col(ctx.db, 'users').where({ openid, nickname: '' }).update({ nickname: input.name });
    return toView({ _id: id, ...doc }, org.name);
  } catch (e) {
    // Two taps at once: the unique pending key let one through; that one is the request.
    const winner = isDuplicate(e) ? await pendingOf(ctx, org._id, openid) : undefined;
    if (!winner) throw e;
    return toView(winner, org.name);
  }
};

export const mine: Handler<'join', 'mine'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const { data } = await col(ctx.db, 'join_requests').where({ openid }).orderBy('createdAt', 'desc').limit(50).get();
  return { requests: await views(ctx.db, data) };
};

export const cancel: Handler<'join', 'cancel'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const r = (await col(ctx.db, 'join_requests').doc(input.requestId).get()).data[0];
  if (!r || r.openid !== openid) throw new AppError('NOT_FOUND', '没有找到这条申请');
  if (r.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，不能撤回');
  const { updated } = await col(ctx.db, 'join_requests')
    .where({ _id: r._id, status: 'pending' })
    .update({ status: 'cancelled', decidedAt: ctx.now, pendingKey: `closed|${r._id}` });
  if (updated === 0) throw new AppError('CONFLICT', '该申请已处理，不能撤回');
  return toView({ ...r, status: 'cancelled', decidedAt: ctx.now }, (await orgNames(ctx.db, [r.orgId])).get(r.orgId) ?? '');
};

export const inbox: Handler<'join', 'inbox'> = async (_input, ctx) => {
  const unit = ctx.grant.unit;
  const { data } = await col(ctx.db, 'join_requests')
    .where({ orgId: unit._id, status: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get();
  const requests = data;
  const matches = await rosterMatches(ctx, unit._id, requests);
  return { requests: (await views(ctx.db, requests)).map((v) => ({ ...v, rosterMatches: matches.get(v.id) ?? [] })) };
};

/**
 * Imported roster entries (未使用支部通) of the unit that may be each applicant: the same name, or the
 * same phone or ID number as the applicant put in their archive (compared by keyed hash).
 */
async function rosterMatches(ctx: HandlerContext, orgId: string, requests: JoinRequestDoc[]): Promise<Map<string, RosterMatchView[]>> {
  const out = new Map<string, RosterMatchView[]>();
  if (requests.length === 0) return out;
  const _ = ctx.db.command;
  const { data: applicantRows } = await col(ctx.db, 'archives')
    .where({ openid: _.in(requests.map((r) => r.openid)) })
    .limit(100)
    .get();
  const applicants = new Map(applicantRows.map((a) => [a.openid, a]));
  const hashes = (field: 'phoneHash' | 'idCardHash') => [...applicants.values()].flatMap((a) => (a[field] ? [a[field]] : []));
  const byHash: ArchiveDoc[] = [];
  for (const field of ['phoneHash', 'idCardHash'] as const) {
    const wanted = hashes(field);
    if (wanted.length === 0) continue;
    const { data: rows } = await col(ctx.db, 'archives')
      .where({ [field]: _.in(wanted) })
      .limit(100)
      .get();
    byHash.push(...rows.filter((a) => a.openid.startsWith('roster:')));
  }
  const { data: rosterRows } = await col(ctx.db, 'memberships')
    .where(
      _.and([
        { orgId, status: 'active', roster: true },
        _.or([{ name: _.in([...new Set(requests.map((r) => r.name))]) }, { openid: _.in(byHash.map((a) => a.openid)) }]),
      ]),
    )
    .limit(100)
    .get();
  const roster = rosterRows;
  if (roster.length === 0) return out;
  const { data: rosterArchiveRows } = await col(ctx.db, 'archives')
    .where({ openid: _.in(roster.map((m) => m.openid)) })
    .limit(100)
    .get();
  const rosterArchives = new Map(rosterArchiveRows.map((a) => [a.openid, a]));
  const keys = ctx.keys();
  for (const r of requests) {
    const mine = applicants.get(r.openid);
    const found: RosterMatchView[] = [];
    for (const m of roster) {
      const theirs = rosterArchives.get(m.openid);
      const by =
        mine?.idCardHash && mine.idCardHash === theirs?.idCardHash
          ? 'idCard'
          : mine?.phoneHash && mine.phoneHash === theirs?.phoneHash
            ? 'phone'
            : m.name === r.name
              ? 'name'
              : null;
      if (!by) continue;
      found.push({
        memberId: m._id,
        name: m.name,
        phoneMasked: theirs?.phoneEnc ? mask('phone', decrypt(keys, theirs.phoneEnc)) : null,
        partyStage: m.partyStage ?? null,
        by,
      });
    }
    out.set(r._id, found);
  }
  return out;
}

/**
 * Decides a request in one transaction: a request is decided once, however many secretaries tap at
 * the same moment, and an approval creates (or reactivates) the membership with it.
 */
export const review: Handler<'join', 'review'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const unit = ctx.grant.unit;
  const request = ctx.grant.doc;
  const reason = input.reason || null;
  if (!input.approve && !reason) throw new AppError('INVALID_INPUT', '请填写不通过的原因，申请人会看到它');

  if (input.rosterMemberId && !input.approve) throw new AppError('INVALID_INPUT', '只有通过申请时才能关联名册记录');
  const { data: held } = await col(ctx.db, 'memberships').where({ openid: request.openid, orgId: unit._id }).limit(1).get();
  const existing = held[0];
  const membershipId = existing?._id ?? membershipIdFor(unit._id, request.openid);
  const status = input.approve ? 'approved' : 'rejected';
  const claim = input.rosterMemberId ? await claimPlan(ctx, unit._id, input.rosterMemberId, request.openid, existing) : null;

  await ctx.db.runTransaction(async (t: Transaction) => {
    const current = (await t.collection('join_requests').doc(request._id).get()).data;
    if (!current || current.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    await t
      .collection('join_requests')
      .doc(request._id)
      .update({ status, reason, decidedAt: ctx.now, decidedBy: openid, pendingKey: `closed|${request._id}` });
    if (claim) {
      await claimInTransaction(t, claim, request.openid, ctx.now);
    } else if (input.approve) {
      const m = (await t.collection('memberships').doc(membershipId).get()).data;
      if (m?.status !== 'active') {
        const membership: Omit<MembershipDoc, '_id'> = {
          openid: request.openid,
          orgId: unit._id,
          role: m?.role ?? 'member',
          status: 'active',
          name: request.name,
          nameKey: nameKey(request.name),
          joinedAt: ctx.now,
        };
        await t.collection('memberships').doc(membershipId).set(membership);
      }
    }
  });

  await audit(ctx, {
    orgId: unit._id,
    action: input.approve ? 'join.approve' : 'join.reject',
    targetType: 'join_request',
    targetId: request._id,
    summary: !input.approve
      ? `未通过${request.name}的入支部申请：${reason}`
      : claim
        ? `通过了${request.name}的入支部申请，并关联名册中的「${claim.roster.name}」`
        : `通过了${request.name}的入支部申请`,
  });
  await notify(ctx, request._id, request.openid, unit.name, input.approve, reason);
  return toView({ ...request, status, reason, decidedAt: ctx.now, decidedBy: openid }, unit.name);
};

interface ClaimPlan {
  roster: MembershipDoc;
  rosterArchive: ArchiveDoc | undefined;
  applicantArchive: ArchiveDoc | undefined;
}

/** Checks that the roster entry can be taken over by the applicant, and reads both archives. */
async function claimPlan(
  ctx: HandlerContext,
  orgId: string,
  rosterMemberId: string,
  applicant: string,
  existing: MembershipDoc | undefined,
): Promise<ClaimPlan> {
  const roster = (await col(ctx.db, 'memberships').doc(rosterMemberId).get()).data[0];
  if (!roster || roster.orgId !== orgId || !roster.roster || roster.status !== 'active') {
    throw new AppError('INVALID_INPUT', '名册中没有这条记录，或它已被认领');
  }
  if (existing) throw new AppError('INVALID_INPUT', '该申请人曾在本支部登记，不能再关联名册记录');
  const archiveOf = async (openid: string) => (await col(ctx.db, 'archives').where({ openid }).limit(1).get()).data[0];
  return { roster, rosterArchive: await archiveOf(roster.openid), applicantArchive: await archiveOf(applicant) };
}

/**
 * The roster entry becomes the applicant's membership (keeping its id, stage and 发展 steps); the
 * roster archive fills what the applicant's own archive does not have, then goes.
 */
async function claimInTransaction(t: Transaction, plan: ClaimPlan, applicant: string, now: Date): Promise<void> {
  const m = (await t.collection('memberships').doc(plan.roster._id).get()).data;
  if (!m || !m.roster || m.status !== 'active') throw new AppError('CONFLICT', '该名册记录已被认领');
  const { _id: _ignored, roster: _wasRoster, ...rest } = m;
  await t
    .collection('memberships')
    .doc(plan.roster._id)
    .set({ ...rest, openid: applicant });
  const { rosterArchive, applicantArchive } = plan;
  if (!rosterArchive) return;
  if (applicantArchive) {
    const { _id: _r, openid: _o, updatedAt: _u, ...fromRoster } = rosterArchive;
    const { _id: _a, openid: _ao, updatedAt: _au, ...own } = applicantArchive;
    await t
      .collection('archives')
      .doc(applicantArchive._id)
      .update({ ...fromRoster, ...own, updatedAt: now });
    await t.collection('archives').doc(rosterArchive._id).remove();
  } else {
    const { _id: _r, ...doc } = rosterArchive;
    await t
      .collection('archives')
      .doc(rosterArchive._id)
      .set({ ...doc, openid: applicant, updatedAt: now });
  }
}

/** A subscribe message with the result (once per request); a member who did not subscribe simply gets none. */
async function notify(
  ctx: HandlerContext,
  requestId: string,
  touser: string,
  unitName: string,
  approved: boolean,
  reason: string | null,
): Promise<void> {
  await send(ctx, [
    {
      id: `joinResult~${requestId}`,
      template: 'joinResult',
      message: {
        touser,
        page: pagePath(approved ? 'home' : 'join'),
        data: {
          thing1: { value: unitName.slice(0, 20) },
          phrase2: { value: approved ? '已通过' : '未通过' },
          thing3: { value: (approved ? '欢迎加入支部' : (reason ?? '')).slice(0, 20) },
        },
      },
    },
  ]);
}
