import type { Browser } from 'playwright-core';
import { DEMO_PEOPLE } from '../../local/seed';
import type { LetterCard, SurveyResults, VoteView } from '../../typings/voice';
import { BASE_URL, callAs, confirmModal, fill, launch, openPage, phonePage, screenshot, signInAs, waitForText } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MEMBER = 'demo-member-01';
const MEMBER_MEMBERSHIP = 'm-demo-005';
const SECRETARY = 'demo-secretary';
const RD = 'org-xh-branch-rd';
const nameOf = (openid: string) => DEMO_PEOPLE.find((p) => p.openid === openid)!.name;
const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000).toISOString();

it('a member writes to the branch anonymously, the secretary answers without seeing who wrote, and the member reads the answer', async () => {
  const text = '建议把支部学习资料也做成大字版，方便老党员阅读。';
  const member = await phonePage(browser);
  await signInAs(member, MEMBER, '#home-todo');
  await member.locator('#home-voice-open').click();
  await member.waitForSelector('#voice-write');
  await member.locator('#voice-write').click();
  await member.waitForSelector('#letter-form');
  // Anonymous is the default, and the form says what it means and what it does not.
  expect(await member.locator('#letter-anonymous-note').innerText()).toContain('仍可能让人猜出你是谁');
  await fill(member, 'letter-text', text);
  await screenshot(member, 'voice-letter-write');
  await member.locator('#letter-send').click();
  await member.waitForSelector('#letter-replies');
  const mine = ((await callAs(MEMBER, 'voice', 'myLetters', {})) as { letters: LetterCard[] }).letters.find((l) => l.text === text)!;
  expect(mine).toMatchObject({ anonymous: true, writer: null, state: 'new' });

  const secretary = await phonePage(browser);
  await signInAs(secretary, SECRETARY, '#home-todo');
  await openPage(secretary, `packages/secretary/pages/letters/index?orgId=${RD}`);
  await secretary.locator(`#letters-${mine.id}`).click();
  await secretary.waitForSelector('#letter-view');
  expect(await secretary.locator('#letter-writer').innerText()).toContain('匿名来信');
  expect(await secretary.locator('#letter-view').innerText()).not.toContain(nameOf(MEMBER));
  await fill(secretary, 'reply-text', '谢谢建议，下月起学习资料统一提供大字版。');
  await screenshot(secretary, 'voice-letter-reply');
  await secretary.locator('#reply-send').click();
  await secretary.waitForSelector('#letter-reply-0');

  await openPage(member, 'packages/voice/pages/index/index');
  await waitForText(member, '1 条新回复');
  await member.locator(`#voice-letter-${mine.id}`).click();
  await member.waitForSelector('#letter-reply-0');
  expect(await member.locator('#letter-reply-0').innerText()).toContain('下月起学习资料统一提供大字版');
  await screenshot(member, 'voice-letter-answered');
  await member.context().close();
  await secretary.context().close();
});

it('an anonymous survey shows no results until its fifth answer, then its counts and shares', async () => {
  const { surveyId } = (await callAs(SECRETARY, 'voice', 'saveSurvey', {
    orgId: RD,
    survey: {
      title: '学习形式意见征集',
      anonymous: true,
      questions: [
        { id: 'q1', type: 'single', title: '你更喜欢哪种学习形式', options: ['集中学习', '线上自学'] },
        { id: 'q2', type: 'text', title: '其他建议', required: false },
      ],
      closeAt: inDays(7),
      audience: { kind: 'unit' },
    },
  })) as { surveyId: string };
  for (const i of [2, 3, 4, 5]) {
    await callAs(`demo-member-0${i}`, 'voice', 'answerSurvey', { surveyId, answers: { q1: { choice: [0] } } });
  }
  const secretary = await phonePage(browser);
  await signInAs(secretary, SECRETARY, '#home-todo');
  await openPage(secretary, `packages/secretary/pages/survey-results/index?id=${surveyId}`);
  await secretary.waitForSelector('#survey-withheld');
  expect(await secretary.locator('#survey-withheld').innerText()).toContain('满 5 份');
  expect(await secretary.locator('#result-q1').count()).toBe(0);

  // The fifth answer, from the to-do list on the member's home.
  const member = await phonePage(browser);
  await signInAs(member, MEMBER, '#home-todo');
  await member.locator(`#todo-survey-${surveyId}`).click();
  await member.waitForSelector('#survey-head');
  expect(await member.locator('#survey-anonymity').innerText()).toContain('不与姓名和账号一起保存');
  await member.locator('#survey-q1-o1').click();
  await fill(member, 'survey-q2-text', '希望线上课程能调大字号');
  await member.locator('#survey-submit').click();
  await confirmModal(member, '提交问卷');
  await member.waitForSelector('#survey-done');
  await screenshot(member, 'voice-survey-done');

  await secretary.reload();
  await secretary.waitForSelector('#result-q1-bars');
  const bars = await secretary.locator('#result-q1-bars').innerText();
  expect(bars).toMatch(/集中学习[\s\S]*4 人 · 80%[\s\S]*线上自学[\s\S]*1 人 · 20%/);
  expect(await secretary.locator('#result-q2').innerText()).toContain('希望线上课程能调大字号');
  const api = (await callAs(SECRETARY, 'voice', 'surveyResults', { surveyId })) as unknown as SurveyResults;
  expect(api.questions[0]!.counts.map((c) => c.share)).toEqual([0.8, 0.2]);
  await screenshot(secretary, 'voice-survey-results');
  await member.context().close();
  await secretary.context().close();
});

