import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ATTEMPT_KIND_LABEL } from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';

const go = (url: string) => void Taro.navigateTo({ url });

/** 考试与测验: a unit's exams and quizzes, newest first, each with how many have taken it; new ones from here. */
export default function PapersPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.exam.papers({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className={pageClass}>
      <View className='zb-actions'>
        <Button id='papers-new-exam' type='primary' size='large' block onClick={() => go(pageUrl('paperEdit', { orgId, kind: 'exam' }))}>
          发布考试
        </Button>
        <Button id='papers-new-quiz' size='large' block onClick={() => go(pageUrl('paperEdit', { orgId, kind: 'quiz' }))}>
          发布专项测验
        </Button>
        <Button id='papers-bank' size='large' block onClick={() => go(pageUrl('bank', { orgId }))}>
          管理题库
        </Button>
      </View>
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.papers.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有发布考试或测验。先在题库中录入题目，再发布。</Text>
          </View>
        )}
        {list.data?.papers.map((p) => (
          <View key={p.id} className='zb-card zb-stack' id={`papers-${p.id}`} onClick={() => go(pageUrl('paperResults', { id: p.id }))}>
            <View className='zb-row'>
              <Text className='zb-tag'>{ATTEMPT_KIND_LABEL[p.kind]}</Text>
              {p.cancelled && <Text className='zb-error'>已撤回</Text>}
            </View>
            <Text className='zb-title'>{p.title}</Text>
            <Text className='zb-muted'>
              {p.questionCount} 题 · {p.audienceLabel}
              {p.closeAt ? ` · ${moment(p.closeAt)} 截止` : ''}
            </Text>
            <Text>
              已参加 {p.taken} / {p.audienceSize} 人
            </Text>
            <Text className='zb-muted'>查看成绩和答题情况 ›</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
