import { useEffect, useRef, useState } from 'react';
import { Slider, Text, Video, View } from '@tarojs/components';
import Taro, { getCurrentInstance, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pageUrl } from '../../../../../typings/pages';
import {
  LESSON_KIND_LABEL,
  studyDuration,
  type LessonContent,
  type LessonProgressView,
  type LessonView,
} from '../../../../../typings/study';
import { PostBody } from '../../../../components/post-body';
import { StateView } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { openDocument } from '../../../../services/files';
import { audioLessons, clockTime, useStudyBeats, type AudioState } from '../../../../services/study';
import { useApi } from '../../../../services/useApi';
import './index.scss';

type Progress = (p: LessonProgressView) => void;
const RATES = [1, 1.25, 1.5] as const;

/** Audio: one large play button, the time, ±15 s, speed. It keeps playing (and counting) when the member leaves the page. */
function AudioLesson({ lesson }: { lesson: LessonView }) {
  const [s, setS] = useState<AudioState>(audioLessons.state);
  useEffect(() => audioLessons.subscribe(setS), []);
  useEffect(() => audioLessons.load(lesson), [lesson]);
  const mine = s.lesson?.id === lesson.id;
  const duration = mine && s.duration ? s.duration : lesson.content.kind === 'audio' ? lesson.content.duration : 0;
  const position = mine ? s.position : 0;
  return (
    <View className='zb-card lesson__player' id='lesson-audio'>
      <Text className='lesson__clock' id='lesson-audio-time'>
        {clockTime(position)} / {clockTime(duration)}
      </Text>
      <Slider
        className='lesson__slider'
        min={0}
        max={Math.max(1, Math.round(duration))}
        value={Math.round(position)}
        activeColor='#c8161d'
        blockSize={28}
        onChange={(e) => audioLessons.seek(e.detail.value)}
      />
      <View
        id='lesson-play'
        className={`lesson__play${mine && s.playing ? ' lesson__play--on' : ''}`}
        aria-label={mine && s.playing ? '暂停' : '播放'}
        onClick={() => {
          if (!mine) audioLessons.load(lesson, true);
          else audioLessons.toggle();
        }}
      >
        <Text>{mine && s.playing ? '暂停' : '播放'}</Text>
      </View>
      <View className='lesson__controls'>
        <Button id='lesson-back' className='zb-grow' size='large' onClick={() => audioLessons.seek(position - 15)}>
          后退15秒
        </Button>
        <Button id='lesson-forward' className='zb-grow' size='large' onClick={() => audioLessons.seek(position + 15)}>
          前进15秒
        </Button>
      </View>
      <View className='zb-choices lesson__rates'>
        {RATES.map((r) => (
          <Button key={r} className={`zb-choice ${s.rate === r ? 'zb-choice--on' : ''}`} onClick={() => audioLessons.setRate(r)}>
            {r === 1 ? '正常速度' : `${r} 倍速`}
          </Button>
        ))}
      </View>
      {s.error && <Text className='zb-error'>{s.error}</Text>}
      <Text className='zb-muted'>关掉屏幕或离开这一页，声音会继续播放；学完一课会接着播放下一课。</Text>
    </View>
  );
}

