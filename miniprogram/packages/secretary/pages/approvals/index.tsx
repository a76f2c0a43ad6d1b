import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { JoinRequestView } from '../../../../../typings/domain';
import { shanghaiDay } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { StateView } from '../../../../components/state-view';
import { api, ApiError } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const VIA_LABEL = { group: '从微信群', invite: '通过邀请', search: '搜索' } as const;

function RequestCard({ request, orgId, onDone }: { request: JoinRequestView; orgId: string; onDone: (message: string) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function decide(approve: boolean) {
    setBusy(true);
    setError('');
    try {
      await api.join.review({ requestId: request.id, approve, reason: approve ? undefined : reason.trim() });
      onDone(approve ? `已通过${request.name}的申请` : `已退回${request.name}的申请`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='zb-card approvals__card' id={`request-${request.id}`} data-org={orgId}>
      <Text className='approvals__name'>{request.name}</Text>
      <Text className='approvals__meta'>
        {shanghaiDay(request.createdAt)} 申请 · {VIA_LABEL[request.via]}
      </Text>
      {request.note && <Text className='approvals__note'>{request.note}</Text>}
      {!rejecting && (
        <View className='approvals__actions'>
          <Button
            className='approvals__button'
            id={`approve-${request.id}`}
            type='primary'
            size='large'
            loading={busy}
            onClick={() => void decide(true)}
          >
            通过
          </Button>
          <Button className='approvals__button' id={`reject-${request.id}`} size='large' onClick={() => setRejecting(true)}>
            不通过
          </Button>
        </View>
      )}
      {rejecting && (
        <View className='approvals__reject'>
          <TextArea placeholder='请写明原因，申请人会看到' value={reason} onChange={setReason} maxLength={200} />
          <View className='approvals__actions'>
            <Button
              className='approvals__button'
              id={`confirm-reject-${request.id}`}
              type='primary'
              size='large'
              disabled={reason.trim().length < 2}
              loading={busy}
              onClick={() => void decide(false)}
            >
              确认不通过
            </Button>
            <Button className='approvals__button' size='large' onClick={() => setRejecting(false)}>
              取消
            </Button>
          </View>
        </View>
      )}
      {error && <Text className='approvals__error'>{error}</Text>}
    </View>
  );
}

/** A branch secretary's inbox of join requests. */
export default function ApprovalsPage() {
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.join.inbox({ orgId }), [orgId]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  function done(message: string) {
    void Taro.showToast({ title: message, icon: 'none' });
    void reload();
  }

  return (
    <View className='zb-page approvals'>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && data.requests.length === 0 && <EmptyState title='没有待审核的申请' description='有人申请加入支部时，会出现在这里' />}
        {data?.requests.map((r) => (
          <RequestCard key={r.id} request={r} orgId={orgId} onDone={done} />
        ))}
      </StateView>
    </View>
  );
}
