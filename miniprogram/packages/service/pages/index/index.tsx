import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { hoursText, type MyServiceRow } from '../../../../../typings/service';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { timeRange } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function MyRow({ r }: { r: MyServiceRow }) {
  const state = r.confirmed ? `${hoursText(r.hours ?? 0)} 小时（已确认）` : r.checkedInAt ? '已签到，待确认时长' : '已报名';
  return (
    <View className='zb-card zb-stack' id={`service-mine-${r.signupId}`} onClick={() => go(pageUrl('serviceProject', { id: r.projectId }))}>
      <Text className='zb-title'>{r.projectTitle}</Text>
      <Text>{timeRange(r.startAt, r.endAt)}</Text>
      <Text className='zb-muted'>
        {r.place} · {r.orgName}
      </Text>
      <Text className={r.confirmed ? 'zb-done' : 'zb-muted'}>{state}</Text>
    </View>
  );
}

/**
 * 志愿服务: the caller's slots to come first (with check-in), then projects they can sign up for, their
 * hours, 微心愿 and 党员进社区. Residents (not members) see the public projects and their own records.
 */
export default function ServicePage() {
  const pageClass = usePageClass('service');
  const mine = useApi(() => api.service.mine({}), [], { refreshOnShow: true });
  const list = useApi(() => api.service.list({}), [], { refreshOnShow: true });
  usePullDownRefresh(() => void Promise.all([mine.reload(), list.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const m = mine.data;
  const year = m?.years[0];
  return (
    <View className={pageClass}>
      <StateView loading={mine.loading && !m} error={m ? undefined : mine.error} onRetry={() => void mine.reload()}>
        {m && (
          <View>
            {m.upcoming.length > 0 && <Text className='zb-section-title'>我报名的服务</Text>}
            {m.upcoming.map((r) => (
              <MyRow key={r.signupId} r={r} />
            ))}
            <Text className='zb-section-title'>可报名的服务项目</Text>
            {list.data?.projects.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>目前没有可报名的志愿服务项目。</Text>
              </View>
            )}
            {list.data?.projects.map((p) => (
              <View
                key={p.id}
                className='zb-card zb-stack'
                id={`service-project-${p.id}`}
                onClick={() => go(pageUrl('serviceProject', { id: p.id }))}
              >
                <View className='zb-row'>
                  <Text className='zb-tag'>{p.public ? '面向群众' : '党员'}</Text>
                  <Text className={p.signedUp ? 'zb-done' : 'zb-muted'}>
                    {p.signedUp
                      ? '已报名'
                      : p.placesLeft === null
                        ? '名额不限'
                        : p.placesLeft > 0
                          ? `剩余 ${p.placesLeft} 个名额`
                          : '名额已满'}
                  </Text>
                </View>
                <Text className='zb-title'>{p.title}</Text>
                <Text>{timeRange(p.firstStartAt, p.lastEndAt)}</Text>
                <Text className='zb-muted'>
                  {p.place} · {p.orgName} · {p.slotCount} 个时段
                </Text>
              </View>
            ))}
            <Text className='zb-section-title'>我的服务时长</Text>
            <View className='zb-card zb-stack' id='service-hours'>
              {year ? (
                <>
                  <Text>
                    {year.year} 年累计 <Text className='service__hours'>{hoursText(year.hours)}</Text> 小时，共 {year.times} 次
                  </Text>
                  {m.years.slice(1).map((y) => (
                    <Text key={y.year} className='zb-muted'>
                      {y.year} 年：{hoursText(y.hours)} 小时，{y.times} 次
                    </Text>
                  ))}
                  {m.member && (
                    <Button id='service-certificate' size='large' block onClick={() => go(pageUrl('certificate', { year: year.year }))}>
                      生成 {year.year} 年志愿服务证书
                    </Button>
                  )}
                </>
              ) : (
                <Text className='zb-muted'>服务时长经组织者确认后记在这里{m.member ? '，并计入电子档案' : ''}。</Text>
              )}
            </View>
            <Text className='zb-section-title'>微心愿</Text>
            <View className='zb-card zb-link-row' id='service-wishes' onClick={() => go(pageUrl('wishes'))}>
              <Text>{m.member ? '群众的微心愿，党员认领帮办' : '有小困难？提交微心愿，党员来帮办'}</Text>
              <Text className='zb-muted'>查看 ›</Text>
            </View>
            {m.member && (
              <>
                <Text className='zb-section-title'>党员进社区</Text>
                <View className='zb-card zb-link-row' id='service-community' onClick={() => go(pageUrl('community'))}>
                  <Text>{m.community ? `已到 ${m.community.orgName} 报到` : '到居住地社区报到，参加社区服务'}</Text>
                  <Text className='zb-muted'>{m.community ? '查看 ›' : '去报到 ›'}</Text>
                </View>
              </>
            )}
            {m.past.length > 0 && <Text className='zb-section-title'>服务记录</Text>}
            {m.past.map((r) => (
              <MyRow key={r.signupId} r={r} />
            ))}
          </View>
        )}
      </StateView>
    </View>
  );
}
