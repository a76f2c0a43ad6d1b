import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { ApiError } from './api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads data for a page, keeping loading and error state; `reload` re-runs it (pull-down refresh).
 * `refreshOnShow`: load again whenever the page comes back into view (tab pages stay mounted, so
 * without it a count changed on another page would stay stale).
 */
export function useApi<T>(load: () => Promise<T>, deps: unknown[] = [], options: { refreshOnShow?: boolean } = {}): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await loadRef.current());
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', '加载失败，请稍后再试'));
    } finally {
      setLoading(false);
    }
  }, []);

  // The page's first show comes with the mount, which loads below; a show after the page was hidden
  // reloads. (A component mounted after its page was shown — a list under data that arrived later —
  // gets no show of its own first, so "skip the first call" would skip its first real return.)
  const hidden = useRef(false);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (hidden.current && options.refreshOnShow) void reload();
    hidden.current = false;
  });

  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers list what should trigger a reload
  }, deps);

  return { data, error, loading, reload };
}
