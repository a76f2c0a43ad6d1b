import { audienceKeys } from '../activity/view';
import type { HandlerContext } from '../common/context';
import { col, type SurveyDoc, type VoiceAudienceDoc } from '../common/db';

/** A survey or vote without a close stays in members' lists: its rows sort as closing far in the future. */
const NEVER = new Date('9999-12-31T00:00:00.000Z');

export type VoiceState = 'scheduled' | 'open' | 'closed' | 'cancelled';

/** Where a survey or vote stands at `now`. */
export function stateOf(d: { openAt: Date | null; closeAt: Date | null; cancelledAt: Date | null }, now: Date): VoiceState {
  if (d.cancelledAt) return 'cancelled';
  if (d.closeAt && now.getTime() >= new Date(d.closeAt).getTime()) return 'closed';
  if (d.openAt && now.getTime() < new Date(d.openAt).getTime()) return 'scheduled';
  return 'open';
}

/** Writes a survey's, vote's or topic's audience rows afresh (what members' 心声 lists and to-do lists read). */
export async function writeAudience(
  ctx: Pick<HandlerContext, 'db'>,
  kind: VoiceAudienceDoc['kind'],
  d: Pick<SurveyDoc, '_id' | 'title' | 'anonymous' | 'openAt' | 'closeAt' | 'audienceOrgIds' | 'memberIds'>,
): Promise<void> {
  await col(ctx.db, 'voice_audience').where({ refId: d._id }).remove();
  await col(ctx.db, 'voice_audience').add(
    audienceKeys({ orgIds: d.audienceOrgIds, memberIds: d.memberIds }).map((key) => ({
      _id: `${d._id}~${key}`,
      kind,
      refId: d._id,
      key,
      title: d.title,
      anonymous: d.anonymous,
      openAt: d.openAt,
      closeAt: d.closeAt ?? NEVER,
    })),
  );
}

export const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
