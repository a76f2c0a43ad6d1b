/**
 * The core flows tapped through the compiled mini program's rendered tree, as a member would on a
 * phone: join from a group card or by search, sign up, type the check-in code, confirm a notice.
 * Each asserts the calls that went out, the new rendered state, and what the server now holds.
 */
import { localCloudID } from '../../local/openapi';
import { MiniProgram } from './harness/miniprogram';
import { ACTIVITY_TITLE, createWorld, must, PERSONAS, RD, RD_NAME, type World } from './harness/scenario';

let world: World;
let mp: MiniProgram | null = null;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => {
  mp?.dispose();
  mp = null;
  world.runtime.close();
});

function open(openid: string, options: Partial<ConstructorParameters<typeof MiniProgram>[0]> = {}): MiniProgram {
  mp = new MiniProgram({ runtime: world.runtime, openid, ...options });
  return mp;
}

/** Tomorrow's 党课 of the first branch, with sign-up (closing an hour before) and `capacity` seats. */
function tomorrowsLesson(capacity: number | null) {
  const tomorrow = (hours: number) => new Date(Date.now() + (24 + hours) * 3600_000).toISOString();
  return must(
    world.runtime,
    'activity',
    'create',
    {
      orgId: RD,
      type: 'party_lecture',
      title: '明日党课：党章学习',
      startAt: tomorrow(0),
      endAt: tomorrow(2),
      signupDeadline: tomorrow(-1),
      place: '二楼报告厅',
      capacity,
      audience: { kind: 'unit' },
      signupRequired: true,
    },
    PERSONAS.secretary.openid,
  );
}

/** Nothing went wrong in the app while the flow ran. */
function expectClean(app: MiniProgram): void {
  expect({
    errors: app.errors.map((e) => `${e.where}: ${e.message}`),
    consoleErrors: app.logic.consoleErrors,
    templateWarnings: app.templateWarnings,
    failedNavigations: app.navigationErrors,
  }).toEqual({ errors: [], consoleErrors: [], templateWarnings: [], failedNavigations: [] });
}

describe('joining', () => {
  it('a newcomer who opens the app from the branch group’s card lands on that branch’s application and applies; the subscribe prompt comes inside the tap', async () => {
    const app = open('weapp-grandpa', { groupCloudID: localCloudID({ openGId: 'G-demo-rd-party' }) });
    // Scene 1044: a mini-program card opened in a group chat, which carries a shareTicket.
    await app.launch({ path: 'pages/home/index', scene: 1044, shareTicket: 'ticket-rd' });
    expect(app.page.is).toBe('pages/join/index');
    expect(app.text()).toContain(RD_NAME);
    expect(app.calls('getGroupEnterInfo')).toHaveLength(1);

    await app.type(app.byId('join-name'), '王建国', 'the name field');
    await app.tap(app.byId('join-submit'), '提交申请');
    const subscribe = app.calls('requestSubscribeMessage');
    expect(subscribe).toEqual([
      { api: 'requestSubscribeMessage', args: expect.objectContaining({ tmplIds: ['local-join-result'] }), inTap: true },
    ]);
    expect(app.cloudCalls.filter((c) => c.name === 'join' && c.action === 'apply')).toEqual([
      { name: 'join', action: 'apply', ok: true, beforeInit: false },
    ]);
    expect(app.text()).toContain('申请已提交，等待支部书记审核');
    const inbox = await must(world.runtime, 'join', 'inbox', { orgId: RD }, PERSONAS.secretary.openid);
    expect(inbox.requests.map((r) => [r.name, r.via])).toContainEqual(['王建国', 'group']);
    expectClean(app);
  });

  it('a newcomer finds the branch by search, picks it and applies', async () => {
    const app = open('weapp-searcher');
    await app.launch({ path: 'pages/home/index' });
    await app.tap(app.byId('home-find-branch'), '找到我的支部');
    expect(app.page.is).toBe('pages/join/index');
    await app.type(app.byId('join-search'), '研发', 'the search field');
    await app.tap(app.byId('join-search-submit'), '搜索');
    await app.tap(app.byId(`join-pick-${RD}`), '选择');
    expect(app.text()).toContain('申请加入本支部');
    await app.type(app.byId('join-name'), '李秀兰', 'the name field');
    await app.tap(app.byId('join-submit'), '提交申请');
    expect(app.text()).toContain('申请已提交，等待支部书记审核');
    const inbox = await must(world.runtime, 'join', 'inbox', { orgId: RD }, PERSONAS.secretary.openid);
    expect(inbox.requests.map((r) => [r.name, r.via])).toContainEqual(['李秀兰', 'search']);
    expectClean(app);
  });
});

