import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Field } from '../field';
import { api } from '../../services/api';
import { resetSession } from '../../services/session';
import { useAction } from '../../services/useAction';

/**
 * Asked at first use: the user's real name, instead of one made up from their WeChat id. Branch
 * secretaries see it on a request to join; once on the roster, the roster's name is used.
 */
export function NamePrompt({ onSaved }: { onSaved: () => void }) {
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const problem = name.trim().length < 2 ? '请填写你的真实姓名，至少 2 个字' : null;
  async function save() {
    setTried(true);
    if (problem) return;
    if (await run(() => api.user.setName({ name: name.trim() }), '已保存')) {
      // The signed-in user held by the session now has a name.
      resetSession();
      onSaved();
    }
  }
  return (
    <View className='zb-card zb-stack' id='name-prompt'>
      <Text className='zb-title'>请问怎么称呼你？</Text>
      <Text className='zb-muted'>请填写真实姓名：申请加入支部时，支部书记会看到它。</Text>
      <Field id='field-my-name' label='姓名' required error={tried ? problem : null}>
        <Input id='my-name' placeholder='如：王建国' value={name} onChange={setName} maxLength={20} />
      </Field>
      <Button id='my-name-save' type='primary' size='large' block loading={busy} onClick={() => void save()}>
        保存
      </Button>
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}
