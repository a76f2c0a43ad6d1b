import { useEffect, useRef } from 'react';
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { STUDY_RULES, type BeatResult, type LessonProgressView, type LessonView } from '../../typings/study';
import { api } from './api';

/**
 * Study time is measured by the server from heartbeats: while a lesson is on screen (and, for audio
 * and video, playing) the client says where it is every 30 seconds, and once more when it leaves.
 * The client claims nothing else: what counts is decided on the server.
 */

/** What a page's heartbeat reports: where the member is, where this stretch of playing began, and whether anything happened since the last. */
export interface BeatSample {
  position: number;
  from?: number;
  active: boolean;
}

/**
 * Heartbeats for a lesson page (articles, documents, video): every 30 s while the page is shown and
 * `sample()` says it is active, and one when the page is left.
 */
export function useStudyBeats(
  lessonId: string | null,
  sample: () => BeatSample | null,
  onResult: (r: BeatResult) => void,
  /** True while the member is in a viewer the page opened (a document, Channels): the page is hidden, but they are studying. */
  options: { whileAway?: { current: boolean } } = {},
) {
  const sampleRef = useRef(sample);
  sampleRef.current = sample;
  const resultRef = useRef(onResult);
  resultRef.current = onResult;
  const shown = useRef(true);
  const away = options.whileAway;
  const lessonIdRef = useRef(lessonId);
  lessonIdRef.current = lessonId;

  const beat = useRef(async () => {
    const s = sampleRef.current();
    if (!lessonIdRef.current || !s?.active) return;
    try {
      resultRef.current(
        await api.study.beat({
          lessonId: lessonIdRef.current,
          position: Math.max(0, s.position),
          ...(s.from === undefined ? {} : { from: Math.max(0, s.from) }),
        }),
      );
    } catch {
      // A lost heartbeat loses nothing the next one cannot carry (the server credits the time since the last).
    }
  });

  useEffect(() => {
    if (!lessonId) return;
    const timer = setInterval(() => {
      if (shown.current || away?.current) void beat.current();
    }, STUDY_RULES.beatSeconds * 1000);
    return () => clearInterval(timer);
  }, [lessonId, away]);
  useDidShow(() => {
    shown.current = true;
    // Back from the viewer: that stretch is counted now, and the member is on the page again.
    if (options.whileAway?.current) {
      options.whileAway.current = false;
      void beat.current();
    }
  });
  useDidHide(() => {
    shown.current = false;
    void beat.current();
  });
  useUnload(() => void beat.current());
}

// ---------------------------------------------------------------- audio

/** The few things the lesson player needs from a platform's audio: WeChat's background audio manager, or an <audio> in the browser. */
interface AudioOutput {
  start(track: { src: string; title: string; epname: string; startTime: number }): void;
  play(): void;
  pause(): void;
  seek(seconds: number): void;
  setRate(rate: number): void;
  readonly position: number;
  readonly duration: number;
  readonly paused: boolean;
  on(events: { time: () => void; play: () => void; pause: () => void; ended: () => void; error: (message: string) => void }): void;
}

/**
 * WeChat: the background audio manager keeps playing with the screen off or the app in the background
 * and shows the lesson in the system's controls (app.json declares requiredBackgroundModes: audio).
 */
function weappOutput(): AudioOutput {
  const m = Taro.getBackgroundAudioManager();
  return {
    start(t) {
      m.title = t.title;
      m.epname = t.epname;
      m.singer = '支部通';
      m.startTime = t.startTime;
      // Setting src starts playing.
      m.src = t.src;
    },
    play: () => m.play(),
    pause: () => m.pause(),
    seek: (s) => m.seek(s),
    setRate: (r) => {
      m.playbackRate = r;
    },
    get position() {
      return m.currentTime || 0;
    },
    get duration() {
      return m.duration || 0;
    },
    get paused() {
      return m.paused !== false;
    },
    on(e) {
      m.onTimeUpdate(e.time);
      m.onPlay(e.play);
      m.onPause(e.pause);
      m.onStop(e.pause);
      m.onEnded(e.ended);
      // Taro's typing drops the callback's argument; WeChat passes { errMsg, errCode }.
      m.onError(((r?: { errMsg?: string }) => e.error(r?.errMsg ?? '')) as () => void);
    },
  };
}

/** The browser (h5, how we see and test it here): one <audio> element, like the background manager keeps playing across pages. */
function browserOutput(): AudioOutput {
  const a = new Audio();
  a.preload = 'auto';
  let startAt = 0;
  a.addEventListener('loadedmetadata', () => {
    if (startAt > 0) a.currentTime = startAt;
    startAt = 0;
  });
  return {
    start(t) {
      startAt = t.startTime;
      a.src = t.src;
      a.dataset['title'] = t.title;
      void a.play().catch(() => undefined);
    },
    play: () => void a.play().catch(() => undefined),
    pause: () => a.pause(),
    seek: (s) => {
      a.currentTime = s;
    },
    setRate: (r) => {
      a.playbackRate = r;
    },
    get position() {
      return a.currentTime || 0;
    },
    get duration() {
      return Number.isFinite(a.duration) ? a.duration : 0;
    },
    get paused() {
      return a.paused;
    },
    on(e) {
      a.addEventListener('timeupdate', e.time);
      a.addEventListener('play', e.play);
      a.addEventListener('pause', e.pause);
      a.addEventListener('ended', e.ended);
      a.addEventListener('error', () => e.error('音频加载失败'));
    },
  };
}

