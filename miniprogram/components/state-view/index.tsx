import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { ApiError } from '../../services/api';
import './index.scss';

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
      <View className='zb-state' id='state-error'>
        <Text className='zb-state__title'>加载失败</Text>
        <Text className='zb-state__text'>{error.message}</Text>
        {onRetry && (
          <Button id='state-retry' type='primary' size='large' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (loading) {
    return (
      <View className='zb-state' id='state-loading'>
        <Text className='zb-state__text'>正在加载…</Text>
      </View>
    );
  }
  return <>{children}</>;
}