describe('an activity', () => {
  it('a member opens the shared card, signs up, and asks for a reminder: the subscribe prompt is requested inside the tap', async () => {
    // A reminder can be asked for until an hour before the start: tomorrow's 党课.
    const lesson = await tomorrowsLesson(null);
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'pages/activity/detail/index', query: { id: lesson.id }, scene: 1044, shareTicket: 'ticket-rd' });
    expect(app.text()).toContain('明日党课：党章学习');
    await app.tap(app.byId('signup-join'), '我要报名');
    expect(app.cloudCalls.filter((c) => c.name === 'signup')).toEqual([{ name: 'signup', action: 'join', ok: true, beforeInit: false }]);
    expect(app.byId('my-signup')).toBeDefined();
    expect(app.text()).toContain('已报名');
    const board = await must(world.runtime, 'checkin', 'board', { activityId: lesson.id }, PERSONAS.secretary.openid);
    expect(board.rows.find((r) => r.name === '陈国栋')?.signup).toBe('confirmed');

    await app.tap(app.byId('remind-me'), '开始前 1 小时提醒我');
    expect(app.calls('requestSubscribeMessage')).toEqual([
      { api: 'requestSubscribeMessage', args: expect.objectContaining({ tmplIds: ['local-activity-reminder'] }), inTap: true },
    ]);
    expect(app.cloudCalls.filter((c) => c.name === 'signup' && c.action === 'remind')).toEqual([
      { name: 'signup', action: 'remind', ok: true, beforeInit: false },
    ]);
    expectClean(app);
  });

  it('取消报名 asks first and says what follows: declining keeps the seat, confirming gives it back', async () => {
    const lesson = await tomorrowsLesson(30);
    await must(world.runtime, 'signup', 'join', { activityId: lesson.id }, PERSONAS.member.openid);
    const hesitant = open(PERSONAS.member.openid, { confirms: false });
    await hesitant.launch({ path: 'pages/activity/detail/index', query: { id: lesson.id } });
    await hesitant.tap(hesitant.byId('signup-cancel'), '取消报名');
    expect(hesitant.calls('showModal')).toEqual([
      {
        api: 'showModal',
        args: expect.objectContaining({ title: '取消报名？', content: expect.stringContaining('候补'), confirmText: '取消报名' }),
        inTap: true,
      },
    ]);
    expect(hesitant.cloudCalls.filter((c) => c.name === 'signup')).toEqual([]);
    expect(hesitant.text()).toContain('已报名');
    const seat = async () =>
      (await must(world.runtime, 'checkin', 'board', { activityId: lesson.id }, PERSONAS.secretary.openid)).rows.find(
        (r) => r.name === '陈国栋',
      )?.signup ?? null;
    expect(await seat()).toBe('confirmed');
    hesitant.dispose();

    const sure = open(PERSONAS.member.openid, { confirms: true });
    await sure.launch({ path: 'pages/activity/detail/index', query: { id: lesson.id } });
    await sure.tap(sure.byId('signup-cancel'), '取消报名');
    expect(sure.cloudCalls.filter((c) => c.name === 'signup')).toEqual([{ name: 'signup', action: 'cancel', ok: true, beforeInit: false }]);
    // The board no longer counts a sign-up of theirs.
    expect(await seat()).toBeNull();
    expectClean(sure);
  });

  it('a member types the six digits from the secretary’s 签到码 screen and is checked in', async () => {
    const secretary = new MiniProgram({ runtime: world.runtime, openid: PERSONAS.secretary.openid });
    try {
      await secretary.launch({ path: 'packages/secretary/pages/checkin-screen/index', query: { id: world.activityId } });
      const digits = /\b(\d{6})\b/.exec(secretary.text())?.[1];
      expect(digits).toMatch(/^\d{6}$/);

      const app = open(PERSONAS.member.openid);
      await app.launch({ path: 'pages/activity/detail/index', query: { id: world.activityId } });
      await app.type(app.byId('checkin-digits'), digits!, 'the code field');
      await app.tap(app.byId('checkin-submit'), '签到');
      expect(app.cloudCalls.filter((c) => c.name === 'checkin')).toEqual([
        { name: 'checkin', action: 'submit', ok: true, beforeInit: false },
      ]);
      expect(app.text()).toContain('已签到');
      const board = await must(world.runtime, 'checkin', 'board', { activityId: world.activityId }, PERSONAS.secretary.openid);
      expect(board.rows.find((r) => r.name === '陈国栋')?.state).toBe('present');
      expectClean(app);
      expectClean(secretary);
    } finally {
      secretary.dispose();
    }
  });

  it('the secretary opens the 签到码 screen from the activity page', async () => {
    const app = open(PERSONAS.secretary.openid);
    await app.launch({ path: 'pages/activity/detail/index', query: { id: world.activityId } });
    await app.tap(app.byId('open-checkin-screen'), '打开签到码');
    expect(app.page.is).toBe('packages/secretary/pages/checkin-screen/index');
    expect(app.text()).toMatch(/\b\d{6}\b/);
    expect(app.calls('setKeepScreenOn')).toHaveLength(1);
    expectClean(app);
  });
});

