import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { LETTER_CATEGORY_LABEL, LETTER_STATE_LABEL } from '../../../../../typings/voice';
import { ImageGrid } from '../../../../components/image-grid';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

/** One of the member's letters: the branch's replies first, then what they wrote. Only its writer can open it. */
export default function MyLetterPage() {
  const pageClass = usePageClass('voice');
  const { id = '' } = useRouter().params;
  const letter = useApi(() => api.voice.myLetter({ letterId: id }), [id], { refreshOnShow: true });
  const l = letter.data;
  return (
    <View className={pageClass}>
      <StateView loading={letter.loading && !l} error={l ? undefined : letter.error} onRetry={() => void letter.reload()}>
        {l && (
          <View>
            <Text className='zb-section-title'>支部的回复</Text>
            <View className='zb-card zb-stack' id='letter-replies'>
              {l.replies.length === 0 && (
                <Text className='zb-muted'>支部还没有回复。{l.state === 'processing' ? '正在处理中。' : '回复后会显示在这里。'}</Text>
              )}
              {l.replies.map((r, i) => (
                <View key={i} className='zb-stack voice__reply' id={`letter-reply-${i}`}>
                  <Text>{r.text}</Text>
                  <Text className='zb-muted'>
                    {r.by} · {moment(r.at)}
                  </Text>
                </View>
              ))}
            </View>
            <Text className='zb-section-title'>我写的信</Text>
            <View className='zb-card zb-stack' id='letter-mine'>
              <View className='zb-row'>
                <Text className='zb-tag'>{LETTER_CATEGORY_LABEL[l.category]}</Text>
                <Text className='zb-muted zb-grow'>
                  写给{l.orgName} · {l.anonymous ? '匿名' : '署名'} · {l.day}
                </Text>
                <Text className={l.state === 'replied' ? 'zb-done' : 'zb-muted'}>{LETTER_STATE_LABEL[l.state]}</Text>
              </View>
              <Text id='letter-text'>{l.text}</Text>
              <ImageGrid images={l.images} id='letter-images' />
              {l.anonymous && <Text className='zb-muted'>这是一封匿名信：支部看不到你的姓名，只有你能在这里看到它和回复。</Text>}
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
