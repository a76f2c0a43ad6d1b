import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { TRANSFER_STATUS_LABEL } from '../../../typings/domain';
import { shanghaiDay } from '../../../typings/time';
import { StateView } from '../../components/state-view';
import { TransferForm } from '../../components/transfer-form';
import { api } from '../../services/api';
import { session } from '../../services/session';
import { useApi } from '../../services/useApi';
import { usePageClass } from '../../services/care';

/** 组织关系转接 for a member: ask to move to another branch, and follow the requests made. */
export default function TransferPage() {
  const pageClass = usePageClass();
  const { data, error, loading, reload } = useApi(async () => {
    const [me, mine] = await Promise.all([session({ fresh: true }), api.transfer.mine({})]);
    return { from: me.memberships.find((m) => m.orgType === 'branch') ?? null, transfers: mine.transfers };
  });
  const [asking, setAsking] = useState(false);
  const open = data?.transfers.some((t) => t.status === 'pending_out' || t.status === 'pending_in');

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            {data.from && (
              <View className='zb-card zb-stack'>
                <Text className='zb-muted'>现所在支部</Text>
                <Text className='zb-title'>{data.from.orgName}</Text>
                <Text className='zb-muted'>转接须经本支部同意转出，再由转入支部同意接收。</Text>
              </View>
            )}
            {!data.from && (
              <View className='zb-card'>
                <Text className='zb-muted'>你还没有加入党支部，无需转接。</Text>
              </View>
            )}
            {data.from && !open && !asking && (
              <View className='zb-actions'>
                <View id='transfer-ask'>
                  <Cell title='申请转出到其他支部' extra='›' clickable onClick={() => setAsking(true)} />
                </View>
              </View>
            )}
            {data.from && asking && (
              <TransferForm
                idPrefix='transfer'
                fromOrgId={data.from.orgId}
                submit={(toOrgId, reason) => api.transfer.request({ fromOrgId: data.from!.orgId, toOrgId, reason })}
                onDone={() => {
                  setAsking(false);
                  void reload();
                }}
              />
            )}
            <Text className='zb-section-title'>我的转接记录</Text>
            <CellGroup>
              {data.transfers.length === 0 && <Cell title='暂无记录' />}
              {data.transfers.map((t) => (
                <View key={t.id} id={`my-transfer-${t.id}`}>
                  <Cell
                    title={`${t.fromOrgName} → ${t.toOrgName}`}
                    description={[`${shanghaiDay(t.createdAt)} 提出`, t.reason, t.rejectReason && `未通过原因：${t.rejectReason}`]
                      .filter(Boolean)
                      .join(' · ')}
                    extra={TRANSFER_STATUS_LABEL[t.status]}
                  />
                </View>
              ))}
            </CellGroup>
          </>
        )}
      </StateView>
    </View>
  );
}
