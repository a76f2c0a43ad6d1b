import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { PARTY_STAGE_LABEL, PARTY_STAGES, type PartyStage } from '../../../../typings/domain';
import { shanghaiDay } from '../../../../typings/time';
import { api, ApiError } from '../../../services/api';

interface Props {
  memberId: string;
  current: { stage: PartyStage; since: string } | null;
  onDone: () => void;
}

/** Records the member's next step in 发展党员 (or, the first time, where they stand now). */
export function StepForm({ memberId, current, onDone }: Props) {
  const next = current ? (PARTY_STAGES[PARTY_STAGES.indexOf(current.stage) + 1] ?? null) : null;
  // Nothing is preset: a wrong stage or date must not be one tap away.
  const [initial, setInitial] = useState<PartyStage | null>(null);
  const [date, setDate] = useState('');
  const [responsible, setResponsible] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (current && !next) return null;
  const to = next ?? initial;

  async function submit() {
    const missing = [!to && '阶段', !date && '日期'].filter(Boolean);
    if (!to || !date) {
      setError(`请先选择${missing.join('和')}`);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.lifecycle.advance({ memberId, to, date, responsible: responsible.trim() || undefined });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '记录失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='zb-card step-form' id='step-form'>
      <Text className='step-form__title'>{current && to ? `记录下一步：${PARTY_STAGE_LABEL[to]}` : '记录目前所处阶段'}</Text>
      {!current && (
        <View className='zb-choices' id='step-stages'>
          {PARTY_STAGES.map((s) => (
            <Button
              key={s}
              id={`step-stage-${s}`}
              className={initial === s ? 'zb-choice zb-choice--on' : 'zb-choice'}
              onClick={() => setInitial(s)}
            >
              {PARTY_STAGE_LABEL[s]}
            </Button>
          ))}
        </View>
      )}
      <Picker mode='date' value={date || shanghaiDay(new Date())} end={shanghaiDay(new Date())} onChange={(e) => setDate(e.detail.value)}>
        <View className='step-form__picker' id='step-date'>
          {current ? '这一步的日期' : '进入该阶段的日期'}：{date || '请选择'}
        </View>
      </Picker>
      <Input placeholder='培养联系人（选填）' value={responsible} onChange={setResponsible} maxLength={20} />
      <Button id='step-submit' type='primary' size='large' block loading={busy} onClick={() => void submit()}>
        记录
      </Button>
      {error && (
        <Text className='step-form__error' id='step-error'>
          {error}
        </Text>
      )}
    </View>
  );
}
