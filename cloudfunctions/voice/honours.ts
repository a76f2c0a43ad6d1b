import type { HonourView } from '../../typings/voice';
import { audit } from '../common/audit';
import { activeMemberships } from '../common/authz';
import type { HandlerContext } from '../common/context';
import { col, type HonourDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { orgNames } from '../org/view';
import { randomId } from './anon';

const viewOf = (h: HonourDoc): HonourView => ({
  id: h._id,
  memberId: h.memberId,
  name: h.name,
  orgName: h.orgName,
  title: h.title,
  year: h.year,
  deed: h.deed,
  source: h.source,
  at: new Date(h.at).toISOString(),
});

const newestFirst = (a: HonourDoc, b: HonourDoc) => b.year - a.year || new Date(b.at).getTime() - new Date(a.at).getTime();

/** A person's honours, for their archive (their own, and their unit's leaders'). */
export async function honoursOf(ctx: Pick<HandlerContext, 'db'>, openid: string): Promise<HonourView[]> {
  const { data } = await col(ctx.db, 'honours').where({ openid }).limit(100).get();
  return data.sort(newestFirst).map(viewOf);
}

export const showcase: Handler<'voice', 'showcase'> = async (input, ctx) => {
  const [unit, memberships] = await Promise.all([col(ctx.db, 'orgs').doc(input.orgId).get(), activeMemberships(ctx.db, ctx.caller.openid)]);
  const org = unit.data[0];
  // Members see the showcase of their unit, of the units above it, and of those below: where the honours are theirs to see.
  const mine = new Set(memberships.map((m) => m.orgId));
  const { data: their } = mine.size
    ? await col(ctx.db, 'orgs')
        .where({ _id: ctx.db.command.in([...mine]) })
        .limit(50)
        .get()
    : { data: [] };
  const above = new Set(their.flatMap((o) => o.path));
  if (!org || !(mine.has(org._id) || above.has(org._id) || org.path.some((id) => mine.has(id)))) {
    throw new AppError('FORBIDDEN', '只能查看本组织及上下级组织的优秀党员风采');
  }
  const [{ data: honours }, { data: rows }] = await Promise.all([
    col(ctx.db, 'honours').where({ units: org._id }).orderBy('year', 'desc').limit(200).get(),
    col(ctx.db, 'post_audience')
      .where({ key: `org:${org._id}`, kind: 'pioneer', publishAt: ctx.db.command.lte(ctx.now) })
      .orderBy('publishAt', 'desc')
      .limit(10)
      .get(),
  ]);
  return {
    orgId: org._id,
    orgName: org.name,
    honours: honours.sort(newestFirst).map(viewOf),
    stories: rows.map((r) => ({ id: r.postId, title: r.title, publishAt: new Date(r.publishAt).toISOString(), cover: null })),
  };
};

export const addHonour: Handler<'voice', 'addHonour'> = async (input, ctx) => {
  const m = ctx.grant.doc;
  if (m.status !== 'active') throw new AppError('CONFLICT', '只能给在册党员记录荣誉');
  const unit = ctx.grant.unit;
  const names = await orgNames(ctx.db, [m.orgId]);
  const doc: HonourDoc = {
    _id: randomId('hn'),
    orgId: unit._id,
    memberId: m._id,
    openid: m.openid,
    name: m.name,
    orgName: names.get(m.orgId) ?? '',
    units: [...new Set([m.orgId, ...unit.path])],
    title: input.title,
    year: input.year,
    deed: input.deed,
    source: 'manual',
    refId: null,
    at: ctx.now,
  };
  await col(ctx.db, 'honours').add(doc);
  await audit(ctx, {
    orgId: unit._id,
    action: 'voice.addHonour',
    targetType: 'member',
    targetId: m._id,
    summary: `记录 ${m.name} 的荣誉「${input.year} 年${input.title}」`,
  });
  return viewOf(doc);
};

export const removeHonour: Handler<'voice', 'removeHonour'> = async (_input, ctx) => {
  const h = ctx.grant.doc;
  await col(ctx.db, 'honours').doc(h._id).remove();
  await audit(ctx, {
    orgId: h.orgId,
    action: 'voice.removeHonour',
    targetType: 'member',
    targetId: h.memberId,
    summary: `删除 ${h.name} 的荣誉「${h.year} 年${h.title}」`,
  });
  return { removed: true };
};
