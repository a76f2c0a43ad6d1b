import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { useAction } from '../../../services/useAction';

interface Props {
  /** Element ids: `approve-<id>`, `reject-<id>`, `confirm-reject-<id>`. */
  id: string;
  approveLabel?: string;
  /** Calls the server; `reason` only when rejecting. Resolves once decided. */
  decide: (approve: boolean, reason?: string) => Promise<unknown>;
  onDone: (approved: boolean) => void;
}

/** 通过 / 不通过 (with a reason the requester will read): the decision on a request. */
export function ReviewActions({ id, approveLabel = '通过', decide, onDone }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();

  async function submit(approve: boolean) {
    const ok = await run(async () => {
      await decide(approve, approve ? undefined : reason.trim());
      return true;
    });
    if (ok) onDone(approve);
  }

  return (
    <View className='zb-stack'>
      {!rejecting && (
        <View className='zb-row'>
          <Button className='zb-grow' id={`approve-${id}`} type='primary' size='large' loading={busy} onClick={() => void submit(true)}>
            {approveLabel}
          </Button>
          <Button className='zb-grow' id={`reject-${id}`} size='large' onClick={() => setRejecting(true)}>
            不通过
          </Button>
        </View>
      )}
      {rejecting && (
        <>
          <TextArea placeholder='请写明原因，申请人会看到' value={reason} onChange={setReason} maxLength={200} />
          <View className='zb-row'>
            <Button
              className='zb-grow'
              id={`confirm-reject-${id}`}
              type='primary'
              size='large'
              disabled={reason.trim().length < 2}
              loading={busy}
              onClick={() => void submit(false)}
            >
              确认不通过
            </Button>
            <Button className='zb-grow' size='large' onClick={() => setRejecting(false)}>
              取消
            </Button>
          </View>
        </>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}
