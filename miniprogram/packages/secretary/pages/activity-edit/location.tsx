import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { pickSpot } from '../../../../services/location';
import { Choices } from '../../../../components/choices';

export type Place = { latitude: number; longitude: number; radius: number };

const RADII: [string, string][] = [
  ['100', '100 米'],
  ['200', '200 米'],
  ['500', '500 米'],
  ['1000', '1 公里'],
];

/**
 * 签到范围: where members must be to check in. In WeChat the organiser picks the spot on the map; in a browser
 * (no map picker) they use where they stand, which suits setting it up at the venue.
 */
export function LocationPicker({ value, onChange }: { value: Place | null; onChange: (p: Place | null) => void }) {
  const [error, setError] = useState('');
  const radius = value?.radius ?? 200;

  async function locate() {
    setError('');
    try {
      onChange({ ...(await pickSpot()), radius });
    } catch {
      setError(process.env.TARO_ENV === 'weapp' ? '没有选择地点' : '无法获取当前位置，请允许定位后重试');
    }
  }

  return (
    <View className='zb-stack' id='edit-location'>
      <Choices
        id='edit-location-mode'
        options={[
          ['off', '不限位置'],
          ['on', '限定签到范围'],
        ]}
        value={value ? 'on' : 'off'}
        onChange={(m) => (m === 'off' ? onChange(null) : void locate())}
      />
      {value && (
        <>
          <Text className='zb-quote' id='edit-location-spot'>
            签到点：北纬 {value.latitude.toFixed(5)}，东经 {value.longitude.toFixed(5)}
          </Text>
          <Button id='edit-location-again' size='small' onClick={() => void locate()}>
            {process.env.TARO_ENV === 'weapp' ? '重新选择地点' : '改用我现在的位置'}
          </Button>
          <Text className='zb-muted'>签到范围</Text>
          <Choices id='edit-radius' options={RADII} value={String(radius)} onChange={(r) => onChange({ ...value, radius: Number(r) })} />
          <Text className='zb-muted'>手机定位可能被篡改，只作辅助；现场轮换的签到码才是签到凭证。</Text>
        </>
      )}
      {error && (
        <Text className='zb-error' id='edit-location-error'>
          {error}
        </Text>
      )}
    </View>
  );
}
