import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { JoinRequestView } from '../../../../../typings/domain';
import { shanghaiDay } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { ReviewActions } from '../../components/ReviewActions';

const VIA_LABEL = { group: '从微信群', invite: '通过邀请', search: '搜索' } as const;

function RequestCard({ request, onDone }: { request: JoinRequestView; onDone: (message: string) => void }) {
  return (
    <View className='zb-card zb-stack' id={`request-${request.id}`}>
      <Text className='zb-title'>{request.name}</Text>
      <Text className='zb-muted'>
        {shanghaiDay(request.createdAt)} 申请 · {VIA_LABEL[request.via]}
      </Text>
      {request.note && <Text className='zb-quote'>{request.note}</Text>}
      <ReviewActions
        id={request.id}
        decide={(approve, reason) => api.join.review({ requestId: request.id, approve, reason })}
        onDone={(approved) => onDone(approved ? `已通过${request.name}的申请` : `已退回${request.name}的申请`)}
      />
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
          <RequestCard key={r.id} request={r} onDone={done} />
        ))}
      </StateView>
    </View>
  );
}
