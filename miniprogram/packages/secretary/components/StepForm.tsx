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
  const [initial, setInitial] = useState<PartyStage>('full');
  const [date, setDate] = useState(shanghaiDay(new Date()));
  const [responsible, setResponsible] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (current && !next) return null;
  const to = next ?? initial;

  async function submit() {
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
      <Text className='step-form__title'>{current ? `记录下一步：${PARTY_STAGE_LABEL[to]}` : '记录目前所处阶段'}</Text>
      {!current && (
        <Picker
          mode='selector'
          range={PARTY_STAGES.map((s) => PARTY_STAGE_LABEL[s])}
          onChange={(e) => setInitial(PARTY_STAGES[Number(e.detail.value)] ?? 'full')}
        >
          <View className='step-form__picker'>阶段：{PARTY_STAGE_LABEL[initial]}</View>
        </Picker>
      )}
      <Picker mode='date' value={date} end={shanghaiDay(new Date())} onChange={(e) => setDate(e.detail.value)}>
        <View className='step-form__picker'>日期：{date}</View>
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
