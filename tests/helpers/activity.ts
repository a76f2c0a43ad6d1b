import { nameKey } from '../../cloudfunctions/common/names';
import type { Runtime } from '../../local/runtime';

export const RD = 'org-xh-branch-rd';
export const MK = 'org-xh-branch-mk';
export const SECRETARY = { openid: 'demo-secretary' };

/** A settable clock for the runtime: tests move time forward to open check-in or pass a deadline. */
export function clock(start = '2026-12-01T01:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** An activity as the create form sends it (the first of December, 14:00-16:00 Beijing time, in the branch). */
export function activityInput(overrides: Record<string, unknown> = {}) {
  return {
    orgId: RD,
    type: 'theme_day',
    title: '十二月主题党日',
    description: '学习党的二十届四中全会精神',
    startAt: '2026-12-10T06:00:00.000Z',
    endAt: '2026-12-10T08:00:00.000Z',
    signupDeadline: '2026-12-09T10:00:00.000Z',
    place: '研发中心三楼会议室',
    capacity: null,
    audience: { kind: 'unit' },
    signupRequired: true,
    ...overrides,
  };
}

/** The same, as the edit form sends it for activity `id`. */
export function updateInput(id: string, overrides: Record<string, unknown> = {}) {
  const { orgId: _orgId, ...rest } = activityInput(overrides);
  return { ...rest, activityId: id };
}

export async function createActivity(rt: Runtime, overrides: Record<string, unknown> = {}, who = SECRETARY): Promise<string> {
  const res = await rt.invoke('activity', { action: 'create', data: activityInput(overrides) }, who);
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return (res.data as { id: string }).id;
}

/** `n` synthetic members added to a unit straight in the database (names like 党员0001); returns their openids. */
export async function addMembers(rt: Runtime, orgId: string, n: number, prefix = 'load'): Promise<string[]> {
  const openids: string[] = [];
  const docs = [];
  for (let i = 0; i < n; i += 1) {
    const openid = `${prefix}-${orgId}-${String(i).padStart(4, '0')}`;
    const name = `党员${String(i).padStart(4, '0')}`;
    openids.push(openid);
    docs.push({
      _id: `m-${prefix}-${orgId}-${i}`,
      openid,
      orgId,
      role: 'member',
      status: 'active',
      name,
      nameKey: nameKey(name),
      joinedAt: new Date('2025-01-01T00:00:00Z'),
    });
  }
  for (let i = 0; i < docs.length; i += 500) await rt.db.collection('memberships').add(docs.slice(i, i + 500));
  return openids;
}
