import type { ArchiveView, TodoList } from '../../typings/domain';
import type { LedgerEntry } from '../../typings/points';
import type {
  MyService,
  ServiceCertificate,
  ServiceProjectCard,
  ServiceProjectView,
  ServiceRoster,
  WishCard,
  WishView,
} from '../../typings/service';
import { clock } from '../helpers/activity';
import { consented, JPEG, ok, readStored, snapshot, uploaded } from '../helpers/runtime';
import {
  ADMIN,
  COMMUNITY_BRANCH,
  COMMUNITY_SEC,
  CONTACT,
  createProject,
  MK,
  OTHER_SECRETARY,
  publishedWish,
  RD,
  rdMember,
  RESIDENT_ID,
  SECRETARY,
  serviceRuntime,
} from '../helpers/service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEMBER = rdMember(1);
const todoIds = async (rt: Awaited<ReturnType<typeof serviceRuntime>>, who: { openid: string }) =>
  (await ok<TodoList>(rt, 'branch', 'todo', {}, who)).items.map((i) => i.id.split('~')[0]! + '~' + i.title);

describe('志愿服务: residents take part from a link, their name and phone are kept only encrypted, and only as long as needed', () => {
  it('stores a resident’s name and phone encrypted, masks them in every list, shows them in full only to the organiser (audited), and erases them 30 days after the slot', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const { projectId, slotIds } = await createProject(rt, c.now(), { public: true });
    const slotId = slotIds[0]!;
    // A resident must give a name and phone; without them nothing is written.
    const before = await snapshot(rt);
    const bare = await rt.invoke('service', { action: 'signUp', data: { slotId } }, RESIDENT_ID);
    expect(bare).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const badPhone = await rt.invoke(
      'service',
      { action: 'signUp', data: { slotId, resident: { name: '赵桂兰', phone: '123' } } },
      RESIDENT_ID,
    );
    expect(badPhone).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await snapshot(rt)).toEqual(before);
    // A new WeChat user who has not agreed to the privacy notice is asked to first.
    const stranger = await rt.invoke('service', { action: 'signUp', data: { slotId, resident: CONTACT } }, { openid: 'wx-new-resident' });
    expect(stranger).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });

    const { signupId } = await ok<{ signupId: string }>(rt, 'service', 'signUp', { slotId, resident: CONTACT }, RESIDENT_ID);
    await ok(rt, 'service', 'signUp', { slotId }, MEMBER);
    const stored = JSON.stringify((await rt.db.collection('service_signups').doc(signupId).get()).data);
    expect(stored).not.toContain(CONTACT.phone);
    expect(stored).not.toContain(CONTACT.name);
    expect(stored).toContain('"nameMasked":"赵**"');

    const roster = await ok<ServiceRoster>(rt, 'service', 'roster', { slotId }, SECRETARY);
    expect(roster.rows.map((r) => [r.kind, r.name, r.phoneMasked])).toEqual([
      ['resident', '赵**', '138****1234'],
      ['member', '陈国栋', null],
    ]);
    expect(roster.counts).toMatchObject({ signedUp: 2, residents: 1 });
    // Nothing anyone else reads carries the full name or phone: the roster, lists, the project, the to-do list.
    for (const [fn, action, data, who] of [
      ['service', 'roster', { slotId }, SECRETARY],
      ['service', 'projects', { orgId: RD }, SECRETARY],
      ['service', 'project', { projectId }, SECRETARY],
      ['service', 'project', { projectId }, MEMBER],
      ['service', 'list', {}, MEMBER],
      ['service', 'stats', { orgId: RD }, SECRETARY],
      ['branch', 'todo', {}, SECRETARY],
      ['audit', 'list', { orgId: RD }, SECRETARY],
    ] as const) {
      const text = JSON.stringify(await ok(rt, fn, action, data, who));
      expect({ action, leaks: text.includes(CONTACT.phone) || text.includes(CONTACT.name) }).toEqual({ action, leaks: false });
    }
    // Their own page fills the form from their last sign-up: theirs to see.
    expect((await ok<ServiceProjectView>(rt, 'service', 'project', { projectId }, RESIDENT_ID)).lastContact).toEqual(CONTACT);

    // The organiser calls them: the full number, and the log says who looked (masked).
    expect(await ok(rt, 'service', 'revealContact', { signupId }, SECRETARY)).toEqual(CONTACT);
    const log = await ok<{ entries: { action: string; summary: string }[] }>(rt, 'audit', 'list', { orgId: RD }, SECRETARY);
    expect(log.entries.find((e) => e.action === 'service.reveal')?.summary).toBe('查看了群众报名者 赵** 的联系方式');
    const outsider = await rt.invoke('service', { action: 'revealContact', data: { signupId } }, OTHER_SECRETARY);
    expect(outsider).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // 29 days after the slot they are still there; at 30 the hourly timer erases them, the masked record stays.
    c.advance(4 * HOUR + 29 * DAY);
    expect((await rt.fireTimer('service', 'tick')).ok).toBe(true);
    expect(await ok(rt, 'service', 'revealContact', { signupId }, SECRETARY)).toEqual(CONTACT);
    c.advance(DAY + HOUR);
    expect((await rt.fireTimer('service', 'tick')).ok).toBe(true);
    const erased = (await rt.db.collection('service_signups').doc(signupId).get()).data[0] as Record<string, unknown>;
    expect(erased).toMatchObject({ nameEnc: null, phoneEnc: null, phoneMasked: null, nameMasked: '赵**' });
    expect(await rt.invoke('service', { action: 'revealContact', data: { signupId } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('keeps a members-only project from residents and from members of other branches, and a public one open to both', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const closed = await createProject(rt, c.now(), { public: false });
    for (const who of [RESIDENT_ID, OTHER_SECRETARY]) {
      expect(await rt.invoke('service', { action: 'project', data: { projectId: closed.projectId } }, who)).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
      const listed = await ok<{ projects: ServiceProjectCard[] }>(rt, 'service', 'list', {}, who);
      expect(listed.projects.map((p) => p.id)).not.toContain(closed.projectId);
    }
    const open = await createProject(rt, c.now(), { public: true });
    expect((await ok<ServiceProjectView>(rt, 'service', 'project', { projectId: open.projectId }, RESIDENT_ID)).as).toBe('resident');
    // A member of another branch signs up under their own name, as a member.
    expect((await ok<ServiceProjectView>(rt, 'service', 'project', { projectId: open.projectId }, OTHER_SECRETARY)).as).toBe('member');
  });

  it('gives 30 people tapping at once for a slot of 5 places exactly 5 places, and a cancellation gives one back', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const { slotIds } = await createProject(rt, c.now(), { capacity: 5 });
    const people = Array.from({ length: 30 }, (_, i) => ({ openid: `wx-resident-${i}` }));
    for (const p of people) await consented(rt, p.openid);
    const results = await Promise.all(
      people.map((p, i) =>
        rt.invoke(
          'service',
          { action: 'signUp', data: { slotId: slotIds[0], resident: { name: `居民${i}号`, phone: `139${String(i).padStart(8, '0')}` } } },
          p,
        ),
      ),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'FULL')).toBe(true);
    const slot = (await rt.db.collection('service_slots').doc(slotIds[0]!).get()).data[0] as { taken: number };
    expect(slot.taken).toBe(5);
    const { total } = await rt.db.collection('service_signups').where({ slotId: slotIds[0], status: 'signed' }).count();
    expect(total).toBe(5);
    const winner = people[results.findIndex((r) => r.ok)]!;
    await ok(rt, 'service', 'cancelSignup', { slotId: slotIds[0] }, winner);
    expect(((await rt.db.collection('service_slots').doc(slotIds[0]!).get()).data[0] as { taken: number }).taken).toBe(4);
    // Their name and phone went with the cancellation.
    const gone = (await rt.db.collection('service_signups').where({ slotId: slotIds[0], openid: winner.openid }).get()).data[0];
    expect(gone).toMatchObject({ status: 'cancelled', nameEnc: null, phoneEnc: null });
  });

  it('turns a check-in with the rotating code into hours once the organiser confirms them: the member’s archive, points and certificate, and the resident’s record', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const { slotIds } = await createProject(rt, c.now(), { startsIn: [20 * 60_000], hours: 2.5 });
    const slotId = slotIds[0]!;
    await ok(rt, 'service', 'signUp', { slotId, resident: CONTACT }, RESIDENT_ID);
    await ok(rt, 'service', 'signUp', { slotId }, MEMBER);
    const code = await ok<{ digits: string; payload: string }>(rt, 'service', 'code', { slotId }, SECRETARY);
    const wrong = await rt.invoke(
      'service',
      { action: 'checkin', data: { slotId, digits: code.digits === '000000' ? '111111' : '000000' } },
      MEMBER,
    );
    expect(wrong).toMatchObject({ ok: false, code: 'CODE_INVALID' });
    // A meeting's code is not a service slot's.
    const notSignedUp = await rt.invoke('service', { action: 'checkin', data: { slotId, digits: code.digits } }, rdMember(5));
    expect(notSignedUp).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await ok(rt, 'service', 'checkin', { slotId, digits: code.digits }, MEMBER)).toMatchObject({ already: false });
    expect(await ok(rt, 'service', 'checkin', { slotId, payload: code.payload }, RESIDENT_ID)).toMatchObject({ already: false });
    expect(await ok(rt, 'service', 'checkin', { slotId, payload: code.payload }, RESIDENT_ID)).toMatchObject({ already: true });

    // Hours are confirmed after the slot: not before it starts.
    c.advance(3 * HOUR);
    const roster = await ok<ServiceRoster>(rt, 'service', 'roster', { slotId }, SECRETARY);
    expect(roster.counts.present).toBe(2);
    const entries = roster.rows.map((r) => ({ signupId: r.signupId, hours: r.kind === 'member' ? 2.5 : 2 }));
    const halfHour = await rt.invoke(
      'service',
      { action: 'confirmHours', data: { slotId, entries: [{ ...entries[0]!, hours: 1.25 }] } },
      SECRETARY,
    );
    expect(halfHour).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const confirmed = await ok<ServiceRoster>(rt, 'service', 'confirmHours', { slotId, entries }, SECRETARY);
    expect(confirmed.rows.map((r) => [r.kind, r.hours])).toEqual([
      ['resident', 2],
      ['member', 2.5],
    ]);

    const mine = await ok<MyService>(rt, 'service', 'mine', {}, MEMBER);
    expect(mine.years).toEqual([{ year: 2026, hours: 2.5, times: 1 }]);
    expect((await ok<ArchiveView>(rt, 'archive', 'mine', {}, MEMBER)).service).toEqual([{ year: 2026, hours: 2.5, times: 1 }]);
    const points = await ok<{ items: LedgerEntry[] }>(rt, 'points', 'history', {}, MEMBER);
    expect(points.items.filter((e) => e.rule === 'service').map((e) => e.points)).toEqual([6]);
    // Confirming again (a correction) awards nothing more.
    await ok(rt, 'service', 'confirmHours', { slotId, entries }, SECRETARY);
    expect(
      (await ok<{ items: LedgerEntry[] }>(rt, 'points', 'history', {}, MEMBER)).items.filter((e) => e.rule === 'service'),
    ).toHaveLength(1);
    expect(await ok<ServiceCertificate>(rt, 'service', 'certificate', { year: 2026 }, MEMBER)).toMatchObject({
      name: '陈国栋',
      orgName: '第一党支部（研发中心）',
      year: 2026,
      hours: 2.5,
      times: 1,
    });
    expect(await rt.invoke('service', { action: 'certificate', data: { year: 2025 } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    // The resident sees their own record; they have no archive or points.
    const resident = await ok<MyService>(rt, 'service', 'mine', {}, RESIDENT_ID);
    expect(resident).toMatchObject({ member: false, years: [{ year: 2026, hours: 2, times: 1 }] });
    expect(resident.past[0]).toMatchObject({ confirmed: true, hours: 2 });
  });

  it('refuses slots that end before they start, start in the past, or move once someone signed up, and writes nothing', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const { projectId, slotIds } = await createProject(rt, c.now());
    await ok(rt, 'service', 'signUp', { slotId: slotIds[0] }, MEMBER);
    const before = await snapshot(rt);
    const base = { title: '社区义务理发', description: '', place: '党群服务中心', public: true };
    const at = (h: number) => new Date(c.now().getTime() + h * HOUR).toISOString();
    for (const slots of [
      [{ startAt: at(5), endAt: at(4), capacity: 5 }],
      [{ startAt: at(-5), endAt: at(-4), capacity: 5 }],
      [{ startAt: at(1), endAt: at(20), capacity: 5 }],
    ]) {
      const res = await rt.invoke('service', { action: 'saveProject', data: { orgId: RD, project: { ...base, slots } } }, SECRETARY);
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    const moved = await rt.invoke(
      'service',
      {
        action: 'saveProject',
        data: { orgId: RD, projectId, project: { ...base, slots: [{ id: slotIds[0], startAt: at(3), endAt: at(5), capacity: 5 }] } },
      },
      SECRETARY,
    );
    expect(moved).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '第 1 个时段已有人报名，不能改时间' });
    const dropped = await rt.invoke(
      'service',
      {
        action: 'saveProject',
        data: { orgId: RD, projectId, project: { ...base, slots: [{ startAt: at(30), endAt: at(32), capacity: 5 }] } },
      },
      SECRETARY,
    );
    expect(dropped).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await snapshot(rt)).toEqual(before);
  });
});

