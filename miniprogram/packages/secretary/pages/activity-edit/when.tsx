import { Picker, View } from '@tarojs/components';
import { Field, Picked } from '../../../../components/field';

/** A date and a clock time side by side in one field (the start, or the end). */
export function WhenField(p: {
  id: string;
  label: string;
  /** The ids of the date and the time. */
  ids: [string, string];
  day: string;
  time: string;
  firstDay: string;
  onDay: (day: string) => void;
  onTime: (time: string) => void;
  error?: string | null;
  hint?: string;
}) {
  return (
    <Field id={p.id} label={p.label} required error={p.error} hint={p.hint}>
      <View className='zb-field__pair'>
        <Picker mode='date' value={p.day} start={p.firstDay} onChange={(e) => p.onDay(e.detail.value)}>
          <Picked id={p.ids[0]} value={p.day} />
        </Picker>
        <Picker mode='time' value={p.time} onChange={(e) => p.onTime(e.detail.value)}>
          <Picked id={p.ids[1]} value={p.time} />
        </Picker>
      </View>
    </Field>
  );
}

/** A Beijing-time date and clock time as an instant. */
export const instant = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();
