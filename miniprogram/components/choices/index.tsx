import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/** A row of large buttons, one per option, the chosen one in red: easier to hit than a radio. */
export function Choices<T extends string>({
  id,
  options,
  value,
  onChange,
}: {
  id: string;
  options: [T, string][];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <View className='zb-choices' id={id}>
      {options.map(([v, label]) => (
        <Button key={v} id={`${id}-${v}`} className={value === v ? 'zb-choice zb-choice--on' : 'zb-choice'} onClick={() => onChange(v)}>
          {label}
        </Button>
      ))}
    </View>
  );
}
