import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/**
 * 关怀模式 (care mode): every page at about 1.25× — text, buttons, fields and spacing alike — and a
 * home with only the essentials. The member's own choice is kept on the device (WeChat keeps a mini
 * program's storage per WeChat account, so it is per user); until they choose, it follows WeChat's
 * own font-size setting: a member who has made WeChat's text large gets large text here too.
 */
const KEY = 'zb.care';

/** WeChat's font size (「我-设置-通用-字体大小」, in px; standard is 16–17) from which care mode is on by default. */
export const LARGE_WECHAT_FONT = 20;

type Choice = 'on' | 'off';

let choice: Choice | null | undefined;
const listeners = new Set<() => void>();

function stored(): Choice | null {
  if (choice === undefined) {
    let value: unknown = '';
    try {
      value = Taro.getStorageSync(KEY);
    } catch {
      value = '';
    }
    choice = value === 'on' || value === 'off' ? value : null;
  }
  return choice;
}

/** WeChat's font-size setting where the platform reports it (iOS and recent Android), else null. */
function wechatFontSize(): number | null {
  try {
    // WeChat's getAppBaseInfo has it; Taro's typing does not list it.
    const size: unknown = Reflect.get(Taro.getAppBaseInfo(), 'fontSizeSetting');
    return typeof size === 'number' && size > 0 ? size : null;
  } catch {
    return null;
  }
}

/** Whether care mode is on: the member's choice, else WeChat's large text. */
export function careMode(): boolean {
  const c = stored();
  if (c) return c === 'on';
  const size = wechatFontSize();
  return size !== null && size >= LARGE_WECHAT_FONT;
}

/** Whether care mode is on because of WeChat's font size rather than the member's own switch. */
export function careFollowsWeChat(): boolean {
  return stored() === null && careMode();
}

/**
 * The h5 build's tab bar is Taro's, outside every page: it follows care mode through a class on the
 * document. In WeChat the tab bar is native and follows WeChat's own font size.
 */
export function showCareOnTabBar(): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('zb-care-root', careMode());
}

export function setCareMode(on: boolean): void {
  choice = on ? 'on' : 'off';
  showCareOnTabBar();
  try {
    Taro.setStorageSync(KEY, choice);
  } catch {
    // Storage full or refused: the choice still holds until the app closes.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Care mode as React state: pages re-render when it is switched. */
export function useCareMode(): boolean {
  return useSyncExternalStore(subscribe, careMode, careMode);
}

/** The class of a page's root view: `zb-page`, with `zb-care` in care mode, then the page's own. */
export function usePageClass(own = ''): string {
  const care = useCareMode();
  return ['zb-page', care ? 'zb-care' : '', own].filter(Boolean).join(' ');
}
