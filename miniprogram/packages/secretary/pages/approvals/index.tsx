import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { PARTY_STAGE_LABEL, type JoinRequestView } from '../../../../../typings/domain';
import { shanghaiDay } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { ReviewActions } from '../../components/ReviewActions';
import { usePageClass } from '../../../../services/care';

const VIA_LABEL = { group: '从微信群', invite: '通过邀请', search: '搜索' } as const;

const MATCH_BY = { name: '同名', phone: '手机号相同', idCard: '身份证号相同' } as const;

/** Imported roster entries that may be the applicant: approving as one links them instead of adding a second record. */
function RosterChoice({
  request,
  value,
  onChange,
}: {
  request: JoinRequestView;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const matches = request.rosterMatches ?? [];
  if (matches.length === 0) return null;
  return (
    <View className='zb-stack' id={`roster-${request.id}`}>
      <Text className='zb-muted'>名册中有导入的党员可能是此人，请确认：</Text>
      {matches.map((m) => (
        <View
          key={m.memberId}
          id={`roster-pick-${m.memberId}`}
          className={`zb-option ${value === m.memberId ? 'zb-option--on' : ''}`}
          onClick={() => onChange(m.memberId)}
        >
          <Text className='zb-option__title'>是名册中的{m.name}</Text>
          <Text className='zb-muted'>
            {[m.phoneMasked, m.partyStage && PARTY_STAGE_LABEL[m.partyStage], MATCH_BY[m.by]].filter(Boolean).join(' · ')}
          </Text>
        </View>
      ))}
      <View
        id={`roster-none-${request.id}`}
        className={`zb-option ${value === null ? 'zb-option--on' : ''}`}
        onClick={() => onChange(null)}
      >
        <Text className='zb-option__title'>不是，作为新党员加入</Text>
      </View>
    </View>
  );
}

function RequestCard({ request, onDone }: { request: JoinRequestView; onDone: (message: string) => void }) {
  const [rosterMemberId, setRosterMemberId] = useState<string | null>(null);
  return (
    <View className='zb-card zb-stack' id={`request-${request.id}`}>
      <Text className='zb-title'>{request.name}</Text>
      <Text className='zb-muted'>
        {shanghaiDay(request.createdAt)} 申请 · {VIA_LABEL[request.via]}
      </Text>
      {request.note && <Text className='zb-quote'>{request.note}</Text>}
      <RosterChoice request={request} value={rosterMemberId} onChange={setRosterMemberId} />
      <ReviewActions
        id={request.id}
        decide={(approve, reason) =>
          api.join.review({ requestId: request.id, approve, reason, ...(approve && rosterMemberId ? { rosterMemberId } : {}) })
        }
        onDone={(approved) => onDone(approved ? `已通过${request.name}的申请` : `已退回${request.name}的申请`)}
      />
    </View>
  );
}

/** A branch secretary's inbox of join requests. */
export default function ApprovalsPage() {
  const pageClass = usePageClass('approvals');
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
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && data.requests.length === 0 && <EmptyState title='没有待审核的申请' description='有人申请加入支部时，会出现在这里' />}
        {data?.requests.map((r) => (
          <RequestCard key={r.id} request={r} onDone={done} />
        ))}
      </StateView>
    </View>
  );
}
