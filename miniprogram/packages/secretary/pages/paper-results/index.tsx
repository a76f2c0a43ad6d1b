import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ATTEMPT_KIND_LABEL, QUESTION_TYPE_LABEL, type PaperResults } from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { moment } from '../../../../services/format';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const percent = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);

/** Members by their best score: a bar per band, its length the share of those who took it. */
function Distribution({ r }: { r: PaperResults }) {
  const most = Math.max(1, ...r.distribution.map((d) => d.count));
  return (
    <View className='zb-card zb-stack' id='results-distribution'>
      <Text className='zb-title'>成绩分布</Text>
      {r.distribution.map((d) => (
        <View key={d.label} className='results__band'>
          <Text className='results__band-label'>{d.label} 分</Text>
          <View className='results__band-bar'>
            <View className='results__band-fill' style={{ width: `${(100 * d.count) / most}%` }} />
          </View>
          <Text className='results__band-count'>{d.count} 人</Text>
        </View>
      ))}
    </View>
  );
}

/** 成绩: who took it and who has not (one tap to remind), the average and pass rate, and the questions most got wrong. */
export default function PaperResultsPage() {
  const pageClass = usePageClass('results');
  const { id = '' } = useRouter().params;
  const res = useApi(() => api.exam.results({ paperId: id }), [id], { refreshOnShow: true });
  usePullDownRefresh(() => void res.reload().finally(() => Taro.stopPullDownRefresh()));
  const act = useAction();
  const r = res.data;

  async function remind(memberId: string) {
    if (await act.run(() => api.exam.remind({ paperId: id, memberId }), '已提醒')) await res.reload();
  }
  async function cancel() {
    const ok = await confirmDestructive({
      title: '撤回这份试卷',
      content: '撤回后党员不能再作答，也不会再看到它；已有的成绩保留。',
      confirmText: '撤回',
    });
    if (ok && (await act.run(() => api.exam.cancelPaper({ paperId: id }), '已撤回'))) await res.reload();
  }
  const notYet = r?.members.filter((m) => m.score === null) ?? [];
  const took = r?.members.filter((m) => m.score !== null) ?? [];
  return (
    <View className={pageClass}>
      <StateView loading={res.loading && !r} error={r ? undefined : res.error} onRetry={() => void res.reload()}>
        {r && (
          <View>
            <View className='zb-card zb-stack' id='results-summary'>
              <Text className='zb-tag results__kind'>{ATTEMPT_KIND_LABEL[r.paper.kind]}</Text>
              <Text className='zb-title'>{r.paper.title}</Text>
              <Text className='zb-muted'>
                {r.paper.questionCount} 题 · {r.paper.passMark} 分及格{r.paper.limitMinutes ? ` · 限时 ${r.paper.limitMinutes} 分钟` : ''}
                {r.paper.closeAt ? ` · ${moment(r.paper.closeAt)} 截止` : ''}
                {r.paper.cancelled ? ' · 已撤回' : ''}
              </Text>
              <View className='results__numbers'>
                <View className='results__number'>
                  <Text className='results__value' id='results-taken'>
                    {r.taken}/{r.audienceSize}
                  </Text>
                  <Text className='zb-muted'>已参加</Text>
                </View>
                <View className='results__number'>
                  <Text className='results__value' id='results-average'>
                    {r.average ?? '-'}
                  </Text>
                  <Text className='zb-muted'>平均分</Text>
                </View>
                <View className='results__number'>
                  <Text className='results__value' id='results-pass'>
                    {percent(r.passRate)}
                  </Text>
                  <Text className='zb-muted'>及格率</Text>
                </View>
              </View>
            </View>
            {r.taken > 0 && <Distribution r={r} />}
            {r.questions.length > 0 && (
              <View id='results-hardest'>
                <Text className='zb-section-title'>各题正确率（最难的在前）</Text>
                {r.questions.slice(0, 10).map((q, i) => (
                  <View key={q.id} className='zb-card zb-stack' id={`results-q-${i}`}>
                    <View className='zb-row'>
                      <Text className='zb-tag'>{QUESTION_TYPE_LABEL[q.type]}</Text>
                      <Text className={q.correctRate < 0.6 ? 'zb-error' : 'zb-muted'}>
                        正确率 {percent(q.correctRate)}（{q.answered} 人次）
                      </Text>
                    </View>
                    <Text>{q.stem}</Text>
                  </View>
                ))}
              </View>
            )}
            <Text className='zb-section-title'>未参加（{notYet.length} 人）</Text>
            <View className='zb-card zb-stack' id='results-not-yet'>
              {notYet.length === 0 && <Text className='zb-muted'>全部参加了</Text>}
              {notYet.map((m) => (
                <View key={m.memberId} className='results__member' id={`results-member-${m.memberId}`}>
                  <View className='zb-stack zb-grow'>
                    <Text>{m.name}</Text>
                    <Text className='zb-muted'>
                      {m.orgName}
                      {m.inProgress ? ' · 作答中' : ''}
                    </Text>
                  </View>
                  <Button
                    id={`results-remind-${m.memberId}`}
                    size='large'
                    disabled={m.remindedToday || r.paper.cancelled}
                    onClick={() => void remind(m.memberId)}
                  >
                    {m.remindedToday ? '今天已提醒' : '提醒'}
                  </Button>
                </View>
              ))}
            </View>
            <Text className='zb-section-title'>已参加（{took.length} 人）</Text>
            <View className='zb-card zb-stack' id='results-took'>
              {took.map((m) => (
                <View key={m.memberId} className='results__member' id={`results-member-${m.memberId}`}>
                  <View className='zb-stack zb-grow'>
                    <Text>{m.name}</Text>
                    <Text className='zb-muted'>
                      {m.orgName} · 作答 {m.attempts} 次{m.submittedAt ? ` · ${moment(m.submittedAt)}` : ''}
                    </Text>
                  </View>
                  <Text className={m.passed ? 'results__pass' : 'results__fail'}>{m.score} 分</Text>
                </View>
              ))}
            </View>
            {act.error && <Text className='zb-error results__error'>{act.error}</Text>}
            <View className='zb-actions'>
              <Button
                id='results-export'
                size='large'
                block
                onClick={() => void act.run(async () => openSpreadsheet((await api.exam.exportResults({ paperId: id })).url))}
              >
                导出成绩（Excel）
              </Button>
              {!r.paper.cancelled && (
                <Button id='results-edit' size='large' block onClick={() => void Taro.navigateTo({ url: pageUrl('paperEdit', { id }) })}>
                  修改
                </Button>
              )}
              {!r.paper.cancelled && (
                <Button id='results-cancel' className='zb-danger' size='large' block onClick={() => void cancel()}>
                  撤回试卷
                </Button>
              )}
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
