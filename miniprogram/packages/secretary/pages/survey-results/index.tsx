import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { SURVEY_QUESTION_LABEL, SURVEY_STATE_LABEL, type SurveyQuestionResult } from '../../../../../typings/voice';
import { ShareBars } from '../../../../components/share-bars';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { moment } from '../../../../services/format';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

function QuestionResult({ q, n }: { q: SurveyQuestionResult; n: number }) {
  return (
    <View className='zb-card zb-stack' id={`result-${q.id}`}>
      <Text className='zb-title'>
        {n}. {q.title}
      </Text>
      <Text className='zb-muted'>
        {SURVEY_QUESTION_LABEL[q.type]} · {q.answered} 人作答{q.average !== null ? ` · 平均 ${q.average} 分` : ''}
      </Text>
      {q.type !== 'text' && <ShareBars id={`result-${q.id}-bars`} rows={q.counts} />}
      {q.type === 'text' && q.texts.length === 0 && <Text className='zb-muted'>没有人填写。</Text>}
      {q.texts.map((t, i) => (
        <Text key={i} className='zb-quote'>
          {t.text}
          {t.name ? `（${t.name}）` : ''}
        </Text>
      ))}
      {q.type === 'text' && q.textCount > q.texts.length && (
        <Text className='zb-muted'>
          共 {q.textCount} 条，随机显示 {q.texts.length} 条；全部内容请导出 Excel。
        </Text>
      )}
    </View>
  );
}

/** 调查结果: counts and shares per question, free text in random order, who still has to answer (to remind), export. */
export default function SurveyResultsPage() {
  const pageClass = usePageClass();
  const { id = '' } = useRouter().params;
  const results = useApi(() => api.voice.surveyResults({ surveyId: id }), [id], { refreshOnShow: true });
  const pending = useApi(() => api.voice.surveyPending({ surveyId: id }), [id]);
  const acting = useAction();
  usePullDownRefresh(() => void Promise.all([results.reload(), pending.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const r = results.data;

  async function exportIt() {
    const out = await acting.run(() => api.voice.exportSurvey({ surveyId: id }));
    if (out) await openSpreadsheet(out.url).catch(() => undefined);
  }
  async function close(cancel: boolean) {
    const ok = await confirmDestructive(
      cancel
        ? { title: '撤回调查', content: '撤回后党员不能再填写，也看不到这份问卷。已收到的答卷保留。', confirmText: '撤回' }
        : { title: '结束调查', content: '结束后党员不能再填写。', confirmText: '结束' },
    );
    if (ok && (await acting.run(() => api.voice.closeSurvey({ surveyId: id, cancel }), cancel ? '已撤回' : '已结束')))
      void results.reload();
  }
  async function remind(memberId: string) {
    if (await acting.run(() => api.voice.remindSurvey({ surveyId: id, memberId }), '已提醒')) void pending.reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={results.loading && !r} error={r ? undefined : results.error} onRetry={() => void results.reload()}>
        {r && (
          <View>
            <View className='zb-card zb-stack' id='survey-summary'>
              <View className='zb-row'>
                <Text className='zb-tag'>{r.card.anonymous ? '匿名' : '实名'}</Text>
                <Text className='zb-muted'>{SURVEY_STATE_LABEL[r.card.state]}</Text>
              </View>
              <Text className='zb-title'>{r.card.title}</Text>
              <Text id='survey-count'>
                已收到 {r.card.answers} 份 / 应填 {r.card.audienceSize} 人{r.card.closeAt ? ` · ${moment(r.card.closeAt)} 截止` : ''}
              </Text>
              {!r.shown && (
                <Text className='zb-quote' id='survey-withheld'>
                  {r.withheldReason}
                </Text>
              )}
            </View>
            {r.questions.map((q, i) => (
              <QuestionResult key={q.id} q={q} n={i + 1} />
            ))}
            {r.responses && r.responses.length > 0 && (
              <View>
                <Text className='zb-section-title'>答卷明细（实名）</Text>
                {r.responses.map((x, i) => (
                  <View key={i} className='zb-card zb-stack' id={`response-${i}`}>
                    <Text className='zb-title'>{x.name}</Text>
                    {x.answers.map((a, k) => (
                      <Text key={k} className={a ? '' : 'zb-muted'}>
                        {k + 1}. {a || '（未答）'}
                      </Text>
                    ))}
                  </View>
                ))}
              </View>
            )}
            <View className='zb-actions'>
              {acting.error && <Text className='zb-error'>{acting.error}</Text>}
              {r.shown && (
                <Button id='survey-export' size='large' block loading={acting.busy} onClick={() => void exportIt()}>
                  导出 Excel
                </Button>
              )}
              {r.card.state !== 'closed' && r.card.state !== 'cancelled' && (
                <>
                  <Button id='survey-edit' size='large' block onClick={() => void Taro.navigateTo({ url: pageUrl('surveyEdit', { id }) })}>
                    修改问卷
                  </Button>
                  <Button id='survey-close' size='large' block onClick={() => void close(false)}>
                    结束调查
                  </Button>
                  <Button id='survey-cancel' size='large' block fill='none' onClick={() => void close(true)}>
                    撤回调查
                  </Button>
                </>
              )}
            </View>
            {pending.data && r.card.state === 'open' && (
              <View>
                <Text className='zb-section-title' id='survey-pending-title'>
                  还没有填写（{pending.data.members.length + pending.data.more} 人）
                </Text>
                <View className='zb-card zb-stack' id='survey-pending'>
                  {pending.data.members.length === 0 && <Text className='zb-muted'>参与范围内的党员都已填写。</Text>}
                  {pending.data.members.map((m) => (
                    <View key={m.memberId} className='zb-row' id={`pending-${m.memberId}`}>
                      <Text className='zb-grow'>
                        {m.name} <Text className='zb-muted'>{m.orgName}</Text>
                      </Text>
                      <Button size='small' disabled={m.remindedToday || acting.busy} onClick={() => void remind(m.memberId)}>
                        {m.remindedToday ? '今天已提醒' : '提醒'}
                      </Button>
                    </View>
                  ))}
                  <Text className='zb-muted'>{r.card.anonymous ? '这里只看得出谁还没填，看不出谁填了什么。' : ''}</Text>
                </View>
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
