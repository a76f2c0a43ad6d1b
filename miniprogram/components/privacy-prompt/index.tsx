import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { answerPrivacyPrompt, onPrivacyPrompt } from '../../services/wechat';

const AGREE_ID = 'privacy-agree';

/**
 * Shown when WeChat holds a privacy API (photo, file) until the user agrees to the privacy notice.
 * Put it on every page that uses one; it stays hidden otherwise (and always, outside WeChat).
 */
export function PrivacyPrompt() {
  const [open, setOpen] = useState(false);
  useEffect(() => onPrivacyPrompt(setOpen), []);
  if (!open) return null;
  return (
    <View className='zb-sheet' id='privacy-prompt'>
      <View className='zb-sheet__panel'>
        <Text className='zb-title'>个人信息保护提示</Text>
        <Text className='zb-muted'>
          使用此功能前，请阅读并同意《支部通个人信息保护指引》。我们只为党组织的党员管理收集必要的信息，你可以随时查看、导出或删除。
        </Text>
        <Button
          id={AGREE_ID}
          type='primary'
          size='large'
          block
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => answerPrivacyPrompt(true, AGREE_ID)}
        >
          同意并继续
        </Button>
        <Button size='large' block onClick={() => answerPrivacyPrompt(false, AGREE_ID)}>
          不同意
        </Button>
      </View>
    </View>
  );
}
