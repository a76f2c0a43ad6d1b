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

/** A unit's evaluation votes (评先评优), newest first; new ones from here. */
export default function VotesPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.voice.votes({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className={pageClass}>
      <View className='zb-actions'>
        <Button id='votes-new' type='primary' size='large' block onClick={() => go(pageUrl('voteEdit', { orgId }))}>
          发起评选
        </Button>
        <Button id='votes-showcase' size='large' block onClick={() => go(pageUrl('showcase', { orgId }))}>
          优秀党员风采
        </Button>
      </View>
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.votes.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有发起评选。如年度优秀共产党员、优秀党务工作者。</Text>
          </View>
        )}
        {list.data?.votes.map((v) => (
          <View key={v.id} className='zb-card zb-stack' id={`votes-${v.id}`} onClick={() => go(pageUrl('voteManage', { id: v.id }))}>
            <Text className='zb-muted'>
              {v.finalized ? '结果已确认' : SURVEY_STATE_LABEL[v.state]}
              {v.pendingNominations ? ` · ${v.pendingNominations} 项提名待审核` : ''}
            </Text>
            <Text className='zb-title'>{v.title}</Text>
            <Text className='zb-muted'>
              名额 {v.seats} · 候选人 {v.candidates} 位 · {v.audienceLabel} · {moment(v.closeAt)} 截止
            </Text>
            <Text>
              已投票 {v.turnout} / {v.audienceSize} 人
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
