import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useAction } from './useAction';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged list: the first page on mount (and again when `deps` change), the next on reaching
 * the bottom or "加载更多", the first again on pull-down and when the page shows again (a detail
 * opened from the list may have changed an item).
 */
export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(
    async (after: string | null) => {
      const page = await run(() => fetchRef.current(after));
      if (!page) return;
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    },
    [run],
  );
  const more = useCallback(() => (cursor && !busy ? load(cursor) : Promise.resolve()), [busy, cursor, load]);

  useEffect(() => {
    setItems(null);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers list what should start the list again
  }, deps);
  const shown = useRef(false);
  useDidShow(() => {
    // The first show is the mount, which loads above.
    if (shown.current) void load(null);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void load(null).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void more());

  return { items, cursor, busy, error, more, reload: () => load(null) };
}
