import type { Browser, Page } from 'playwright-core';
import { BASE_URL, callAs, launch, openPage, phonePage, screenshot, signInAs, signInAsNew } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MEMBER = 'demo-member-01';
const WINDOW_MS = 30_000;

/** Seconds shown by the audio player's clock (`mm:ss / mm:ss`). */
async function audioSeconds(page: Page): Promise<number> {
  const [m, s] = (await page.locator('#lesson-audio-time').innerText()).split('/')[0]!.trim().split(':').map(Number);
  return m! * 60 + s!;
}

/** The server credits one heartbeat per member in each 30-second window of its clock: wait for the next one. */
async function nextWindow(after: number): Promise<void> {
  const wait = (Math.floor(after / WINDOW_MS) + 1) * WINDOW_MS - Date.now() + 500;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

it('a member opens the 必学 course from the home page, listens and watches, comes back where they left off, and the secretary sees them 学习中 with their time', async () => {
  const home = (await callAs(MEMBER, 'study', 'home', {})) as { assigned: { assignmentId: string; courseId: string }[] };
  const assignment = home.assigned[0]!;
  expect(assignment).toBeDefined();

  const page = await phonePage(browser);
  await signInAs(page, MEMBER, '#home-todo');
  // The home's to-do list leads to the course.
  const todo = page.locator(`#todo-studyDue-${assignment.assignmentId}`);
  await todo.waitFor();
  await todo.click();
  await page.waitForSelector('#course-lessons');
  expect(await page.locator('#course-assigned').innerText()).toContain('前完成');

  // The audio lesson: the big button plays it; pausing sends where the member is.
  await page.locator('#course-lessons .course__lesson').nth(1).click();
  await page.waitForSelector('#lesson-audio');
  await page.locator('#lesson-play').click();
  await page.waitForFunction(() => {
    const t = document.querySelector('#lesson-audio-time')?.textContent ?? '';
    return Number(t.split('/')[0]!.trim().split(':')[1]) >= 5;
  });
  const beat = page.waitForResponse((r) => r.url().includes('/api/functions/study') && r.request().postData()?.includes('"beat"') === true);
  await page.locator('#lesson-play').click();
  const audioBeat = (await (await beat).json()) as { ok: boolean; data: { credited: number } };
  expect(audioBeat.ok).toBe(true);
  expect(audioBeat.data.credited).toBeGreaterThan(0);
  const audioBeatAt = Date.now();
  const listened = await audioSeconds(page);
  expect(listened).toBeGreaterThanOrEqual(5);
  await screenshot(page, 'study-audio');

  // The video lesson, played inline.
  await page.locator('#lesson-next').click();
  await page.waitForSelector('#lesson-video');
  await page.locator('#lesson-video .taro-video-cover-play-button').click();
  await page.waitForFunction(() => ((document.querySelector('#lesson-video video') as HTMLVideoElement | null)?.currentTime ?? 0) >= 4);
  // The member pauses part-way (the demo video is 21 s: waiting for the next window, it would otherwise play to its end).
  const watched = await page.evaluate(() => {
    const video = document.querySelector('#lesson-video video') as HTMLVideoElement;
    video.pause();
    return video.currentTime;
  });
  await nextWindow(audioBeatAt);
  // Leaving the page reports where the member is.
  const leaving = page.waitForResponse(
    (r) => r.url().includes('/api/functions/study') && r.request().postData()?.includes('"beat"') === true,
  );
  await page.goBack();
  expect(((await (await leaving).json()) as { data: { credited: number } }).data.credited).toBeGreaterThan(0);

  // Later (a fresh start of the app): both lessons resume where the member left off.
  await page.reload();
  const course = (await callAs(MEMBER, 'study', 'course', { courseId: assignment.courseId })) as { lessons: { id: string }[] };
  await openPage(page, `packages/study/pages/lesson/index?id=${course.lessons[1]!.id}`);
  await page.waitForSelector('#lesson-audio');
  expect(Math.abs((await audioSeconds(page)) - listened)).toBeLessThanOrEqual(1);
  await openPage(page, `packages/study/pages/lesson/index?id=${course.lessons[2]!.id}`);
  const resume = await page.locator('#lesson-resume').innerText();
  const [m, s] = /(\d+):(\d+)/.exec(resume)!.slice(1).map(Number);
  expect(Math.abs(m! * 60 + s! - watched)).toBeLessThanOrEqual(2);
  await page.waitForFunction(() => ((document.querySelector('#lesson-video video') as HTMLVideoElement | null)?.currentTime ?? 0) >= 3);
  await screenshot(page, 'study-video-resumed');
  await page.context().close();

  // The secretary's progress page: 学习中, with the time the server credited.
  const secretary = await phonePage(browser);
  await signInAs(secretary, 'demo-secretary');
  await openPage(secretary, `packages/secretary/pages/assignment-progress/index?id=${assignment.assignmentId}`);
  const row = secretary.locator('#progress-m-demo-005');
  await row.waitFor();
  const text = await row.innerText();
  expect(text).toContain('学习中');
  expect(text).toMatch(/已学 0\/3 课时 · \d+ (秒|分钟)/);
  await screenshot(secretary, 'study-progress');
  await secretary.context().close();
  expect(BASE_URL).not.toBe('');
}, 150_000);

it('an article lesson counts as read once the member has scrolled to its end and stayed its minimum time', async () => {
  const reader = 'demo-member-02';
  const home = (await callAs(reader, 'study', 'home', {})) as { assigned: { courseId: string }[] };
  const course = (await callAs(reader, 'study', 'course', { courseId: home.assigned[0]!.courseId })) as { lessons: { id: string }[] };
  const page = await phonePage(browser);
  await signInAsNew(page, reader, '#home-todo');
  await openPage(page, `packages/study/pages/lesson/index?id=${course.lessons[0]!.id}`);
  await page.waitForSelector('#lesson-body');
  await page.locator('#lesson-end').scrollIntoViewIfNeeded();
  // The page's heartbeat comes 30 s after opening: the minimum time for this short article.
  const beat = await page.waitForResponse(
    (r) => r.url().includes('/api/functions/study') && r.request().postData()?.includes('"beat"') === true,
    { timeout: 45_000 },
  );
  expect(((await beat.json()) as { data: { progress: { done: boolean } } }).data.progress.done).toBe(true);
  await page.waitForFunction(() => document.querySelector('#lesson-progress')?.textContent?.includes('已学完'));
  await screenshot(page, 'study-article-done');
  await page.context().close();
}, 90_000);
