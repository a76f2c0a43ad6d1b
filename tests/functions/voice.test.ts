import type { ArchiveView, TodoList } from '../../typings/domain';
import type { LetterCard, LetterView, Showcase, SurveyPending, SurveyResults, VoiceHome, VoteView } from '../../typings/voice';
import { VOICE_RULES } from '../../typings/voice';
import { clock } from '../helpers/activity';
import { consented, demoRuntime, JPEG, ok, readStored, snapshot, uploaded } from '../helpers/runtime';
import { COMMITTEE, createSurvey, createVote, DEED, joins, RD, rdMember, rdMembership, SECRETARY, surveyInput } from '../helpers/voice';

type Rt = Awaited<ReturnType<typeof demoRuntime>>;
const MEMBER = rdMember(1);
const OTHER = rdMember(2);
const OUTSIDER = { openid: 'demo-member-12' }; // 第二支部

async function person(rt: Rt, openid: string) {
  const { data } = await rt.db.collection('memberships').where({ openid }).get();
  const ms = data as { _id: string; name: string }[];
  expect(ms.length).toBeGreaterThan(0);
  return { openid, memberIds: ms.map((m) => m._id), name: ms[0]!.name };
}

const answersFor = (i: number) => ({
  q1: { choice: [i % 3 === 0 ? 2 : i % 2] },
  q2: { choice: [0, 2] },
  q3: { scale: (i % 5) + 1 },
  q4: { text: `第${i}位党员的心里话：希望多组织学习交流` },
});

