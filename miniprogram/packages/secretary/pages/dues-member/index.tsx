import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro';
import { DUES_METHOD_LABEL, DUES_METHODS, yuan, type DuesMemberView, type DuesMethod } from '../../../../../typings/service';
import { shanghaiDay } from '../../../../../typings/time';
import { Choices } from '../../../../components/choices';
import { Field, Picked } from '../../../../components/field';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../dues/index.scss';

const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
/** "12.5" yuan as fen, or null when it is not an amount. */
const fenOf = (text: string) => (/^\d{1,6}(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim()) * 100) : null);

/** The member's monthly amount and its basis, set by the secretary or 组织委员 (audited, without the amount). */
function RateForm({ m, onSaved }: { m: DuesMemberView; onSaved: (v: DuesMemberView) => void }) {
  const [amount, setAmount] = useState(m.rate ? yuan(m.rate.amount) : '');
  const [basis, setBasis] = useState(m.rate?.basis ?? '');
  const [since, setSince] = useState(m.rate?.since ?? shanghaiDay(new Date()).slice(0, 7));
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const fen = fenOf(amount);
  const problems = { amount: fen === null ? '请填写金额（元），如 12.50' : null, basis: basis.trim().length < 2 ? '请写明计算依据' : null };
  async function save() {
    setTried(true);
    if (problems.amount || problems.basis) return;
    const v = await run(() => api.dues.setRate({ memberId: m.memberId, amount: fen!, basis: basis.trim(), since }), '已保存');
    if (v) onSaved(v);
  }
  return (
    <View className='zb-card zb-stack' id='dues-rate'>
      <Text className='zb-title'>缴纳标准</Text>
      <Field id='field-dues-amount' label='每月金额（元）' required error={tried ? problems.amount : null}>
        <Input id='dues-amount' type='digit' value={amount} onChange={setAmount} maxLength={9} placeholder='如 12.50' />
      </Field>
      <Field
        id='field-dues-basis'
        label='计算依据'
        required
        error={tried ? problems.basis : null}
        hint='如：月工资收入 3000 元以下，按 0.5% 计'
      >
        <Input id='dues-basis' value={basis} onChange={setBasis} maxLength={60} />
      </Field>
      <Field id='field-dues-since' label='起始月份' required>
        <Picker mode='date' fields='month' value={since} onChange={(e) => setSince(e.detail.value.slice(0, 7))}>
          <Picked id='dues-since' value={monthText(since)} />
        </Picker>
      </Field>
      {error && <Text className='zb-error'>{error}</Text>}
      <Button id='dues-rate-save' type='primary' size='large' block loading={busy} onClick={() => void save()}>
        保存标准
      </Button>
    </View>
  );
}

