import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { ApiError } from '../../services/api';
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