// Chosen once, so the build for one platform carries no code of the other (WeChat has no Audio element).
const createOutput = process.env.TARO_ENV === 'weapp' ? weappOutput : browserOutput;

export interface AudioState {
  lesson: LessonView | null;
  position: number;
  duration: number;
  playing: boolean;
  rate: number;
  progress: LessonProgressView | null;
  error: string | null;
}

/**
 * The audio lesson being played, wherever the member is in the app: the course is a playlist (at the
 * end of a lesson the next audio lesson starts), and heartbeats go out from here while it plays —
 * with the screen off too — not from a page.
 */
class AudioLessons {
  private output: AudioOutput | null = null;
  private listeners = new Set<(s: AudioState) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Where the current stretch of playing began (reported as `from`). */
  private from = 0;
  /** Played since the last heartbeat. */
  private played = false;
  state: AudioState = { lesson: null, position: 0, duration: 0, playing: false, rate: 1, progress: null, error: null };

  private get out(): AudioOutput {
    if (!this.output) {
      this.output = createOutput();
      this.output.on({
        time: () => {
          this.played = this.played || !this.output!.paused;
          this.set({ position: this.output!.position, duration: this.output!.duration || this.state.duration });
        },
        play: () => {
          this.played = true;
          this.set({ playing: true, error: null });
        },
        pause: () => {
          void this.beat();
          this.set({ playing: false });
        },
        ended: () => void this.ended(),
        error: (message) => this.set({ playing: false, error: `播放失败：${message}` }),
      });
    }
    return this.output;
  }

  subscribe(listener: (s: AudioState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<AudioState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l(this.state));
  }

  /** Shows a lesson in the player (at the member's last position, unless it was finished); it plays when asked, or `now`. */
  load(lesson: LessonView, now = false): void {
    if (lesson.content.kind !== 'audio') return;
    if (this.state.lesson?.id === lesson.id) {
      this.set({ lesson, progress: lesson.progress ?? this.state.progress });
      if (now && !this.started) this.begin();
      return;
    }
    void this.beat();
    const resume = lesson.progress && !lesson.progress.done ? lesson.progress.position : 0;
    this.from = resume;
    this.played = false;
    this.started = false;
    this.output?.pause();
    this.set({ lesson, position: resume, duration: lesson.content.duration, playing: false, progress: lesson.progress, error: null });
    if (now) this.begin();
  }

  /** Whether the output holds the current lesson (WeChat's manager starts playing as soon as it is given one). */
  private started = false;

  private begin(): void {
    const lesson = this.state.lesson;
    if (!lesson || lesson.content.kind !== 'audio') return;
    this.started = true;
    this.out.start({ src: lesson.content.url, title: lesson.title, epname: lesson.courseTitle, startTime: this.state.position });
    this.out.setRate(this.state.rate);
    this.timer ??= setInterval(() => void this.beat(), STUDY_RULES.beatSeconds * 1000);
  }

  toggle(): void {
    if (!this.started) this.begin();
    else if (this.out.paused) this.out.play();
    else this.out.pause();
  }

  /** Moves to `to` seconds: a new stretch of playing begins there. */
  seek(to: number): void {
    const target = Math.max(0, Math.min(to, this.state.duration || to));
    // The stretch played so far ends here; the next begins where the member moved to.
    void this.beat(this.out.position);
    this.from = target;
    if (this.started) this.out.seek(target);
    this.set({ position: target });
  }

  setRate(rate: number): void {
    this.out.setRate(rate);
    this.set({ rate });
  }

  private async beat(at?: number): Promise<void> {
    const lesson = this.state.lesson;
    if (!lesson?.progress || !this.played) return;
    const position = at ?? this.output?.position ?? this.state.position;
    const from = this.from;
    this.played = !this.out.paused;
    this.from = position;
    try {
      const r = await api.study.beat({ lessonId: lesson.id, position, from });
      if (this.state.lesson?.id === lesson.id) this.set({ progress: r.progress });
    } catch {
      // The next heartbeat carries the time since the last credited one.
    }
  }

  /** The end of a lesson: credited, then the course's next lesson plays if it is audio too. */
  private async ended(): Promise<void> {
    const lesson = this.state.lesson;
    this.played = true;
    await this.beat();
    this.set({ playing: false });
    if (!lesson?.nextId) return;
    try {
      const next = await api.study.open({ lessonId: lesson.nextId });
      if (next.content.kind === 'audio') this.load(next, true);
    } catch {
      // Stop at the end of this one.
    }
  }
}

export const audioLessons = new AudioLessons();

/** mm:ss (or h:mm:ss) for a player. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}
