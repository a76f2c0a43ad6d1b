import type { JoinLanding } from '../../typings/domain';
import type { HandlerContext } from '../common/context';
import { col, type OrgDoc } from '../common/db';
import { memberCounts } from '../org/view';
import { pendingOf, toView } from './join';

/** The branch a group, card or QR code points to, and where the caller stands with it. */
export async function landingFor(ctx: HandlerContext, org: OrgDoc, openid: string): Promise<JoinLanding> {
  const [parent, counts, mine, pending] = await Promise.all([
    org.parentId ? col(ctx.db, 'orgs').doc(org.parentId).get() : Promise.resolve({ data: [] }),
    memberCounts(ctx.db, [org._id]),
    col(ctx.db, 'memberships').where({ openid, orgId: org._id, status: 'active' }).count(),
    pendingOf(ctx, org._id, openid),
  ]);
  return {
    branch: {
      id: org._id,
      name: org.name,
      parentName: parent.data[0]?.name ?? null,
      memberCount: counts.get(org._id) ?? 0,
    },
    isMember: mine.total > 0,
    pendingRequest: pending ? toView(pending, org.name) : null,
  };
}
