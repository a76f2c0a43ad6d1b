import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { hoursText, SERVICE_RULES, type ServiceProjectView, type ServiceSlotView } from '../../../../../typings/service';
import { CodeEntry } from '../../../../components/code-entry';
import { useConsent } from '../../../../components/consent-check';
import { Field } from '../../../../components/field';
import { ImageGrid } from '../../../../components/image-grid';
import { ShareButton, useShareCard } from '../../../../components/share-card';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { timeRange } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

const RESIDENT_NOTE = `姓名和手机号只用于组织者联系你，加密保存，列表中只显示“王**”“138****1234”；服务结束 ${SERVICE_RULES.residentRetentionDays} 天后自动删除，取消报名时立即删除。`;

/** Check in to a slot: scan the organiser's screen (WeChat) or type its 6 digits. */
function CheckinBox({ slot, onDone }: { slot: ServiceSlotView; onDone: () => void }) {
  const { busy, error, run } = useAction();
  const submit = async (input: { digits: string } | { payload: string }) => {
    if (await run(() => api.service.checkin({ slotId: slot.id, ...input }), '签到成功')) onDone();
  };
  const scan = async () => {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null);
    if (res?.result) await submit({ payload: res.result.trim() });
  };
  return (
    <View className='zb-stack' id={`checkin-box-${slot.id}`}>
      {process.env.TARO_ENV === 'weapp' && (
        <Button id={`checkin-scan-${slot.id}`} type='primary' size='large' block loading={busy} onClick={() => void scan()}>
          扫码签到
        </Button>
      )}
      <Text className='zb-muted'>输入组织者屏幕上的 6 位签到码：</Text>
      <CodeEntry
        ids={{ digits: `checkin-digits-${slot.id}`, submit: `checkin-submit-${slot.id}`, error: `checkin-error-${slot.id}` }}
        busy={busy}
        error={error}
        missingText='请输入屏幕上的 6 位数字'
        onSubmit={(digits) => void submit({ digits })}
      />
    </View>
  );
}

/** A resident's name and phone for the slot they chose, with what is done with them said before they give them. */
function ResidentForm({ p, slotId, onDone }: { p: ServiceProjectView; slotId: string; onDone: () => void }) {
  const [name, setName] = useState(p.lastContact?.name ?? '');
  const [phone, setPhone] = useState(p.lastContact?.phone ?? '');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const consent = useConsent();
  const nameProblem = name.trim().length < 2 ? '请填写姓名（至少 2 个字）' : null;
  const phoneProblem = /^1[3-9]\d{9}$/.test(phone.trim()) ? null : '请填写 11 位手机号';
  async function send() {
    setTried(true);
    if (nameProblem || phoneProblem || consent.missing) return;
    const done = await run(async () => {
      await consent.ensure();
      return api.service.signUp({ slotId, resident: { name: name.trim(), phone: phone.trim() } });
    }, '报名成功');
    if (done) onDone();
  }
  return (
    <View className='zb-stack' id='resident-form'>
      <Field id='field-resident-name' label='姓名' required error={tried ? nameProblem : null}>
        <Input id='resident-name' value={name} onChange={setName} maxLength={20} placeholder='你的姓名' />
      </Field>
      <Field id='field-resident-phone' label='手机号' required error={tried ? phoneProblem : null}>
        <Input id='resident-phone' type='number' value={phone} onChange={setPhone} maxLength={11} placeholder='便于组织者联系你' />
      </Field>
      <Text className='zb-quote' id='resident-note'>
        {RESIDENT_NOTE}
      </Text>
      {consent.box}
      {tried && consent.missing && <Text className='zb-error'>{consent.missing}</Text>}
      {error && <Text className='zb-error'>{error}</Text>}
      <Button id='resident-submit' type='primary' size='large' block loading={busy} onClick={() => void send()}>
        确认报名
      </Button>
    </View>
  );
}

