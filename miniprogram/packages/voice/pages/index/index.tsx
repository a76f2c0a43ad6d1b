import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import {
  APPRAISAL_STEP_LABEL,
  LETTER_CATEGORY_LABEL,
  LETTER_STATE_LABEL,
  SURVEY_STATE_LABEL,
  TOPIC_KIND_LABEL,
} from '../../../../../typings/voice';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { moment } from '../../../../services/format';
import { useApi } from '../../../../services/useApi';
import '../voice.scss';

const go = (url: string) => void Taro.navigateTo({ url });

/**
 * 心声: what the branch is asking the member (surveys, votes) first, then writing to the branch and
 * the answers to their letters, then the 优秀党员风采 of their units.
 */
export default function VoicePage() {
  const pageClass = usePageClass('voice');
  const home = useApi(() => api.voice.home({}), [], { refreshOnShow: true });
  const letters = useApi(() => api.voice.myLetters({}), [], { refreshOnShow: true });
  usePullDownRefresh(() => void Promise.all([home.reload(), letters.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const h = home.data;
  return (
    <View className={pageClass}>
      <StateView loading={home.loading && !h} error={h ? undefined : home.error} onRetry={() => void home.reload()}>
        {h && (
          <View>
            {h.lettersWaiting !== null && (
              <View
                className='zb-card zb-link-row'
                id='voice-inbox'
                onClick={() => go(pageUrl('letters', { orgId: h.units[0]?.orgId ?? '' }))}
              >
                <Text className='zb-title'>书记信箱</Text>
                <Text className={h.lettersWaiting ? 'zb-attention' : 'zb-muted'}>
                  {h.lettersWaiting ? `${h.lettersWaiting} 封待处理 ›` : '暂无待处理 ›'}
                </Text>
              </View>
            )}
            {h.appraisals.map((a) => (
              <View
                key={a.id}
                className='zb-card zb-stack'
                id={`voice-appraisal-${a.id}`}
                onClick={() => go(pageUrl('appraisal', { id: a.id }))}
              >
                <Text className='zb-attention'>民主评议 · {APPRAISAL_STEP_LABEL[a.step]}</Text>
                <Text className='zb-title'>{a.title}</Text>
              </View>
            ))}
            <Text className='zb-section-title'>调查问卷</Text>
            {h.surveys.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>目前没有需要填写的问卷。</Text>
              </View>
            )}
            {h.surveys.map((s) => (
              <View key={s.id} className='zb-card zb-stack' id={`voice-survey-${s.id}`} onClick={() => go(pageUrl('survey', { id: s.id }))}>
                <View className='zb-row'>
                  <Text className='zb-tag'>{s.anonymous ? '匿名' : '实名'}</Text>
                  <Text className={s.answered ? 'zb-done' : s.state === 'open' ? 'zb-attention' : 'zb-muted'}>
                    {s.answered ? '已填写' : s.state === 'open' ? '待填写' : SURVEY_STATE_LABEL[s.state]}
                  </Text>
                </View>
                <Text className='zb-title'>{s.title}</Text>
                {s.closeAt && <Text className='zb-muted'>{moment(s.closeAt)} 截止</Text>}
              </View>
            ))}
            <Text className='zb-section-title'>评先评优</Text>
            {h.votes.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>目前没有进行中的评选。</Text>
              </View>
            )}
            {h.votes.map((v) => (
              <View key={v.id} className='zb-card zb-stack' id={`voice-vote-${v.id}`} onClick={() => go(pageUrl('vote', { id: v.id }))}>
                <Text className={v.voted ? 'zb-done' : v.state === 'open' ? 'zb-attention' : 'zb-muted'}>
                  {v.state === 'closed'
                    ? '已结束，查看结果'
                    : v.voted
                      ? '已投票'
                      : v.state === 'open'
                        ? '待投票'
                        : SURVEY_STATE_LABEL[v.state]}
                </Text>
                <Text className='zb-title'>{v.title}</Text>
                <Text className='zb-muted'>{moment(v.closeAt)} 截止</Text>
              </View>
            ))}
            {h.topics.length > 0 && <Text className='zb-section-title'>讲坛</Text>}
            {h.topics.map((t) => (
              <View key={t.id} className='zb-card zb-stack' id={`voice-topic-${t.id}`} onClick={() => go(pageUrl('topic', { id: t.id }))}>
                <View className='zb-row'>
                  <Text className='zb-tag'>{TOPIC_KIND_LABEL[t.kind]}</Text>
                  <Text className='zb-muted'>
                    {t.closed ? '已结束' : '讨论中'} · {t.replies} 条回复
                  </Text>
                </View>
                <Text className='zb-title'>{t.title}</Text>
              </View>
            ))}
            <Text className='zb-section-title'>写给支部</Text>
            <View className='zb-actions'>
              <Button id='voice-write' type='primary' size='large' block onClick={() => go(pageUrl('letterWrite'))}>
                给支部写信
              </Button>
            </View>
            <Text className='zb-muted zb-note'>建议、意见、求助都可以写，可以署名，也可以匿名。</Text>
            <Text className='zb-section-title' id='voice-mine-title'>
              我的留言{h.unreadReplies ? `（${h.unreadReplies} 条新回复）` : ''}
            </Text>
            {letters.data?.letters.length === 0 && (
              <View className='zb-card'>
                <Text className='zb-muted'>还没有写过信。</Text>
              </View>
            )}
            {letters.data?.letters.map((l) => (
              <View
                key={l.id}
                className='zb-card zb-stack'
                id={`voice-letter-${l.id}`}
                onClick={() => go(pageUrl('myLetter', { id: l.id }))}
              >
                <View className='zb-row'>
                  <Text className='zb-tag'>{LETTER_CATEGORY_LABEL[l.category]}</Text>
                  <Text className='zb-muted zb-grow'>
                    {l.anonymous ? '匿名' : '署名'} · {l.day}
                  </Text>
                  <Text className={l.unread ? 'zb-attention' : l.state === 'replied' ? 'zb-done' : 'zb-muted'}>
                    {l.unread ? '有新回复' : LETTER_STATE_LABEL[l.state]}
                  </Text>
                </View>
                <Text>{l.excerpt}</Text>
              </View>
            ))}
            <Text className='zb-section-title'>优秀党员风采</Text>
            {h.units.map((u) => (
              <View
                key={u.orgId}
                className='zb-card zb-link-row'
                id={`voice-showcase-${u.orgId}`}
                onClick={() => go(pageUrl('showcase', { orgId: u.orgId }))}
              >
                <Text>{u.name}</Text>
                <Text className='zb-muted'>查看 ›</Text>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  );
}
