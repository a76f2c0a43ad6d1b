import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { TOPIC_KIND_LABEL } from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';

const go = (url: string) => void Taro.navigateTo({ url });

/** 讲坛: the unit's discussion topics, newest first; new ones from here. */
export default function TopicsPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.voice.topics({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className={pageClass}>
      <View className='zb-actions'>
        <Button id='topics-new' type='primary' size='large' block onClick={() => go(pageUrl('topicEdit', { orgId }))}>
          发起讨论
        </Button>
      </View>
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.topics.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有讨论。可以为访谈会提一个问题，或请党员谈谈学习体会。</Text>
          </View>
        )}
        {list.data?.topics.map((t) => (
          <View key={t.id} className='zb-card zb-stack' id={`topics-${t.id}`} onClick={() => go(pageUrl('topic', { id: t.id }))}>
            <View className='zb-row'>
              <Text className='zb-tag'>{TOPIC_KIND_LABEL[t.kind]}</Text>
              <Text className='zb-muted'>{t.closed ? '已结束' : '讨论中'}</Text>
            </View>
            <Text className='zb-title'>{t.title}</Text>
            <Text className='zb-muted'>
              {t.replies} 条回复 · {moment(t.createdAt)} 发起
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
