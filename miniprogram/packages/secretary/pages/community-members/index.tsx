import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { hoursText } from '../../../../../typings/service';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useApi } from '../../../../services/useApi';

/** 党员进社区: the 在职党员 who registered with this community, their own branch, and their service this year. */
export default function CommunityMembersPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.service.registrations({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  const d = list.data;
  return (
    <View className={pageClass}>
      <StateView loading={list.loading && !d} error={d ? undefined : list.error} onRetry={() => void list.reload()}>
        {d && (
          <Text className='zb-section-title' id='community-members-count'>
            在本社区报到的党员 {d.rows.length} 人 · {d.year} 年服务时长
          </Text>
        )}
        {d?.rows.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有党员报到。党员在“志愿服务 → 党员进社区”中搜索本社区即可报到。</Text>
          </View>
        )}
        {d?.rows.map((r, i) => (
          <View key={`${r.name}-${i}`} className='zb-card zb-stack' id={`community-member-${i}`}>
            <View className='zb-row'>
              <Text className='zb-title zb-grow'>{r.name}</Text>
              <Text>在本社区 {hoursText(r.hoursHere)} 小时</Text>
            </View>
            <Text className='zb-muted'>
              {r.homeOrgName} · {r.since} 报到 · 全年共 {hoursText(r.hoursAll)} 小时
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