/** One member's dues: the amount and its basis, months unpaid to record, payments (a wrong one taken back with a reason). */
export default function DuesMemberPage() {
  const pageClass = usePageClass();
  const { id = '' } = useRouter().params;
  const state = useApi(() => api.dues.member({ memberId: id }), [id]);
  const [view, setView] = useState<DuesMemberView | null>(null);
  const [months, setMonths] = useState<string[]>([]);
  const [method, setMethod] = useState<DuesMethod>('cash');
  const [paidOn, setPaidOn] = useState(shanghaiDay(new Date()));
  const [receipt, setReceipt] = useState('');
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const m = view ?? state.data;
  useEffect(() => {
    if (m) setMonths((picked) => picked.filter((x) => m.unpaid.includes(x)));
  }, [m]);
  if (!m) return <PageState state={state} />;
  const apply = (v: DuesMemberView | undefined) => {
    if (v) setView(v);
  };
  async function pay() {
    if (months.length === 0) return;
    apply(await run(() => api.dues.pay({ memberId: m!.memberId, months, method, paidOn, receiptNo: receipt.trim() }), '已登记'));
    setMonths([]);
    setReceipt('');
  }
  async function revoke(paymentId: string) {
    const sure = await confirmDestructive({
      title: '撤销缴纳记录',
      content: '撤销后该月显示为未交，操作会记入日志。',
      confirmText: '撤销',
    });
    if (!sure) return;
    apply(await run(() => api.dues.revoke({ paymentId, reason: reason.trim() }), '已撤销'));
    setRevoking(null);
    setReason('');
  }
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack' id='dues-member-head'>
        <Text className='zb-title'>{m.name}</Text>
        <Text className='zb-muted'>{m.orgName}</Text>
        <Text className={m.unpaid.length ? 'zb-error' : 'zb-muted'} id='dues-member-unpaid'>
          {m.unpaid.length ? `未交 ${m.unpaid.length} 个月：${m.unpaid.map(monthText).join('、')}` : m.rate ? '已交清' : '尚未设置缴纳标准'}
        </Text>
      </View>
      <RateForm key={m.rate ? `${m.rate.amount}-${m.rate.since}` : 'none'} m={m} onSaved={setView} />
      {m.unpaid.length > 0 && m.rate && (
        <View className='zb-card zb-stack' id='dues-pay'>
          <Text className='zb-title'>登记缴纳（每月 {yuan(m.rate.amount)} 元）</Text>
          <Checkbox.Group value={months} onChange={(v) => setMonths(v as string[])}>
            {m.unpaid.map((x) => (
              <Checkbox key={x} value={x} className='dues__check' label={monthText(x)} />
            ))}
          </Checkbox.Group>
          <Choices
            id='dues-pay-method'
            options={DUES_METHODS.map((d): [DuesMethod, string] => [d, DUES_METHOD_LABEL[d]])}
            value={method}
            onChange={setMethod}
          />
          <Field id='field-dues-paid-on' label='缴纳日期' required>
            <Picker mode='date' value={paidOn} end={shanghaiDay(new Date())} onChange={(e) => setPaidOn(e.detail.value)}>
              <Picked id='dues-paid-on' value={paidOn} />
            </Picker>
          </Field>
          <Field id='field-dues-receipt' label='收据编号（可不填）'>
            <Input id='dues-receipt' value={receipt} onChange={setReceipt} maxLength={30} />
          </Field>
          <Button
            id='dues-pay-save'
            type='primary'
            size='large'
            block
            loading={busy}
            disabled={months.length === 0}
            onClick={() => void pay()}
          >
            登记 {months.length} 个月，共 {yuan(m.rate.amount * months.length)} 元
          </Button>
        </View>
      )}
      {error && (
        <Text className='zb-error' id='dues-member-error'>
          {error}
        </Text>
      )}
      {m.payments.length > 0 && <Text className='zb-section-title'>缴纳记录</Text>}
      {m.payments.map((p) => (
        <View key={p.id} className='zb-card zb-stack' id={`dues-payment-${p.month}`}>
          <View className='zb-row'>
            <Text className='zb-grow'>{monthText(p.month)}</Text>
            <Text>{yuan(p.amount)} 元</Text>
          </View>
          <Text className='zb-muted'>
            {DUES_METHOD_LABEL[p.method]} · {p.paidOn}
            {p.receiptNo ? ` · 收据 ${p.receiptNo}` : ''} · 登记人 {p.recordedBy}
          </Text>
          {revoking === p.id ? (
            <>
              <Field id={`field-revoke-${p.month}`} label='撤销原因' required>
                <Input id={`revoke-reason-${p.month}`} value={reason} onChange={setReason} maxLength={200} />
              </Field>
              <Button
                id={`revoke-confirm-${p.month}`}
                size='large'
                block
                disabled={reason.trim().length < 2}
                loading={busy}
                onClick={() => void revoke(p.id)}
              >
                撤销这条记录
              </Button>
            </>
          ) : (
            <Button id={`revoke-${p.month}`} size='large' block onClick={() => setRevoking(p.id)}>
              登记有误，撤销
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
