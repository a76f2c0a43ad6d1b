import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { pageUrl } from '../../../../../typings/pages';
import { LETTER_CATEGORY_LABEL, LETTER_STATE_LABEL, LETTER_STATES, type LetterState } from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useApi } from '../../../../services/useApi';
import { Choices } from '../../../../components/choices';

/** 书记信箱: the unit's letters, those waiting first; an anonymous letter shows no name, because none is kept. */
export default function LettersPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const [state, setState] = useState<LetterState | 'all'>('all');
  const inbox = useApi(() => api.voice.inbox({ orgId, ...(state === 'all' ? {} : { state }) }), [orgId, state], { refreshOnShow: true });
  usePullDownRefresh(() => void inbox.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className={pageClass}>
      <View className='zb-card zb-stack'>
        <Text id='letters-waiting'>{inbox.data ? (inbox.data.waiting ? `${inbox.data.waiting} 封待处理` : '没有待处理的来信') : ' '}</Text>
        <Choices
          id='letters-filter'
          options={[
            ['all', '全部'] as [LetterState | 'all', string],
            ...LETTER_STATES.map((s): [LetterState, string] => [s, LETTER_STATE_LABEL[s]]),
          ]}
          value={state}
          onChange={setState}
        />
      </View>
      <StateView loading={inbox.loading && !inbox.data} error={inbox.data ? undefined : inbox.error} onRetry={() => void inbox.reload()}>
        {inbox.data?.letters.length === 0 && (
          <View className='zb-card'>
            <Text className='zb-muted'>这里还没有来信。党员可以在「心声」里给支部写信。</Text>
          </View>
        )}
        {inbox.data?.letters.map((l) => (
          <View
            key={l.id}
            className='zb-card zb-stack'
            id={`letters-${l.id}`}
            onClick={() => void Taro.navigateTo({ url: pageUrl('letterReply', { id: l.id }) })}
          >
            <View className='zb-row'>
              <Text className='zb-tag'>{LETTER_CATEGORY_LABEL[l.category]}</Text>
              <Text className='zb-muted zb-grow'>
                {l.writer ?? '匿名'} · {l.day}
              </Text>
              <Text className={l.state === 'new' ? 'zb-error' : 'zb-muted'}>{LETTER_STATE_LABEL[l.state]}</Text>
            </View>
            <Text>{l.excerpt}</Text>
            <Text className='zb-muted'>
              {l.imageCount ? `${l.imageCount} 张图片 · ` : ''}
              {l.replyCount ? `已回复 ${l.replyCount} 次` : '未回复'} ›
            </Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
