import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { BranchCard } from '../../../typings/domain';
import { BranchSearch } from '../branch-search';
import { Field } from '../field';
import { useAction } from '../../services/useAction';

interface Props {
  idPrefix: string;
  /** The branch the member leaves, left out of the search. */
  fromOrgId?: string;
  submit: (toOrgId: string, reason: string) => Promise<unknown>;
  onDone: () => void;
}

/** 组织关系转接: pick the receiving branch, give the reason; the sending and then the receiving branch approve. */
export function TransferForm({ idPrefix, fromOrgId, submit, onDone }: Props) {
  const [to, setTo] = useState<BranchCard | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const [tried, setTried] = useState(false);
  const missing = reason.trim().length < 2 ? '请写转接原因，至少 2 个字' : null;

  async function send() {
    setTried(true);
    if (!to || missing) return;
    if (await run(async () => (await submit(to.id, reason.trim()), true), '已提交转接申请')) onDone();
  }

  if (!to) return <BranchSearch idPrefix={idPrefix} label='转入哪个党支部' exclude={fromOrgId} onPick={setTo} />;
  return (
    <View className='zb-card zb-stack' id={`${idPrefix}-form`}>
      <Text className='zb-title'>转入「{to.name}」</Text>
      {to.parentName && <Text className='zb-muted'>{to.parentName}</Text>}
      <Field id={`${idPrefix}-reason-field`} label='转接原因' required error={tried ? missing : null}>
        <TextArea id={`${idPrefix}-reason`} placeholder='如：工作调动到财务部' value={reason} onChange={setReason} maxLength={200} />
      </Field>
      <Button id={`${idPrefix}-submit`} type='primary' size='large' block loading={busy} onClick={() => void send()}>
        提交转接
      </Button>
      <Button size='large' block onClick={() => setTo(null)}>
        重新选择支部
      </Button>
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}
