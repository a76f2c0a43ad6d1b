import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { ACTIVITY_TYPE_LABEL, POST_KIND_LABEL } from '../../../../../typings/domain';
import { studyDuration } from '../../../../../typings/study';
import { inShanghai } from '../../../../../typings/time';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';
import { pageUrl } from '../../../../../typings/pages';
import { usePageClass } from '../../../../services/care';

const STATUS_TEXT = { ok: '已开展', behind: '未开展', current: '本期待开展', future: '' } as const;

/** 通知阅读: posts published per month (bars) with their average read rate, and the most read. */
function PostTrendsSection({ orgId, year }: { orgId: string; year: number }) {
  const { data } = useApi(() => api.post.trends({ orgId, year }), [orgId, year]);
  if (!data) return null;
  const max = Math.max(1, ...data.months.map((m) => m.published));
  return (
    <>
      <Text className='zb-section-title'>{year} 年每月发布通知（柱上为平均阅读率）</Text>
      <View className='zb-card stats__chart stats__chart--posts' id='posts-chart'>
        {data.months.map((m) => (
          <View key={m.month} className='stats__col'>
            <Text className='stats__value'>{m.averageReadRate === null ? '' : `${Math.round(m.averageReadRate)}%`}</Text>
            <View className='stats__bar stats__bar--posts' style={{ height: `${(m.published / max) * 240}px` }} />
            <Text className='stats__month'>{m.month}</Text>
          </View>
        ))}
      </View>
      {data.top.length > 0 && (
        <CellGroup title='阅读率最高的内容'>
          {data.top.map((t) => (
            <View key={t.id} id={`top-${t.id}`}>
              <Cell
                title={t.title}
                description={`${POST_KIND_LABEL[t.kind]} · 阅读 ${t.views} 次 · 分享 ${t.shares} 次`}
                extra={`${t.readRate}%`}
                clickable
                onClick={() => void Taro.navigateTo({ url: pageUrl('postReceipts', { id: t.id }) })}
              />
            </View>
          ))}
        </CellGroup>
      )}
    </>
  );
}

/** 学习统计: study time per month (bars), hours per member, who has not studied this year, each course and its lessons. */
function StudySection({ orgId }: { orgId: string }) {
  const { data } = useApi(() => api.study.stats({ orgId }), [orgId]);
  if (!data) return null;
  const max = Math.max(1, ...data.months.map((m) => m.seconds));
  const none = data.people.filter((p) => p.yearSeconds === 0);
  return (
    <>
      <Text className='zb-section-title'>{data.year} 年每月学习时长（小时）</Text>
      <View className='zb-card stats__chart stats__chart--study' id='study-chart'>
        {data.months.map((m) => (
          <View key={m.month} className='stats__col'>
            <Text className='stats__value'>{m.seconds ? (m.seconds / 3600).toFixed(1) : ''}</Text>
            <View className='stats__bar stats__bar--study' style={{ height: `${(m.seconds / max) * 240}px` }} />
            <Text className='stats__month'>{m.month}</Text>
          </View>
        ))}
      </View>
      <View className='zb-card zb-stack' id='study-summary'>
        <Text className='zb-title'>学习</Text>
        <Text>
          {data.members} 名党员中 {data.studied} 人今年学习过；人均本月 {studyDuration(data.perMemberMonthSeconds)}、今年{' '}
          {studyDuration(data.perMemberYearSeconds)}
        </Text>
        {none.length > 0 && (
          <Text className='zb-error' id='study-none'>
            今年还没有学习的：{none.map((p) => p.name).join('、')}
          </Text>
        )}
      </View>
      {data.courses.length > 0 && (
        <CellGroup title='各门课的学习情况（本组织党员中）'>
          {data.courses.map((c) => (
            <View key={c.id} id={`study-course-${c.id}`}>
              <Cell
                title={c.title}
                description={`${c.learners} 人在学 · 人均 ${studyDuration(c.averageSeconds)} · 浏览 ${c.views} 次 · ${c.lessonCount} 课时`}
                extra={`学完 ${c.completionRate}%`}
              />
            </View>
          ))}
        </CellGroup>
      )}
    </>
  );
}

