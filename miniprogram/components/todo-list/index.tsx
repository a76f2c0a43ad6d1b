import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect } from 'react';
import type { TodoItem } from '../../../typings/domain';
import { pageUrl, TAB_PAGES } from '../../../typings/pages';
import { api } from '../../services/api';
import { useApi } from '../../services/useApi';
import './index.scss';

const TABS = new Set<string>(Object.keys(TAB_PAGES));

function open(item: TodoItem, extra: Record<string, string> = {}): void {
  const url = pageUrl(item.link.page, { ...item.link.query, ...extra });
  void (TABS.has(item.link.page) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
}

/** The 首页 tab's badge: how many things are waiting (WeChat shows at most "99+"). */
function showCount(n: number): void {
  const done = n > 0 ? Taro.setTabBarBadge({ index: 0, text: n > 99 ? '99+' : String(n) }) : Taro.removeTabBarBadge({ index: 0 });
  // The tab bar is not there on every page (a page opened from a share card): nothing to badge then.
  void Promise.resolve(done).catch(() => undefined);
}

/** 我的待办: what the caller has to do, most pressing first; a meeting with check-in open gets a large 签到 button. */
export function TodoList() {
  const list = useApi(() => api.branch.todo({}), [], { refreshOnShow: true });
  const items = list.data?.items;
  useEffect(() => {
    if (items) showCount(items.length);
  }, [items]);
  if (list.error && !items) {
    return (
      <View className='zb-card todo todo--error' id='home-todo-error'>
        <Text className='todo__empty'>待办事项没有加载出来</Text>
        <Button size='large' onClick={() => void list.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (!items) return null;
  return (
    <View className='todo' id='home-todo'>
      <Text className='zb-section-title'>{items.length ? `我的待办（${items.length}）` : '我的待办'}</Text>
      {items.length === 0 && (
        <View className='zb-card todo__none' id='home-todo-empty'>
          <Text className='todo__empty'>暂无待办事项</Text>
          <Text className='zb-muted'>有活动要报名、会议要签到、通知要阅知时，会显示在这里</Text>
        </View>
      )}
      {items.map((item) => (
        <View
          key={item.id}
          id={`todo-${item.id.replace(/[^A-Za-z0-9_-]/g, '-')}`}
          className={`zb-card todo__item${item.urgent ? ' todo__item--urgent' : ''}`}
          onClick={() => open(item)}
        >
          <Text className='todo__title'>{item.title}</Text>
          <Text className='todo__detail'>{item.detail}</Text>
          {item.checkin && (
            <Button
              className='todo__checkin'
              type='primary'
              size='large'
              block
              onClick={(e) => {
                e.stopPropagation();
                open(item, { checkin: '1' });
              }}
            >
              签到
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
