import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { WISH_STATE_LABEL, type WishCard } from '../../../../../typings/service';
import { Choices } from '../../../../components/choices';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function WishItem({ w }: { w: WishCard }) {
  const waiting = w.state === 'published';
  return (
    <View className='zb-card zb-stack' id={`wish-${w.id}`} onClick={() => go(pageUrl('wish', { id: w.id }))}>
      <View className='zb-row'>
        <Text className={waiting ? 'zb-attention' : w.state === 'confirmed' ? 'zb-done' : 'zb-muted'}>
          {w.claimedByMe && w.state === 'claimed' ? '我已认领' : WISH_STATE_LABEL[w.state]}
        </Text>
        <Text className='zb-muted zb-grow'> · {w.day}</Text>
      </View>
      <Text className='zb-title'>{w.title}</Text>
      <Text>{w.excerpt}</Text>
      <Text className='zb-muted'>{w.orgName}</Text>
    </View>
  );
}

/**
 * 微心愿: wishes waiting for a member to take them on (without who asked), and the caller's own — those they
 * posted and those they claimed. Opened from a unit's link (`orgId`), it shows that unit's and lets anyone post to it.
 */
export default function WishesPage() {
  const pageClass = usePageClass('service');
  const { params } = useRouter();
  const orgId = params['orgId'] || undefined;
  const [tab, setTab] = useState<'wall' | 'mine'>('wall');
  const wall = useApi(() => api.service.wishes(orgId ? { orgId } : {}), [orgId], { refreshOnShow: true });
  const mine = useApi(() => api.service.myWishes({}), [], { refreshOnShow: true });
  usePullDownRefresh(() => void Promise.all([wall.reload(), mine.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const m = mine.data;
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack'>
        <Text>有一件自己难办的小事？写下来，党组织审核后会有党员认领帮办。联系方式只有认领的党员和党组织能看到。</Text>
        <Button id='wishes-write' type='primary' size='large' block onClick={() => go(pageUrl('wishWrite', orgId ? { orgId } : {}))}>
          我要许个微心愿
        </Button>
      </View>
      <View className='zb-card'>
        <Choices
          id='wishes-tab'
          options={[
            ['wall', '心愿墙'],
            ['mine', m && m.posted.length + m.claimed.length ? `我的（${m.posted.length + m.claimed.length}）` : '我的'],
          ]}
          value={tab}
          onChange={setTab}
        />
      </View>
      {tab === 'wall' && (
        <StateView loading={wall.loading && !wall.data} error={wall.data ? undefined : wall.error} onRetry={() => void wall.reload()}>
          {wall.data?.wishes.length === 0 && (
            <View className='zb-card'>
              <Text className='zb-muted'>目前没有公开的微心愿。</Text>
            </View>
          )}
          {wall.data?.wishes.map((w) => (
            <WishItem key={w.id} w={w} />
          ))}
        </StateView>
      )}
      {tab === 'mine' && (
        <StateView loading={mine.loading && !m} error={m ? undefined : mine.error} onRetry={() => void mine.reload()}>
          <Text className='zb-section-title'>我提出的</Text>
          {m?.posted.length === 0 && (
            <View className='zb-card'>
              <Text className='zb-muted'>还没有提出过微心愿。</Text>
            </View>
          )}
          {m?.posted.map((w) => (
            <WishItem key={w.id} w={w} />
          ))}
          {m && m.claimed.length > 0 && <Text className='zb-section-title'>我认领的</Text>}
          {m?.claimed.map((w) => (
            <WishItem key={w.id} w={w} />
          ))}
        </StateView>
      )}
    </View>
  );
}
