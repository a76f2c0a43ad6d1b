import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { TOPIC_KIND_LABEL, type TopicReplyView } from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { confirmDestructive } from '../../../../services/confirm';
import { moment } from '../../../../services/format';
import { openSpreadsheet } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

/** 讲坛: the question, the members' replies under their names (pinned first), likes; the organiser pins, hides, closes, exports. */
export default function TopicPage() {
  const pageClass = usePageClass('voice');
  const { id = '' } = useRouter().params;
  const topic = useApi(() => api.voice.topic({ topicId: id }), [id]);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const acting = useAction();
  usePullDownRefresh(() => void topic.reload().finally(() => Taro.stopPullDownRefresh()));
  const t = topic.data;

  async function send() {
    setTried(true);
    if (text.trim().length < 2) return;
    if (await acting.run(() => api.voice.replyTopic({ topicId: id, text: text.trim() }), '已发表')) {
      setText('');
      setTried(false);
      void topic.reload();
    }
  }
  async function like(r: TopicReplyView) {
    if (await acting.run(() => api.voice.likeReply({ topicId: id, replyId: r.id, like: !r.liked }))) void topic.reload();
  }
  async function moderate(r: TopicReplyView, patch: { pinned?: boolean; hidden?: boolean }) {
    if (
      patch.hidden &&
      !(await confirmDestructive({
        title: '隐藏这条回复',
        content: `${r.name}的回复将不再对党员显示（记入审计日志）。`,
        confirmText: '隐藏',
      }))
    ) {
      return;
    }
    if (await acting.run(() => api.voice.moderateReply({ replyId: r.id, ...patch }), '已处理')) void topic.reload();
  }
  async function close() {
    if (await confirmDestructive({ title: '结束讨论', content: '结束后党员不能再发表回复，已有的讨论保留。', confirmText: '结束' })) {
      if (await acting.run(() => api.voice.closeTopic({ topicId: id }), '已结束')) void topic.reload();
    }
  }
  async function exportIt() {
    const out = await acting.run(() => api.voice.exportTopic({ topicId: id }));
    if (out) await openSpreadsheet(out.url).catch(() => undefined);
  }

  return (
    <View className={pageClass}>
      <StateView loading={topic.loading && !t} error={t ? undefined : topic.error} onRetry={() => void topic.reload()}>
        {t && (
          <View>
            <View className='zb-card zb-stack' id='topic-head'>
              <View className='zb-row'>
                <Text className='zb-tag'>{TOPIC_KIND_LABEL[t.kind]}</Text>
                <Text className='zb-muted'>{t.closed ? '已结束' : '讨论中'}</Text>
              </View>
              <Text className='zb-title'>{t.title}</Text>
              <Text className='zb-muted'>
                {t.orgName}
                {t.activityTitle ? ` · ${t.activityTitle}` : ''}
              </Text>
              {t.body && <Text>{t.body}</Text>}
            </View>
            {!t.closed && t.member && (
              <View className='zb-card zb-stack' id='topic-reply-form'>
                <View className='zb-field__box'>
                  <TextArea
                    id='topic-text'
                    value={text}
                    onChange={setText}
                    maxLength={1000}
                    showCount
                    placeholder='说说你的想法（署名发表）'
                  />
                </View>
                {tried && text.trim().length < 2 && <Text className='zb-error'>请写下你的想法</Text>}
                {acting.error && <Text className='zb-error'>{acting.error}</Text>}
                <Button id='topic-send' type='primary' size='large' block loading={acting.busy} onClick={() => void send()}>
                  发表
                </Button>
              </View>
            )}
            <Text className='zb-section-title'>回复（{t.replies}）</Text>
            {t.items.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>还没有人回复。</Text>
              </View>
            )}
            {t.items.map((r) => (
              <View key={r.id} className='zb-card zb-stack' id={`reply-${r.id}`}>
                <View className='zb-row'>
                  <Text className='zb-title zb-grow'>
                    {r.name}
                    {r.mine ? '（我）' : ''}
                  </Text>
                  {r.pinned && <Text className='zb-attention'>置顶</Text>}
                  {r.hidden && <Text className='zb-muted'>已隐藏</Text>}
                </View>
                <Text>{r.text}</Text>
                <View className='zb-row'>
                  <Text className='zb-muted zb-grow'>{moment(r.at)}</Text>
                  <Button
                    id={`like-${r.id}`}
                    className={r.liked ? 'zb-choice zb-choice--on' : 'zb-choice'}
                    disabled={!t.member}
                    onClick={() => void like(r)}
                  >
                    {`赞 ${r.likes}`}
                  </Button>
                </View>
                {t.organiser && (
                  <View className='zb-row'>
                    <Button id={`pin-${r.id}`} size='small' onClick={() => void moderate(r, { pinned: !r.pinned })}>
                      {r.pinned ? '取消置顶' : '置顶'}
                    </Button>
                    <Button id={`hide-${r.id}`} size='small' fill='none' onClick={() => void moderate(r, { hidden: !r.hidden })}>
                      {r.hidden ? '恢复显示' : '隐藏'}
                    </Button>
                  </View>
                )}
              </View>
            ))}
            {t.organiser && (
              <View className='zb-actions'>
                <Button id='topic-export' size='large' block loading={acting.busy} onClick={() => void exportIt()}>
                  导出讨论记录（Excel）
                </Button>
                {!t.closed && (
                  <Button id='topic-close' size='large' block fill='none' onClick={() => void close()}>
                    结束讨论
                  </Button>
                )}
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
