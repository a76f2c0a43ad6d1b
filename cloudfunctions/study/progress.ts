import { STUDY_RULES, type LessonCard, type LessonProgressView, type StudyState } from '../../typings/study';
import { inShanghai } from '../../typings/time';
import type { LessonDoc, LessonProgressDoc, StudyMemberDoc } from '../common/db';

/**
 * The arithmetic of study records, apart from the database: what a heartbeat credits and covers,
 * and when a lesson is complete. The server's clock decides; the client only says where it is.
 */

/** At most this many buckets per media lesson: the bucket grows for long media (5 s each up to 2 h 46 min). */
const MAX_BUCKETS = 2000;
const MIN_BUCKET = 5;

/** The key of a Beijing day in StudyMemberDoc.days (a field name: no dashes). */
export const dayKey = (instant: Date | string | number) => `d${inShanghai(instant).format('YYYYMMDD')}`;

/** The key of the Monday (Beijing) of an instant's week: weeks start on Monday, as Chinese calendars do. */
export function weekStart(instant: Date): string {
  const day = inShanghai(instant);
  return dayKey(day.subtract((day.day() + 6) % 7, 'day').toDate());
}

/** The server's 30-second window an instant falls in. */
export const windowOf = (now: Date) => Math.floor(now.getTime() / (STUDY_RULES.windowSeconds * 1000));

/** A member's fresh progress on a lesson, when they first open it. */
export function newProgress(lesson: LessonDoc, now: Date): LessonProgressDoc {
  const media = lesson.media;
  const length = media ? Math.max(1, Math.round(media.duration)) : lesson.minSeconds;
  return {
    courseId: lesson.courseId,
    kind: lesson.kind,
    length,
    covered: '',
    bucket: media ? Math.max(MIN_BUCKET, Math.ceil(length / MAX_BUCKETS)) : 0,
    pos: 0,
    end: false,
    sec: 0,
    openedAt: now,
    at: now,
    doneAt: null,
  };
}

function bits(covered: string, count: number): Buffer {
  const out = Buffer.alloc(Math.ceil(count / 8));
  Buffer.from(covered, 'base64').copy(out, 0, 0, out.length);
  return out;
}

const bucketCount = (p: Pick<LessonProgressDoc, 'length' | 'bucket'>) => Math.max(1, Math.ceil(p.length / p.bucket));

function countSet(b: Buffer, count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) if (b[i >> 3]! & (1 << (i & 7))) n++;
  return n;
}

/** Share of a lesson covered: media by distinct positions, others by time against their minimum. */
export function coveredShare(p: LessonProgressDoc): number {
  if (p.bucket > 0) {
    const count = bucketCount(p);
    return countSet(bits(p.covered, count), count) / count;
  }
  return Math.min(1, p.sec / Math.max(1, p.length));
}

/** Whether the progress completes the lesson. */
function completes(p: LessonProgressDoc): boolean {
  if (p.bucket > 0) return coveredShare(p) >= STUDY_RULES.mediaCompleteShare;
  // An article is read to its end after its minimum time; a document or a Channels lesson after its time.
  if (p.kind === 'article') return p.end && p.sec >= p.length;
  return p.sec >= p.length;
}

export interface Credit {
  /** Seconds credited. */
  seconds: number;
  /** The lesson's progress after it. */
  next: LessonProgressDoc;
  /** The lesson became complete with this heartbeat. */
  completed: boolean;
}

/**
 * What one heartbeat is worth, given the member's record as read and the server's clock:
 * - nothing in a window already credited (two clients, replays, bursts);
 * - the time since the last credited heartbeat (or the lesson's opening), when that is at most two
 *   windows (a beat that came a little early or late, or one lost, costs nothing); after a longer gap
 *   (paused, asleep, offline) one window's worth: never more than has passed;
 * - nothing past the day's cap;
 * - media: the stretch played since `from` (where the client says playing resumed: the last
 *   position, or where the member sought to) counts as covered only up to twice the credited time
 *   (2× is the fastest playback): a jump covers the bucket it lands in, nothing between.
 */
