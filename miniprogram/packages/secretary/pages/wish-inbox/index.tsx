import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { pageUrl } from '../../../../../typings/pages';
import { WISH_STATE_LABEL, type WishState } from '../../../../../typings/service';
import { Choices } from '../../../../components/choices';
import { ShareButton } from '../../../../components/share-card';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useApi } from '../../../../services/useApi';

type Filter = 'all' | WishState;

/** The unit's 微心愿 (contacts masked): those to review first; each opens the wish, where it is reviewed. */
export default function WishInboxPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const [filter, setFilter] = useState<Filter>('all');
  const list = useApi(() => api.service.wishInbox({ orgId, ...(filter === 'all' ? {} : { state: filter }) }), [orgId, filter], {
    refreshOnShow: true,
  });
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack'>
        <Text>把心愿收集链接分享到居民群，群众点开即可提交微心愿；审核发布后，本组织党员认领帮办。</Text>
        <ShareButton
          id='wish-inbox-share'
          card={{ title: '有小困难？提交微心愿，党员来帮办', path: pageUrl('wishes', { orgId }), description: '微心愿 · 群众点单' }}
          label='分享心愿收集链接'
        />
      </View>
      <View className='zb-card'>
        <Choices
          id='wish-inbox-filter'
          options={[
            ['all', '全部'],
            ['pending', WISH_STATE_LABEL.pending],
            ['published', WISH_STATE_LABEL.published],
            ['claimed', WISH_STATE_LABEL.claimed],
            ['done', WISH_STATE_LABEL.done],
            ['confirmed', WISH_STATE_LABEL.confirmed],
          ]}
          value={filter}
          onChange={setFilter}
        />
      </View>
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.wishes.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>没有微心愿。</Text>
          </View>
        )}
        {list.data?.wishes.map((w) => (
          <View
            key={w.id}
            className='zb-card zb-stack'
            id={`wish-inbox-${w.id}`}
            onClick={() => void Taro.navigateTo({ url: pageUrl('wish', { id: w.id }) })}
          >
            <View className='zb-row'>
              <Text className={w.state === 'pending' ? 'zb-error' : 'zb-muted'}>{WISH_STATE_LABEL[w.state]}</Text>
              <Text className='zb-muted zb-grow'> · {w.day}</Text>
            </View>
            <Text className='zb-title'>{w.title}</Text>
            <Text>{w.excerpt}</Text>
            <Text className='zb-muted'>
              联系人 {w.contactMasked}
              {w.claimerName ? ` · 认领：${w.claimerName}` : ''}
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
