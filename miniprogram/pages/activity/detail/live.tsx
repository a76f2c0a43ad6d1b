import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { ActivityView, QuestionView } from '../../../../typings/domain';
import { api } from '../../../services/api';
import { moment } from '../../../services/format';
import { useAction } from '../../../services/useAction';
import { useApi } from '../../../services/useApi';

type Live = NonNullable<ActivityView['live']>;

/**
 * Where to watch a 直播党课: reserve the live in Channels (WeChat reminds the member when it starts),
 * open it, or — where Channels is not available or refuses — the account to search for and the link to copy.
 */
export function LiveBox({ a, live }: { a: ActivityView; live: Live }) {
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const fallback = live.finderUserName
    ? `这里打不开视频号。请在微信“发现 → 视频号”中搜索「${live.finderUserName}」观看${live.link ? '，或复制直播链接在浏览器中打开' : ''}。`
    : '请复制直播链接，在浏览器中打开观看。';
  const reserve = () =>
    run(async () => {
      setNote('');
      try {
        if (process.env.TARO_ENV !== 'weapp' || !live.finderUserName) throw new Error('no Channels here');
        // WeChat answers with `noticeId` (miniprogram-api-typings); Taro's typing calls it `nonceId`.
        const notice = (await Taro.getChannelsLiveNoticeInfo({ finderUserName: live.finderUserName })) as unknown as { noticeId: string };
        await Taro.reserveChannelsLive({ noticeId: notice.noticeId });
      } catch {
        setNote(fallback);
      }
    });
  const watch = () =>
    run(async () => {
      setNote('');
      try {
        if (process.env.TARO_ENV !== 'weapp' || !live.finderUserName) throw new Error('no Channels here');
        const info = await Taro.getChannelsLiveInfo({ finderUserName: live.finderUserName });
        await Taro.openChannelsLive({ finderUserName: live.finderUserName, feedId: info.feedId, nonceId: info.nonceId });
      } catch {
        setNote(fallback);
      }
    });
  const started = Date.now() >= Date.parse(a.startAt) - 10 * 60 * 1000;
  return (
    <View className='zb-card zb-stack' id='live-box'>
      <Text className='zb-title'>直播</Text>
      <Text className='zb-muted'>
        {live.finderUserName ? `视频号「${live.finderUserName}」直播` : '线上直播'}，{moment(a.startAt)}{' '}
        开始。签到码会在直播中展示，在下方输入即可签到。
      </Text>
      {started ? (
        <Button id='live-watch' type='primary' size='large' block loading={busy} onClick={() => void watch()}>
          进入直播间
        </Button>
      ) : (
        <Button id='live-reserve' type='primary' size='large' block loading={busy} onClick={() => void reserve()}>
          预约直播（开播时微信会提醒你）
        </Button>
      )}
      {live.link && (
        <Button id='live-link' size='large' block onClick={() => void Taro.setClipboardData({ data: live.link! })}>
          复制直播链接
        </Button>
      )}
      {note && (
        <Text className='zb-error' id='live-note'>
          {note}
        </Text>
      )}
    </View>
  );
}

function Question({ q, manage, onChanged, activityId }: { q: QuestionView; manage: boolean; onChanged: () => void; activityId: string }) {
  const { busy, error, run } = useAction();
  const act = (f: () => Promise<unknown>) => void run(f).then((r) => r && onChanged());
  return (
    <View className={`zb-card zb-stack live__question${q.hidden ? ' live__question--hidden' : ''}`} id={`question-${q.id}`}>
      <View className='zb-row'>
        {q.pinned && <Text className='zb-tag'>置顶</Text>}
        {q.answered && <Text className='live__answered'>已回答</Text>}
        {q.hidden && <Text className='zb-muted'>已隐藏</Text>}
      </View>
      <Text className='live__text'>{q.text}</Text>
      <Text className='zb-muted'>
        {q.name} · {moment(q.at)} · {q.votes} 人同问
      </Text>
      <View className='zb-choices'>
        {!q.mine && !q.hidden && (
          <Button
            id={`question-${q.id}-vote`}
            className={q.voted ? 'zb-choice zb-choice--on' : 'zb-choice'}
            loading={busy}
            onClick={() => act(() => api.question.vote({ activityId, questionId: q.id, vote: !q.voted }))}
          >
            {q.voted ? '已同问' : '我也想问'}
          </Button>
        )}
        {manage && (
          <>
            <Button
              id={`question-${q.id}-answered`}
              onClick={() => act(() => api.question.moderate({ questionId: q.id, answered: !q.answered }))}
            >
              {q.answered ? '取消已回答' : '标记已回答'}
            </Button>
            <Button onClick={() => act(() => api.question.moderate({ questionId: q.id, pinned: !q.pinned }))}>
              {q.pinned ? '取消置顶' : '置顶'}
            </Button>
            <Button className='zb-danger' onClick={() => act(() => api.question.moderate({ questionId: q.id, hidden: !q.hidden }))}>
              {q.hidden ? '恢复显示' : '隐藏'}
            </Button>
          </>
        )}
      </View>
      {error && <Text className='zb-error'>{error}</Text>}
    </View>
  );
}

/** 提问: members send questions before and during the lecture and +1 others'; the organiser pins, answers and hides. */
export function Questions({ a }: { a: ActivityView }) {
  const list = useApi(() => api.question.list({ activityId: a.id }), [a.id], { refreshOnShow: true });
  const [text, setText] = useState('');
  const [missing, setMissing] = useState('');
  const asking = useAction();
  const open = Date.now() < Date.parse(a.endAt) && a.status !== 'cancelled';
  async function ask() {
    if (text.trim().length < 2) {
      setMissing('请写下你的问题，至少 2 个字');
      return;
    }
    setMissing('');
    if (await asking.run(() => api.question.ask({ activityId: a.id, text: text.trim() }), '已提交')) {
      setText('');
      await list.reload();
    }
  }
  const questions = list.data?.questions ?? [];
  return (
    <View id='questions'>
      <Text className='zb-section-title'>提问（{questions.filter((q) => !q.hidden).length}）</Text>
      {a.mine.inAudience && open && (
        <View className='zb-card zb-stack' id='question-form'>
          <TextArea id='question-text' value={text} onChange={setText} maxLength={200} placeholder='想请主讲人回答的问题' rows={2} />
          <Button id='question-ask' type='primary' size='large' block loading={asking.busy} onClick={() => void ask()}>
            提交问题
          </Button>
          {(missing || asking.error) && (
            <Text className='zb-error' id='question-error'>
              {missing || asking.error}
            </Text>
          )}
        </View>
      )}
      {list.data && questions.length === 0 && (
        <View className='zb-card'>
          <Text className='zb-muted'>还没有人提问</Text>
        </View>
      )}
      {questions.map((q) => (
        <Question key={q.id} q={q} manage={a.canManage} activityId={a.id} onChanged={() => void list.reload()} />
      ))}
    </View>
  );
}
