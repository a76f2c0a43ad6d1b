import { clock, createActivity, RD, SECRETARY } from '../helpers/activity';
import { demoRuntime, inStorage, ok, PNG, readStored, snapshot, uploaded } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-01' };
type Ok<T> = { ok: true; data: T };

it('the organiser drafts the minutes, closes them after the meeting with the attendance; members then read them and see the meeting in their history', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt, { capacity: 10 });
  for (const openid of ['demo-member-01', 'demo-member-02', 'demo-member-03'])
    await ok(rt, 'signup', 'join', { activityId: id }, { openid });
  await ok(rt, 'signup', 'leave', { activityId: id, reason: '出差' }, { openid: 'demo-member-03' });
  await ok(rt, 'signup', 'review', { activityId: id, memberId: 'm-demo-007', kind: 'leave', approve: true }, SECRETARY);

  const minutes = {
    activityId: id,
    topic: '学习全会精神',
    host: '林建华',
    recorder: '陈海燕',
    content: '集体学习公报原文，交流心得。',
    resolutions: '每人撰写心得一篇。',
  };
  expect(await rt.invoke('record', { action: 'save', data: minutes }, SECRETARY)).toMatchObject({
    ok: true,
    data: { closed: false, topic: '学习全会精神' },
  });
  expect(await rt.invoke('record', { action: 'get', data: { activityId: id } }, MEMBER)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'NOT_OPEN',
  });

  c.set('2026-12-10T05:50:00Z');
  const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<{ digits: string }>).data;
  await ok(rt, 'checkin', 'submit', { activityId: id, digits }, MEMBER);
  c.set('2026-12-10T08:10:00Z');
  const closed = await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY);
  expect(closed).toMatchObject({ ok: true, data: { closed: true, attendance: { present: 1, excused: 1, absent: 1, rate: 50 } } });
  expect(await rt.invoke('record', { action: 'save', data: minutes }, SECRETARY)).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(await rt.invoke('record', { action: 'get', data: { activityId: id } }, MEMBER)).toMatchObject({
    ok: true,
    data: { closed: true, resolutions: '每人撰写心得一篇。' },
  });

  const history = (h: string) => rt.invoke('record', { action: 'history' }, { openid: h });
  expect(await history('demo-member-01')).toMatchObject({ data: { items: [{ activityId: id, state: 'present', recordClosed: true }] } });
  expect(await history('demo-member-02')).toMatchObject({ data: { items: [{ state: 'absent' }] } });
  expect(await history('demo-member-03')).toMatchObject({ data: { items: [{ state: 'excused' }] } });
  expect(await history('demo-member-04')).toMatchObject({ data: { items: [] } });
  const log = (await rt.invoke('audit', { action: 'list', data: { orgId: 'org-xh-branch-rd' } }, SECRETARY)) as Ok<{
    entries: { summary: string }[];
  }>;
  expect(log.data.entries[0]!.summary).toContain('出席率 50%');
});

