import type { Runtime } from '../../local/runtime';
import { seedDemo } from '../../local/seed';
import { COMMUNITY_BRANCH, COMMUNITY_SECRETARY, RESIDENT, seedCommunity } from '../../local/seed-service';
import type { ServiceProjectView } from '../../typings/service';
import { ok, seededRuntime } from './runtime';

export { COMMUNITY_BRANCH };
export const RD = 'org-xh-branch-rd';
export const MK = 'org-xh-branch-mk';
export const SECRETARY = { openid: 'demo-secretary' };
export const COMMITTEE = { openid: 'demo-committee' };
export const OTHER_SECRETARY = { openid: 'demo-secretary-2' };
export const ADMIN = { openid: 'demo-admin' };
export const COMMUNITY_SEC = { openid: COMMUNITY_SECRETARY };
/** A resident who consented to the privacy notice (seeded). */
export const RESIDENT_ID = { openid: RESIDENT };
export const rdMember = (i: number) => ({ openid: `demo-member-${String(i).padStart(2, '0')}` });
export const rdMembership = (i: number) => `m-demo-${String(i + 4).padStart(3, '0')}`;
export const CONTACT = { name: '赵桂兰', phone: '13800001234' };

/** The demo organisation with the community (星光社区) and a consented resident. */
export function serviceRuntime(now: () => Date): Promise<Runtime> {
  return seededRuntime('service', now, async (rt) => {
    await seedDemo(rt.db, now());
    await seedCommunity(rt, now());
  });
}

const HOUR = 3_600_000;

/** A project of `orgId` by its secretary: slots starting `startsIn` ms from now, each `hours` long, with `capacity` places. */
export async function createProject(
  rt: Runtime,
  now: Date,
  options: {
    orgId?: string;
    public?: boolean;
    startsIn?: number[];
    hours?: number;
    capacity?: number | null;
    by?: { openid: string };
  } = {},
): Promise<{ projectId: string; slotIds: string[] }> {
  const starts = options.startsIn ?? [2 * HOUR];
  const { projectId } = await ok<{ projectId: string }>(
    rt,
    'service',
    'saveProject',
    {
      orgId: options.orgId ?? RD,
      project: {
        title: '社区义务理发',
        description: '为老人义务理发。',
        place: '党群服务中心',
        public: options.public ?? true,
        slots: starts.map((ms) => ({
          startAt: new Date(now.getTime() + ms).toISOString(),
          endAt: new Date(now.getTime() + ms + (options.hours ?? 2) * HOUR).toISOString(),
          capacity: options.capacity === undefined ? 10 : options.capacity,
        })),
      },
    },
    options.by ?? SECRETARY,
  );
  const view = await ok<ServiceProjectView>(rt, 'service', 'project', { projectId }, options.by ?? SECRETARY);
  return { projectId, slotIds: view.slots.map((s) => s.id) };
}

/** A wish of the resident to `orgId`, published by `reviewer`. */
export async function publishedWish(rt: Runtime, orgId = COMMUNITY_BRANCH, reviewer = COMMUNITY_SEC): Promise<string> {
  const { wishId } = await ok<{ wishId: string }>(
    rt,
    'service',
    'postWish',
    { orgId, title: '楼道灯坏了', content: '三楼楼道灯坏了，想请人帮忙换灯泡。', contact: CONTACT },
    RESIDENT_ID,
  );
  await ok(rt, 'service', 'reviewWish', { wishId, decision: 'publish' }, reviewer);
  return wishId;
}
