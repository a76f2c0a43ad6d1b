import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Field } from '../../../../components/field';
import { LedgerEntries } from '../../../../components/ledger-entries';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import { Choices } from '../../../../components/choices';

/** A member's points for their leaders: every entry, and a correction with its reason (audited). */
export default function MemberPointsPage() {
  const pageClass = usePageClass();
  const { memberId = '' } = useRouter().params;
  const data = useApi(() => api.points.member({ memberId }), [memberId]);
  const [sign, setSign] = useState<'add' | 'subtract'>('add');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const adjusting = useAction();
  const n = Math.round(Number(amount));
  const valid = Number.isFinite(n) && n >= 1 && n <= 100;
  const m = data.data;

  async function adjust() {
    setTried(true);
    if (!valid || reason.trim().length < 2 || !m) return;
    const points = sign === 'add' ? n : -n;
    const ok = await confirmDestructive({
      title: sign === 'add' ? '增加积分' : '扣减积分',
      content: `为${m.name}${sign === 'add' ? '增加' : '扣减'} ${n} 分，原因：${reason.trim()}。调整会记入积分明细和审计日志，不能撤销（可再调整一次更正）。`,
      confirmText: '确认调整',
    });
    if (!ok) return;
    if (await adjusting.run(() => api.points.adjust({ memberId, points, reason: reason.trim() }), '已调整')) {
      setAmount('');
      setReason('');
      setTried(false);
      await data.reload();
    }
  }

  return (
    <View className={pageClass}>
      <StateView loading={data.loading && !m} error={m ? undefined : data.error} onRetry={() => void data.reload()}>
        {m && (
          <View>
            <View className='zb-card zb-stack' id='member-points-summary'>
              <Text className='zb-title'>{m.name}</Text>
              <Text>
                累计 {m.total} 分 · 本年 {m.year} 分
              </Text>
            </View>
            <View className='zb-card zb-stack' id='member-points-adjust'>
              <Text className='zb-title'>调整积分</Text>
              <Text className='zb-muted'>积分由系统按学习、答题、参加组织生活等自动计算。只有记错时才需要调整，并写明原因。</Text>
              <Choices
                id='adjust-sign'
                options={[
                  ['add', '增加'],
                  ['subtract', '扣减'],
                ]}
                value={sign}
                onChange={setSign}
              />
              <Field id='field-adjust-amount' label='分数（1-100）' required error={tried && !valid ? '请填写 1 到 100 之间的整数' : null}>
                <Input id='adjust-amount' type='number' value={amount} onChange={setAmount} placeholder='如：5' />
              </Field>
              <Field id='field-adjust-reason' label='原因' required error={tried && reason.trim().length < 2 ? '请写明原因' : null}>
                <TextArea id='adjust-reason' value={reason} onChange={setReason} maxLength={200} placeholder='如：线下参加志愿服务，补记' />
              </Field>
              <Button id='adjust-submit' type='primary' size='large' block loading={adjusting.busy} onClick={() => void adjust()}>
                调整积分
              </Button>
              {adjusting.error && <Text className='zb-error'>{adjusting.error}</Text>}
            </View>
            <Text className='zb-section-title'>最近的积分明细</Text>
            <View className='zb-card' id='member-points-history'>
              {m.items.length === 0 && <Text className='zb-muted'>还没有积分记录</Text>}
              <LedgerEntries items={m.items} />
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