it('closing needs the topic and the content', async () => {
  const c = clock('2026-12-10T07:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  expect(await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});

describe('exports', () => {
  async function readBook(rt: Awaited<ReturnType<typeof demoRuntime>>, url: string) {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readStored(rt, url)) as unknown as ArrayBuffer);
    return book;
  }
  const rows = (sheet: { getSheetValues: () => unknown[] }) =>
    sheet
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? [r.slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))] : []));

  it('the attendance sheet and minutes of one activity, and the branch ledger for a date range; both audited', async () => {
    const c = clock('2026-12-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { capacity: 10 });
    const later = await createActivity(rt, {
      title: '一月支委会',
      type: 'committee_meeting',
      startAt: '2027-01-05T06:00:00.000Z',
      endAt: '2027-01-05T07:00:00.000Z',
      signupDeadline: null,
    });
    for (const openid of ['demo-member-01', 'demo-member-02']) await ok(rt, 'signup', 'join', { activityId: id }, { openid });
    c.set('2026-12-10T05:50:00Z');
    const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<{ digits: string }>)
      .data;
    await ok(rt, 'checkin', 'submit', { activityId: id, digits }, MEMBER);
    c.set('2026-12-10T08:10:00Z');
    await ok(
      rt,
      'record',
      'save',
      { activityId: id, topic: '学习全会精神', host: '林建华', recorder: '陈海燕', content: '集体学习。', resolutions: '' },
      SECRETARY,
    );
    await ok(rt, 'record', 'close', { activityId: id }, SECRETARY);

    const sheet = (await rt.invoke('record', { action: 'export', data: { activityId: id } }, SECRETARY)) as Ok<{ url: string }>;
    const book = await readBook(rt, sheet.data.url);
    const attendance = rows(book.getWorksheet('签到表')!);
    expect(attendance[3]).toEqual(['姓名', '报名', '出勤', '签到时间', '签到方式', '请假']);
    expect(attendance.slice(4).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ['陈国栋', '出席', '2026-12-10 13:50', '签到码'],
      ['黄德胜', '缺席', '', ''],
    ]);
    expect(rows(book.getWorksheet('会议记录')!)[0]).toEqual(['议题', '学习全会精神']);

    const ledger = (await rt.invoke(
      'record',
      { action: 'ledger', data: { orgId: 'org-xh-branch-rd', from: '2026-12-01', to: '2026-12-31' } },
      SECRETARY,
    )) as Ok<{
      url: string;
      count: number;
    }>;
    expect(ledger.data.count).toBe(1);
    const lines = rows((await readBook(rt, ledger.data.url)).getWorksheet('三会一课台账')!);
    expect(lines[2]).toEqual([
      '2026-12-10',
      '主题党日',
      '十二月主题党日',
      '研发中心三楼会议室',
      '学习全会精神',
      '林建华',
      '陈海燕',
      '2',
      '1',
      '0',
      '50%',
      '已归档',
    ]);
    expect(lines.some((l) => l.includes(later))).toBe(false);
    expect(
      await rt.invoke('record', { action: 'ledger', data: { orgId: 'org-xh-branch-rd', from: '2026-12-31', to: '2026-12-01' } }, SECRETARY),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: 'org-xh-branch-rd' } }, SECRETARY)) as Ok<{
      entries: { action: string }[];
    }>;
    expect(log.data.entries.map((e) => e.action).slice(0, 2)).toEqual(['record.ledger', 'record.export']);
  });
});

it('statistics count held activities per month and show where the branch is behind on 三会一课', async () => {
  const c = clock('2026-01-01T00:00:00Z');
  const rt = await demoRuntime(c.now);
  const at = (day: string) => ({ startAt: `${day}T06:00:00.000Z`, endAt: `${day}T08:00:00.000Z`, signupDeadline: null });
  // 支委会 in January and February (not March); 支部党员大会 in Q1; 党课 none yet; one more planned for December.
  await createActivity(rt, { type: 'committee_meeting', title: '一月支委会', ...at('2026-01-08') });
  await createActivity(rt, { type: 'committee_meeting', title: '二月支委会', ...at('2026-02-05') });
  await createActivity(rt, { type: 'general_meeting', title: '一季度党员大会', ...at('2026-03-20') });
  await createActivity(rt, { type: 'theme_day', title: '四月主题党日', ...at('2026-04-10') });
  await createActivity(rt, { type: 'committee_meeting', title: '十二月支委会', ...at('2026-12-05') });
  c.set('2026-04-15T00:00:00Z');
  const res = (await rt.invoke('record', { action: 'stats', data: { orgId: 'org-xh-branch-rd', year: 2026 } }, SECRETARY)) as Ok<{
    months: { month: number; total: number; counts: Record<string, number> }[];
    requirements: { type: string; periods: { label: string; held: number; status: string }[]; behind: number }[];
  }>;
  expect(res.data.months.map((m) => m.total)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const req = (type: string) => res.data.requirements.find((r) => r.type === type)!;
  expect(
    req('committee_meeting')
      .periods.slice(0, 5)
      .map((p) => p.status),
  ).toEqual(['ok', 'ok', 'behind', 'current', 'future']);
  expect(req('committee_meeting').behind).toBe(1);
  expect(req('general_meeting').periods.map((p) => p.status)).toEqual(['ok', 'current', 'future', 'future']);
  expect(req('party_lecture').periods[0]).toEqual({ label: '第1季度', held: 0, status: 'behind' });
  // 第一支部 has no 党小组 yet: no 党小组会 is asked of it; once it has one, they are.
  expect(res.data.requirements.map((r) => r.type)).not.toContain('group_meeting');
  await ok(rt, 'org', 'create', { parentId: 'org-xh-branch-rd', name: '第一党小组', type: 'group' }, { openid: 'demo-admin' });
  const withGroup = (await rt.invoke(
    'record',
    { action: 'stats', data: { orgId: 'org-xh-branch-rd', year: 2026 } },
    SECRETARY,
  )) as typeof res;
  expect(withGroup.data.requirements.find((r) => r.type === 'group_meeting')!.behind).toBe(3);
  expect(await rt.invoke('record', { action: 'stats', data: { orgId: 'org-xh-branch-rd', year: 2026 } }, MEMBER)).toMatchObject({
    code: 'FORBIDDEN',
  });
});

it('statistics show each member’s attendance over the year, lowest first', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt, { signupRequired: false });
  await ok(rt, 'signup', 'leave', { activityId: id, reason: '出差' }, { openid: 'demo-member-03' });
  await ok(rt, 'signup', 'review', { activityId: id, memberId: 'm-demo-007', kind: 'leave', approve: true }, SECRETARY);
  c.set('2026-12-10T05:50:00Z');
  const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<{ digits: string }>).data;
  await ok(rt, 'checkin', 'submit', { activityId: id, digits }, MEMBER);
  // Before the end nobody is absent yet; after it, everyone expected who did not come is.
  const before = (await rt.invoke('record', { action: 'stats', data: { orgId: 'org-xh-branch-rd', year: 2026 } }, SECRETARY)) as Ok<{
    members: { memberId: string; present: number; excused: number; absent: number; rate: number | null }[];
  }>;
  expect(before.data.members.every((m) => m.present + m.absent === 0)).toBe(true);
  c.set('2026-12-10T09:00:00Z');
  const after = (await rt.invoke(
    'record',
    { action: 'stats', data: { orgId: 'org-xh-branch-rd', year: 2026 } },
    SECRETARY,
  )) as typeof before;
  const of = (memberId: string) => after.data.members.find((m) => m.memberId === memberId)!;
  expect(of('m-demo-005')).toMatchObject({ present: 1, absent: 0, rate: 100 });
  expect(of('m-demo-007')).toMatchObject({ present: 0, excused: 1, absent: 0, rate: null });
  expect(of('m-demo-006')).toMatchObject({ present: 0, absent: 1, rate: 0 });
  expect(after.data.members).toHaveLength(13);
  expect(after.data.members[0]!.rate).toBe(0);
});

