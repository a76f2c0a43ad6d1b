import type { TodoItem } from '../../typings/domain';
import type {
  AssignmentProgress,
  BeatResult,
  CourseView,
  LessonView,
  MyStudy,
  StudyArchiveView,
  StudyCard,
  StudyHome,
  StudyStats,
} from '../../typings/study';
import { clock, MK, RD } from '../helpers/activity';
import { callPost, postInput, publishedPost } from '../helpers/post';
import { demoRuntime, fired, ok, snapshot, uploaded } from '../helpers/runtime';
import { articleLesson, audioLesson, course, DEMO_AUDIO, videoLesson } from '../helpers/study';

const MEMBER = { openid: 'demo-member-01' }; // 第一支部
const MEMBER2 = { openid: 'demo-member-02' };
const OUTSIDER = { openid: 'demo-member-12' }; // 第二支部
const SECRETARY = { openid: 'demo-secretary' };
type Rt = Awaited<ReturnType<typeof demoRuntime>>;

const open = (rt: Rt, lessonId: string, who = MEMBER) => ok<LessonView>(rt, 'study', 'open', { lessonId }, who);
const beat = (rt: Rt, lessonId: string, position: number, who = MEMBER, from?: number) =>
  ok<BeatResult>(rt, 'study', 'beat', { lessonId, position, ...(from === undefined ? {} : { from }) }, who);
const audioDuration = 45.2; // local/demo-media/lesson-audio.mp3

describe('study time is what the server clock allows', () => {
  it('credits at most one heartbeat per 30-second window, never more than the time since the lesson was opened', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt);
    await open(rt, lessonIds[0]!);
    // Right after opening: nothing has passed, nothing is credited.
    expect((await beat(rt, lessonIds[0]!, 0.1)).credited).toBe(0);
    c.advance(12_000);
    expect((await beat(rt, lessonIds[0]!, 0.2)).credited).toBe(12);
    // A burst of beats in the same window: none of them earns anything.
    c.advance(5_000);
    const burst = await Promise.all(Array.from({ length: 20 }, () => beat(rt, lessonIds[0]!, 0.3)));
    expect(burst.map((b) => b.credited)).toEqual(Array(20).fill(0));
    // Ten minutes of beats every 10 s: no more than the ten minutes.
    let total = 12;
    for (let i = 0; i < 60; i++) {
      c.advance(10_000);
      total += (await beat(rt, lessonIds[0]!, 0.4)).credited;
    }
    expect(total).toBeLessThanOrEqual(12 + 5 + 600);
    expect(total).toBeGreaterThanOrEqual(12 + 540);
    const mine = await ok<MyStudy>(rt, 'study', 'mine', {}, MEMBER);
    expect(mine.weekSeconds).toBe(total);
  });

  it('two clients of one member studying two lessons at once earn no more than the time that passed', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [articleLesson(), articleLesson('第二课 党员的义务')] });
    await open(rt, lessonIds[0]!);
    await open(rt, lessonIds[1]!);
    let total = 0;
    // Phone and tablet each beat every 30 s, a few seconds apart, for 20 minutes.
    for (let i = 0; i < 40; i++) {
      c.advance(13_000);
      total += (await beat(rt, lessonIds[0]!, 0.5)).credited;
      c.advance(17_000);
      total += (await beat(rt, lessonIds[1]!, 0.5)).credited;
    }
    expect(total).toBeLessThanOrEqual(40 * 30);
    const mine = await ok<MyStudy>(rt, 'study', 'mine', {}, MEMBER);
    expect(mine.weekSeconds).toBe(total);
  });

  it('replaying a heartbeat later earns only the time since the last credited one, and concurrent replays earn it once', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt);
    await open(rt, lessonIds[0]!);
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 0.5)).credited).toBe(30);
    c.advance(40_000);
    const replays = await Promise.all(Array.from({ length: 10 }, () => beat(rt, lessonIds[0]!, 0.5)));
    expect(replays.reduce((s, b) => s + b.credited, 0)).toBe(40);
  });

  it('stops crediting at the daily cap and starts again the next Beijing day', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt);
    await open(rt, lessonIds[0]!);
    let last: BeatResult | undefined;
    for (let i = 0; i < 4 * 120 + 5; i++) {
      c.advance(30_000);
      last = await beat(rt, lessonIds[0]!, 0.5);
    }
    expect(last).toMatchObject({ credited: 0, capped: true, todaySeconds: 4 * 3600 });
    // Beijing midnight is 16:00 UTC.
    c.set('2026-12-03T16:00:10Z');
    await open(rt, lessonIds[0]!);
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 0.5)).credited).toBe(30);
  });
});

