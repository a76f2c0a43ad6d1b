import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { SURVEY_STATE_LABEL } from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';

const go = (url: string) => void Taro.navigateTo({ url });

/** A unit's surveys, newest first, with how many have answered; new ones from here. */
export default function SurveysPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.voice.surveys({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className={pageClass}>
      <View className='zb-actions'>
        <Button id='surveys-new' type='primary' size='large' block onClick={() => go(pageUrl('surveyEdit', { orgId }))}>
          发起调查
        </Button>
      </View>
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.surveys.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有调查问卷。匿名调查能听到党员的真实想法。</Text>
          </View>
        )}
        {list.data?.surveys.map((s) => (
          <View key={s.id} className='zb-card zb-stack' id={`surveys-${s.id}`} onClick={() => go(pageUrl('surveyResults', { id: s.id }))}>
            <View className='zb-row'>
              <Text className='zb-tag'>{s.anonymous ? '匿名' : '实名'}</Text>
              <Text className='zb-muted'>{SURVEY_STATE_LABEL[s.state]}</Text>
            </View>
            <Text className='zb-title'>{s.title}</Text>
            <Text className='zb-muted'>
              {s.audienceLabel}
              {s.closeAt ? ` · ${moment(s.closeAt)} 截止` : ''}
            </Text>
            <Text>
              已填写 {s.answers} / {s.audienceSize} 人
            </Text>
            <Text className='zb-muted'>查看结果 ›</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
