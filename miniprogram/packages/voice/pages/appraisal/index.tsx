import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import {
  APPRAISAL_GRADE_LABEL,
  APPRAISAL_GRADES,
  APPRAISAL_STEP_LABEL,
  APPRAISAL_STEPS,
  type AppraisalGrade,
  type AppraisalView,
} from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

/** The five steps, the current one marked: where the appraisal stands, in words. */
function Steps({ step }: { step: AppraisalView['step'] }) {
  const at = APPRAISAL_STEPS.indexOf(step);
  return (
    <View className='zb-stack' id='appraisal-steps'>
      {APPRAISAL_STEPS.slice(0, 5).map((s, i) => (
        <Text key={s} className={i === at ? 'zb-attention' : i < at ? 'zb-done' : 'zb-muted'}>
          {i < at ? '✓' : i === at ? '●' : '○'} {i + 1}. {APPRAISAL_STEP_LABEL[s]}
          {i === at ? '（进行中）' : ''}
        </Text>
      ))}
    </View>
  );
}

function SelfForm({ a, onDone }: { a: AppraisalView; onDone: () => void }) {
  const [text, setText] = useState(a.mySelf ?? '');
  const saving = useAction();
  const short = text.trim().length < 20;
  async function save() {
    if (!short && (await saving.run(() => api.voice.writeSelf({ appraisalId: a.id, text: text.trim() }), '自评已保存'))) onDone();
  }
  return (
    <View className='zb-card zb-stack' id='appraisal-self'>
      <Text className='zb-title'>个人自评</Text>
      <Text className='zb-muted'>对照党员标准，写一年来的学习、工作、作风和不足（署名，互评时其他党员可以看到）。</Text>
      <View className='zb-field__box'>
        <TextArea id='appraisal-self-text' value={text} onChange={setText} maxLength={2000} showCount placeholder='至少 20 个字' />
      </View>
      {saving.error && <Text className='zb-error'>{saving.error}</Text>}
      <Button id='appraisal-self-save' type='primary' size='large' block loading={saving.busy} disabled={short} onClick={() => void save()}>
        {a.mySelf ? '修改自评' : '提交自评'}
      </Button>
    </View>
  );
}

/** 党员互评: a grade for every other member, sent once; only counts are kept, so nobody can tell who gave which. */
function PeerForm({ a, onDone }: { a: AppraisalView; onDone: () => void }) {
  const [grades, setGrades] = useState<Record<string, AppraisalGrade>>({});
  const saving = useAction();
  const left = a.peers.filter((p) => !grades[p.memberId]).length;
  async function send() {
    if (left) return;
    const { confirm } = await Taro.showModal({
      title: '提交互评',
      content: '提交后不能修改。确定提交吗？',
      confirmText: '提交',
      cancelText: '再看看',
    });
    if (confirm && (await saving.run(() => api.voice.rate({ appraisalId: a.id, ratings: grades }), '互评已提交'))) onDone();
  }
  return (
    <View id='appraisal-peer'>
      <Text className='zb-quote zb-note'>匿名互评：只保存每位党员得到的各等次票数，不保存谁评了谁、评了什么；系统只记录你“已评”。</Text>
      {a.peers.map((p) => (
        <View key={p.memberId} className='zb-card zb-stack' id={`peer-${p.memberId}`}>
          <Text className='zb-title'>{p.name}</Text>
          {p.self ? <Text className='zb-muted'>自评：{p.self}</Text> : <Text className='zb-muted'>未写自评</Text>}
          <View className='zb-choices'>
            {APPRAISAL_GRADES.map((g) => (
              <Button
                key={g}
                id={`peer-${p.memberId}-${g}`}
                className={grades[p.memberId] === g ? 'zb-choice zb-choice--on' : 'zb-choice'}
                onClick={() => setGrades({ ...grades, [p.memberId]: g })}
              >
                {APPRAISAL_GRADE_LABEL[g]}
              </Button>
            ))}
          </View>
        </View>
      ))}
      <View className='zb-actions'>
        {saving.error && <Text className='zb-error'>{saving.error}</Text>}
        <Button id='appraisal-rate' type='primary' size='large' block loading={saving.busy} disabled={left > 0} onClick={() => void send()}>
          {left ? `还有 ${left} 位未评` : '提交互评'}
        </Button>
      </View>
    </View>
  );
}

/** 民主评议党员 as a member of the branch takes part: the steps, their own part in the current one, the 公示. */
export default function AppraisalPage() {
  const pageClass = usePageClass('voice');
  const { id = '' } = useRouter().params;
  const view = useApi(() => api.voice.appraisal({ appraisalId: id }), [id]);
  usePullDownRefresh(() => void view.reload().finally(() => Taro.stopPullDownRefresh()));
  const a = view.data;
  return (
    <View className={pageClass}>
      <StateView loading={view.loading && !a} error={a ? undefined : view.error} onRetry={() => void view.reload()}>
        {a && (
          <View>
            <View className='zb-card zb-stack' id='appraisal-head'>
              <Text className='zb-title'>{a.title}</Text>
              <Text className='zb-muted'>{a.orgName}</Text>
              <Steps step={a.step} />
            </View>
            {!a.appraised && (
              <View className='zb-card'>
                <Text className='zb-muted'>你不在本次民主评议的党员名单中。</Text>
              </View>
            )}
            {a.appraised && a.step === 'study' && (
              <View className='zb-card'>
                <Text>学习培训阶段：请学习党章和评议要求，对照党员标准准备个人自评。支部开启“个人自评”后就可以填写。</Text>
              </View>
            )}
            {a.appraised && a.step === 'self' && <SelfForm a={a} onDone={() => void view.reload()} />}
            {a.appraised && a.step === 'peer' && !a.rated && <PeerForm a={a} onDone={() => void view.reload()} />}
            {a.appraised && a.step === 'peer' && a.rated && (
              <View className='zb-card' id='appraisal-rated'>
                <Text className='zb-done'>你已完成互评，谢谢参与。</Text>
              </View>
            )}
            {a.step === 'decide' && (
              <View className='zb-card'>
                <Text>支部委员会正在综合自评和互评情况评定等次，评定后将公示。</Text>
              </View>
            )}
            {a.outcome && (
              <View>
                <Text className='zb-section-title' id='appraisal-outcome-title'>
                  评议结果公示{a.publicizeUntil ? `（至 ${moment(a.publicizeUntil)}）` : ''}
                </Text>
                <View className='zb-card zb-stack' id='appraisal-outcome'>
                  {a.outcome.map((o) => (
                    <View key={o.memberId} className='zb-row'>
                      <Text className='zb-grow'>{o.name}</Text>
                      <Text className={o.grade === 'excellent' ? 'zb-attention' : ''}>
                        {o.grade ? APPRAISAL_GRADE_LABEL[o.grade] : '—'}
                      </Text>
                    </View>
                  ))}
                  <Text className='zb-muted'>对评议结果有意见，可以通过“给支部写信”反映。</Text>
                </View>
              </View>
            )}
            {a.step === 'publicize' && !a.outcome && (
              <View className='zb-card'>
                <Text className='zb-muted'>公示期已过，评议结果已记入个人电子档案。</Text>
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