/** 服务群众: this year's 志愿服务 (projects, sign-ups, confirmed hours), 微心愿 by state and 进社区 registrations. */
function ServiceSection({ orgId }: { orgId: string }) {
  const { data } = useApi(() => api.service.stats({ orgId }), [orgId]);
  if (!data) return null;
  const w = data.wishes;
  return (
    <>
      <Text className='zb-section-title'>{data.year} 年服务群众</Text>
      <View className='zb-card zb-stack' id='service-stats'>
        <Text>
          志愿服务项目 {data.projects} 个；报名 {data.memberSignups} 名党员、{data.residentSignups} 名群众（人次）
        </Text>
        <Text>
          经确认服务时长 {data.hours} 小时，{data.volunteers} 人参加
        </Text>
        <Text id='service-stats-wishes'>
          微心愿：收到 {Object.values(w).reduce((a, b) => a + b, 0)} 个，已完成 {w.confirmed}，进行中 {w.claimed + w.done}，待认领{' '}
          {w.published}，待审核 {w.pending}
        </Text>
        {data.registered > 0 && <Text>在本社区报到的在职党员 {data.registered} 人</Text>}
      </View>
    </>
  );
}

/** 活动统计: activities per month (a bar chart), 三会一课 against the required frequencies, attendance; the year's ledger. */
export default function StatsPage() {
  const pageClass = usePageClass('stats');
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const year = inShanghai(new Date()).year();
  const { data, error, loading, reload } = useApi(() => api.record.stats({ orgId, year }), [orgId]);
  const exporting = useAction();
  const max = Math.max(1, ...(data?.months.map((m) => m.total) ?? [1]));

  async function ledger() {
    await exporting.run(async () => openSpreadsheet((await api.record.ledger({ orgId, from: `${year}-01-01`, to: `${year}-12-31` })).url));
  }

  return (
    <View className={pageClass}>
      <StateView loading={loading && !data} error={error} onRetry={reload}>
        {data && (
          <>
            <Text className='zb-section-title'>{data.year} 年每月开展活动</Text>
            <View className='zb-card stats__chart' id='stats-chart'>
              {data.months.map((m) => (
                <View key={m.month} className='stats__col'>
                  <Text className='stats__value'>{m.total || ''}</Text>
                  <View className='stats__bar' style={{ height: `${(m.total / max) * 240}px` }} />
                  <Text className='stats__month'>{m.month}</Text>
                </View>
              ))}
            </View>
            <Text className='zb-section-title'>三会一课</Text>
            {data.requirements.map((r) => (
              <View key={r.type} className='zb-card zb-stack' id={`req-${r.type}`}>
                <View className='zb-row'>
                  <Text className='zb-title zb-grow'>{ACTIVITY_TYPE_LABEL[r.type]}</Text>
                  <Text className={r.behind ? 'zb-error' : 'zb-muted'}>
                    {r.period === 'month' ? '每月' : '每季度'}至少一次{r.behind ? `，${r.behind} 期未开展` : ''}
                  </Text>
                </View>
                <View className='stats__periods'>
                  {r.periods.map((p) => (
                    <View key={p.label} className={`stats__period stats__period--${p.status}`}>
                      <Text className='stats__period-label'>{p.label}</Text>
                      <Text className='stats__period-text'>{p.held ? `${p.held} 次` : STATUS_TEXT[p.status]}</Text>
                    </View>
                  ))}
                </View>
              </View>
            ))}
            <View className='zb-card zb-stack' id='stats-attendance'>
              <Text className='zb-title'>出勤</Text>
              <Text className='zb-muted'>
                {data.attendance.records
                  ? `已归档 ${data.attendance.records} 次会议纪实，平均出席率 ${data.attendance.averageRate}%`
                  : '还没有归档的会议纪实'}
              </Text>
            </View>
            <Text className='zb-section-title'>党员出勤（{data.year} 年已结束的活动，出席率低的在前）</Text>
            <CellGroup>
              {data.members.map((m) => (
                <View key={m.memberId} id={`member-year-${m.memberId}`}>
                  <Cell
                    title={m.name}
                    description={`出席 ${m.present} · 请假 ${m.excused} · 缺席 ${m.absent}`}
                    extra={m.rate === null ? '—' : `${m.rate}%`}
                  />
                </View>
              ))}
            </CellGroup>
            <StudySection orgId={orgId} />
            <ServiceSection orgId={orgId} />
            <PostTrendsSection orgId={orgId} year={data.year} />
            <View className='zb-actions stats__export'>
              <Button id='stats-ledger' size='large' block loading={exporting.busy} onClick={() => void ledger()}>
                导出 {data.year} 年三会一课台账
              </Button>
              {exporting.error && <Text className='zb-error'>{exporting.error}</Text>}
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
