import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { STUDY_STATE_LABEL, studyDuration, type AssignmentProgress, type StudyState } from '../../../../../typings/study';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { openSpreadsheet } from '../../../../services/files';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { Choices } from '../../../../components/choices';
import './index.scss';

type Filter = StudyState | 'all';

/** One assignment: each member's state, time and completion date; remind one who has not finished; export. */
export default function AssignmentProgressPage() {
  const pageClass = usePageClass('progress');
  const { id = '' } = useRouter().params;
  const progress = useApi(() => api.study.progress({ assignmentId: id }), [id]);
  usePullDownRefresh(() => void progress.reload().finally(() => Taro.stopPullDownRefresh()));
  const [filter, setFilter] = useState<Filter>('all');
  const acting = useAction();
  const p: AssignmentProgress | undefined = progress.data;
  const remind = async (memberId: string) => {
    if (await acting.run(() => api.study.remind({ assignmentId: id, memberId }), '已提醒')) await progress.reload();
  };
  const exportIt = async () => {
    const r = await acting.run(() => api.study.export({ assignmentId: id }));
    if (r) await openSpreadsheet(r.url);
  };
  const rows = p?.members.filter((m) => filter === 'all' || m.state === filter) ?? [];
  return (
    <View className={pageClass}>
      <StateView loading={progress.loading && !p} error={p ? undefined : progress.error} onRetry={() => void progress.reload()}>
        {p && (
          <>
            <View className='zb-card zb-stack' id='progress-head'>
              <Text className='zb-title'>{p.assignment.courseTitle}</Text>
              <Text className='zb-muted'>
                {moment(p.assignment.dueAt)} 前完成 · {p.assignment.lessonsTotal} 课时 · {p.assignment.audienceLabel}
              </Text>
              <View className='progress__counts'>
                <View className='progress__count'>
                  <Text className='progress__n progress__n--done'>{p.assignment.counts.done}</Text>
                  <Text className='zb-muted'>已完成</Text>
                </View>
                <View className='progress__count'>
                  <Text className='progress__n'>{p.assignment.counts.studying}</Text>
                  <Text className='zb-muted'>学习中</Text>
                </View>
                <View className='progress__count'>
                  <Text className='progress__n progress__n--none'>{p.assignment.counts.notStarted}</Text>
                  <Text className='zb-muted'>未开始</Text>
                </View>
              </View>
            </View>
            <View className='zb-card'>
              <Choices
                id='progress-filter'
                options={[
                  ['all', '全部'],
                  ['not_started', '未开始'],
                  ['studying', '学习中'],
                  ['done', '已完成'],
                ]}
                value={filter}
                onChange={setFilter}
              />
            </View>
            {rows.map((m) => (
              <View key={m.memberId} className='zb-card progress__member' id={`progress-${m.memberId}`}>
                <View className='zb-grow zb-stack progress__who'>
                  <Text className='progress__name'>{m.name}</Text>
                  <Text className='zb-muted'>
                    {m.orgName} · 已学 {m.lessonsDone}/{p.assignment.lessonsTotal} 课时
                    {m.seconds > 0 ? ` · ${studyDuration(m.seconds)}` : ''}
                  </Text>
                  {m.doneAt && <Text className='zb-muted'>{moment(m.doneAt)} 学完</Text>}
                </View>
                <View className='zb-stack progress__side'>
                  <Text className={`progress__state progress__state--${m.state}`}>{STUDY_STATE_LABEL[m.state]}</Text>
                  {m.state !== 'done' &&
                    (m.remindedToday ? (
                      <Text className='zb-muted'>今天已提醒</Text>
                    ) : (
                      <Button id={`remind-${m.memberId}`} onClick={() => void remind(m.memberId)}>
                        提醒
                      </Button>
                    ))}
                </View>
              </View>
            ))}
            <View className='zb-actions'>
              <Button id='progress-export' size='large' block loading={acting.busy} onClick={() => void exportIt()}>
                导出 Excel
              </Button>
              {acting.error && <Text className='zb-error'>{acting.error}</Text>}
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