describe('completing a lesson', () => {
  it('a media lesson is complete only when 90 % of it was played: jumping to the end completes nothing', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [await audioLesson(rt, 'demo-secretary')] });
    const lesson = await open(rt, lessonIds[0]!);
    expect(lesson.content).toMatchObject({ kind: 'audio', duration: audioDuration, url: expect.stringContaining('/storage/media/') });
    // Skip: straight to the end a few seconds in, twice (45 s of audio cannot play in 3 s, even at 2×).
    c.advance(3_000);
    const skipped = await beat(rt, lessonIds[0]!, 45, MEMBER, 0);
    // Nine 5-second buckets (45 s): only the last one is covered.
    expect(skipped.progress).toMatchObject({ done: false, progress: 1 / 9 });
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 44)).progress.done).toBe(false);
    // Then from the start, played through: a beat every 30 s of playing.
    await open(rt, lessonIds[0]!);
    c.advance(30_000);
    const half = await beat(rt, lessonIds[0]!, 30, MEMBER, 0);
    expect(half.progress.done).toBe(false);
    c.advance(30_000);
    const end = await beat(rt, lessonIds[0]!, audioDuration, MEMBER, 30);
    expect(end.progress).toMatchObject({ done: true, progress: 1 });
    const view = await ok<CourseView>(rt, 'study', 'course', { courseId: (await open(rt, lessonIds[0]!)).courseId }, MEMBER);
    expect(view.lessons[0]).toMatchObject({ done: true, progress: 1 });
  });

  it('a position that runs ahead of the clock (a skewed or lying client) covers only where it lands', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [await audioLesson(rt, 'demo-secretary')] });
    await open(rt, lessonIds[0]!);
    // 10 s pass and the client says 40 s; 10 s more and it says the end.
    c.advance(10_000);
    await beat(rt, lessonIds[0]!, 40);
    c.advance(30_000);
    const second = await beat(rt, lessonIds[0]!, audioDuration);
    // Nine 5-second buckets of 45 s: only 40-45 is covered, by landing there and playing on.
    expect(second.progress).toMatchObject({ done: false, progress: 1 / 9 });
  });

  it('a video plays through to completion, and its file is served from storage with a signed URL', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [await videoLesson(rt, 'demo-secretary')] });
    const lesson = await open(rt, lessonIds[0]!);
    expect(lesson.content).toMatchObject({ kind: 'video', url: expect.stringMatching(/\/storage\/media\/[0-9a-f]{32}\.mp4\?e=\d+&s=/) });
    c.advance(20_000);
    expect((await beat(rt, lessonIds[0]!, 20)).progress.done).toBe(false);
    c.advance(10_000);
    expect((await beat(rt, lessonIds[0]!, 21.4)).progress.done).toBe(true);
  });

  it('an article counts as read only when scrolled to its end after its minimum reading time', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt);
    const lesson = await open(rt, lessonIds[0]!);
    const min = lesson.content.kind === 'article' ? lesson.content.minSeconds : 0;
    // About 540 characters: 10 a second.
    expect(min).toBeGreaterThan(45);
    expect(min).toBeLessThan(60);
    c.advance(30_000);
    // At the end after 30 s: too quick.
    expect((await beat(rt, lessonIds[0]!, 1)).progress.done).toBe(false);
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 1)).progress.done).toBe(true);
  });

  it('an article on screen long enough but not scrolled to its end is not read', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt);
    await open(rt, lessonIds[0]!);
    for (let i = 0; i < 10; i++) {
      c.advance(30_000);
      expect((await beat(rt, lessonIds[0]!, 0.6)).progress.done).toBe(false);
    }
  });

  it('the resume position is where the member left off', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [await audioLesson(rt, 'demo-secretary')] });
    await open(rt, lessonIds[0]!);
    c.advance(25_000);
    await beat(rt, lessonIds[0]!, 24);
    c.advance(600_000);
    expect((await open(rt, lessonIds[0]!)).progress).toMatchObject({ position: 24, seconds: 25, done: false });
    const home = await ok<StudyHome>(rt, 'study', 'home', {}, MEMBER);
    expect(home.resume).toMatchObject({ lessonId: lessonIds[0], kind: 'audio' });
  });
});

