import { Text, View } from '@tarojs/components';
import { DUES_METHOD_LABEL, yuan } from '../../../../../typings/service';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

/** 我的党费: what the member pays each month and why, what is still due, and what they paid (recorded by the branch). */
export default function MyDuesPage() {
  const pageClass = usePageClass('service');
  const state = useApi(() => api.dues.mine({}), [], { refreshOnShow: true });
  const d = state.data;
  if (!d) return <PageState state={state} />;
  return (
    <View className={pageClass}>
      {d.branches.length === 0 && (
        <View className='zb-card'>
          <Text className='zb-muted'>加入支部后，支部登记的党费会显示在这里。</Text>
        </View>
      )}
      {d.branches.map((b) => (
        <View key={b.orgId}>
          <Text className='zb-section-title'>{b.orgName}</Text>
          <View className='zb-card zb-stack' id={`dues-${b.orgId}`}>
            {b.rate ? (
              <>
                <Text>
                  每月应交 <Text className='service__money'>{yuan(b.rate.amount)}</Text> 元
                </Text>
                <Text className='zb-muted'>
                  依据：{b.rate.basis}（{monthText(b.rate.since)}起）
                </Text>
              </>
            ) : (
              <Text className='zb-muted'>支部还没有登记你的党费缴纳标准。</Text>
            )}
            {b.unpaid.length > 0 ? (
              <Text className='zb-attention' id={`dues-unpaid-${b.orgId}`}>
                未交：{b.unpaid.map(monthText).join('、')}，共 {yuan((b.rate?.amount ?? 0) * b.unpaid.length)} 元
              </Text>
            ) : (
              b.rate && <Text className='zb-done'>已交清</Text>
            )}
            <Text className='zb-muted'>今年已交 {yuan(b.paidThisYear)} 元。党费请交给支部组织委员，由支部登记，本系统不在线收款。</Text>
          </View>
          {b.payments.length > 0 && <Text className='zb-section-title'>缴纳记录</Text>}
          {b.payments.map((p) => (
            <View key={p.id} className='zb-card zb-row' id={`dues-payment-${p.id}`}>
              <Text className='zb-grow'>{monthText(p.month)}</Text>
              <Text>{yuan(p.amount)} 元</Text>
              <Text className='zb-muted'>
                {DUES_METHOD_LABEL[p.method]} · {p.paidOn}
              </Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
