import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import { ERROR_CODES } from '../../../typings/errors';
import { pageUrl } from '../../../typings/pages';
import type { ReactNode } from 'react';
import type { ApiError } from '../../services/api';
import type { ApiState } from '../../services/useApi';
import { EmptyState } from '../empty-state';
import { usePageClass } from '../../services/care';

export interface StateViewProps {
  loading: boolean;
  error?: ApiError;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loading, error-with-retry, or the content: the three states every page that loads data has. */
export function StateView({ loading, error, onRetry, children }: StateViewProps) {
  // Not there, or not theirs: retrying cannot help, so say so and offer the way home.
  if (error && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
    return (
      <EmptyState
        id='state-unavailable'
        title={error.code === 'NOT_FOUND' ? '找不到这项内容' : '无法查看这项内容'}
        description={
          error.message === ERROR_CODES[error.code] ? '它可能已被删除或撤回，或只对部分党员开放；如有疑问，请联系支部书记。' : error.message
        }
      >
        <Button id='state-home' type='primary' size='large' onClick={() => void Taro.switchTab({ url: pageUrl('home') })}>
          回到首页
        </Button>
      </EmptyState>
    );
  }
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
  // Loading looks the same on every page and list: grey placeholder cards where the content will be.
  if (loading) {
    return (
      <View id='state-loading' aria-label='正在加载'>
        {[0, 1].map((i) => (
          <View key={i} className='zb-card'>
            <Skeleton rows={3} animated />
          </View>
        ))}
      </View>
    );
  }
  return <>{children}</>;
}

/** A whole page waiting for what it shows (an editor loading the thing it edits), or saying why it cannot. */
export function PageState({ state }: { state: ApiState<unknown> }) {
  const pageClass = usePageClass();
  return (
    <View className={pageClass}>
      <StateView loading={state.loading} error={state.error} onRetry={() => void state.reload()}>
        {null}
      </StateView>
    </View>
  );
}