function SlotCard({ p, slot, onChange }: { p: ServiceProjectView; slot: ServiceSlotView; onChange: () => void }) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction();
  const mine = slot.mine;
  const left = slot.capacity === null ? '名额不限' : `已报 ${slot.taken}/${slot.capacity}`;
  async function cancel() {
    const sure = await confirmDestructive({
      title: '取消报名',
      content: `取消 ${timeRange(slot.startAt, slot.endAt)} 的报名？名额会让给其他人。`,
      confirmText: '取消报名',
    });
    if (sure && (await run(() => api.service.cancelSignup({ slotId: slot.id }), '已取消报名'))) onChange();
  }
  return (
    <View className={`zb-card zb-stack service__slot${mine ? ' service__slot--mine' : ''}`} id={`slot-${slot.id}`}>
      <Text className='zb-title'>{timeRange(slot.startAt, slot.endAt)}</Text>
      <Text className='zb-muted'>
        {left} · 计 {hoursText(slot.hours)} 小时
      </Text>
      {mine && (
        <Text className='zb-done' id={`slot-state-${slot.id}`}>
          {mine.confirmed ? `已确认服务 ${hoursText(mine.hours ?? 0)} 小时` : mine.checkedInAt ? '已签到，服务时长待组织者确认' : '已报名'}
        </Text>
      )}
      {mine && !mine.checkedInAt && slot.checkinOpen && <CheckinBox slot={slot} onDone={onChange} />}
      {!mine && slot.open && p.as === 'member' && (
        <Button
          id={`slot-signup-${slot.id}`}
          type='primary'
          fill='outline'
          size='large'
          block
          loading={busy}
          onClick={() => void run(() => api.service.signUp({ slotId: slot.id }), '报名成功').then((r) => r && onChange())}
        >
          报名这个时段
        </Button>
      )}
      {!mine && slot.open && p.as === 'resident' && !asking && (
        <Button id={`slot-signup-${slot.id}`} type='primary' fill='outline' size='large' block onClick={() => setAsking(true)}>
          报名这个时段
        </Button>
      )}
      {!mine && asking && <ResidentForm p={p} slotId={slot.id} onDone={onChange} />}
      {!mine && !slot.open && (
        <Text className='zb-muted'>{slot.capacity !== null && slot.taken >= slot.capacity ? '名额已满' : '报名已截止'}</Text>
      )}
      {mine && !mine.checkedInAt && Date.now() < Date.parse(slot.startAt) && (
        <Button id={`slot-cancel-${slot.id}`} size='large' block loading={busy} onClick={() => void cancel()}>
          取消报名
        </Button>
      )}
      {p.canManage && (
        <Button
          id={`slot-manage-${slot.id}`}
          size='large'
          block
          onClick={() => void Taro.navigateTo({ url: pageUrl('serviceSlot', { id: slot.id }) })}
        >
          签到码与服务时长
        </Button>
      )}
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/** A 志愿服务 project: its time slots to sign up for, check-in when a slot is on, and for its organisers the tools. Shared cards open here. */
export default function ServiceProjectPage() {
  const pageClass = usePageClass('service');
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const state = useApi(() => api.service.project({ projectId: id }), [id], { refreshOnShow: true });
  const p = state.data;
  const card = p
    ? {
        title: `${p.title}｜志愿服务报名`,
        path: pageUrl('serviceProject', { id: p.id }),
        description: `${p.orgName} · ${p.place}`,
        imageUrl: p.images[0]?.url,
      }
    : null;
  useShareCard(card);
  // Opened from the home's 签到 button: the slot with check-in open comes into view.
  const open = p?.slots.find((s) => s.checkinOpen && s.mine && !s.mine.checkedInAt);
  useEffect(() => {
    if (params['checkin'] === '1' && open)
      void Promise.resolve(Taro.pageScrollTo({ selector: `#slot-${open.id}`, duration: 0 })).catch(() => undefined);
  }, [params, open]);
  if (!p) return <PageState state={state} />;
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='project-head'>
        <View className='zb-row'>
          <Text className='zb-tag'>{p.public ? '面向群众' : '党员'}</Text>
          {p.cancelled && <Text className='zb-attention'>已取消</Text>}
        </View>
        <Text className='zb-title' id='project-title'>
          {p.title}
        </Text>
        <Text>{p.place}</Text>
        <Text className='zb-muted'>组织：{p.orgName}</Text>
        {p.description && <Text>{p.description}</Text>}
        {p.images.length > 0 && <ImageGrid images={p.images} />}
      </View>
      {p.notOpenReason && (
        <View className='zb-card'>
          <Text className='zb-attention' id='project-closed'>
            {p.notOpenReason}
          </Text>
        </View>
      )}
      <Text className='zb-section-title'>服务时段</Text>
      {p.slots.map((s) => (
        <SlotCard key={s.id} p={p} slot={s} onChange={() => void state.reload()} />
      ))}
      {card && !p.cancelled && (
        <View className='zb-actions'>
          <ShareButton id='project-share' card={card} label='分享到群聊，邀请报名' secondary={!p.canManage} />
          {p.canManage && (
            <Button
              id='project-edit'
              size='large'
              block
              onClick={() => void Taro.navigateTo({ url: pageUrl('serviceEdit', { id: p.id }) })}
            >
              修改服务项目
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