describe('微心愿: a resident’s wish goes to the branch, one member takes it on, and the resident confirms', () => {
  it('takes a wish from posted through review, claim, photo and confirmation; the claimer earns points, others see it without its poster or contact', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    // Registered with the community: its wishes are theirs to take on.
    await ok(rt, 'service', 'register', { orgId: COMMUNITY_BRANCH }, MEMBER);
    const flagged = await rt.invoke(
      'service',
      { action: 'postWish', data: { orgId: COMMUNITY_BRANCH, title: '违规测试', content: '这是一条违规测试内容。', contact: CONTACT } },
      RESIDENT_ID,
    );
    expect(flagged).toMatchObject({ ok: false, code: 'CONTENT_FLAGGED' });
    expect((await rt.db.collection('wishes').count()).total).toBe(0);

    const { wishId } = await ok<{ wishId: string }>(
      rt,
      'service',
      'postWish',
      { orgId: COMMUNITY_BRANCH, title: '楼道灯坏了', content: '三楼楼道灯坏了，想请人帮忙换灯泡。', contact: CONTACT },
      RESIDENT_ID,
    );
    expect(JSON.stringify((await rt.db.collection('wishes').doc(wishId).get()).data)).not.toContain(CONTACT.phone);
    // Before review only the poster and the branch see it.
    expect(await rt.invoke('service', { action: 'wish', data: { wishId } }, MEMBER)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await ok<WishView>(rt, 'service', 'wish', { wishId }, RESIDENT_ID)).state).toBe('pending');
    expect(await rt.invoke('service', { action: 'claimWish', data: { wishId } }, MEMBER)).toMatchObject({ ok: false, code: 'CONFLICT' });
    await ok(rt, 'service', 'reviewWish', { wishId, decision: 'publish' }, COMMUNITY_SEC);

    const seen = await ok<WishView>(rt, 'service', 'wish', { wishId }, MEMBER);
    expect(seen).toMatchObject({ state: 'published', contact: null, mine: false, can: { claim: true } });
    const listed = await ok<{ wishes: WishCard[] }>(rt, 'service', 'wishes', {}, MEMBER);
    expect(listed.wishes.map((w) => w.id)).toEqual([wishId]);
    // Another branch's member may see it (it is published) but not take it on.
    expect((await ok<WishView>(rt, 'service', 'wish', { wishId }, { openid: 'demo-member-12' })).can.claim).toBe(false);
    expect(await rt.invoke('service', { action: 'claimWish', data: { wishId } }, { openid: 'demo-member-12' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });

    const claimed = await ok<WishView>(rt, 'service', 'claimWish', { wishId }, MEMBER);
    expect(claimed).toMatchObject({ state: 'claimed', claimerName: '陈国栋', contact: CONTACT, can: { fulfil: true } });
    const photo = await uploaded(rt, 'done.jpg', JPEG, MEMBER.openid);
    const noPhoto = await rt.invoke('service', { action: 'fulfilWish', data: { wishId, photos: [] } }, MEMBER);
    expect(noPhoto).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const done = await ok<WishView>(rt, 'service', 'fulfilWish', { wishId, photos: [photo], note: '已换上新灯泡' }, MEMBER);
    expect(done).toMatchObject({ state: 'done', doneNote: '已换上新灯泡' });
    expect(done.donePhotos).toHaveLength(1);
    // Only the poster confirms.
    expect(await rt.invoke('service', { action: 'confirmWish', data: { wishId } }, MEMBER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const confirmed = await ok<WishView>(rt, 'service', 'confirmWish', { wishId, thanks: '谢谢小陈！' }, RESIDENT_ID);
    expect(confirmed).toMatchObject({ state: 'confirmed', thanks: '谢谢小陈！' });
    const points = await ok<{ items: LedgerEntry[] }>(rt, 'points', 'history', {}, MEMBER);
    expect(points.items.filter((e) => e.rule === 'wish').map((e) => e.title)).toEqual(['微心愿「楼道灯坏了」']);
    const stats = await ok<{ wishes: Record<string, number> }>(rt, 'service', 'stats', { orgId: COMMUNITY_BRANCH }, COMMUNITY_SEC);
    expect(stats.wishes).toMatchObject({ confirmed: 1, pending: 0 });
    // The resident sees only their own requests, and wishes that were published.
    const mine = await ok<{ posted: WishCard[]; claimed: WishCard[] }>(rt, 'service', 'myWishes', {}, RESIDENT_ID);
    expect(mine.posted.map((w) => [w.id, w.state, w.mine])).toEqual([[wishId, 'confirmed', true]]);
  });

  it('lets exactly one of 11 members tapping 认领 at once take a wish on; the others are told it is taken', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const wishId = await publishedWish(rt, RD, SECRETARY);
    const members = Array.from({ length: 10 }, (_, i) => rdMember(i + 1)).concat([{ openid: 'demo-committee' }]);
    const results = await Promise.all(members.map((m) => rt.invoke('service', { action: 'claimWish', data: { wishId } }, m)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(members.length - 1).fill('CONFLICT'));
    const stored = (await rt.db.collection('wishes').doc(wishId).get()).data[0] as { claimerOpenid: string; state: string };
    const winner = members[results.findIndex((r) => r.ok)]!;
    expect(stored).toMatchObject({ state: 'claimed', claimerOpenid: winner.openid });
  });

  it('confirms a wish the resident let be for two weeks by itself, once, and erases the contact a month after', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const wishId = await publishedWish(rt, RD, SECRETARY);
    await ok(rt, 'service', 'claimWish', { wishId }, MEMBER);
    await ok(rt, 'service', 'fulfilWish', { wishId, photos: [await uploaded(rt, 'done-photo.jpg', JPEG, MEMBER.openid)] }, MEMBER);
    c.advance(13 * DAY);
    expect((await rt.fireTimer('service', 'tick')).ok).toBe(true);
    expect(((await rt.db.collection('wishes').doc(wishId).get()).data[0] as { state: string }).state).toBe('done');
    c.advance(2 * DAY);
    expect((await Promise.all([rt.fireTimer('service', 'tick'), rt.fireTimer('service', 'tick')])).map((r) => r.ok)).toEqual([true, true]);
    expect((await rt.db.collection('wishes').doc(wishId).get()).data[0]).toMatchObject({ state: 'confirmed', autoConfirmed: true });
    const points = await ok<{ items: LedgerEntry[] }>(rt, 'points', 'history', {}, MEMBER);
    expect(points.items.filter((e) => e.rule === 'wish')).toHaveLength(1);
    c.advance(31 * DAY);
    expect((await rt.fireTimer('service', 'tick')).ok).toBe(true);
    expect((await rt.db.collection('wishes').doc(wishId).get()).data[0]).toMatchObject({ contactEnc: null, contactMasked: '（已删除）' });
    expect((await ok<WishView>(rt, 'service', 'wish', { wishId }, SECRETARY)).contact).toBeNull();
  });
});

