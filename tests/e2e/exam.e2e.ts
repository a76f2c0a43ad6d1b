import type { Browser, Page } from 'playwright-core';
import { demoAnswer } from '../../local/seed-exam';
import type { Answer, AttemptView, ExamHome } from '../../typings/exam';
import type { MyPoints, Ranking } from '../../typings/points';
import { callAs, confirmModal, launch, openPage, phonePage, screenshot, signInAs, waitForText } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MEMBER = 'demo-member-01';
const RD = 'org-xh-branch-rd';
type Shown = AttemptView['questions'][number];

/** Gives an answer the way a member does: taps the options, or types into the blanks. */
async function give(page: Page, a: Answer): Promise<void> {
  if (a.blanks) {
    for (const [i, text] of a.blanks.entries()) await page.locator(`#exam-blank-${i} input`).fill(text);
    return;
  }
  for (const i of a.choice ?? []) {
    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/functions/exam') && r.request().postData()?.includes('"answer"') === true,
    );
    await page.locator(`#exam-option-${i}`).click();
    expect(((await (await saved).json()) as { ok: boolean }).ok).toBe(true);
  }
}

/** Answers questions `from`..`to` of the paper on screen (the first `wrong` of them wrongly), moving on with 下一题. */
async function answer(page: Page, questions: Shown[], from: number, to: number, wrong = 0): Promise<void> {
  for (let i = from; i < to; i += 1) {
    await page.waitForFunction((n) => document.querySelector('#exam-question')?.textContent?.includes(`第 ${n} /`), i + 1);
    await give(page, demoAnswer(questions[i]!, i < wrong));
    if (i < questions.length - 1) await page.locator('#exam-next').click();
  }
}

async function handIn(page: Page): Promise<void> {
  await page.locator('#exam-submit').click();
  await confirmModal(page, '确认交卷');
  await page.waitForSelector('#exam-result');
}

it('a member practises and gets one wrong into the 错题本, takes the timed exam across a closed page, and the secretary and the ranking see it', async () => {
  const before = (await callAs(MEMBER, 'points', 'ranking', { orgId: RD, period: 'week' })) as unknown as Ranking;
  expect(before.mine).toBeNull();

  // 每日一练 from the 学习 tab: one wrong, four right.
  const page = await phonePage(browser);
  await signInAs(page, MEMBER, '#home-todo');
  await openPage(page, 'pages/study/index');
  await page.locator('#study-daily').click();
  await page.waitForSelector('#exam-question');
  const daily = ((await callAs(MEMBER, 'exam', 'daily', {})) as { attempt: AttemptView }).attempt;
  expect(daily.status).toBe('open');
  await answer(page, daily.questions, 0, daily.questions.length, 1);
  await handIn(page);
  expect(await page.locator('#exam-result').innerText()).toContain('答对 4 / 5 题');
  await screenshot(page, 'exam-daily-result');
  // The wrong one is in the 错题本, with its right answer.
  await page.locator('#exam-wrong-book').click();
  await page.waitForSelector('#wrong-summary');
  expect(await page.locator('#wrong-summary').innerText()).toContain('错题本里有 1 道题');
  await waitForText(page, daily.questions[0]!.stem);

  // The exam: its intro, then the clock starts; two answers, then the page is closed.
  const home = (await callAs(MEMBER, 'exam', 'home', {})) as unknown as ExamHome;
  const exam = home.papers.find((p) => p.kind === 'exam')!;
  expect(exam.limitMinutes).toBe(15);
  await openPage(page, 'packages/study/pages/practice/index');
  await page.locator(`#paper-go-${exam.id}`).click();
  await page.waitForSelector('#exam-intro');
  await page.locator('#exam-start').click();
  await page.waitForSelector('#exam-clock');
  expect(await page.locator('#exam-clock').innerText()).toMatch(/剩余 1[45]:\d\d/);
  const started = (await callAs(MEMBER, 'exam', 'home', {})) as unknown as ExamHome;
  const attemptId = started.papers.find((p) => p.id === exam.id)!.openAttemptId!;
  const paper = (await callAs(MEMBER, 'exam', 'attempt', { attemptId })) as unknown as AttemptView;
  await answer(page, paper.questions, 0, 2);
  await page.close();

  // Back later on another page: the same paper continues, with both answers kept.
  const again = await phonePage(browser);
  await signInAs(again, MEMBER, '#home-todo');
  await openPage(again, 'packages/study/pages/practice/index');
  expect(await again.locator(`#paper-go-${exam.id}`).innerText()).toContain('继续作答');
  await again.locator(`#paper-go-${exam.id}`).click();
  await again.waitForSelector('#exam-question');
  expect(await again.locator('#exam-sheet').innerText()).toContain('已答 2/6');
  await again.locator('#exam-sheet').click();
  await again.locator('#exam-sheet-2').click();
  await answer(again, paper.questions, 2, paper.questions.length);
  await handIn(again);
  expect(await again.locator('#exam-score').innerText()).toContain('100');
  expect(await again.locator('#exam-passed').innerText()).toContain('合格');
  await screenshot(again, 'exam-result');

  // The secretary sees the member's score, and which question the branch found hardest.
  const sec = await phonePage(browser);
  await signInAs(sec, 'demo-secretary', '#home-todo');
  await openPage(sec, `packages/secretary/pages/paper-results/index?id=${exam.id}`);
  await sec.waitForSelector('#results-took');
  expect(await sec.locator('#results-took').innerText()).toMatch(/100 分/);
  expect(await sec.locator('#results-taken').innerText()).toMatch(/^1\//);
  await sec.waitForSelector('#results-hardest');
  await screenshot(sec, 'exam-secretary-results');

  // Points: 2 for the practice (not full marks), 10 for passing; the member now ranks after only those who had more.
  const mine = (await callAs(MEMBER, 'points', 'mine', {})) as unknown as MyPoints;
  expect(mine.today.find((t) => t.rule === 'daily')!.points).toBe(2);
  expect(mine.today.find((t) => t.rule === 'exam')!.points).toBe(10);
  const after = (await callAs(MEMBER, 'points', 'ranking', { orgId: RD, period: 'week' })) as unknown as Ranking;
  expect(after.mine!.points).toBe(mine.week);
  expect(after.mine!.rank).toBe(after.rows.filter((r) => r.points > mine.week).length + 1);
  // Only those who already had more points this week than the member now has stay ahead (nobody else earned any meanwhile).
  expect(mine.week).toBeGreaterThanOrEqual(12);
  expect(after.mine!.rank).toBe(before.rows.filter((r) => r.points > mine.week).length + 1);
  await openPage(again, 'packages/study/pages/points/index');
  await again.waitForSelector('#rank-me');
  expect(await again.locator('#points-total').innerText()).toBe(String(mine.total));
  // The page opens on this month's ranking: the same place the API gives.
  const month = (await callAs(MEMBER, 'points', 'ranking', { orgId: RD, period: 'month' })) as unknown as Ranking;
  expect(await again.locator('#points-my-rank').innerText()).toContain(`排第 ${month.mine!.rank} 名`);
  await screenshot(again, 'exam-points');
});
