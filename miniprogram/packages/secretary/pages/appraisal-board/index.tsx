import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  APPRAISAL_GRADE_LABEL,
  APPRAISAL_GRADES,
  APPRAISAL_STEP_LABEL,
  APPRAISAL_STEPS,
  type AppraisalBoard,
  type AppraisalGrade,
} from '../../../../../typings/voice';
import { Field } from '../../../../components/field';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

const NEXT_NOTE: Partial<Record<AppraisalBoard['step'], string>> = {
  study: '开启后，党员可以填写个人自评。',
  self: '开启后，党员对其他党员匿名评议，自评将不能再修改。',
  peer: '开启后，互评结束，由支部委员会评定等次。',
  decide: '开启后，评定结果向本支部党员公示，并记入每名党员的电子档案。',
  publicize: '结束本次民主评议。',
};

/** One appraisal for the branch committee: the steps (each opened here, in order), each member's self-assessment and rating counts, the grade. */
export default function AppraisalBoardPage() {
  const pageClass = usePageClass();
  const { id = '' } = useRouter().params;
  const board = useApi(() => api.voice.appraisalBoard({ appraisalId: id }), [id], { refreshOnShow: true });
  const acting = useAction();
  const [days, setDays] = useState('5');
  usePullDownRefresh(() => void board.reload().finally(() => Taro.stopPullDownRefresh()));
  const b = board.data;
  const next = b?.leads ? APPRAISAL_STEPS[APPRAISAL_STEPS.indexOf(b.step) + 1] : undefined;

  async function open() {
    if (!b || !next) return;
    const { confirm } = await Taro.showModal({
      title: `进入“${APPRAISAL_STEP_LABEL[next]}”`,
      content: NEXT_NOTE[b.step] ?? '',
      confirmText: '开启',
      cancelText: '再想想',
    });
    const publicizeDays = Number(days) || 5;
    if (confirm && (await acting.run(() => api.voice.openStep({ appraisalId: id, step: next, publicizeDays }), '已开启')))
      void board.reload();
  }
  async function decide(memberId: string, grade: AppraisalGrade) {
    if (await acting.run(() => api.voice.decide({ appraisalId: id, memberId, grade }))) void board.reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={board.loading && !b} error={b ? undefined : board.error} onRetry={() => void board.reload()}>
        {b && (
          <View>
            <View className='zb-card zb-stack' id='board-head'>
              <Text className='zb-title'>{b.title}</Text>
              <Text id='board-step'>
                当前阶段：{APPRAISAL_STEP_LABEL[b.step]} · 参评 {b.members.length} 人 · 已互评 {b.raters} 人
              </Text>
              {b.publicizeUntil && <Text className='zb-muted'>公示至 {moment(b.publicizeUntil)}</Text>}
              {next === 'publicize' && (
                <Field id='field-board-days' label='公示天数' hint='公示期内本支部党员可以看到评议结果'>
                  <Input id='board-days' type='digit' value={days} onChange={setDays} maxLength={2} />
                </Field>
              )}
              {acting.error && <Text className='zb-error'>{acting.error}</Text>}
              {next && (
                <Button id='board-next' type='primary' size='large' block loading={acting.busy} onClick={() => void open()}>
                  {next === 'done' ? '结束民主评议' : `进入“${APPRAISAL_STEP_LABEL[next]}”`}
                </Button>
              )}
            </View>
            <Text className='zb-section-title'>党员评议情况{b.step === 'decide' ? '：请评定等次' : ''}</Text>
            {b.members.map((m) => {
              const total = APPRAISAL_GRADES.reduce((n, g) => n + m.counts[g], 0);
              return (
                <View key={m.memberId} className='zb-card zb-stack' id={`board-${m.memberId}`}>
                  <View className='zb-row'>
                    <Text className='zb-title zb-grow'>{m.name}</Text>
                    {m.grade && <Text className={m.grade === 'excellent' ? 'zb-error' : ''}>{APPRAISAL_GRADE_LABEL[m.grade]}</Text>}
                  </View>
                  <Text className='zb-muted'>{m.self ? `自评：${m.self}` : '未写自评'}</Text>
                  <Text id={`board-${m.memberId}-counts`}>
                    互评（{total} 票）：{APPRAISAL_GRADES.map((g) => `${APPRAISAL_GRADE_LABEL[g]} ${m.counts[g]}`).join(' · ')}
                  </Text>
                  {b.step === 'decide' && (
                    <View className='zb-choices'>
                      {APPRAISAL_GRADES.map((g) => (
                        <Button
                          key={g}
                          id={`grade-${m.memberId}-${g}`}
                          className={m.grade === g ? 'zb-choice zb-choice--on' : 'zb-choice'}
                          disabled={acting.busy}
                          onClick={() => void decide(m.memberId, g)}
                        >
                          {APPRAISAL_GRADE_LABEL[g]}
                        </Button>
                      ))}
                    </View>
                  )}
                </View>
              );
            })}
          </View>
        )}
      </StateView>
    </View>
  );
}
