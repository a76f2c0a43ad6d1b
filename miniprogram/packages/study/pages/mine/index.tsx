import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { pageUrl } from '../../../../../typings/pages';
import { studyDuration, type MyStudy } from '../../../../../typings/study';
import { inShanghai } from '../../../../../typings/time';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** This month as a calendar: days with study time marked, today outlined. */
function Calendar({ days, today }: { days: MyStudy['days']; today: string }) {
  const t = inShanghai(`${today}T12:00:00+08:00`);
  const first = t.startOf('month');
  const count = t.daysInMonth();
  const offset = (first.day() + 6) % 7;
  const studied = new Map(days.map((d) => [d.day, d.seconds]));
  const cells = [...Array<null>(offset).fill(null), ...Array.from({ length: count }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'))];
  const month = t.format('YYYY-MM');
  const studiedDays = days.filter((d) => d.day.startsWith(month)).length;
  return (
    <View className='zb-card' id='my-study-calendar'>
      <Text className='mine__cal-title'>
        {t.month() + 1} 月学习了 {studiedDays} 天
      </Text>
      <View className='mine__cal'>
        {WEEKDAYS.map((w) => (
          <Text key={w} className='mine__cal-head'>
            {w}
          </Text>
        ))}
        {cells.map((d, i) =>
          d ? (
            <View
              key={d}
              className={`mine__cal-day${studied.has(d) ? ' mine__cal-day--on' : ''}${d === today ? ' mine__cal-day--today' : ''}`}
              aria-label={studied.has(d) ? `${d} 学习 ${studyDuration(studied.get(d)!)}` : d}
            >
              <Text>{Number(d.slice(8))}</Text>
            </View>
          ) : (
            <View key={`blank-${i}`} />
          ),
        )}
      </View>
    </View>
  );
}

/** 我的学习: time this week, month and year (measured by the server), what is completed, the days studied, the latest lessons. */
export default function MyStudyPage() {
  const pageClass = usePageClass('mine');
  const mine = useApi(() => api.study.mine({}), [], { refreshOnShow: true });
  usePullDownRefresh(() => void mine.reload().finally(() => Taro.stopPullDownRefresh()));
  const m = mine.data;
  const today = inShanghai(new Date()).format('YYYY-MM-DD');
  return (
    <View className={pageClass}>
      <StateView loading={mine.loading && !m} error={m ? undefined : mine.error} onRetry={() => void mine.reload()}>
        {m && (
          <>
            <View className='zb-card mine__totals' id='my-study-totals'>
              {(
                [
                  ['本周', m.weekSeconds],
                  ['本月', m.monthSeconds],
                  ['今年', m.yearSeconds],
                ] as const
              ).map(([label, s]) => (
                <View key={label} className='mine__total'>
                  <Text className='mine__value'>{studyDuration(s)}</Text>
                  <Text className='zb-muted'>{label}</Text>
                </View>
              ))}
            </View>
            <View className='zb-card zb-row' id='my-study-done'>
              <Text className='mine__done'>学完 {m.lessonsDone} 课时</Text>
              <Text className='mine__done'>学完 {m.coursesDone} 门课</Text>
            </View>
            <Calendar days={m.days} today={today} />
            <Text className='zb-section-title'>最近学习</Text>
            {m.recent.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>还没有学习记录。到“学习”里选一门课开始吧。</Text>
              </View>
            )}
            {m.recent.map((r) => (
              <View
                key={r.lessonId}
                className='zb-card zb-stack mine__recent'
                onClick={() => void Taro.navigateTo({ url: pageUrl('lesson', { id: r.lessonId }) })}
              >
                <Text className='mine__recent-title'>{r.title}</Text>
                <Text className='zb-muted'>
                  {r.courseTitle} · {moment(r.at)} · 学习 {studyDuration(r.seconds)}
                </Text>
                {r.done && <Text className='mine__recent-done'>✓ 已学完</Text>}
              </View>
            ))}
            <Text className='zb-muted mine__note'>学习时长由服务器按实际在学的时间计算：每 30 秒最多计一次，每天最多计 4 小时。</Text>
          </>
        )}
      </StateView>
    </View>
  );
}
