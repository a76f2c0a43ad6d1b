import { fireEvent, render, screen } from '@testing-library/react';
import { StateView } from '../../miniprogram/components/state-view';
import { ApiError } from '../../miniprogram/services/api';

it('shows the content once loaded', () => {
  render(
    <StateView loading={false}>
      <span>第一党支部</span>
    </StateView>,
  );
  expect(screen.getByText('第一党支部')).toBeTruthy();
});

it('shows loading instead of content', () => {
  render(
    <StateView loading>
      <span>第一党支部</span>
    </StateView>,
  );
  expect(screen.queryByText('第一党支部')).toBeNull();
  expect(screen.getByText('正在加载…')).toBeTruthy();
});

it('shows the error message and retries on tap', () => {
  const retry = jest.fn();
  const { container } = render(
    <StateView loading={false} error={new ApiError('NETWORK', '网络连接失败，请检查网络后重试')} onRetry={retry}>
      <span>第一党支部</span>
    </StateView>,
  );
  expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(screen.queryByText('第一党支部')).toBeNull();
  fireEvent.click(container.querySelector('#state-retry')!);
  expect(retry).toHaveBeenCalledTimes(1);
});