it('an award vote closes, the secretary confirms the winner, who then appears in the showcase and in their own archive', async () => {
  const closeAt = new Date(Date.now() + 8000);
  const { voteId } = (await callAs(SECRETARY, 'voice', 'saveVote', {
    orgId: RD,
    vote: {
      title: '第四季度优秀党员',
      seats: 1,
      maxChoices: 1,
      anonymous: true,
      closeAt: closeAt.toISOString(),
      audience: { kind: 'unit' },
    },
  })) as { voteId: string };
  const deed = '主动承担新党员培养联系工作，全年带领小组完成志愿服务四十小时。';
  const winner = (await callAs(SECRETARY, 'voice', 'nominate', { voteId, memberId: MEMBER_MEMBERSHIP, deed })) as { id: string };
  const other = (await callAs(SECRETARY, 'voice', 'nominate', {
    voteId,
    memberId: 'm-demo-010',
    deed: '坚持每周上门为退休老党员送学，带动身边同事共同进步。',
  })) as {
    id: string;
  };
  for (const [i, pick] of [
    [2, winner.id],
    [3, winner.id],
    [4, other.id],
  ] as const) {
    await callAs(`demo-member-0${i}`, 'voice', 'cast', { voteId, candidateIds: [pick] });
  }
  const open = (await callAs('demo-member-02', 'voice', 'vote', { voteId })) as unknown as VoteView;
  expect(open.candidates.every((c) => c.votes === null)).toBe(true);
  await new Promise((r) => setTimeout(r, Math.max(0, closeAt.getTime() - Date.now() + 500)));

  const secretary = await phonePage(browser);
  await signInAs(secretary, SECRETARY, '#home-todo');
  await openPage(secretary, `packages/secretary/pages/vote-manage/index?id=${voteId}`);
  await secretary.waitForSelector('#vote-results');
  expect(await secretary.locator('#vote-bars').innerText()).toMatch(new RegExp(`第 1 名 ${nameOf(MEMBER)}[\\s\\S]*2 票 · 66.7%`));
  await screenshot(secretary, 'voice-vote-closed');
  await secretary.locator('#vote-finalize').click();
  await confirmModal(secretary, '确认当选名单');
  await waitForText(secretary, '结果已确认');

  const member = await phonePage(browser);
  await signInAs(member, MEMBER, '#home-todo');
  await member.locator('#home-showcase').click();
  await member.waitForSelector(`#honour-${MEMBER_MEMBERSHIP}`);
  expect(await member.locator(`#honour-${MEMBER_MEMBERSHIP}`).first().innerText()).toMatch(/第四季度优秀党员[\s\S]*主动承担新党员培养/);
  await screenshot(member, 'voice-showcase');
  await member.goto(`${BASE_URL}/#/pages/archive/index`);
  await member.reload();
  await member.waitForSelector('#archive-delete-open, #privacy-notice');
  if (await member.locator('#privacy-notice').count()) await member.locator('#consent-agree').click();
  await member.waitForSelector('#archive-honours');
  expect(await member.locator('#archive-honours').innerText()).toMatch(/第四季度优秀党员[\s\S]*评先评优当选/);
  await member.context().close();
  await secretary.context().close();
});
