import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { pageLink, pageUrl } from '../../../../../typings/pages';
import type { HonourView } from '../../../../../typings/voice';
import { ShareButton, useShareCard, type ShareCard } from '../../../../components/share-card';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

function byYear(honours: HonourView[]): [number, HonourView[]][] {
  const years = [...new Set(honours.map((h) => h.year))].sort((a, b) => b - a);
  return years.map((y) => [y, honours.filter((h) => h.year === y)]);
}

/** 优秀党员风采: a unit's honoured members by year with their 事迹, and its 先锋风采 stories; shareable into the branch's group. */
export default function ShowcasePage() {
  const pageClass = usePageClass('voice');
  const { orgId = '' } = useRouter().params;
  const show = useApi(() => api.voice.showcase({ orgId }), [orgId]);
  usePullDownRefresh(() => void show.reload().finally(() => Taro.stopPullDownRefresh()));
  const s = show.data;
  const card: ShareCard | null = s
    ? { title: `${s.orgName} · 优秀党员风采`, path: `/${pageLink('showcase', { orgId })}`, description: '学习身边的榜样' }
    : null;
  useShareCard(card);
  return (
    <View className={pageClass}>
      <StateView loading={show.loading && !s} error={s ? undefined : show.error} onRetry={() => void show.reload()}>
        {s && (
          <View>
            <View className='zb-card zb-stack'>
              <Text className='zb-title'>{s.orgName}</Text>
              <Text className='zb-muted'>
                受表彰党员 {new Set(s.honours.map((h) => h.memberId)).size} 人 · 荣誉 {s.honours.length} 项
              </Text>
            </View>
            {s.honours.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>还没有记录荣誉。评先评优结束、支部确认结果后，当选党员会显示在这里。</Text>
              </View>
            )}
            {byYear(s.honours).map(([year, list]) => (
              <View key={year} id={`showcase-${year}`}>
                <Text className='voice__year'>{year} 年</Text>
                {list.map((h) => (
                  <View key={h.id} className='zb-card zb-stack' id={`honour-${h.memberId}`}>
                    <View className='zb-stack voice__honour'>
                      <Text className='zb-title'>{h.name}</Text>
                      <Text className='zb-attention'>{h.title}</Text>
                      <Text className='zb-muted'>{h.orgName}</Text>
                    </View>
                    <Text>{h.deed}</Text>
                  </View>
                ))}
              </View>
            ))}
            {s.stories.length > 0 && <Text className='zb-section-title'>先锋风采</Text>}
            {s.stories.map((p) => (
              <View
                key={p.id}
                className='zb-card zb-stack'
                id={`story-${p.id}`}
                onClick={() => void Taro.navigateTo({ url: pageUrl('postDetail', { id: p.id }) })}
              >
                <Text className='zb-title'>{p.title}</Text>
                <Text className='zb-muted'>{moment(p.publishAt)} ›</Text>
              </View>
            ))}
            {card && (
              <View className='zb-actions'>
                <ShareButton id='showcase-share' card={card} label='分享到支部群' />
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
