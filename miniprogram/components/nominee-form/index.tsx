import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { api } from '../../services/api';
import { useAction } from '../../services/useAction';
import { useApi } from '../../services/useApi';

/**
 * Naming a candidate of a vote: a member of its audience, found by name, and their 事迹. The organisers
 * add them to the ballot (`nominate`); a member proposes them for approval (`propose`).
 */
export function NomineeForm({
  id,
  voteId,
  mode,
  onDone,
}: {
  /** The element ids' prefix (`vote-nominate`, `vote-propose`). */
  id: string;
  voteId: string;
  mode: 'nominate' | 'propose';
  onDone: () => void;
}) {
  const people = useApi(() => api.voice.nominees({ voteId }), [voteId]);
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [deed, setDeed] = useState('');
  const saving = useAction();
  const shown = (people.data?.members ?? []).filter((m) => !q.trim() || m.name.includes(q.trim())).slice(0, 20);
  const ready = picked !== null && deed.trim().length >= 10;

  async function submit() {
    if (!picked || !ready) return;
    const input = { voteId, memberId: picked, deed: deed.trim() };
    const done =
      mode === 'nominate'
        ? await saving.run(() => api.voice.nominate(input), '已加入候选人')
        : await saving.run(() => api.voice.propose(input), '已提名，等待支部审核');
    if (done) {
      setPicked(null);
      setDeed('');
      onDone();
    }
  }

  return (
    <View className='zb-card zb-stack' id={id}>
      <Text className='zb-title'>提名候选人</Text>
      <View className='zb-field__box'>
        <Input id={`${id}-search`} value={q} onChange={setQ} placeholder='输入姓名查找' />
      </View>
      {shown.map((m) => (
        <View
          key={m.memberId}
          id={`${id}-${m.memberId}`}
          className={`zb-option${picked === m.memberId ? ' zb-option--on' : ''}`}
          onClick={() => setPicked(m.memberId)}
        >
          <Text className='zb-option__title'>{m.name}</Text>
          <Text className='zb-muted'>{m.orgName}</Text>
        </View>
      ))}
      <View className='zb-field__box'>
        <TextArea
          id={`${id}-deed`}
          value={deed}
          onChange={setDeed}
          maxLength={500}
          showCount
          placeholder={mode === 'nominate' ? '主要事迹（至少 10 个字），党员投票时会看到' : '推荐理由和主要事迹（至少 10 个字）'}
        />
      </View>
      {saving.error && <Text className='zb-error'>{saving.error}</Text>}
      <Button id={`${id}-submit`} type='primary' size='large' block loading={saving.busy} disabled={!ready} onClick={() => void submit()}>
        {mode === 'nominate' ? '加入候选人' : '提交提名'}
      </Button>
    </View>
  );
}
