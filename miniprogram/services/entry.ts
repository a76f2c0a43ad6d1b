import Taro from '@tarojs/taro';
import { api } from './api';

let handledLaunch = false;

/**
 * The CloudID of the WeChat group the app was opened from, if any. In WeChat, a launch from a group
 * chat carries a shareTicket and wx.getGroupEnterInfo gives the group's CloudID (once per launch); in
 * the local h5 build the dev page passes one made by the open-API stand-in as the `cloudID` parameter.
 */
async function groupCloudID(params: Record<string, string | undefined>): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    if (handledLaunch) return null;
    handledLaunch = true;
    const { shareTicket } = Taro.getEnterOptionsSync();
    if (!shareTicket) return null;
    const info = await Taro.getGroupEnterInfo({});
    return (info as { cloudID?: string }).cloudID ?? null;
  }
  const cloudID = params['cloudID'];
  return cloudID ? decodeURIComponent(cloudID) : null;
}

/** Opened from a bound group by someone who is not yet a member: send them to "apply to join". */
export async function routeGroupEntry(params: Record<string, string | undefined>): Promise<void> {
  const cloudID = await groupCloudID(params);
  if (!cloudID) return;
  const { landing } = await api.group.enter({ cloudID });
  if (landing && !landing.isMember) await Taro.redirectTo({ url: `/pages/join/index?cloudID=${encodeURIComponent(cloudID)}` });
}
