import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { ApiError } from '../../services/api';
import type { ApiState } from '../../services/useApi';
import { EmptyState } from '../empty-state';

export interface StateViewProps {
  loading: boolean;
  error?: ApiError;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loading, error-with-retry, or the content: the three states every page that loads data has. */
export function StateView({ loading, error, onRetry, children }: StateViewProps) {
  if (error) {
    return (
      <EmptyState id='state-error' title='加载失败' description={error.message}>
        {onRetry && (
          <Button id='state-retry' type='primary' size='large' onClick={onRetry}>
            重试
          </Button>
        )}
      </EmptyState>
    );
  }
  if (loading) return <EmptyState id='state-loading' description='正在加载…' />;
  return <>{children}</>;
}

/** A whole page waiting for what it shows (an editor loading the thing it edits), or saying why it cannot. */
export function PageState({ state }: { state: ApiState<unknown> }) {
  return (
    <View className='zb-page'>
      <StateView loading={state.loading} error={state.error} onRetry={() => void state.reload()}>
        {null}
      </StateView>
    </View>
  );
}
