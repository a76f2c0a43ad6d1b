import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { timeRange } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';

const go = (url: string) => void Taro.navigateTo({ url });

/** A unit's 志愿服务 projects, newest first: sign-ups, and hours still to confirm (each project's slots hold the tools). */
export default function ServiceProjectsPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const list = useApi(() => api.service.projects({ orgId }), [orgId], { refreshOnShow: true });
  const stats = useApi(() => api.service.stats({ orgId }), [orgId], { refreshOnShow: true });
  usePullDownRefresh(() => void Promise.all([list.reload(), stats.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const s = stats.data;
  return (
    <View className={pageClass}>
      <View className='zb-actions'>
        <Button id='projects-new' type='primary' size='large' block onClick={() => go(pageUrl('serviceEdit', { orgId }))}>
          发布志愿服务
        </Button>
      </View>
      {s && (
        <View className='zb-card zb-stack' id='projects-year'>
          <Text className='zb-title'>{s.year} 年</Text>
          <Text>
            服务项目 {s.projects} 个，报名 {s.memberSignups + s.residentSignups} 人次（群众 {s.residentSignups}），确认时长 {s.hours} 小时（
            {s.volunteers} 人）
          </Text>
        </View>
      )}
      <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={() => void list.reload()}>
        {list.data?.projects.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>还没有志愿服务项目。发布后可分享到群里，党员和群众点开即可报名。</Text>
          </View>
        )}
        {list.data?.projects.map((p) => (
          <View key={p.id} className='zb-card zb-stack' id={`projects-${p.id}`} onClick={() => go(pageUrl('serviceProject', { id: p.id }))}>
            <View className='zb-row'>
              <Text className='zb-tag'>{p.public ? '面向群众' : '党员'}</Text>
              {p.cancelled && <Text className='zb-muted'>已取消</Text>}
              {p.toConfirm > 0 && <Text className='zb-error'>{p.toConfirm} 人时长待确认</Text>}
            </View>
            <Text className='zb-title'>{p.title}</Text>
            <Text>{timeRange(p.firstStartAt, p.lastEndAt)}</Text>
            <Text className='zb-muted'>
              {p.slotCount} 个时段 · 已报名 {p.signups} 人
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
