import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { hoursText, SERVICE_RULES, type ServiceRoster, type ServiceRosterRow } from '../../../../../typings/service';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment, timeRange } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

/** The hours the form starts from: what was confirmed, else the slot's length for those who came and 0 for the others. */
const startingHours = (r: ServiceRosterRow, slotHours: number) => r.hours ?? (r.checkedInAt ? slotHours : 0);

function Row({ r, hours, onHours, canConfirm }: { r: ServiceRosterRow; hours: number; onHours: (h: number) => void; canConfirm: boolean }) {
  const [contact, setContact] = useState<{ name: string; phone: string } | null>(null);
  const { busy, error, run } = useAction();
  return (
    <View className='zb-card zb-stack' id={`roster-${r.signupId}`}>
      <View className='zb-row'>
        <Text className='zb-title zb-grow'>{contact?.name ?? r.name}</Text>
        <Text className='zb-tag'>{r.kind === 'member' ? '党员' : '群众'}</Text>
      </View>
      {r.orgName && <Text className='zb-muted'>{r.orgName}</Text>}
      {r.kind === 'resident' && (
        <View className='zb-row'>
          <Text className='zb-grow'>{contact?.phone ?? r.phoneMasked ?? '联系方式已按规定删除'}</Text>
          {r.phoneMasked && !contact && (
            <Button
              id={`roster-reveal-${r.signupId}`}
              size='small'
              loading={busy}
              onClick={() => void run(() => api.service.revealContact({ signupId: r.signupId })).then((c) => c && setContact(c))}
            >
              查看完整号码
            </Button>
          )}
        </View>
      )}
      <Text className={r.checkedInAt || !canConfirm ? 'zb-muted' : 'zb-error'}>
        {r.checkedInAt ? `${moment(r.checkedInAt)} 签到${r.method === 'manual' ? '（组织者确认）' : ''}` : canConfirm ? '未签到' : '待签到'}
        {r.confirmedAt ? ` · 已确认 ${hoursText(r.hours ?? 0)} 小时` : ''}
      </Text>
      {canConfirm && (
        <View className='zb-row'>
          <Text className='zb-grow'>时长（小时）</Text>
          <Button
            id={`roster-less-${r.signupId}`}
            disabled={hours <= 0}
            onClick={() => onHours(Math.max(0, hours - SERVICE_RULES.hoursStep))}
          >
            减半小时
          </Button>
          <Text className='zb-title' id={`roster-hours-${r.signupId}`}>
            {hoursText(hours)}
          </Text>
          <Button
            id={`roster-more-${r.signupId}`}
            disabled={hours >= SERVICE_RULES.slotMaxHours}
            onClick={() => onHours(Math.min(SERVICE_RULES.slotMaxHours, hours + SERVICE_RULES.hoursStep))}
          >
            加半小时
          </Button>
        </View>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/**
 * One 志愿服务 slot for its organiser: the check-in code screen, who signed up (residents masked, their number
 * shown in full on request, logged), who came, and the hours to confirm once it has started.
 */
export default function ServiceSlotPage() {
  const pageClass = usePageClass();
  const { id = '' } = useRouter().params;
  const state = useApi(() => api.service.roster({ slotId: id }), [id], { refreshOnShow: true });
  usePullDownRefresh(() => void state.reload().finally(() => Taro.stopPullDownRefresh()));
  const [roster, setRoster] = useState<ServiceRoster | null>(null);
  const [hours, setHours] = useState<Record<string, number>>({});
  const { busy, error, run } = useAction();
  const r = roster ?? state.data;
  useEffect(() => {
    if (!state.data) return;
    setRoster(null);
    setHours(Object.fromEntries(state.data.rows.map((row) => [row.signupId, startingHours(row, state.data!.slot.hours)])));
  }, [state.data]);
  if (!r) return <PageState state={state} />;
  // Hours can be confirmed from when check-in opens.
  const started = r.slot.checkinOpen || Date.now() >= Date.parse(r.slot.startAt);
  async function confirm() {
    const entries = r!.rows.map((row) => ({ signupId: row.signupId, hours: hours[row.signupId] ?? 0 }));
    const next = await run(() => api.service.confirmHours({ slotId: id, entries }), '服务时长已确认');
    if (next) setRoster(next);
  }
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='slot-head'>
        <Text className='zb-title'>{r.slot.projectTitle}</Text>
        <Text>{timeRange(r.slot.startAt, r.slot.endAt)}</Text>
        <Text className='zb-muted'>{r.slot.place}</Text>
        <Text id='slot-counts'>
          报名 {r.counts.signedUp} 人（群众 {r.counts.residents}），已签到 {r.counts.present} 人，已确认 {r.counts.confirmed} 人
        </Text>
        {r.slot.checkinOpen && (
          <Button
            id='slot-code'
            type='primary'
            size='large'
            block
            onClick={() => void Taro.navigateTo({ url: pageUrl('checkinScreen', { slot: id }) })}
          >
            显示签到码
          </Button>
        )}
        {!r.slot.checkinOpen && !started && (
          <Text className='zb-muted'>签到码在开始前 {SERVICE_RULES.checkinBeforeMinutes} 分钟起可以显示。</Text>
        )}
      </View>
      {r.rows.length === 0 && (
        <View className='zb-card'>
          <Text className='zb-muted'>还没有人报名这个时段。</Text>
        </View>
      )}
      {r.rows.map((row) => (
        <Row
          key={row.signupId}
          r={row}
          hours={hours[row.signupId] ?? 0}
          onHours={(h) => setHours((all) => ({ ...all, [row.signupId]: h }))}
          canConfirm={started}
        />
      ))}
      {started && r.rows.length > 0 && (
        <View className='zb-actions'>
          <Text className='zb-muted'>
            没有签到但确实来了的，填上时长即可（计为组织者确认）；没来的填 0。党员的时长计入电子档案并获得积分。
          </Text>
          <Button id='slot-confirm' type='primary' size='large' block loading={busy} onClick={() => void confirm()}>
            确认服务时长
          </Button>
          {error && (
            <Text className='zb-error' id='slot-error'>
              {error}
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
