import Taro from '@tarojs/taro';
import { api } from './api';
import { session } from './session';
import { pageUrl } from '../../typings/pages';

let handledLaunch = false;

/**
 * The CloudID of the WeChat group the app was opened from, if any. In WeChat, a launch from a group
 * chat carries a shareTicket and wx.getGroupEnterInfo gives the group's CloudID; in the local h5
 * build the dev page passes one made by the open-API stand-in as the `cloudID` parameter.
 * The home page asks once per launch; `always` asks again (a page opened straight from a card).
 */
export async function groupCloudID(params: Record<string, string | undefined>, options: { always?: boolean } = {}): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    if (handledLaunch && !options.always) return null;
    handledLaunch = true;
    const { shareTicket } = Taro.getEnterOptionsSync();
    if (!shareTicket) return null;
    try {
      const info = await Taro.getGroupEnterInfo({});
      return (info as { cloudID?: string }).cloudID ?? null;
    } catch {
      return null; // not opened from a group after all, or WeChat refused
    }
  }
  const cloudID = params['cloudID'];
  return cloudID ? decodeURIComponent(cloudID) : null;
}

/**
 * Opened from a group by someone who is not yet a member: send them to "apply to join" — that
 * group's branch when the group is bound, else the page that says the group is not bound yet and
 * what to do (not the home's "open it from the group card", which is what they just did).
 */
export async function routeGroupEntry(params: Record<string, string | undefined>): Promise<void> {
  const cloudID = await groupCloudID(params);
  if (!cloudID) return;
  const { landing } = await api.group.enter({ cloudID });
  const outsider = landing ? !landing.isMember : (await session()).memberships.length === 0;
  if (outsider) await Taro.redirectTo({ url: pageUrl('join', { cloudID }) });
}