describe('党员进社区 and the to-do list', () => {
  it('shows a community the members registered with it and their hours there; another branch’s secretary and non-members cannot', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    expect(await rt.invoke('service', { action: 'register', data: { orgId: COMMUNITY_BRANCH } }, RESIDENT_ID)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await rt.invoke('service', { action: 'register', data: { orgId: MK } }, MEMBER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    await ok(rt, 'service', 'register', { orgId: COMMUNITY_BRANCH }, MEMBER);
    // The community's members-only project is open to the member registered there.
    const { slotIds } = await createProject(rt, c.now(), {
      orgId: COMMUNITY_BRANCH,
      public: false,
      startsIn: [10 * 60_000],
      by: COMMUNITY_SEC,
    });
    await ok(rt, 'service', 'signUp', { slotId: slotIds[0] }, MEMBER);
    const code = await ok<{ digits: string }>(rt, 'service', 'code', { slotId: slotIds[0] }, COMMUNITY_SEC);
    await ok(rt, 'service', 'checkin', { slotId: slotIds[0], digits: code.digits }, MEMBER);
    c.advance(3 * HOUR);
    const roster = await ok<ServiceRoster>(rt, 'service', 'roster', { slotId: slotIds[0] }, COMMUNITY_SEC);
    expect(roster.rows[0]).toMatchObject({ kind: 'member', name: '陈国栋', orgName: '第一党支部（研发中心）' });
    await ok(
      rt,
      'service',
      'confirmHours',
      { slotId: slotIds[0], entries: [{ signupId: roster.rows[0]!.signupId, hours: 2 }] },
      COMMUNITY_SEC,
    );
    const regs = await ok<{ rows: { name: string; homeOrgName: string; hoursHere: number }[] }>(
      rt,
      'service',
      'registrations',
      { orgId: COMMUNITY_BRANCH },
      COMMUNITY_SEC,
    );
    expect(regs.rows).toEqual([
      expect.objectContaining({ name: '陈国栋', homeOrgName: '第一党支部（研发中心）', hoursHere: 2, hoursAll: 2 }),
    ]);
    for (const who of [OTHER_SECRETARY, SECRETARY, MEMBER]) {
      expect(await rt.invoke('service', { action: 'registrations', data: { orgId: COMMUNITY_BRANCH } }, who)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
    await ok(rt, 'service', 'unregister', {}, MEMBER);
    expect((await ok<{ rows: unknown[] }>(rt, 'service', 'registrations', { orgId: COMMUNITY_BRANCH }, COMMUNITY_SEC)).rows).toEqual([]);
  });

  it('puts a slot on the volunteer’s list until they check in, hours and wishes on their own branch’s leaders’ lists only, and takes each off when done', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const { slotIds } = await createProject(rt, c.now(), { startsIn: [20 * 60_000] });
    const slotId = slotIds[0]!;
    await ok(rt, 'service', 'signUp', { slotId }, MEMBER);
    await ok(rt, 'service', 'signUp', { slotId, resident: CONTACT }, RESIDENT_ID);
    const slotItem = (items: string[]) => items.filter((i) => i.startsWith('serviceSlot~'));
    expect(slotItem(await todoIds(rt, MEMBER))).toEqual(['serviceSlot~今天志愿服务「社区义务理发」']);
    expect(slotItem(await todoIds(rt, RESIDENT_ID))).toHaveLength(1);
    const todo = await ok<TodoList>(rt, 'branch', 'todo', {}, MEMBER);
    expect(todo.items.find((i) => i.kind === 'serviceSlot')).toMatchObject({ checkin: true, urgent: true });
    const code = await ok<{ digits: string }>(rt, 'service', 'code', { slotId }, SECRETARY);
    await ok(rt, 'service', 'checkin', { slotId, digits: code.digits }, MEMBER);
    expect(slotItem(await todoIds(rt, MEMBER))).toEqual([]);
    expect(slotItem(await todoIds(rt, RESIDENT_ID))).toHaveLength(1);

    // After the slot, the organiser's branch has hours to confirm; the other branch does not.
    c.advance(3 * HOUR);
    expect((await todoIds(rt, SECRETARY)).filter((i) => i.startsWith('serviceHours~'))).toEqual(['serviceHours~1 人的志愿服务时长待确认']);
    expect((await todoIds(rt, OTHER_SECRETARY)).filter((i) => i.startsWith('serviceHours~'))).toEqual([]);
    const roster = await ok<ServiceRoster>(rt, 'service', 'roster', { slotId }, SECRETARY);
    await ok(
      rt,
      'service',
      'confirmHours',
      { slotId, entries: roster.rows.map((r) => ({ signupId: r.signupId, hours: r.checkedInAt ? 2 : 0 })) },
      SECRETARY,
    );
    expect((await todoIds(rt, SECRETARY)).filter((i) => i.startsWith('serviceHours~'))).toEqual([]);

    // A wish to the branch: its secretary reviews it, the other branch's does not see it; the poster confirms when done.
    const { wishId } = await ok<{ wishId: string }>(
      rt,
      'service',
      'postWish',
      { orgId: RD, title: '想学用手机挂号', content: '老人想学会用手机挂号，希望有人教一教。', contact: CONTACT },
      RESIDENT_ID,
    );
    expect((await todoIds(rt, SECRETARY)).filter((i) => i.startsWith('wishReview~'))).toEqual(['wishReview~1 个微心愿待审核']);
    expect((await todoIds(rt, OTHER_SECRETARY)).filter((i) => i.startsWith('wish'))).toEqual([]);
    expect((await todoIds(rt, COMMUNITY_SEC)).filter((i) => i.startsWith('wish'))).toEqual([]);
    await ok(rt, 'service', 'reviewWish', { wishId, decision: 'publish' }, SECRETARY);
    expect((await todoIds(rt, SECRETARY)).filter((i) => i.startsWith('wishReview~'))).toEqual([]);
    await ok(rt, 'service', 'claimWish', { wishId }, MEMBER);
    expect((await todoIds(rt, MEMBER)).filter((i) => i.startsWith('wishClaimed~'))).toHaveLength(1);
    await ok(rt, 'service', 'fulfilWish', { wishId, photos: [await uploaded(rt, 'done-photo.jpg', JPEG, MEMBER.openid)] }, MEMBER);
    expect((await todoIds(rt, MEMBER)).filter((i) => i.startsWith('wish'))).toEqual([]);
    expect((await todoIds(rt, RESIDENT_ID)).filter((i) => i.startsWith('wishConfirm~'))).toEqual([
      'wishConfirm~你的心愿「想学用手机挂号」已完成',
    ]);
    await ok(rt, 'service', 'confirmWish', { wishId }, RESIDENT_ID);
    expect((await todoIds(rt, RESIDENT_ID)).filter((i) => i.startsWith('wish'))).toEqual([]);
  });

  it('erases a resident’s name, phone and wish contacts when they delete their data, and gives them all in their export first', async () => {
    const c = clock('2026-12-03T02:00:00Z');
    const rt = await serviceRuntime(c.now);
    const { slotIds } = await createProject(rt, c.now());
    const { signupId } = await ok<{ signupId: string }>(rt, 'service', 'signUp', { slotId: slotIds[0], resident: CONTACT }, RESIDENT_ID);
    const pending = await ok<{ wishId: string }>(
      rt,
      'service',
      'postWish',
      { orgId: RD, title: '想学用手机挂号', content: '老人想学会用手机挂号，希望有人教一教。', contact: CONTACT },
      RESIDENT_ID,
    );
    const { url } = await ok<{ url: string }>(rt, 'privacy', 'exportMine', {}, RESIDENT_ID);
    const exported = JSON.parse((await readStored(rt, url)).toString('utf8')) as {
      service: { signups: { phone: string }[]; wishes: unknown[] };
    };
    expect(exported.service.signups[0]!.phone).toBe(CONTACT.phone);
    expect(exported.service.wishes).toHaveLength(1);
    await ok(rt, 'privacy', 'deleteMine', { confirm: '删除我的个人信息' }, RESIDENT_ID);
    expect((await rt.db.collection('service_signups').doc(signupId).get()).data[0]).toMatchObject({
      nameEnc: null,
      phoneEnc: null,
      phoneMasked: null,
    });
    expect((await rt.db.collection('wishes').doc(pending.wishId).get()).data[0]).toMatchObject({ state: 'withdrawn', contactEnc: null });
    expect(await rt.invoke('service', { action: 'revealContact', data: { signupId } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    // The admin above sees the same masked roster as the secretary.
    expect(JSON.stringify(await ok(rt, 'service', 'roster', { slotId: slotIds[0] }, ADMIN))).not.toContain(CONTACT.phone);
  });
});
