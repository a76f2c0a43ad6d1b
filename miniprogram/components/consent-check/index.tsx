import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Checkbox } from '@nutui/nutui-react-taro';
import { api } from '../../services/api';
import { useApi } from '../../services/useApi';
import './index.scss';

/**
 * Agreement to the privacy notice, asked where someone who is not a member first gives a name and phone
 * (signing up for service, posting a wish), under the form's own note on what is done with them: one box to tick, and `ensure()` records the consent, once,
 * when they submit. Someone who already agreed sees nothing.
 */
export function useConsent() {
  const status = useApi(() => api.privacy.status({}), []);
  const [ticked, setTicked] = useState(false);
  const needed = Boolean(status.data && status.data.consentedVersion !== status.data.version);
  /** True when consent is on record (or was just given); false when the box is not ticked. */
  async function ensure(): Promise<boolean> {
    if (!status.data) return false;
    if (!needed) return true;
    if (!ticked) return false;
    await api.privacy.consent({ version: status.data.version });
    await status.reload();
    return true;
  }
  const box = needed ? <ConsentCheck ticked={ticked} onChange={setTicked} /> : null;
  return { needed, ticked, ensure, box, missing: needed && !ticked ? '请先阅读并同意个人信息保护说明' : null };
}

function ConsentCheck({ ticked, onChange }: { ticked: boolean; onChange: (v: boolean) => void }) {
  return (
    <View className='consent-check zb-stack' id='consent-check'>
      <Text className='zb-muted'>你可以随时在“我的 › 我的电子档案”中导出或删除自己的信息。</Text>
      <Checkbox
        id='consent-tick'
        className='consent-check__box'
        label='我已阅读并同意以上个人信息保护说明'
        checked={ticked}
        onChange={onChange}
      />
    </View>
  );
}