/** Video: played inline from where the member left off; heartbeats while it plays. */
function VideoLesson({ lesson, onProgress }: { lesson: LessonView; onProgress: Progress }) {
  const resume = lesson.progress && !lesson.progress.done ? lesson.progress.position : 0;
  const at = useRef({ position: resume, from: resume, played: false, playing: false });
  useStudyBeats(
    lesson.progress ? lesson.id : null,
    () => {
      const a = at.current;
      const sample = { position: a.position, from: a.from, active: a.played };
      a.from = a.position;
      a.played = a.playing;
      return sample;
    },
    (r) => onProgress(r.progress),
  );
  if (lesson.content.kind !== 'video') return null;
  return (
    <>
      <View className='lesson__video-box'>
        <Video
          id='lesson-video'
          className='lesson__video'
          src={lesson.content.url}
          initialTime={resume}
          controls
          showCenterPlayBtn
          enableProgressGesture
          objectFit='contain'
          onPlay={() => {
            at.current.playing = true;
            at.current.played = true;
          }}
          onPause={() => {
            at.current.playing = false;
          }}
          onEnded={() => {
            at.current.playing = false;
          }}
          onTimeUpdate={(e) => {
            const a = at.current;
            const t = e.detail.currentTime;
            // A jump (the member dragged the bar): a new stretch begins where it landed.
            if (Math.abs(t - a.position) > 3) a.from = t;
            a.position = t;
            if (a.playing) a.played = true;
          }}
        />
      </View>
      {resume > 0 && (
        <Text className='zb-muted lesson__resume' id='lesson-resume'>
          从上次看到的 {clockTime(resume)} 继续播放
        </Text>
      )}
    </>
  );
}

/** An article: read to its end (the marker at the bottom comes into view) after its minimum time. */
function ArticleLesson({ lesson, onProgress }: { lesson: LessonView; onProgress: Progress }) {
  const end = useRef(false);
  // Mounted once the lesson has loaded, after the page's onReady: observe from the next tick, when the marker is rendered.
  useEffect(() => {
    const observer = Taro.createIntersectionObserver(getCurrentInstance().page!, { observeAll: false });
    Taro.nextTick(() =>
      observer.relativeToViewport({ bottom: 0 }).observe('#lesson-end', (r) => {
        if ((r.intersectionRatio ?? 0) > 0) end.current = true;
      }),
    );
    return () => observer.disconnect();
  }, []);
  useStudyBeats(
    lesson.progress ? lesson.id : null,
    () => ({ position: end.current ? 1 : 0.5, active: true }),
    (r) => onProgress(r.progress),
  );
  if (lesson.content.kind !== 'article') return null;
  return (
    <View className='zb-card'>
      <PostBody id='lesson-body' body={lesson.content.body} />
      <View id='lesson-end' className='lesson__end'>
        <Text className='zb-muted'>— 本课完 —</Text>
      </View>
    </View>
  );
}

/** A document opens in WeChat's viewer; a Channels video or live in Channels. Both count while the member is there. */
function OutsideLesson({ lesson, onProgress }: { lesson: LessonView; onProgress: Progress }) {
  const [note, setNote] = useState('');
  const away = useRef(false);
  useStudyBeats(
    lesson.progress ? lesson.id : null,
    () => ({ position: 0.5, active: true }),
    (r) => onProgress(r.progress),
    { whileAway: away },
  );
  const c = lesson.content;
  const open = async () => {
    setNote('');
    away.current = true;
    try {
      if (c.kind === 'document') await openDocument(c.url, c.ext);
      if (c.kind === 'channels') {
        if (process.env.TARO_ENV !== 'weapp') throw new Error('not in WeChat');
        if (c.live) {
          const info = await Taro.getChannelsLiveInfo({ finderUserName: c.finderUserName });
          await Taro.openChannelsLive({ finderUserName: c.finderUserName, feedId: info.feedId, nonceId: info.nonceId });
        } else {
          await Taro.openChannelsActivity({ finderUserName: c.finderUserName, feedId: c.feedId ?? '' });
        }
      }
    } catch {
      away.current = false;
      setNote(
        c.kind === 'channels'
          ? `这里打不开视频号。请在微信“发现 → 视频号”中搜索「${c.finderUserName}」观看。`
          : '文档没有打开，请检查网络后再试。',
      );
    }
  };
  if (c.kind !== 'document' && c.kind !== 'channels') return null;
  return (
    <View className='zb-card zb-stack' id='lesson-outside'>
      <Text className='lesson__outside-title'>{c.kind === 'document' ? `文档：${c.name}` : c.live ? '视频号直播' : '视频号视频'}</Text>
      <Text className='zb-muted'>需要学习 {studyDuration(c.minSeconds)}以上</Text>
      <Button id='lesson-open' type='primary' size='large' block onClick={() => void open()}>
        {c.kind === 'document' ? '打开文档' : c.live ? '进入直播间' : '到视频号观看'}
      </Button>
      {c.kind === 'channels' && (
        <Button size='large' block onClick={() => void Taro.setClipboardData({ data: c.finderUserName })}>
          复制视频号 ID
        </Button>
      )}
      {note && (
        <Text className='zb-error' id='lesson-open-note'>
          {note}
        </Text>
      )}
    </View>
  );
}

