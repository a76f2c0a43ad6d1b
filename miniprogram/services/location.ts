import Taro from '@tarojs/taro';

export interface Spot {
  latitude: number;
  longitude: number;
}

/** Five decimals is about a metre: plenty for a check-in radius of 100 m and up. */
const round = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * Where the phone is. WeChat gives the GCJ-02 coordinates its map picker uses too; a browser has only
 * WGS-84 (Taro's h5 getLocation refuses anything else), which the local h5 build uses on both sides.
 */
export async function currentSpot(): Promise<Spot> {
  const { latitude, longitude } = await Taro.getLocation({
    type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84',
    isHighAccuracy: true,
  });
  return { latitude: round(latitude), longitude: round(longitude) };
}

/** A spot the organiser picks: on WeChat's map, or (in a browser, which has no map picker) where they stand. */
export async function pickSpot(): Promise<Spot> {
  if (process.env.TARO_ENV !== 'weapp') return currentSpot();
  const { latitude, longitude } = await Taro.chooseLocation({});
  return { latitude: round(latitude), longitude: round(longitude) };
}
