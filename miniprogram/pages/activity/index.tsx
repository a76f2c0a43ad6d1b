import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ActivityCard } from '../../../typings/domain';
import emptyImage from '../../assets/empty/activity.png';
import { ActivityItem } from '../../components/activity-item';
import { EmptyState } from '../../components/empty-state';
import { api } from '../../services/api';
import { useAction } from '../../services/useAction';
import { useApi } from '../../services/useApi';
import './index.scss';

type When = 'upcoming' | 'past';

/** 活动: the caller's upcoming and past activities; leaders start new ones here. */
export default function ActivityPage() {
  const [when, setWhen] = useState<When>('upcoming');
  const [items, setItems] = useState<ActivityCard[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const home = useApi(() => api.branch.home({}));
  const leads = home.data?.pendingJoinRequests !== null && home.data?.pendingJoinRequests !== undefined;

  const load = useCallback(
    async (w: When, after: string | null) => {
      const page = await run(() => api.activity.list({ when: w, cursor: after ?? undefined }));
      if (!page) return;
      setItems((prev) => (after && prev ? [...prev, ...page.activities] : page.activities));
      setCursor(page.nextCursor);
    },
    [run],
  );
  useEffect(() => {
    setItems(null);
    void load(when, null);
  }, [when, load]);
  useDidShow(() => {
    if (items) void load(when, null);
  });
  usePullDownRefresh(() => {
    void load(when, null).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (cursor && !busy) void load(when, cursor);
  });

  return (
    <View className='zb-page activity'>
      <View className='activity__tabs'>
        {(['upcoming', 'past'] as const).map((w) => (
          <View
            key={w}
            id={`activity-tab-${w}`}
            className={`activity__tab ${when === w ? 'activity__tab--on' : ''}`}
            onClick={() => setWhen(w)}
          >
            {w === 'upcoming' ? '即将开始' : '已结束'}
          </View>
        ))}
      </View>
      {leads && home.data?.branch && (
        <View className='zb-actions'>
          <Button
            id='activity-create'
            type='primary'
            size='large'
            block
            onClick={() => void Taro.navigateTo({ url: `/packages/secretary/pages/activity-edit/index?orgId=${home.data!.branch!.id}` })}
          >
            发起活动
          </Button>
        </View>
      )}
      {error && <Text className='zb-error zb-section-title'>{error}</Text>}
      {items && items.length === 0 && (
        <EmptyState
          image={emptyImage}
          title={when === 'upcoming' ? '暂无活动' : '暂无已结束的活动'}
          description='支部发布三会一课、主题党日、志愿服务等活动后，可在这里报名和签到'
        />
      )}
      {items?.map((a) => (
        <ActivityItem key={a.id} a={a} />
      ))}
      {cursor && (
        <View className='zb-actions'>
          <Button block loading={busy} onClick={() => void load(when, cursor)}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
