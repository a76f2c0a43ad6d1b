import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { LETTER_CATEGORY_LABEL, LETTER_STATE_LABEL } from '../../../../../typings/voice';
import { Field } from '../../../../components/field';
import { ImageGrid } from '../../../../components/image-grid';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';

/** One letter to the unit: what was written, the replies so far, and the reply box (the writer sees it under 我的留言). */
export default function LetterReplyPage() {
  const pageClass = usePageClass();
  const { id = '' } = useRouter().params;
  const letter = useApi(() => api.voice.letter({ letterId: id }), [id]);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const l = letter.data;
  const problem = text.trim().length < 2 ? '请写下回复' : null;

  async function reply(state: 'processing' | 'replied') {
    setTried(true);
    if (problem) return;
    if (await saving.run(() => api.voice.reply({ letterId: id, text: text.trim(), state }), '已回复，写信人会看到')) {
      setText('');
      setTried(false);
      void letter.reload();
    }
  }

  async function mark() {
    if (await saving.run(() => api.voice.setLetterState({ letterId: id, state: 'processing' }), '已标记为处理中')) void letter.reload();
  }

  return (
    <View className={pageClass}>
      <StateView loading={letter.loading && !l} error={l ? undefined : letter.error} onRetry={() => void letter.reload()}>
        {l && (
          <View>
            <View className='zb-card zb-stack' id='letter-view'>
              <View className='zb-row'>
                <Text className='zb-tag'>{LETTER_CATEGORY_LABEL[l.category]}</Text>
                <Text className='zb-muted zb-grow' id='letter-writer'>
                  {l.writer ?? '匿名来信'} · {l.day}
                </Text>
                <Text className={l.state === 'new' ? 'zb-error' : 'zb-muted'}>{LETTER_STATE_LABEL[l.state]}</Text>
              </View>
              <Text id='letter-text'>{l.text}</Text>
              <ImageGrid images={l.images} id='letter-images' />
              {l.anonymous && (
                <Text className='zb-muted'>匿名来信不保存写信人的任何身份信息，请直接在这里回复，写信人能在「我的留言」看到。</Text>
              )}
            </View>
            {l.replies.length > 0 && <Text className='zb-section-title'>回复记录</Text>}
            {l.replies.map((r, i) => (
              <View key={i} className='zb-card zb-stack' id={`letter-reply-${i}`}>
                <Text>{r.text}</Text>
                <Text className='zb-muted'>
                  {r.by} · {moment(r.at)}
                </Text>
              </View>
            ))}
            <View className='zb-card zb-stack' id='letter-reply-form'>
              <Field id='field-reply' label='回复' required error={tried ? problem : null}>
                <TextArea
                  id='reply-text'
                  value={text}
                  onChange={setText}
                  maxLength={1000}
                  showCount
                  placeholder='答复写信人：已采纳的做法、处理进展或联系方式'
                />
              </Field>
              {saving.error && <Text className='zb-error'>{saving.error}</Text>}
              <Button id='reply-send' type='primary' size='large' block loading={saving.busy} onClick={() => void reply('replied')}>
                回复并标记已答复
              </Button>
              <Button id='reply-progress' size='large' block disabled={saving.busy} onClick={() => void reply('processing')}>
                回复进展（仍在处理）
              </Button>
              {l.state === 'new' && (
                <Button id='letter-processing' size='large' block fill='none' disabled={saving.busy} onClick={() => void mark()}>
                  仅标记为处理中
                </Button>
              )}
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
