import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { PARTY_STAGE_LABEL } from '../../../../../typings/domain';
import { shanghaiDay } from '../../../../../typings/time';
import { EmptyState } from '../../../../components/empty-state';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { useApi } from '../../../../services/useApi';
import { memberPage } from '../../routes';
import { usePageClass } from '../../../../services/care';

/** 积极分子 and 预备党员 whose year is up within a month (or already), soonest first. */
export default function DuePage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const { data, error, loading, reload } = useApi(() => api.lifecycle.due({ orgId }), [orgId]);
  const today = shanghaiDay(new Date());
  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && data.members.length === 0 && (
          <EmptyState title='30 天内没有需要办理的发展党员事项' description='入党积极分子满一年、预备党员预备期满一年时，会提醒你' />
        )}
        {data && data.members.length > 0 && (
          <CellGroup>
            {data.members.map((m) => (
              <View key={m.memberId} id={`due-${m.memberId}`}>
                <Cell
                  title={m.name}
                  description={`${PARTY_STAGE_LABEL[m.stage]}（自 ${m.since}）→ ${PARTY_STAGE_LABEL[m.next]}`}
                  extra={`${m.dueDate <= today ? '已到期' : `${m.dueDate} 到期`} ›`}
                  clickable
                  onClick={() =>
                    void Taro.navigateTo({
                      url: memberPage(orgId, m.memberId, m.name),
                    })
                  }
                />
              </View>
            ))}
          </CellGroup>
        )}
      </StateView>
    </View>
  );
}
