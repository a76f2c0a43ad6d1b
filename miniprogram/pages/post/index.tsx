import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, SearchBar } from '@nutui/nutui-react-taro';
import { POST_KIND_LABEL, POST_KINDS, type PostCard, type PostKind } from '../../../typings/domain';
import emptyImage from '../../assets/empty/notice.png';
import { EmptyState } from '../../components/empty-state';
import { PostItem } from '../../components/post-item';
import { LoadMore } from '../../components/load-more';
import { api } from '../../services/api';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import { usePaged } from '../../services/usePaged';
import { askToSubscribe } from '../../services/wechat';
import './index.scss';
import { pageUrl } from '../../../typings/pages';
import { ListState } from '../../components/list-state';
import { usePageClass } from '../../services/care';

type Tab = PostKind | 'all';
const TABS: [Tab, string][] = [
  ['all', '全部'],
  ...POST_KINDS.filter((k) => k !== 'course').map((k): [Tab, string] => [k, POST_KIND_LABEL[k]]),
];

/** 通知: the caller's notices and news, by kind, searchable by title; unread ones marked. */
export default function PostsPage() {
  const pageClass = usePageClass('posts');
  const [tab, setTab] = useState<Tab>('all');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const me = useApi(() => session());
  // Back from a post, its unread mark goes (usePaged reloads on show).
  const { items, cursor, busy, error, more, reload } = usePaged<PostCard>(
    async (after) => {
      const page = await api.post.list({
        ...(tab === 'all' ? {} : { kind: tab }),
        ...(query ? { q: query } : {}),
        ...(after ? { cursor: after } : {}),
      });
      return { items: page.posts, nextCursor: page.nextCursor };
    },
    [tab, query],
  );

  const reminder = me.data?.subscribeTemplates.postReminder;
  // 支委 and leaders write here; the unit where they hold that role.
  const desk = me.data?.memberships.find((m) => m.role !== 'member');
  return (
    <View className={pageClass}>
      <SearchBar
        className='posts__search'
        placeholder='搜索标题'
        value={q}
        onChange={setQ}
        onSearch={(v) => setQuery(v.trim())}
        onClear={() => setQuery('')}
      />
      <ScrollView scrollX className='posts__tabs' enhanced showScrollbar={false}>
        {TABS.map(([k, label]) => (
          <View key={k} id={`posts-tab-${k}`} className={`posts__tab ${tab === k ? 'posts__tab--on' : ''}`} onClick={() => setTab(k)}>
            {label}
          </View>
        ))}
      </ScrollView>
      {desk && (
        <View className='zb-actions'>
          <Button id='posts-desk' size='large' block onClick={() => void Taro.navigateTo({ url: pageUrl('posts', { orgId: desk.orgId }) })}>
            写稿与审核（{desk.orgName}）
          </Button>
        </View>
      )}
      {query && (
        <Text className='zb-section-title' id='posts-query'>
          标题含“{query}”的内容
        </Text>
      )}
      <ListState id='post-list' items={items} error={error} onRetry={() => void reload()} />
      {items && items.length === 0 && (
        <EmptyState
          image={emptyImage}
          title={query ? '没有找到相关内容' : '暂无内容'}
          description={query ? '换个关键词试试' : '支部发布通知公告、党务公开、新闻动态后，会出现在这里'}
        />
      )}
      {items?.map((p) => (
        <PostItem key={p.id} p={p} />
      ))}
      <LoadMore cursor={cursor} busy={busy} onMore={() => void more()} />
      {reminder && process.env.TARO_ENV === 'weapp' && (
        <View className='zb-actions'>
          <Button block fill='none' onClick={() => void askToSubscribe([reminder])}>
            接收未读通知提醒
          </Button>
        </View>
      )}
    </View>
  );
}