describe('who may study what', () => {
  it("a lesson outside the caller's audience is refused exactly like one that does not exist, for open and heartbeat", async () => {
    const rt = await demoRuntime(clock('2026-12-03T01:00:00Z').now);
    const { lessonIds } = await course(rt);
    const outside = await rt.invoke('study', { action: 'open', data: { lessonId: lessonIds[0] } }, OUTSIDER);
    const missing = await rt.invoke('study', { action: 'open', data: { lessonId: 'lNoSuchOne1' } }, OUTSIDER);
    expect(outside).toEqual(missing);
    expect(outside).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const beatOutside = await rt.invoke('study', { action: 'beat', data: { lessonId: lessonIds[0], position: 1 } }, OUTSIDER);
    const beatMissing = await rt.invoke('study', { action: 'beat', data: { lessonId: 'lNoSuchOne1', position: 1 } }, OUTSIDER);
    expect(beatOutside).toEqual(beatMissing);
    // A draft course is nobody's to study, not even its audience's.
    const draft = await course(rt, { publish: false });
    expect(await rt.invoke('study', { action: 'open', data: { lessonId: draft.lessonIds[0] } }, MEMBER)).toEqual(missing);
  });

  it('an upper unit publishes a course to every branch below it', async () => {
    const rt = await demoRuntime(clock('2026-12-03T01:00:00Z').now);
    const { lessonIds } = await course(rt, { orgId: 'org-xh-committee', by: 'demo-admin', post: { audience: { kind: 'subtree' } } });
    expect((await open(rt, lessonIds[0]!, OUTSIDER)).progress).toMatchObject({ seconds: 0 });
    expect((await open(rt, lessonIds[0]!, MEMBER)).progress).toMatchObject({ seconds: 0 });
  });

  it('an upload that is not what its name says is refused, and nothing is written', async () => {
    const rt = await demoRuntime(clock('2026-12-03T01:00:00Z').now);
    const { courseId } = await course(rt, { publish: false });
    const fake = await uploaded(rt, 'fake.mp3', Buffer.from('<html>not audio</html>'.repeat(100)));
    const before = await snapshot(rt);
    const res = await rt.invoke(
      'study',
      { action: 'saveLesson', data: { courseId, lesson: { kind: 'audio', title: '假音频', file: fake } } },
      SECRETARY,
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('MP3/M4A') });
    const after = await snapshot(rt);
    expect(after['lessons']).toEqual(before['lessons']);
    expect(after['posts']).toEqual(before['posts']);
    // An audio file offered as a video is refused too.
    const audioAsVideo = await uploaded(rt, 'clip.mp4', DEMO_AUDIO);
    expect(
      await rt.invoke(
        'study',
        { action: 'saveLesson', data: { courseId, lesson: { kind: 'video', title: '假视频', file: audioAsVideo } } },
        SECRETARY,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('the 学习 library', () => {
  it('lists courses and 学习资料 by newest, hottest and 精品, filters by tag and title, pages with a cursor, and keeps courses out of the notices', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      c.advance(60_000);
      ids.push((await course(rt, { post: { title: `系列课第${i + 1}门`, tags: [i % 2 ? '党史' : '理论'], featured: i === 2 } })).courseId);
    }
    c.advance(60_000);
    const material = await publishedPost(rt, { kind: 'study', title: '学习资料：新党章', tags: ['理论'] });
    const lib = (data: object) => ok<{ items: StudyCard[]; nextCursor: string | null }>(rt, 'study', 'library', data, MEMBER);
    const latest = await lib({});
    expect(latest.items.map((i) => i.id).slice(0, 6)).toEqual([material, ...[...ids].reverse()]);
    // Paging: two at a time, every item once.
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page: { items: StudyCard[]; nextCursor: string | null } = await lib({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(latest.items.map((i) => i.id));
    expect((await lib({ tab: 'featured' })).items.map((i) => i.id)).toEqual([ids[2]]);
    expect((await lib({ tag: '党史' })).items.map((i) => i.id)).toEqual([ids[3], ids[1]]);
    expect((await lib({ q: '第4门' })).items.map((i) => i.id)).toEqual([ids[3]]);
    // 最热: the course two members studied first.
    const lessonOf = async (courseId: string) => (await ok<CourseView>(rt, 'study', 'course', { courseId }, MEMBER)).lessons[0]!.id;
    const hot = await lessonOf(ids[0]!);
    await open(rt, hot, MEMBER);
    await open(rt, hot, MEMBER2);
    const hottest = await lib({ tab: 'hot' });
    expect(hottest.items[0]).toMatchObject({ id: ids[0], learners: 2 });
    // Courses are in 学习, not among the notices.
    const notices = await ok<{ posts: { id: string }[] }>(rt, 'post', 'list', {}, MEMBER);
    expect(notices.posts.map((p) => p.id)).not.toContain(ids[0]);
    expect(notices.posts.map((p) => p.id)).toContain(material);
  });

  it('refuses tags on a notice, with a message, and writes nothing', async () => {
    const rt = await demoRuntime(clock('2026-12-03T01:00:00Z').now);
    const before = await snapshot(rt);
    const res = await callPost(rt, 'create', { orgId: RD, ...postInput({ tags: ['党史'] }) }, 'demo-secretary').catch(
      (e: Error) => e.message,
    );
    expect(res).toContain('只有学习资料和系列课可以加标签');
    expect((await snapshot(rt))['posts']).toEqual(before['posts']);
  });
});

describe('必学 (assigned study)', () => {
  const assignTo = async (rt: Rt, courseId: string, dueAt = '2026-12-05T10:00:00.000Z') =>
    ok<{ id: string }>(rt, 'study', 'assign', { orgId: RD, courseId, audience: { kind: 'unit' }, dueAt }, SECRETARY);

  it('shows the member their 必学 on 学习 and the home, and the secretary each member as 未开始, 学习中 or 已完成', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { courseId, lessonIds } = await course(rt, { lessons: [articleLesson(), articleLesson('第二课 党员的义务')] });
    const { id } = await assignTo(rt, courseId);
    const home = await ok<StudyHome>(rt, 'study', 'home', {}, MEMBER);
    expect(home.assigned).toEqual([expect.objectContaining({ courseId, lessonsDone: 0, lessonsTotal: 2, state: 'not_started' })]);
    const todo = (await ok<{ items: TodoItem[] }>(rt, 'branch', 'todo', {}, MEMBER)).items;
    expect(todo).toContainEqual(expect.objectContaining({ kind: 'studyDue', link: { page: 'course', query: { id: courseId } } }));
    // Another branch's member has nothing to study.
    expect((await ok<StudyHome>(rt, 'study', 'home', {}, OUTSIDER)).assigned).toEqual([]);

    await open(rt, lessonIds[0]!);
    c.advance(30_000);
    await beat(rt, lessonIds[0]!, 0.5);
    for (const lessonId of lessonIds) {
      await open(rt, lessonId, MEMBER2);
      c.advance(30_000);
      await beat(rt, lessonId, 1, MEMBER2);
      c.advance(30_000);
      await beat(rt, lessonId, 1, MEMBER2);
    }
    const progress = await ok<AssignmentProgress>(rt, 'study', 'progress', { assignmentId: id }, SECRETARY);
    const stateOf = (name: string) => progress.members.find((m) => m.name === name);
    const members = await rt.db
      .collection('memberships')
      .where({ openid: rt.db.command.in(['demo-member-01', 'demo-member-02']) })
      .get();
    const nameOf = (openid: string) => (members.data as { openid: string; name: string }[]).find((m) => m.openid === openid)!.name;
    expect(stateOf(nameOf('demo-member-01'))).toMatchObject({ state: 'studying', seconds: 30, lessonsDone: 0 });
    expect(stateOf(nameOf('demo-member-02'))).toMatchObject({ state: 'done', seconds: 120, lessonsDone: 2, doneAt: expect.any(String) });
    expect(progress.assignment.counts).toMatchObject({ done: 1, studying: 1 });
    expect(progress.assignment.counts.notStarted).toBe(progress.assignment.counts.total - 2);
    // Done, the item leaves the member's to-do list.
    const todo2 = (await ok<{ items: TodoItem[] }>(rt, 'branch', 'todo', {}, MEMBER2)).items;
    expect(todo2.filter((i) => i.kind === 'studyDue')).toEqual([]);
  });

  it('reminds each unfinished member at most once a day, whether the timer or the secretary sends it', async () => {
    const c = clock('2026-12-03T11:00:00Z');
    const rt = await demoRuntime(c.now);
    const { courseId } = await course(rt);
    const other = await course(rt, { post: { title: '第二门必学' } });
    const { id } = await assignTo(rt, courseId);
    await assignTo(rt, other.courseId);
    const sent = async () =>
      (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get()).data.filter(
        (d: { input: { templateId: string } }) => d.input.templateId === 'local-study-reminder',
      ) as { input: { touser: string } }[];
    // The secretary reminds one member first.
    const member = (await ok<AssignmentProgress>(rt, 'study', 'progress', { assignmentId: id }, SECRETARY)).members.find(
      (m) => m.state === 'not_started',
    )!;
    expect(await ok(rt, 'study', 'remind', { assignmentId: id, memberId: member.memberId }, SECRETARY)).toEqual({ reminded: true });
    expect(await rt.invoke('study', { action: 'remind', data: { assignmentId: id, memberId: member.memberId } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
    });
    // Someone outside this 必学 (another branch's member) is not anyone's to remind here.
    expect(await rt.invoke('study', { action: 'remind', data: { assignmentId: id, memberId: 'm-demo-016' } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    // The evening timer, twice (two assignments each): one message per member.
    await Promise.all([fired(rt, 'study', 'remindDue'), fired(rt, 'study', 'remindDue')]);
    const first = await sent();
    const people = first.map((m) => m.input.touser);
    expect(new Set(people).size).toBe(people.length);
    expect(people).toContain('demo-member-01');
    expect(people).not.toContain('demo-member-12');
    // The next day, once more.
    c.advance(24 * 3600 * 1000);
    await fired(rt, 'study', 'remindDue');
    expect((await sent()).length).toBe(first.length * 2);
    expect(
      (await ok<AssignmentProgress>(rt, 'study', 'progress', { assignmentId: id }, SECRETARY)).members.every((m) => m.remindedToday),
    ).toBe(true);
  });

  it('refuses a course another branch cannot see and a deadline in the past, and writes nothing', async () => {
    const rt = await demoRuntime(clock('2026-12-03T01:00:00Z').now);
    const theirs = await course(rt, { orgId: MK, by: 'demo-secretary-2' });
    const mine = await course(rt);
    const before = await snapshot(rt);
    expect(
      await rt.invoke(
        'study',
        { action: 'assign', data: { orgId: RD, courseId: theirs.courseId, audience: { kind: 'unit' }, dueAt: '2026-12-05T10:00:00.000Z' } },
        SECRETARY,
      ),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await rt.invoke(
        'study',
        { action: 'assign', data: { orgId: RD, courseId: mine.courseId, audience: { kind: 'unit' }, dueAt: '2026-12-01T10:00:00.000Z' } },
        SECRETARY,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('完成期限应晚于现在') });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('exports the progress as a workbook', async () => {
    const rt = await demoRuntime(clock('2026-12-03T01:00:00Z').now);
    const { courseId } = await course(rt);
    const { id } = await assignTo(rt, courseId);
    const { url } = await ok<{ url: string }>(rt, 'study', 'export', { assignmentId: id }, SECRETARY);
    expect(url).toContain('/storage/exports/');
  });
});

describe('学习档案', () => {
  it("a member's archive shows the time studied and the course completed, to them and to their secretary", async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { post: { title: '档案里的课' } });
    await open(rt, lessonIds[0]!, MEMBER2);
    c.advance(30_000);
    await beat(rt, lessonIds[0]!, 1, MEMBER2);
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 1, MEMBER2)).progress.done).toBe(true);
    const mine = await ok<{ study: StudyArchiveView }>(rt, 'archive', 'mine', {}, MEMBER2);
    expect(mine.study).toMatchObject({ yearSeconds: 60, totalSeconds: 60, lessonsDone: 1, coursesDone: 1, daysLast30: 1 });
    expect(mine.study.courses).toEqual([{ title: '档案里的课', doneAt: '2026-12-03T01:01:00.000Z' }]);
    const roster = await ok<{ members: { memberId: string; name: string }[] }>(rt, 'member', 'list', { orgId: RD }, SECRETARY);
    const names = await rt.db.collection('memberships').where({ openid: MEMBER2.openid }).get();
    const memberId = roster.members.find((m) => m.name === (names.data[0] as { name: string }).name)!.memberId;
    const theirs = await ok<{ study: StudyArchiveView }>(rt, 'archive', 'get', { orgId: RD, memberId }, SECRETARY);
    expect(theirs.study).toEqual(mine.study);
  });
});

describe('学习统计', () => {
  it('counts, among the unit’s members, who studied and how long, each course’s learners, completion and average time, and who has not studied', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { courseId, lessonIds } = await course(rt, { post: { title: '统计里的课' } });
    await open(rt, lessonIds[0]!, MEMBER);
    await open(rt, lessonIds[0]!, MEMBER2);
    c.advance(30_000);
    await beat(rt, lessonIds[0]!, 1, MEMBER);
    await beat(rt, lessonIds[0]!, 1, MEMBER2);
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 1, MEMBER)).progress.done).toBe(true);
    const s = await ok<StudyStats>(rt, 'study', 'stats', { orgId: RD }, SECRETARY);
    expect(s.studied).toBe(2);
    expect(s.months[11]).toEqual({ month: 12, seconds: 90 });
    expect(s.perMemberYearSeconds).toBe(Math.round(90 / s.members));
    expect(s.people.filter((p) => p.yearSeconds === 0)).toHaveLength(s.members - 2);
    expect(s.people.at(-1)).toMatchObject({ yearSeconds: 60 });
    const studied = s.courses.find((x) => x.id === courseId)!;
    expect(studied).toMatchObject({ learners: 2, averageSeconds: 45, completionRate: Math.round((1 / s.members) * 1000) / 10 });
    expect(studied.lessons[0]).toMatchObject({ learners: 2, completions: 1, averageSeconds: 45, views: 2 });
    // Another branch's secretary sees none of it.
    expect(await rt.invoke('study', { action: 'stats', data: { orgId: RD } }, { openid: 'demo-secretary-2' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('resuming', () => {
  it('a heartbeat in a window already credited earns nothing but still keeps where the member is in a video, so leaving right after a periodic heartbeat resumes at the right place', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { lessonIds } = await course(rt, { lessons: [await audioLesson(rt, 'demo-secretary')] });
    await open(rt, lessonIds[0]!);
    c.advance(30_000);
    expect((await beat(rt, lessonIds[0]!, 30, MEMBER, 0)).credited).toBe(30);
    c.advance(8_000);
    const leaving = await beat(rt, lessonIds[0]!, 38, MEMBER, 30);
    expect(leaving).toMatchObject({ credited: 0, progress: { position: 38, seconds: 30 } });
    expect((await open(rt, lessonIds[0]!)).progress).toMatchObject({ position: 38, seconds: 30 });
  });
});

describe('必学 for some members and some lessons', () => {
  it('only the chosen members have it, and it is done when the chosen lessons are', async () => {
    const c = clock('2026-12-03T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const { courseId, lessonIds } = await course(rt, { lessons: [articleLesson(), articleLesson('第二课 党员的义务')] });
    const roster = await ok<{ members: { memberId: string; name: string }[] }>(rt, 'member', 'list', { orgId: RD }, SECRETARY);
    const names = await rt.db.collection('memberships').where({ openid: MEMBER2.openid }).get();
    const chosen = roster.members.find((m) => m.name === (names.data[0] as { name: string }).name)!.memberId;
    const { id } = await ok<{ id: string }>(
      rt,
      'study',
      'assign',
      {
        orgId: RD,
        courseId,
        lessonIds: [lessonIds[1]!],
        audience: { kind: 'members', memberIds: [chosen] },
        dueAt: '2026-12-05T10:00:00.000Z',
      },
      SECRETARY,
    );
    expect((await ok<StudyHome>(rt, 'study', 'home', {}, MEMBER)).assigned).toEqual([]);
    expect((await ok<StudyHome>(rt, 'study', 'home', {}, MEMBER2)).assigned).toEqual([
      expect.objectContaining({ lessonsTotal: 1, state: 'not_started' }),
    ]);
    await open(rt, lessonIds[1]!, MEMBER2);
    c.advance(30_000);
    await beat(rt, lessonIds[1]!, 1, MEMBER2);
    c.advance(30_000);
    await beat(rt, lessonIds[1]!, 1, MEMBER2);
    const progress = await ok<AssignmentProgress>(rt, 'study', 'progress', { assignmentId: id }, SECRETARY);
    expect(progress.members).toEqual([expect.objectContaining({ memberId: chosen, state: 'done', lessonsDone: 1 })]);
    expect(progress.assignment).toMatchObject({
      lessonsTotal: 1,
      audienceLabel: '指定党员 1 人',
      counts: { total: 1, done: 1, studying: 0, notStarted: 0 },
    });
  });
});
