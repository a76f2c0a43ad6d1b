import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import './index.scss';

/**
 * The six digits of a check-in code, typed (a meeting's or a service slot's). The button stays usable and
 * says what is missing rather than sitting greyed out; `error` is the server's answer to the last try.
 */
export function CodeEntry(p: {
  /** Ids of the field, the button and the message line. */
  ids: { digits: string; submit: string; error: string };
  busy: boolean;
  error: string;
  /** What to say when fewer than six digits were typed. */
  missingText: string;
  onSubmit: (digits: string) => void;
}) {
  const [digits, setDigits] = useState('');
  const [missing, setMissing] = useState('');
  return (
    <>
      <View className='zb-row'>
        <Input
          className='zb-grow code-entry__digits'
          id={p.ids.digits}
          type='number'
          maxLength={6}
          value={digits}
          onChange={setDigits}
          placeholder='000000'
        />
        <Button
          id={p.ids.submit}
          type='primary'
          loading={p.busy}
          onClick={() => {
            if (/^\d{6}$/.test(digits)) {
              setMissing('');
              p.onSubmit(digits);
            } else setMissing(p.missingText);
          }}
        >
          签到
        </Button>
      </View>
      {(missing || p.error) && (
        <Text className='zb-error' id={p.ids.error}>
          {missing || p.error}
        </Text>
      )}
    </>
  );
}
