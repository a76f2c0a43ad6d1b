import { Text, View } from '@tarojs/components';
import type { LedgerEntry } from '../../../typings/points';
import { moment } from '../../services/format';
import './index.scss';

/** Points entries, newest first: what earned each (or the correction's reason), when, and how many points. */
export function LedgerEntries({ items }: { items: LedgerEntry[] }) {
  return (
    <>
      {items.map((e) => (
        <View key={e.id} className='ledger__entry'>
          <View className='zb-stack zb-grow'>
            <Text>
              {e.label} · {e.title}
            </Text>
            <Text className='zb-muted'>
              {moment(e.at)}
              {e.capped ? ' · 已达当日上限' : ''}
            </Text>
          </View>
          <Text className={e.points < 0 ? 'ledger__minus' : 'ledger__plus'}>
            {e.points > 0 ? '+' : ''}
            {e.points}
          </Text>
        </View>
      ))}
    </>
  );
}
