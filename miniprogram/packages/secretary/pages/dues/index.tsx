import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import { DUES_METHOD_LABEL, DUES_METHODS, yuan, type DuesMethod } from '../../../../../typings/service';
import { shanghaiDay } from '../../../../../typings/time';
import { Choices } from '../../../../components/choices';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import './index.scss';

const monthText = (m: string) => `${Number(m.slice(5))}月`;

/**
 * 党费收缴 (secretary and 组织委员): the year's ledger — each member's amount and months paid — the month's
 * payments recorded for many at once, and the yearly ledger to Excel. Amounts are seen only here and by each member.
 */
export default function DuesPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const ledger = useApi(() => api.dues.ledger({ orgId, year }), [orgId, year], { refreshOnShow: true });
  usePullDownRefresh(() => void ledger.reload().finally(() => Taro.stopPullDownRefresh()));
  const [picked, setPicked] = useState<string[]>([]);
  const [method, setMethod] = useState<DuesMethod>('cash');
  const { busy, error, run } = useAction();
  const d = ledger.data;
  const key = d ? String(Number(d.month.slice(5))) : '';
  const unpaidNow = d ? d.rows.filter((r) => r.rate && r.rate.amount > 0 && r.paid[key] === undefined && r.unpaid.includes(d.month)) : [];

  async function recordMonth() {
    if (!d || picked.length === 0) return;
    const res = await run(() => api.dues.payMonth({ orgId, month: d.month, memberIds: picked, method, paidOn: shanghaiDay(new Date()) }));
    if (res) {
      void Taro.showToast({ title: `已登记 ${res.recorded} 人`, icon: 'none' });
      setPicked([]);
      await ledger.reload();
    }
  }

  return (
    <View className={pageClass}>
      <View className='zb-card'>
        <Choices
          id='dues-year'
          options={[
            [String(thisYear), `${thisYear} 年`],
            [String(thisYear - 1), `${thisYear - 1} 年`],
          ]}
          value={String(year)}
          onChange={(y) => setYear(Number(y))}
        />
      </View>
      <StateView loading={ledger.loading && !d} error={d ? undefined : ledger.error} onRetry={() => void ledger.reload()}>
        {d && (
          <View className='zb-card zb-stack' id='dues-summary'>
            <Text className='zb-title'>
              {d.year} 年已收 {yuan(d.total)} 元
            </Text>
            <Text>
              {monthText(d.month)}：已交 {d.monthPaid} 人，未交 {d.monthUnpaid} 人
            </Text>
            <Button
              id='dues-export'
              size='large'
              block
              loading={busy}
              onClick={() => void run(() => api.dues.export({ orgId, year })).then((r) => r && openSpreadsheet(r.url))}
            >
              导出年度台账（Excel）
            </Button>
          </View>
        )}
        {d && unpaidNow.length > 0 && year === thisYear && (
          <View className='zb-card zb-stack' id='dues-bulk'>
            <Text className='zb-title'>登记{monthText(d.month)}党费（按各人标准）</Text>
            <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])}>
              {unpaidNow.map((r) => (
                <Checkbox key={r.memberId} value={r.memberId} className='dues__check' label={`${r.name}\u3000${yuan(r.rate!.amount)} 元`} />
              ))}
            </Checkbox.Group>
            <Choices
              id='dues-bulk-method'
              options={DUES_METHODS.map((m): [DuesMethod, string] => [m, DUES_METHOD_LABEL[m]])}
              value={method}
              onChange={setMethod}
            />
            <Button id='dues-bulk-all' size='large' block onClick={() => setPicked(unpaidNow.map((r) => r.memberId))}>
              全选未交的 {unpaidNow.length} 人
            </Button>
            <Button
              id='dues-bulk-save'
              type='primary'
              size='large'
              block
              loading={busy}
              disabled={picked.length === 0}
              onClick={() => void recordMonth()}
            >
              登记所选 {picked.length} 人已交
            </Button>
          </View>
        )}
        {error && (
          <Text className='zb-error' id='dues-error'>
            {error}
          </Text>
        )}
        {d?.rows.map((r) => (
          <View
            key={r.memberId}
            className='zb-card zb-stack'
            id={`dues-row-${r.memberId}`}
            onClick={() => void Taro.navigateTo({ url: pageUrl('duesMember', { id: r.memberId }) })}
          >
            <View className='zb-row'>
              <Text className='zb-title zb-grow'>{r.name}</Text>
              <Text>{r.rate ? `${yuan(r.rate.amount)} 元/月` : '未设标准'}</Text>
            </View>
            <Text className={r.unpaid.length ? 'zb-error' : 'zb-muted'}>
              {r.unpaid.length ? `未交：${r.unpaid.map(monthText).join('、')}` : r.rate ? '已交清' : '请设置缴纳标准'}
            </Text>
            <Text className='zb-muted'>
              {d.year} 年已交 {yuan(r.total)} 元 ›
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