function Body({ lesson, onProgress }: { lesson: LessonView; onProgress: Progress }) {
  const kind: LessonContent['kind'] = lesson.content.kind;
  if (kind === 'audio') return <AudioLesson lesson={lesson} />;
  if (kind === 'video') return <VideoLesson lesson={lesson} onProgress={onProgress} />;
  if (kind === 'article') return <ArticleLesson lesson={lesson} onProgress={onProgress} />;
  return <OutsideLesson lesson={lesson} onProgress={onProgress} />;
}

/** One lesson: where it sits in its course, how far the member is, the player or the text, and the next lesson. */
export default function LessonPage() {
  const pageClass = usePageClass('lesson');
  const { id = '' } = useRouter().params;
  const lesson = useApi(() => api.study.open({ lessonId: id }), [id]);
  const [progress, setProgress] = useState<LessonProgressView | null>(null);
  const [audio, setAudio] = useState<AudioState>(audioLessons.state);
  useEffect(() => audioLessons.subscribe(setAudio), []);
  const l = lesson.data;
  useEffect(() => setProgress(l?.progress ?? null), [l]);
  const shown = l?.content.kind === 'audio' && audio.lesson?.id === l.id ? (audio.progress ?? progress) : progress;
  const go = (to: string | null) => to && void Taro.redirectTo({ url: pageUrl('lesson', { id: to }) });
  return (
    <View className={pageClass}>
      <StateView loading={lesson.loading && !l} error={l ? undefined : lesson.error} onRetry={() => void lesson.reload()}>
        {l && (
          <>
            <View className='zb-card zb-stack' id='lesson-head'>
              <Text className='zb-muted' onClick={() => void Taro.navigateTo({ url: pageUrl('course', { id: l.courseId }) })}>
                {l.courseTitle} · 第 {l.index}/{l.count} 课 · {LESSON_KIND_LABEL[l.content.kind]}
              </Text>
              <Text className='lesson__title' id='lesson-title'>
                {l.title}
              </Text>
              {shown ? (
                shown.done ? (
                  <Text className='lesson__done' id='lesson-progress'>
                    ✓ 已学完 · 学习 {studyDuration(shown.seconds)}
                  </Text>
                ) : (
                  <Text className='lesson__progress' id='lesson-progress'>
                    已学 {studyDuration(shown.seconds)} · 完成 {Math.round(shown.progress * 100)}%
                  </Text>
                )
              ) : (
                <Text className='zb-muted' id='lesson-preview'>
                  预览：你不在这门课的学习范围内，不计学习时长
                </Text>
              )}
            </View>
            <Body lesson={l} onProgress={setProgress} />
            <View className='zb-actions lesson__nav'>
              {l.nextId && (
                <Button id='lesson-next' type='primary' size='large' block onClick={() => go(l.nextId)}>
                  下一课
                </Button>
              )}
              {l.prevId && (
                <Button id='lesson-prev' size='large' block onClick={() => go(l.prevId)}>
                  上一课
                </Button>
              )}
              <Button
                id='lesson-course'
                size='large'
                block
                onClick={() => void Taro.navigateTo({ url: pageUrl('course', { id: l.courseId }) })}
              >
                课程目录
              </Button>
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