describe('书记信箱: an anonymous letter reaches the branch and its replies reach the writer, and nothing else joins them', () => {
  it('stores no openid, member id, name or time with an anonymous letter; the writer finds it and reads the reply, nobody else can', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const photo = await uploaded(rt, 'leak.jpg', JPEG, MEMBER.openid);
    const { letterId } = await ok<{ letterId: string }>(
      rt,
      'voice',
      'sendLetter',
      { orgId: RD, category: 'suggestion', text: '建议支部活动安排在周末上午，方便上班的同志参加。', images: [photo], anonymous: true },
      MEMBER,
    );
    const me = await person(rt, MEMBER.openid);
    expect(await joins(rt, [letterId], me)).toEqual([]);
    const stored = (await rt.db.collection('letters').doc(letterId).get()).data[0] as Record<string, unknown>;
    expect(stored).toMatchObject({ openid: null, memberId: null, name: null, day: '2026-12-03' });
    // The picture was re-stored under the letter, not in the writer's upload folder.
    expect(String((stored.images as string[])[0])).toContain(`letters/${letterId}/`);

    const inbox = await ok<{ letters: LetterCard[]; waiting: number }>(rt, 'voice', 'inbox', { orgId: RD }, SECRETARY);
    expect(inbox.waiting).toBe(1);
    expect(inbox.letters[0]).toMatchObject({ id: letterId, anonymous: true, writer: null, state: 'new' });
    const seen = await ok<LetterView>(rt, 'voice', 'letter', { letterId }, COMMITTEE);
    expect(seen.writer).toBeNull();
    expect(seen.images).toHaveLength(1);

    c.advance(3600_000);
    await ok(rt, 'voice', 'reply', { letterId, text: '谢谢建议，下月起试行周六上午。' }, SECRETARY);
    expect(await joins(rt, [letterId], me, { times: false })).toEqual([]);

    const mine = await ok<{ letters: LetterCard[] }>(rt, 'voice', 'myLetters', {}, MEMBER);
    expect(mine.letters.map((l) => [l.id, l.state, l.unread])).toEqual([[letterId, 'replied', true]]);
    const home = await ok<VoiceHome>(rt, 'voice', 'home', {}, MEMBER);
    expect(home.unreadReplies).toBe(1);
    const read = await ok<LetterView>(rt, 'voice', 'myLetter', { letterId }, MEMBER);
    expect(read.replies.map((r) => r.text)).toEqual(['谢谢建议，下月起试行周六上午。']);
    expect(read.replies[0]!.by).toContain('书记');
    expect((await ok<VoiceHome>(rt, 'voice', 'home', {}, MEMBER)).unreadReplies).toBe(0);

    // Nobody else finds it from their own identity, the secretary included.
    for (const who of [OTHER, SECRETARY, OUTSIDER]) {
      expect((await ok<{ letters: LetterCard[] }>(rt, 'voice', 'myLetters', {}, who)).letters).toEqual([]);
      const res = await rt.invoke('voice', { action: 'myLetter', data: { letterId } }, who);
      expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
  });

  it('a signed letter carries the writer name to the branch; the inbox lists those waiting first', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const send = (text: string, anonymous: boolean, who = MEMBER) =>
      ok<{ letterId: string }>(rt, 'voice', 'sendLetter', { orgId: RD, category: 'help', text, anonymous }, who);
    const first = await send('家中老人住院，申请本月组织生活请假。', false);
    const second = await send('建议为老党员提供上门送学服务。', true, OTHER);
    await ok(rt, 'voice', 'reply', { letterId: first.letterId, text: '已批准，祝老人早日康复。' }, SECRETARY);
    const inbox = await ok<{ letters: LetterCard[] }>(rt, 'voice', 'inbox', { orgId: RD }, COMMITTEE);
    expect(inbox.letters.map((l) => [l.id, l.state, l.writer])).toEqual([
      [second.letterId, 'new', null],
      [first.letterId, 'replied', (await person(rt, MEMBER.openid)).name],
    ]);
  });

  it('refuses a letter to a branch the writer is not in, too many letters a day, and bad input, writing nothing', async () => {
    const rt = await demoRuntime(clock('2026-12-03T02:00:00Z').now);
    const before = await snapshot(rt);
    const base = { orgId: RD, category: 'other', text: '请问本月党费什么时候交？', anonymous: true };
    expect(await rt.invoke('voice', { action: 'sendLetter', data: base }, OUTSIDER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.invoke('voice', { action: 'sendLetter', data: { ...base, text: '短' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await rt.invoke('voice', { action: 'sendLetter', data: { ...base, category: 'spam' } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await snapshot(rt)).toEqual(before);
    for (let i = 0; i < VOICE_RULES.lettersPerDay; i += 1)
      await ok(rt, 'voice', 'sendLetter', { ...base, text: `第${i}封：${base.text}` }, MEMBER);
    expect(await rt.invoke('voice', { action: 'sendLetter', data: base }, MEMBER)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });
});

describe("书记信箱 and the writer's rights over their data", () => {
  it('exports the writer their own anonymous letter with its reply, and erases it with their personal data', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    await consented(rt, MEMBER.openid);
    const text = '建议为老党员提供上门送学服务，方便行动不便的同志。';
    const { letterId } = await ok<{ letterId: string }>(
      rt,
      'voice',
      'sendLetter',
      { orgId: RD, category: 'suggestion', text, anonymous: true },
      MEMBER,
    );
    await ok(rt, 'voice', 'reply', { letterId, text: '已安排，下周开始。' }, SECRETARY);
    const { url } = await ok<{ url: string }>(rt, 'privacy', 'exportMine', {}, MEMBER);
    const file = JSON.parse((await readStored(rt, url)).toString('utf8')) as {
      voice: { letters: { text: string; replies: { text: string }[] }[] };
    };
    expect(file.voice.letters.map((l) => [l.text, l.replies.map((r) => r.text)])).toEqual([[text, ['已安排，下周开始。']]]);
    // Another member's export holds nothing of it.
    await consented(rt, OTHER.openid);
    const theirs = await ok<{ url: string }>(rt, 'privacy', 'exportMine', {}, OTHER);
    expect((await readStored(rt, theirs.url)).toString('utf8')).not.toContain(text);
    await ok(rt, 'privacy', 'deleteMine', { confirm: '删除我的个人信息' }, MEMBER);
    expect((await rt.db.collection('letters').doc(letterId).get()).data).toEqual([]);
  });
});

describe('匿名调查: anonymity the data proves, one answer each, results only from five answers', () => {
  it('keeps answers apart from who answered: random ids, no person, no time; participation is a separate record', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now());
    await ok(rt, 'voice', 'answerSurvey', { surveyId, answers: answersFor(1) }, MEMBER);
    const { data: answers } = await rt.db.collection('survey_answers').where({ surveyId }).get();
    const { data: texts } = await rt.db.collection('survey_texts').where({ surveyId }).get();
    expect(answers).toHaveLength(1);
    const ids = [...answers, ...texts].map((d) => (d as { _id: string })._id);
    expect(ids.every((id) => /^s[at][0-9A-Za-z]{16}$/.test(id))).toBe(true);
    expect(await joins(rt, ids, await person(rt, MEMBER.openid))).toEqual([]);
    const taker = (await rt.db.collection('survey_takers').where({ surveyId }).get()).data;
    expect(taker).toEqual([{ _id: `${surveyId}~${MEMBER.openid}`, surveyId, openid: MEMBER.openid }]);
  });

  it('withholds an anonymous survey results below five answers and shows counts and shares from the fifth', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now());
    for (const i of [1, 2, 3, 4]) await ok(rt, 'voice', 'answerSurvey', { surveyId, answers: answersFor(i) }, rdMember(i));
    const early = await ok<SurveyResults>(rt, 'voice', 'surveyResults', { surveyId }, SECRETARY);
    expect(early).toMatchObject({ shown: false, questions: [] });
    expect(early.withheldReason).toContain('5');
    expect(early.card.answers).toBe(4);
    expect(await rt.invoke('voice', { action: 'exportSurvey', data: { surveyId } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    await ok(rt, 'voice', 'answerSurvey', { surveyId, answers: answersFor(5) }, rdMember(5));
    const r = await ok<SurveyResults>(rt, 'voice', 'surveyResults', { surveyId }, SECRETARY);
    expect(r.shown).toBe(true);
    const [q1, q2, q3, q4] = r.questions;
    // q1: i=1 → 1, 2 → 0, 3 → 2, 4 → 0, 5 → 1.
    expect(q1!.counts.map((x) => [x.label, x.count, x.share])).toEqual([
      ['满意', 2, 0.4],
      ['基本满意', 2, 0.4],
      ['不满意', 1, 0.2],
    ]);
    expect(q2!.counts.map((x) => x.count)).toEqual([5, 0, 5, 0]);
    expect(q3!.counts.map((x) => x.count)).toEqual([1, 1, 1, 1, 1]);
    expect(q3!.average).toBe(3);
    expect(q4!.textCount).toBe(5);
    expect(q4!.texts.map((t) => t.name)).toEqual([null, null, null, null, null]);
    expect(r.responses).toBeNull();
    expect(q4!.texts.map((t) => t.text).sort()).toEqual([1, 2, 3, 4, 5].map((i) => answersFor(i).q4.text).sort());
  });

  it('takes one answer per member however many arrive at once, and counts it once', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now());
    const results = await Promise.all(
      Array.from({ length: 10 }, () => rt.invoke('voice', { action: 'answerSurvey', data: { surveyId, answers: answersFor(1) } }, MEMBER)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(9).fill('CONFLICT'));
    expect((await rt.db.collection('survey_answers').where({ surveyId }).count()).total).toBe(1);
    expect((await rt.db.collection('survey_tallies').doc(surveyId).get()).data[0]).toMatchObject({ n: 1 });
  });

  it('refuses answers that do not fit the questions and a missing required answer, writing nothing', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now());
    const before = await snapshot(rt);
    const bad = [
      { q1: { choice: [0, 1] }, q3: { scale: 3 } },
      { q1: { choice: [7] }, q3: { scale: 3 } },
      { q1: { choice: [0] }, q3: { scale: 6 } },
      { q1: { choice: [0] } },
      { q1: { choice: [0] }, q3: { scale: 3 }, q9: { text: '多余' } },
      { q1: { scale: 1 }, q3: { scale: 3 } },
    ];
    for (const answers of bad) {
      expect(await rt.invoke('voice', { action: 'answerSurvey', data: { surveyId, answers } }, MEMBER)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    expect(await rt.invoke('voice', { action: 'answerSurvey', data: { surveyId, answers: answersFor(1) } }, OUTSIDER)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await snapshot(rt)).toEqual(before);
  });

  it('a named survey shows the organisers who wrote what; the pending list drops those who answered', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now(), { anonymous: false });
    await ok(rt, 'voice', 'answerSurvey', { surveyId, answers: answersFor(1) }, MEMBER);
    const r = await ok<SurveyResults>(rt, 'voice', 'surveyResults', { surveyId }, SECRETARY);
    expect(r.shown).toBe(true);
    const me = await person(rt, MEMBER.openid);
    expect(r.questions[3]!.texts).toEqual([{ text: answersFor(1).q4.text, name: me.name }]);
    expect(r.responses).toEqual([{ name: me.name, answers: ['基本满意', '志愿服务；读书分享', '2', answersFor(1).q4.text] }]);
    const pending = await ok<SurveyPending>(rt, 'voice', 'surveyPending', { surveyId }, SECRETARY);
    expect(pending.answered).toBe(1);
    expect(pending.members.map((m) => m.memberId)).not.toContain(rdMembership(1));
    expect(pending.members.map((m) => m.memberId)).toContain(rdMembership(2));
    expect(await ok(rt, 'voice', 'remindSurvey', { surveyId, memberId: rdMembership(2) }, SECRETARY)).toEqual({ reminded: true });
    expect(await rt.invoke('voice', { action: 'remindSurvey', data: { surveyId, memberId: rdMembership(1) } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });

  it('the questions of a survey someone answered can no longer change, its title can', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now());
    await ok(rt, 'voice', 'answerSurvey', { surveyId, answers: answersFor(1) }, MEMBER);
    const input = surveyInput(c.now());
    const changed = { ...input, questions: input.questions.slice(0, 2) };
    expect(await rt.invoke('voice', { action: 'saveSurvey', data: { orgId: RD, surveyId, survey: changed } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(
      await rt.invoke('voice', { action: 'saveSurvey', data: { orgId: RD, surveyId, survey: { ...input, anonymous: false } } }, SECRETARY),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    await ok(rt, 'voice', 'saveSurvey', { orgId: RD, surveyId, survey: { ...input, title: '支部工作满意度调查（第二轮）' } }, SECRETARY);
  });
});

describe('评先评优: one ballot each, exact tallies, results after the close, winners honoured', () => {
  it('counts every ballot of concurrent voters exactly and refuses a second ballot from anyone, however concurrent', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const { voteId, candidates } = await createVote(rt, c.now());
    const voters = [4, 5, 6, 7, 8, 9, 10, 11].map(rdMember);
    const ballots = await Promise.all([
      ...voters.map((v, i) => rt.invoke('voice', { action: 'cast', data: { voteId, candidateIds: [candidates[i % 3]!] } }, v)),
      ...Array.from({ length: 8 }, () => rt.invoke('voice', { action: 'cast', data: { voteId, candidateIds: [candidates[0]!] } }, MEMBER)),
    ]);
    expect(ballots.filter((b) => b.ok)).toHaveLength(9);
    expect(ballots.filter((b) => !b.ok).map((b) => !b.ok && b.code)).toEqual(Array(7).fill('CONFLICT'));
    const { data } = await rt.db.collection('vote_candidates').where({ voteId }).get();
    const tally = Object.fromEntries((data as { _id: string; votes: number }[]).map((d) => [d._id, d.votes]));
    expect([tally[candidates[0]!], tally[candidates[1]!], tally[candidates[2]!]]).toEqual([4, 3, 2]);
    expect((await rt.db.collection('votes').doc(voteId).get()).data[0]).toMatchObject({ turnout: 9 });
    expect((await rt.db.collection('vote_ballots').where({ voteId }).count()).total).toBe(9);
  });

  it('an anonymous ballot holds nothing of its voter and no time', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const { voteId, candidates } = await createVote(rt, c.now());
    await ok(rt, 'voice', 'cast', { voteId, candidateIds: [candidates[1]!, candidates[2]!] }, rdMember(7));
    const { data } = await rt.db.collection('vote_ballots').where({ voteId }).get();
    const ids = (data as { _id: string }[]).map((b) => b._id);
    expect(ids).toHaveLength(1);
    expect(await joins(rt, ids, await person(rt, rdMember(7).openid))).toEqual([]);
  });

  it('refuses more choices than allowed, a non-candidate, and voting before the open or after the close', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const { voteId, candidates } = await createVote(rt, c.now());
    const cast = (ids: string[]) => rt.invoke('voice', { action: 'cast', data: { voteId, candidateIds: ids } }, MEMBER);
    expect(await cast(candidates)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await cast([`${voteId}~m-demo-016`])).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await cast([candidates[0]!, candidates[0]!])).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    c.advance(8 * 24 * 3600_000);
    expect(await cast([candidates[0]!])).toMatchObject({ ok: false, code: 'CLOSED' });
    expect((await rt.db.collection('vote_voters').where({ voteId }).count()).total).toBe(0);
  });

  it('hides tallies while open; after the close shows ranks and turnout, and the winners become honours in archive and showcase', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const { voteId, candidates } = await createVote(rt, c.now());
    for (const [i, pick] of [
      [4, [0, 1]],
      [5, [0, 2]],
      [6, [0]],
      [7, [1]],
    ] as const) {
      await ok(rt, 'voice', 'cast', { voteId, candidateIds: pick.map((p) => candidates[p]!) }, rdMember(i));
    }
    const open = await ok<VoteView>(rt, 'voice', 'vote', { voteId }, rdMember(4));
    expect(open.voted).toBe(true);
    expect(open.candidates.map((x) => x.votes)).toEqual([null, null, null]);
    expect(open.turnout).toBeNull();
    expect(await rt.invoke('voice', { action: 'finalizeVote', data: { voteId, candidateIds: [candidates[0]!] } }, SECRETARY)).toMatchObject(
      {
        ok: false,
        code: 'NOT_OPEN',
      },
    );

    c.advance(8 * 24 * 3600_000);
    const closed = await ok<VoteView>(rt, 'voice', 'vote', { voteId }, MEMBER);
    expect(closed.candidates.map((x) => [x.id, x.votes, x.rank])).toEqual([
      [candidates[0], 3, 1],
      [candidates[1], 2, 2],
      [candidates[2], 1, 3],
    ]);
    expect(closed.turnout).toBe(4);
    expect(closed.audienceSize).toBe(13);
    expect(await ok(rt, 'voice', 'finalizeVote', { voteId, candidateIds: [candidates[0]!, candidates[1]!] }, SECRETARY)).toEqual({
      honours: 2,
    });
    const archive = await ok<ArchiveView>(rt, 'archive', 'mine', {}, MEMBER);
    expect(archive.honours.map((h) => [h.title, h.year, h.source])).toEqual([['2026年度优秀共产党员', 2026, 'vote']]);
    expect(archive.honours[0]!.deed).toBe(DEED);
    const show = await ok<Showcase>(rt, 'voice', 'showcase', { orgId: RD }, OUTSIDER).catch(() => null);
    expect(show).toBeNull();
    const branch = await ok<Showcase>(rt, 'voice', 'showcase', { orgId: RD }, OTHER);
    expect(branch.honours.map((h) => h.memberId).sort()).toEqual([rdMembership(1), rdMembership(2)].sort());
    const committee = await ok<Showcase>(rt, 'voice', 'showcase', { orgId: 'org-xh-committee' }, OUTSIDER);
    expect(committee.honours).toHaveLength(2);
    expect((await ok<VoteView>(rt, 'voice', 'vote', { voteId }, MEMBER)).candidates.filter((x) => x.winner)).toHaveLength(2);
  });

  it('a member nomination waits for the secretary, who approves it onto the ballot', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const { voteId } = await createVote(rt, c.now());
    const proposed = await ok<{ id: string; status: string }>(
      rt,
      'voice',
      'propose',
      { voteId, memberId: rdMembership(9), deed: DEED },
      OTHER,
    );
    expect(proposed.status).toBe('pending');
    expect((await ok<VoteView>(rt, 'voice', 'vote', { voteId }, OTHER)).myNominations).toBe(1);
    expect((await ok<VoteView>(rt, 'voice', 'vote', { voteId }, MEMBER)).candidates.map((x) => x.id)).not.toContain(proposed.id);
    await ok(rt, 'voice', 'reviewCandidate', { voteId, candidateId: proposed.id, decision: 'approve' }, SECRETARY);
    expect((await ok<VoteView>(rt, 'voice', 'vote', { voteId }, MEMBER)).candidates.map((x) => x.id)).toContain(proposed.id);
    expect(await rt.invoke('voice', { action: 'propose', data: { voteId, memberId: 'm-demo-016', deed: DEED } }, OTHER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('心声 in the home to-do list', () => {
  it('shows an open survey and vote until the member has taken part, and waiting letters to the secretary and 支委', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await demoRuntime(c.now);
    const surveyId = await createSurvey(rt, c.now());
    const { voteId, candidates } = await createVote(rt, c.now());
    const kinds = async (who: { openid: string }) =>
      (await ok<TodoList>(rt, 'branch', 'todo', {}, who)).items
        .filter((i) => ['survey', 'vote', 'letters'].includes(i.kind))
        .map((i) => i.id);
    expect(await kinds(MEMBER)).toEqual(expect.arrayContaining([`survey~${surveyId}`, `vote~${voteId}`]));
    expect(await kinds(OUTSIDER)).toEqual([]);
    await ok(rt, 'voice', 'answerSurvey', { surveyId, answers: answersFor(1) }, MEMBER);
    await ok(rt, 'voice', 'cast', { voteId, candidateIds: [candidates[0]!] }, MEMBER);
    expect(await kinds(MEMBER)).toEqual([]);
    await ok(rt, 'voice', 'sendLetter', { orgId: RD, category: 'opinion', text: '会议通知能否提前一周发？', anonymous: true }, MEMBER);
    expect(await kinds(COMMITTEE)).toContain('letters');
    expect(await kinds(MEMBER)).toEqual([]);
  });
});
