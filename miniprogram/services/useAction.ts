import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { ApiError } from './api';

export interface ActionState {
  busy: boolean;
  /** The last failure's message, fit to show under the form; '' when none. */
  error: string;
  /** Runs one user action; on success shows `done` as a toast (when given) and returns the result. */
  run: <T>(action: () => Promise<T>, done?: string) => Promise<T | undefined>;
  clearError: () => void;
}

/** The busy flag, error message and toast every button that calls the server needs. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = useCallback(async <T>(action: () => Promise<T>, done?: string): Promise<T | undefined> => {
    setBusy(true);
    setError('');
    try {
      const result = await action();
      if (done) void Taro.showToast({ title: done, icon: 'none' });
      return result;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请稍后再试');
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clearError: useCallback(() => setError(''), []) };
}
