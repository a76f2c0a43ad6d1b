import { inShanghai } from '../../typings/time';
import type { HandlerContext } from '../common/context';
import type { ActivityDoc } from '../common/db';
import { sendSubscribe } from '../common/subscribe';

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
  for (const touser of new Set(openids)) {
    await sendSubscribe(ctx, 'activityNotice', {
      touser,
      page: `pages/activity/detail/index?id=${activity._id}`,
      data: {
        thing1: { value: activity.title.slice(0, 20) },
        time2: { value: inShanghai(activity.startAt).format('YYYY年M月D日 HH:mm') },
        thing3: { value: activity.place.slice(0, 20) },
        thing4: { value: note.slice(0, 20) },
      },
    });
  }
}
