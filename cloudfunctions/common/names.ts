import { pinyin } from 'pinyin-pro';

/**
 * How a person's name sorts in a directory: its pinyin (surname readings, tone numbers), lower case,
 * e.g. 陈国栋 → "chen2 guo2 dong4", 曾志强 → "zeng1 zhi4 qiang2". Stored next to the name, so the
 * database orders members as a Chinese reader expects (by code point, 陈 would come after 黄).
 */
export function nameKey(name: string): string {
  return pinyin(name.trim(), { toneType: 'num', type: 'array', surname: 'head', nonZh: 'consecutive' }).join(' ').toLowerCase();
}
