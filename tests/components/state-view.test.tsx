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

it('shows placeholder cards instead of content while loading', () => {
  const { container } = render(
    <StateView loading>
      <span>第一党支部</span>
    </StateView>,
  );
  expect(screen.queryByText('第一党支部')).toBeNull();
  expect(container.querySelector('#state-loading')?.getAttribute('aria-label')).toBe('正在加载');
  expect(container.querySelectorAll('#state-loading .nut-skeleton').length).toBe(2);
});

it('says a thing that is not there, or not the caller’s, cannot be retried and leads home', () => {
  const { container } = render(
    <StateView loading={false} error={new ApiError('NOT_FOUND', '内容不存在或已删除')} onRetry={jest.fn()}>
      <span>第一党支部</span>
    </StateView>,
  );
  expect(screen.getByText('找不到这项内容')).toBeTruthy();
  expect(container.querySelector('#state-retry')).toBeNull();
  expect(container.querySelector('#state-home')).not.toBeNull();
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
