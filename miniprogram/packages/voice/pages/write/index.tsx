import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { ImageRef } from '../../../../../typings/domain';
import { pageUrl } from '../../../../../typings/pages';
import {
  ANONYMOUS_LETTER_NOTE,
  LETTER_CATEGORIES,
  LETTER_CATEGORY_LABEL,
  VOICE_RULES,
  type LetterCategory,
} from '../../../../../typings/voice';
import { Choices } from '../../../../components/choices';
import { Field } from '../../../../components/field';
import { ImageEditor } from '../../../../components/image-grid';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

/** 书记信箱: a letter to the member's branch, signed or anonymous — and what anonymous means, said before sending. */
export default function WritePage() {
  const pageClass = usePageClass('voice');
  const home = useApi(() => api.voice.home({}), []);
  const [unit, setUnit] = useState<string | null>(null);
  const [category, setCategory] = useState<LetterCategory>('suggestion');
  const [text, setText] = useState('');
  const [images, setImages] = useState<ImageRef[]>([]);
  const [anonymous, setAnonymous] = useState<'signed' | 'anonymous'>('anonymous');
  const [tried, setTried] = useState(false);
  const sending = useAction();
  const units = home.data?.units ?? [];
  const orgId = unit ?? units[0]?.orgId ?? '';
  const problem = text.trim().length < 5 ? '请写下你想说的话（至少 5 个字）' : null;

  async function send() {
    setTried(true);
    if (problem || !orgId) return;
    const done = await sending.run(
      () =>
        api.voice.sendLetter({
          orgId,
          category,
          text: text.trim(),
          images: images.map((i) => i.fileID),
          anonymous: anonymous === 'anonymous',
        }),
      '已送达支部',
    );
    if (done) void Taro.redirectTo({ url: pageUrl('myLetter', { id: done.letterId }) });
  }

  return (
    <View className={pageClass}>
      <StateView loading={home.loading && !home.data} error={home.data ? undefined : home.error} onRetry={() => void home.reload()}>
        {home.data && units.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>加入支部后才能给支部写信。</Text>
          </View>
        )}
        {units.length > 0 && (
          <View className='zb-card zb-stack' id='letter-form'>
            {units.length > 1 && (
              <Field id='field-letter-unit' label='写给' required plain>
                <Choices
                  id='letter-unit'
                  options={units.map((u): [string, string] => [u.orgId, u.name])}
                  value={orgId}
                  onChange={setUnit}
                />
              </Field>
            )}
            {units.length === 1 && <Text className='zb-muted'>写给：{units[0]!.name}（书记和支委会看到）</Text>}
            <Field id='field-letter-category' label='类别' required plain>
              <Choices
                id='letter-category'
                options={LETTER_CATEGORIES.map((c): [LetterCategory, string] => [c, LETTER_CATEGORY_LABEL[c]])}
                value={category}
                onChange={setCategory}
              />
            </Field>
            <Field id='field-letter-text' label='内容' required error={tried ? problem : null}>
              <TextArea
                id='letter-text'
                value={text}
                onChange={setText}
                maxLength={1000}
                showCount
                placeholder='想对支部说的话：建议、意见，或需要帮助的事'
              />
            </Field>
            <Field id='field-letter-images' label='图片' plain>
              <ImageEditor id='letter-images' value={images} onChange={setImages} max={VOICE_RULES.letterMaxImages} />
            </Field>
            <Field id='field-letter-anonymous' label='署名方式' required plain>
              <Choices
                id='letter-anonymous'
                options={[
                  ['anonymous', '匿名'],
                  ['signed', '署名'],
                ]}
                value={anonymous}
                onChange={setAnonymous}
              />
            </Field>
            <Text className='zb-quote' id='letter-anonymous-note'>
              {anonymous === 'anonymous' ? ANONYMOUS_LETTER_NOTE : '署名发送时，支部能看到你的姓名，方便当面联系你。'}
            </Text>
            {sending.error && (
              <Text className='zb-error' id='letter-error'>
                {sending.error}
              </Text>
            )}
            <Button id='letter-send' type='primary' size='large' block loading={sending.busy} onClick={() => void send()}>
              {anonymous === 'anonymous' ? '匿名发送' : '署名发送'}
            </Button>
          </View>
        )}
      </StateView>
    </View>
  );
}
