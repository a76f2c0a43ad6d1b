import { Text, View } from '@tarojs/components';
import './index.scss';

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * Counts as horizontal bars, each with its count and share (占比): survey answers, vote tallies. The
 * longest bar fills the row, so small differences still show; the numbers say the rest.
 */
export function ShareBars({
  id,
  rows,
  unit = '人',
}: {
  id?: string;
  rows: { label: string; count: number; share: number }[];
  unit?: string;
}) {
  const most = Math.max(1, ...rows.map((r) => r.count));
  return (
    <View className='zb-bars' id={id}>
      {rows.map((r, i) => (
        <View key={`${r.label}-${i}`} className='zb-bars__row' id={id ? `${id}-${i}` : undefined}>
          <Text className='zb-bars__label'>{r.label}</Text>
          <View className='zb-bars__line'>
            <View className='zb-bars__track'>
              <View className='zb-bars__fill' style={{ width: `${(100 * r.count) / most}%` }} />
            </View>
            <Text className='zb-bars__value'>
              {r.count} {unit} · {percent(r.share)}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}