describe('a notice', () => {
  it('a member opens a must-read notice and confirms it: the page says so and the receipts count it', async () => {
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'pages/post/detail/index', query: { id: world.postId } });
    expect(app.text()).toContain(world.postTitle);
    await app.tap(app.byId('must-read-confirm'), '我已阅知');
    expect(app.cloudCalls.filter((c) => c.name === 'post' && c.action === 'confirm')).toEqual([
      { name: 'post', action: 'confirm', ok: true, beforeInit: false },
    ]);
    expect(app.byId('must-read-done')).toBeDefined();
    const receipts = await must(world.runtime, 'post', 'receipts', { postId: world.postId }, PERSONAS.secretary.openid);
    expect(receipts.confirmed).toBeGreaterThanOrEqual(1);
    expectClean(app);
  });

  it('from the home page, a member taps the pinned notice and lands on it', async () => {
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'pages/home/index' });
    await app.tap(app.byText(world.postTitle)[0], world.postTitle);
    expect(app.page.is).toBe('pages/post/detail/index');
    expect(app.text()).toContain('我已阅知');
    expectClean(app);
  });
});

describe('an editor opened by someone who cannot use it', () => {
  it.each([
    ['a post draft', 'packages/secretary/pages/post-edit/index', (w: World) => ({ id: w.draftId }), '你没有权限访问该组织'],
    ['an activity', 'packages/secretary/pages/activity-edit/index', (w: World) => ({ id: w.activityId }), '只有活动的组织者可以修改'],
  ])('the editor of %s says why it cannot be opened instead of an empty form, and throws nothing', async (_what, route, query, why) => {
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: route, query: query(world) });
    expect(app.text()).toContain(why);
    expect(app.byId('edit-title')).toBeUndefined();
    expectClean(app);
  });
});

/** Splits a card's path (`/pages/x/index?a=1`) into what WeChat opens: the route and the query. */
function landing(path: string): { path: string; query: Record<string, string> } {
  const [route = '', search = ''] = path.replace(/^\//, '').split('?');
  return { path: route, query: Object.fromEntries(new URLSearchParams(search)) };
}

describe('share cards', () => {
  it.each([
    [
      'an activity',
      'pages/activity/detail/index',
      (w: World) => ({ id: w.activityId }),
      PERSONAS.member.openid,
      () => [ACTIVITY_TITLE, '我要报名'],
    ],
    [
      'a notice',
      'pages/post/detail/index',
      (w: World) => ({ id: w.postId }),
      PERSONAS.member.openid,
      (w: World) => [w.postTitle, '我已阅知'],
    ],
    ['an invite', 'packages/secretary/pages/invites/index', () => ({ orgId: RD }), 'weapp-invited', () => [RD_NAME, '申请加入本支部']],
  ])(
    'the card of %s the secretary shares carries a title and a path that opens it for whoever taps it in the group',
    async (_what, route, query, recipient, shows) => {
      const sender = open(PERSONAS.secretary.openid);
      await sender.launch({ path: route, query: query(world) });
      const card = sender.share();
      expect(card?.title?.length).toBeGreaterThan(4);
      expect(card?.path).toMatch(/^\/(pages|packages)\//);
      expectClean(sender);
      sender.dispose();

      const app = open(recipient, { groupCloudID: localCloudID({ openGId: 'G-demo-rd-party' }) });
      await app.launch({ ...landing(card!.path!), scene: 1044, shareTicket: 'ticket-rd' });
      expect(app.navigationErrors).toEqual([]);
      for (const text of shows(world)) expect(app.text()).toContain(text);
      expectClean(app);
    },
  );

  it('the secretary sends the binding card into a new group, opens it there and binds it; a newcomer from that group then lands on the branch’s application', async () => {
    const group = localCloudID({ openGId: 'G-new-volunteers' });
    const sender = open(PERSONAS.secretary.openid);
    await sender.launch({ path: 'packages/secretary/pages/groups/index', query: { orgId: RD } });
    const card = sender.share();
    expect(card?.title).toContain(RD_NAME);
    sender.dispose();

    const inGroup = open(PERSONAS.secretary.openid, { groupCloudID: group });
    await inGroup.launch({ ...landing(card!.path!), scene: 1044, shareTicket: 'ticket-new' });
    expect(inGroup.text()).toContain(`把这个群绑定到「${RD_NAME}」`);
    await inGroup.type(inGroup.byId('group-label'), '志愿服务群', 'the group name');
    await inGroup.tap(inGroup.byId('group-bind-submit'), '绑定本群');
    expect(inGroup.cloudCalls.filter((c) => c.name === 'group' && c.action === 'bind')).toEqual([
      { name: 'group', action: 'bind', ok: true, beforeInit: false },
    ]);
    expect(inGroup.text()).toContain('志愿服务群');
    expectClean(inGroup);
    inGroup.dispose();

    const newcomer = open('weapp-volunteer', { groupCloudID: group });
    await newcomer.launch({ path: 'pages/home/index', scene: 1044, shareTicket: 'ticket-new' });
    expect(newcomer.page.is).toBe('pages/join/index');
    expect(newcomer.text()).toContain(RD_NAME);
    expectClean(newcomer);
  });
});
