import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { RANK_PERIOD_LABEL, RANK_PERIODS, type RankPeriod, type RankRow } from '../../../../../typings/points';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { usePaged } from '../../../../services/usePaged';
import { LedgerEntries } from '../../../../components/ledger-entries';
import { LoadMore } from '../../../../components/load-more';
import './index.scss';

function Row({ r }: { r: RankRow }) {
  return (
    <View className={`points__rank-row${r.me ? ' points__rank-row--me' : ''}`} id={r.me ? 'rank-me' : undefined}>
      <Text className={`points__place${r.rank > 0 && r.rank <= 3 ? ' points__place--top' : ''}`}>{r.rank > 0 ? r.rank : '-'}</Text>
      <View className='zb-stack zb-grow points__who'>
        <Text>
          {r.name}
          {r.me ? '（我）' : ''}
          {r.hidden ? '（已设为不公开）' : ''}
        </Text>
        <Text className='zb-muted'>{r.orgName}</Text>
      </View>
      <Text className='points__value'>{r.points} 分</Text>
    </View>
  );
}

/** 我的积分: today against each rule's cap, the rankings of my units, and where every point came from. */
export default function PointsPage() {
  const pageClass = usePageClass('points');
  const mine = useApi(() => api.points.mine({}), [], { refreshOnShow: true });
  const [tab, setTab] = useState<'rank' | 'today' | 'history'>('rank');
  const [period, setPeriod] = useState<RankPeriod>('month');
  const [unit, setUnit] = useState<string | null>(null);
  const orgId = unit ?? mine.data?.units[0]?.id ?? null;
  const ranking = useApi(async () => (orgId ? api.points.ranking({ orgId, period }) : null), [orgId, period]);
  const history = usePaged(async (cursor) => api.points.history(cursor ? { cursor } : {}), []);
  const hiding = useAction();
  usePullDownRefresh(() => void Promise.all([mine.reload(), ranking.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const m = mine.data;

  async function toggleHidden() {
    if (!m) return;
    const done = await hiding.run(() => api.points.setHidden({ hidden: !m.hidden }), m.hidden ? '已在排行榜中显示' : '已不在排行榜中公开');
    if (done) await Promise.all([mine.reload(), ranking.reload()]);
  }

  return (
    <View className={pageClass}>
      <StateView loading={mine.loading && !m} error={m ? undefined : mine.error} onRetry={() => void mine.reload()}>
        {m && (
          <View>
            <View className='zb-card points__summary' id='points-summary'>
              <View className='zb-stack points__total'>
                <Text className='zb-muted'>累计积分</Text>
                <Text className='points__big' id='points-total'>
                  {m.total}
                </Text>
              </View>
              <View className='points__periods'>
                <Text>本周 {m.week}</Text>
                <Text>本月 {m.month}</Text>
                <Text>本年 {m.year}</Text>
              </View>
            </View>
            {ranking.data?.mine && (
              <Text className='zb-section-title' id='points-my-rank'>
                {RANK_PERIOD_LABEL[period]}在{ranking.data.orgName}
                {ranking.data.mine.rank ? `排第 ${ranking.data.mine.rank} 名` : '在前 100 名之外'}（
                {ranking.data.more ? '超过 100' : `共 ${ranking.data.ranked}`} 人有积分）
              </Text>
            )}
            <View className='points__tabs'>
              {(
                [
                  ['rank', '排行榜'],
                  ['today', '今日积分'],
                  ['history', '积分明细'],
                ] as const
              ).map(([k, label]) => (
                <View
                  key={k}
                  id={`points-tab-${k}`}
                  className={`points__tab${tab === k ? ' points__tab--on' : ''}`}
                  onClick={() => setTab(k)}
                >
                  {label}
                </View>
              ))}
            </View>
            {tab === 'rank' && (
              <View id='points-ranking'>
                <View className='zb-card zb-stack'>
                  <View className='zb-choices'>
                    {m.units.map((u) => (
                      <Button
                        key={u.id}
                        id={`rank-unit-${u.id}`}
                        className={orgId === u.id ? 'zb-choice zb-choice--on' : 'zb-choice'}
                        onClick={() => setUnit(u.id)}
                      >
                        {u.name}
                      </Button>
                    ))}
                  </View>
                  <View className='zb-choices'>
                    {RANK_PERIODS.map((p) => (
                      <Button
                        key={p}
                        id={`rank-period-${p}`}
                        className={period === p ? 'zb-choice zb-choice--on' : 'zb-choice'}
                        onClick={() => setPeriod(p)}
                      >
                        {RANK_PERIOD_LABEL[p]}
                      </Button>
                    ))}
                  </View>
                </View>
                {m.units.length === 0 && (
                  <View className='zb-card'>
                    <Text className='zb-muted'>加入支部后可以看到排行榜</Text>
                  </View>
                )}
                {ranking.data && (
                  <View className='zb-card points__list'>
                    {ranking.data.rows.length === 0 && <Text className='zb-muted'>这段时间还没有人得分</Text>}
                    {ranking.data.rows.map((r) => (
                      <Row key={`${r.rank}-${r.name}-${r.orgName}`} r={r} />
                    ))}
                    {ranking.data.mine && !ranking.data.rows.some((r) => r.me) && (
                      <Row r={{ ...ranking.data.mine, rank: ranking.data.mine.rank ?? 0 }} />
                    )}
                  </View>
                )}
                <View className='zb-card zb-stack'>
                  <Text className='zb-muted'>
                    {m.hidden
                      ? '你已设为不在排行榜中公开：其他党员看不到你，支部书记仍能看到。'
                      : '不想让其他党员在排行榜中看到自己？可以设为不公开，积分照常累计。'}
                  </Text>
                  <Button id='points-hide' size='large' block loading={hiding.busy} onClick={() => void toggleHidden()}>
                    {m.hidden ? '在排行榜中公开我' : '不在排行榜中公开我'}
                  </Button>
                  {hiding.error && <Text className='zb-error'>{hiding.error}</Text>}
                </View>
              </View>
            )}
            {tab === 'today' && (
              <View>
                <Text className='zb-section-title'>每项每天有上限，只奖励真正的学习和参与</Text>
                <View className='zb-card zb-stack' id='points-today'>
                  {m.today.map((t) => (
                    <View key={t.rule} className='zb-stack points__rule' id={`points-rule-${t.rule}`}>
                      <View className='zb-row'>
                        <Text className='zb-grow'>{t.label}</Text>
                        <Text className={t.points >= t.cap ? 'points__full' : ''}>
                          {t.points}/{t.cap} 分
                        </Text>
                      </View>
                      <View className='points__bar'>
                        <View className='points__bar-fill' style={{ width: `${Math.min(100, (100 * t.points) / t.cap)}%` }} />
                      </View>
                      <Text className='zb-muted'>{t.note}</Text>
                    </View>
                  ))}
                </View>
              </View>
            )}
            {tab === 'history' && (
              <View id='points-history'>
                {history.items?.length === 0 && (
                  <View className='zb-card'>
                    <Text className='zb-muted'>还没有积分记录。阅读通知、学习、每日一练、参加组织生活都能得积分。</Text>
                  </View>
                )}
                {history.items && history.items.length > 0 && (
                  <View className='zb-card points__list'>
                    <LedgerEntries items={history.items} />
                  </View>
                )}
                <LoadMore cursor={history.cursor} busy={history.busy} onMore={() => void history.more()} />
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
