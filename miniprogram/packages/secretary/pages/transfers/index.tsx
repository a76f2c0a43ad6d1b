import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { TRANSFER_STATUS_LABEL, type TransferView } from '../../../../../typings/domain';
import { shanghaiDay } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { ReviewActions } from '../../components/ReviewActions';
import { usePageClass } from '../../../../services/care';

function TransferCard({ transfer, onDone }: { transfer: TransferView; onDone: () => void }) {
  const outgoing = transfer.status === 'pending_out';
  return (
    <View className='zb-card zb-stack' id={`transfer-${transfer.id}`}>
      <Text className='zb-title'>{transfer.memberName}</Text>
      <Text className='zb-muted'>
        {outgoing ? '转出' : '转入'} · {transfer.fromOrgName} → {transfer.toOrgName}
      </Text>
      <Text className='zb-muted'>
        {shanghaiDay(transfer.createdAt)} 提出 · {TRANSFER_STATUS_LABEL[transfer.status]}
      </Text>
      <Text className='zb-quote'>{transfer.reason}</Text>
      <ReviewActions
        id={transfer.id}
        approveLabel={outgoing ? '同意转出' : '同意接收'}
        decide={(approve, reason) => api.transfer.review({ transferId: transfer.id, approve, reason })}
        onDone={(approved) => {
          void Taro.showToast({
            title: approved ? (outgoing ? '已同意转出，等待转入支部审核' : '已接收，转接完成') : '已退回',
            icon: 'none',
          });
          onDone();
        }}
      />
    </View>
  );
}

/** 组织关系转接 waiting for this branch: as the sending branch first, then as the receiving one. */
export default function TransfersPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.transfer.inbox({ orgId }), [orgId]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && data.transfers.length === 0 && (
          <EmptyState title='没有待审核的转接' description='党员申请转出本支部，或转入本支部时，会出现在这里' />
        )}
        {data?.transfers.map((t) => (
          <TransferCard key={t.id} transfer={t} onDone={() => void reload()} />
        ))}
      </StateView>
    </View>
  );
}