export function creditFor(doc: StudyMemberDoc, lessonId: string, position: number, from: number | undefined, now: Date): Credit | null {
  const p = doc.lessons[lessonId];
  if (!p) return null;
  if (windowOf(now) <= doc.window) return { seconds: 0, next: p, completed: false };
  const since = Math.max(doc.lastAt ? new Date(doc.lastAt).getTime() : 0, new Date(p.openedAt).getTime());
  const elapsed = Math.floor((now.getTime() - since) / 1000);
  const window = STUDY_RULES.windowSeconds;
  const today = doc.days[dayKey(now)] ?? 0;
  const seconds = Math.max(0, Math.min(elapsed <= 2 * window ? elapsed : window, STUDY_RULES.dailyCapSeconds - today));
  if (seconds === 0) return { seconds: 0, next: p, completed: false };

  const next: LessonProgressDoc = { ...p, sec: p.sec + seconds, at: now };
  if (p.bucket > 0) {
    const pos = Math.min(position, p.length);
    const start = Math.min(from ?? p.pos, p.length);
    const count = bucketCount(p);
    const b = bits(p.covered, count);
    const set = (i: number) => {
      if (i >= 0 && i < count) b[i >> 3] = b[i >> 3]! | (1 << (i & 7));
    };
    const played = pos - start;
    if (played > 0 && played <= seconds * 2 + 1) {
      for (let i = Math.floor(start / p.bucket); i <= Math.min(count - 1, Math.floor((pos - 0.001) / p.bucket)); i++) set(i);
    } else {
      set(Math.min(count - 1, Math.floor(pos / p.bucket)));
    }
    next.covered = b.toString('base64');
    next.pos = pos;
  } else {
    const pos = Math.min(1, position);
    next.pos = pos;
    next.end = p.end || pos >= 0.95;
  }
  const completed = !p.doneAt && completes(next);
  if (completed) next.doneAt = now;
  return { seconds, next, completed };
}

export function progressView(p: LessonProgressDoc): LessonProgressView {
  return { position: p.pos, seconds: p.sec, progress: p.doneAt ? 1 : coveredShare(p), done: Boolean(p.doneAt) };
}

/** Seconds credited on the days from `from` (a day key) on. */
export function secondsSince(doc: Pick<StudyMemberDoc, 'days'> | undefined, from: string): number {
  if (!doc) return 0;
  return Object.entries(doc.days).reduce((sum, [k, v]) => (k >= from ? sum + v : sum), 0);
}

/** A member's state on a set of lessons (an assignment, a course): time, lessons done, when the last was done. */
export function stateOn(doc: StudyMemberDoc | undefined, lessonIds: string[]) {
  const entries = lessonIds.map((id) => doc?.lessons[id]).filter((p): p is LessonProgressDoc => Boolean(p));
  const done = entries.filter((p) => p.doneAt);
  const state: StudyState =
    lessonIds.length > 0 && done.length === lessonIds.length ? 'done' : entries.length > 0 ? 'studying' : 'not_started';
  const doneAt = state === 'done' ? new Date(Math.max(...done.map((p) => new Date(p.doneAt!).getTime()))).toISOString() : null;
  return { state, seconds: entries.reduce((s, p) => s + p.sec, 0), lessonsDone: done.length, doneAt };
}

/** A lesson in its course's list, with the member's progress on it. */
export function lessonCard(l: LessonDoc, record: Pick<StudyMemberDoc, 'lessons'>): LessonCard {
  const p = record.lessons[l._id];
  return {
    id: l._id,
    title: l.title,
    kind: l.kind,
    duration: l.media?.duration ?? null,
    done: Boolean(p?.doneAt),
    progress: p ? (p.doneAt ? 1 : coveredShare(p)) : 0,
  };
}
