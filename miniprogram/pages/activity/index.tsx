import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ActivityCard } from '../../../typings/domain';
import emptyImage from '../../assets/empty/activity.png';
import { ActivityItem } from '../../components/activity-item';
import { EmptyState } from '../../components/empty-state';
import { LoadMore } from '../../components/load-more';
import { api } from '../../services/api';
import { useApi } from '../../services/useApi';
import { usePaged } from '../../services/usePaged';
import './index.scss';
import { pageUrl } from '../../../typings/pages';
import { ListState } from '../../components/list-state';
import { usePageClass } from '../../services/care';

type When = 'upcoming' | 'past';

/** 活动: the caller's upcoming and past activities; leaders start new ones here. */
export default function ActivityPage() {
  const pageClass = usePageClass('activity');
  const [when, setWhen] = useState<When>('upcoming');
  const home = useApi(() => api.branch.home({}));
  const leads = home.data?.pendingJoinRequests !== null && home.data?.pendingJoinRequests !== undefined;
  const { items, cursor, busy, error, more, reload } = usePaged<ActivityCard>(
    async (after) => {
      const page = await api.activity.list({ when, cursor: after ?? undefined });
      return { items: page.activities, nextCursor: page.nextCursor };
    },
    [when],
  );

  return (
    <View className={pageClass}>
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
            onClick={() => void Taro.navigateTo({ url: pageUrl('activityEdit', { orgId: home.data!.branch!.id }) })}
          >
            发起活动
          </Button>
        </View>
      )}
      <ListState id='activity-list' items={items} error={error} onRetry={() => void reload()} />
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
      <LoadMore cursor={cursor} busy={busy} onMore={() => void more()} />
    </View>
  );
}
