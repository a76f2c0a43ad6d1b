import { createHash } from 'node:crypto';
import { inShanghai } from '../../typings/time';
import type { HandlerContext } from '../common/context';
import type { ActivityDoc } from '../common/db';
import { send } from '../common/outbox';
import { pageLink } from '../../typings/pages';

/**
 * A one-time subscribe message about an activity to each member (changes, cancellation, a seat
 * from the waitlist, the record now due), through the outbox. `why` keys the message: the same
 * one is never queued twice (by default, this call's moment and the note). Members who did not subscribe get
 * none; a failed send never fails the action.
 */
export async function notifyMembers(
  ctx: Pick<HandlerContext, 'openapi' | 'log' | 'templates' | 'db' | 'now'>,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'place'>,
  openids: string[],
  note: string,
  why = `${ctx.now.getTime()}-${createHash('sha1').update(note).digest('hex').slice(0, 10)}`,
  page = pageLink('activityDetail', { id: activity._id }),
): Promise<void> {
  await send(
    ctx,
    [...new Set(openids)].map((touser) => ({
      id: `activityNotice~${activity._id}~${why}~${touser}`,
      template: 'activityNotice',
      message: {
        touser,
        page,
        data: {
          thing1: { value: activity.title.slice(0, 20) },
          time2: { value: inShanghai(activity.startAt).format('YYYY年M月D日 HH:mm') },
          thing3: { value: activity.place.slice(0, 20) },
          thing4: { value: note.slice(0, 20) },
        },
      },
    })),
  );
}