it('photos of the meeting are stored with the minutes, kept when a save omits them, and fixed once the record is closed', async () => {
  const c = clock('2026-12-01T01:00:00Z');
  const rt = await demoRuntime(c.now);
  const id = await createActivity(rt);
  const minutes = { activityId: id, topic: '学习全会精神', host: '林建华', recorder: '陈海燕', content: '集体学习。', resolutions: '' };
  const photo = await uploaded(rt, 'rec-00000001.png', PNG);
  const saved = (await rt.invoke('record', { action: 'save', data: { ...minutes, photos: [photo] } }, SECRETARY)) as Ok<{
    photos: { fileID: string; url: string }[];
  }>;
  expect(saved.data.photos).toEqual([
    {
      fileID: expect.stringMatching(/^cloud:\/\/local\.zhibu\/records\/[0-9a-f]{32}\.png$/),
      url: expect.stringContaining('/storage/records/'),
    },
  ]);
  expect(await inStorage(rt, photo)).toBe(false);
  const kept = saved.data.photos[0]!.fileID;

  // Saving the text alone keeps the photos; a photo from elsewhere is refused with nothing changed.
  expect(await rt.invoke('record', { action: 'save', data: { ...minutes, content: '集体学习，交流心得。' } }, SECRETARY)).toMatchObject({
    data: { photos: saved.data.photos },
  });
  const before = await snapshot(rt);
  expect(
    await rt.invoke(
      'record',
      { action: 'save', data: { ...minutes, photos: ['cloud://local.zhibu/photos/0123456789abcdef0123456789abcdef.png'] } },
      SECRETARY,
    ),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await snapshot(rt)).toEqual(before);

  c.set('2026-12-10T08:10:00Z');
  await ok(rt, 'record', 'close', { activityId: id }, SECRETARY);
  const late = await uploaded(rt, 'rec-00000002.png', PNG);
  expect(await rt.invoke('record', { action: 'save', data: { ...minutes, photos: [] } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  expect(await rt.invoke('record', { action: 'save', data: { ...minutes, photos: [kept, late] } }, SECRETARY)).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  expect(await inStorage(rt, kept)).toBe(true);
  expect(await rt.invoke('record', { action: 'get', data: { activityId: id } }, MEMBER)).toMatchObject({
    data: { closed: true, photos: [{ fileID: kept }] },
  });
});

describe('the closed record stays true', () => {
  async function meeting() {
    const c = clock('2026-12-10T05:50:00Z');
    const rt = await demoRuntime(c.now);
    const id = await createActivity(rt, { signupRequired: false });
    const minutes = { activityId: id, topic: '学习全会精神', host: '林建华', recorder: '陈海燕', content: '集体学习。', resolutions: '' };
    expect(await rt.invoke('record', { action: 'save', data: minutes }, SECRETARY)).toMatchObject({ ok: true });
    const digits = async () =>
      ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<{ digits: string }>).data.digits;
    const submit = async (openid: string) =>
      rt.invoke('checkin', { action: 'submit', data: { activityId: id, digits: await digits() } }, { openid });
    const record = async () =>
      ((await rt.invoke('record', { action: 'get', data: { activityId: id } }, SECRETARY)) as Ok<{ attendance: { present: number } }>).data;
    const board = async () =>
      ((await rt.invoke('checkin', { action: 'board', data: { activityId: id } }, SECRETARY)) as Ok<{ counts: { present: number } }>).data;
    return { c, rt, id, submit, record, board };
  }

  it('closing before the activity ends says what it will do and asks; nothing changes until confirmed', async () => {
    const { c, rt, id } = await meeting();
    c.set('2026-12-10T06:01:00Z');
    const before = await snapshot(rt);
    const asked = await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY);
    expect(asked).toEqual({
      ok: false,
      code: 'CONFIRM_NEEDED',
      message: '活动 16:00 才结束。现在归档，签到随即关闭，还没签到的党员记为缺席（迟到的可由书记补签）。确定提前归档吗？',
    });
    expect(await snapshot(rt)).toEqual(before);
    expect(await rt.invoke('record', { action: 'close', data: { activityId: id, early: true } }, SECRETARY)).toMatchObject({
      ok: true,
      data: { closed: true },
    });
  });

  it('once closed, check-in is closed: a member checking in after it is refused, and board, record and history keep agreeing', async () => {
    const { c, rt, id, submit, record, board } = await meeting();
    expect(await submit('demo-member-01')).toMatchObject({ ok: true });
    c.set('2026-12-10T06:30:00Z');
    // A code from the screen just before the record closed: right, and still refused.
    const { digits } = ((await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)) as Ok<{ digits: string }>)
      .data;
    expect(await rt.invoke('record', { action: 'close', data: { activityId: id, early: true } }, SECRETARY)).toMatchObject({ ok: true });
    expect(await rt.invoke('checkin', { action: 'submit', data: { activityId: id, digits } }, { openid: 'demo-member-02' })).toEqual({
      ok: false,
      code: 'NOT_OPEN',
      message: '会议记录已归档，签到已关闭；迟到的党员请书记补签',
    });
    expect(await rt.invoke('checkin', { action: 'code', data: { activityId: id } }, SECRETARY)).toMatchObject({
      ok: false,
      code: 'NOT_OPEN',
    });
    expect((await record()).attendance.present).toBe(1);
    expect((await board()).counts.present).toBe(1);
    // Their history does not say they were there (it lists what they signed up for or attended).
    const history = (await rt.invoke('record', { action: 'history' }, { openid: 'demo-member-02' })) as Ok<{ items: { state: string }[] }>;
    expect(history.data.items.map((i) => i.state)).toEqual([]);
  });

  it('a late arrival marked by hand (补签) after closing updates the record’s attendance, audited', async () => {
    const { c, rt, id, submit, record, board } = await meeting();
    expect(await submit('demo-member-01')).toMatchObject({ ok: true });
    c.set('2026-12-10T08:10:00Z');
    expect(await rt.invoke('record', { action: 'close', data: { activityId: id } }, SECRETARY)).toMatchObject({ ok: true });
    expect(
      await rt.invoke('checkin', { action: 'mark', data: { activityId: id, memberId: 'm-demo-006', present: true } }, SECRETARY),
    ).toMatchObject({
      ok: true,
    });
    expect((await record()).attendance.present).toBe(2);
    expect((await board()).counts.present).toBe(2);
    const history = (await rt.invoke('record', { action: 'history' }, { openid: 'demo-member-02' })) as Ok<{ items: { state: string }[] }>;
    expect(history.data.items.map((i) => i.state)).toEqual(['present']);
    const log = (await rt.invoke('audit', { action: 'list', data: { orgId: RD } }, SECRETARY)) as Ok<{ entries: { summary: string }[] }>;
    expect(log.data.entries[0]!.summary).toBe('为黄德胜补签到「十二月主题党日」，会议记录的出勤随之更新为实到 2 人');
  });

  it('check-ins racing the closing of the record: whatever ends up present on the board is what the record says', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { c, rt, id, submit, record, board } = await meeting();
      c.set('2026-12-10T06:10:00Z');
      const members = ['demo-member-01', 'demo-member-02', 'demo-member-03', 'demo-member-04', 'demo-member-05', 'demo-member-06'];
      await Promise.all([
        ...members.map((m) => submit(m)),
        rt.invoke('record', { action: 'close', data: { activityId: id, early: true } }, SECRETARY),
      ]);
      expect((await record()).attendance.present).toBe((await board()).counts.present);
    }
  });
});
