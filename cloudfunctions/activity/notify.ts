import { inShanghai } from '../../typings/time';
import type { HandlerContext } from '../common/context';
import type { ActivityDoc } from '../common/db';

/**
 * A one-time subscribe message about an activity to each member (changes, cancellation, a seat
 * from the waitlist). Members who did not subscribe get none; a failed send never fails the action.
 */
export async function notifyMembers(
  ctx: Pick<HandlerContext, 'openapi' | 'log' | 'templates'>,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'place'>,
  openids: string[],
  note: string,
): Promise<void> {
  const templateId = ctx.templates().activityNotice;
  if (!templateId) return;
  for (const touser of new Set(openids)) {
    if (touser.startsWith('roster:')) continue;
    try {
      await ctx.openapi.sendSubscribeMessage({
        touser,
        templateId,
        page: `pages/activity/detail/index?id=${activity._id}`,
        data: {
          thing1: { value: activity.title.slice(0, 20) },
          time2: { value: inShanghai(activity.startAt).format('YYYY年M月D日 HH:mm') },
          thing3: { value: activity.place.slice(0, 20) },
          thing4: { value: note.slice(0, 20) },
        },
      });
    } catch (err) {
      ctx.log.warn('subscribe_message_failed', { template: 'activityNotice', error: err instanceof Error ? err.message : String(err) });
    }
  }
}
