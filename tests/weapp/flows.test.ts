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
  it('a first-time user is asked their real name on the home, and after saving it the app uses it instead of a made-up one', async () => {
    const app = open(PERSONAS.newcomer.openid);
    await app.launch({ path: 'pages/home/index', query: {} });
    expect(app.byId('name-prompt')).toBeDefined();
    await app.tap(app.byId('my-name-save'), '保存');
    expect(app.text()).toContain('请填写你的真实姓名');
    expect(app.cloudCalls.filter((c) => c.action === 'setName')).toEqual([]);
    await app.type(app.byId('my-name'), '王建国', 'name');
    await app.tap(app.byId('my-name-save'), '保存');
    expect(app.cloudCalls.filter((c) => c.action === 'setName')).toEqual([
      { name: 'user', action: 'setName', ok: true, beforeInit: false },
    ]);
    expect(app.byId('name-prompt')).toBeUndefined();
    app.openPage('pages/me/index');
    await app.settle();
    expect(app.text()).toContain('王建国');
    expectClean(app);
  });

  it('a name given in 我的 is not asked again on the home when the member comes back to it', async () => {
    const app = open(PERSONAS.newcomer.openid);
    await app.launch({ path: 'pages/home/index', query: {} });
    expect(app.byId('name-prompt')).toBeDefined();
    const me = app.openPage('pages/me/index');
    await app.settle();
    await app.type(app.byId('my-name'), '王建国', 'name');
    await app.tap(app.byId('my-name-save'), '保存');
    app.closePage(me);
    await app.settle();
    expect(app.page.is).toBe('pages/home/index');
    expect(app.byId('name-prompt')).toBeUndefined();
    expectClean(app);
  });

  it('a newcomer who opens the app from a group not bound to any branch is told so, with what to do: a message to copy for the secretary, and the search', async () => {
    const app = open('weapp-unbound-visitor', { groupCloudID: localCloudID({ openGId: 'G-not-bound-yet' }) });
    await app.launch({ path: 'pages/home/index', scene: 1044, shareTicket: 'ticket-unbound' });
    expect(app.page.is).toBe('pages/join/index');
    expect(app.text()).toContain('这个群还没有绑定支部');
    expect(app.text()).not.toContain('请从所在支部微信群里的小程序卡片进入');
    expect(app.text()).toContain('搜索你所在的党支部');
    await app.tap(app.byId('join-ask-secretary'), '复制给书记的话');
    expect(app.calls('setClipboardData')).toEqual([
      { api: 'setClipboardData', args: expect.objectContaining({ data: expect.stringContaining('更多管理 › 支部微信群') }), inTap: true },
    ]);
    expectClean(app);
  });

  it('a member opening the app from an unbound group stays on their home', async () => {
    const app = open(PERSONAS.member.openid, { groupCloudID: localCloudID({ openGId: 'G-not-bound-yet' }) });
    await app.launch({ path: 'pages/home/index', scene: 1044, shareTicket: 'ticket-unbound' });
    expect(app.page.is).toBe('pages/home/index');
    expect(app.text()).toContain(RD_NAME);
    expectClean(app);
  });

  it('提交申请 without a name says the name is missing next to the field and sends nothing', async () => {
    const app = open('weapp-hasty', { groupCloudID: localCloudID({ openGId: 'G-demo-rd-party' }) });
    await app.launch({ path: 'pages/home/index', scene: 1044, shareTicket: 'ticket-rd' });
    expect(app.page.is).toBe('pages/join/index');
    await app.tap(app.byId('join-submit'), '提交申请');
    expect(app.byId('join-name-field-error')).toBeDefined();
    expect(app.cloudCalls.filter((c) => c.action === 'apply')).toEqual([]);
    expectClean(app);
  });

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

  it('after 请假 the page shows the leave instead of 我要报名, and the member can withdraw it while it is pending', async () => {
    const lesson = await tomorrowsLesson(30);
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'pages/activity/detail/index', query: { id: lesson.id } });
    await app.tap(app.byId('leave-open'), '不能参加？请假');
    await app.type(app.byId('leave-reason'), '出差在外地', 'reason');
    await app.tap(app.byId('leave-submit'), '提交请假');
    expect(app.text()).toContain('请假待批');
    expect(app.byId('my-leave')).toBeDefined();
    expect(app.byId('signup-join')).toBeUndefined();
    await app.tap(app.byId('leave-withdraw'), '撤回请假');
    expect(app.cloudCalls.filter((c) => c.name === 'signup').map((c) => `${c.action} ${c.ok}`)).toEqual([
      'leave true',
      'withdrawLeave true',
    ]);
    expect(app.byId('my-leave')).toBeUndefined();
    expect(app.byId('signup-join')).toBeDefined();
    expectClean(app);
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

describe('care mode (关怀模式)', () => {
  /** Whether the open page's root view carries care mode's class. */
  const inCare = (app: MiniProgram) => {
    const roots: string[] = [];
    const visit = (n: ReturnType<MiniProgram['tree']>) => {
      const cls = String(n.attr['class'] ?? '');
      if (/\bzb-page\b/.test(cls)) roots.push(cls);
      for (const c of n.children) if (typeof c !== 'string') visit(c);
    };
    visit(app.tree());
    expect(roots.length).toBeGreaterThan(0);
    return roots.every((c) => /\bzb-care\b/.test(c));
  };

  it('follows WeChat’s large font size until the member chooses, and their choice in 我的 is kept on the phone across launches', async () => {
    const phone = new Map<string, unknown>();
    const first = open(PERSONAS.member.openid, { fontSizeSetting: 22, storage: phone });
    await first.launch({ path: 'pages/home/index', query: {} });
    expect(inCare(first)).toBe(true);
    first.openPage('pages/me/index');
    await first.settle();
    expect(first.text()).toContain('已按微信的字体大小开启');
    await first.tap(first.byId('me-care'), '关怀模式');
    expect(inCare(first)).toBe(false);
    expect(phone.get('zb.care')).toBe('off');
    expectClean(first);
    first.dispose();

    const again = open(PERSONAS.member.openid, { fontSizeSetting: 22, storage: phone });
    await again.launch({ path: 'pages/home/index', query: {} });
    expect(inCare(again)).toBe(false);
  });

  it('is off at WeChat’s standard font size, and the home in care mode leaves out the news list', async () => {
    const plain = open(PERSONAS.member.openid, { fontSizeSetting: 16 });
    await plain.launch({ path: 'pages/home/index', query: {} });
    expect(inCare(plain)).toBe(false);
    expect(plain.byId('home-posts')).toBeDefined();
    plain.dispose();

    const care = open(PERSONAS.member.openid, { storage: new Map([['zb.care', 'on']]) });
    await care.launch({ path: 'pages/home/index', query: {} });
    expect(inCare(care)).toBe(true);
    expect(care.byId('home-posts')).toBeUndefined();
    expect(care.byId('home-todo')).toBeDefined();
    expectClean(care);
  });
});

describe('no dead ends', () => {
  it('a member opening another branch’s notice is not told to join a branch: the page says it is not for them and leads home', async () => {
    const other = await must(
      world.runtime,
      'post',
      'create',
      {
        orgId: 'org-xh-branch-mk',
        kind: 'notice',
        title: '第二支部内部通知',
        body: [{ type: 'paragraph', text: '本周五下午集中学习。' }],
        audience: { kind: 'unit' },
      },
      'demo-secretary-2',
    );
    expect(await must(world.runtime, 'post', 'publish', { postId: other.id }, 'demo-secretary-2')).toMatchObject({ status: 'published' });
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'pages/post/detail/index', query: { id: other.id } });
    expect(app.text()).toContain('无法查看这条内容');
    expect(app.text()).not.toContain('找到我的支部');
    await app.tap(app.byId('post-restricted-home'), '回到首页');
    expect(app.navigations.at(-1)).toMatchObject({ kind: 'switchTab', url: '/pages/home/index' });
    expectClean(app);
  });

  it('an activity that does not exist says so with a way home, not 加载失败 and a retry that cannot help', async () => {
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'pages/activity/detail/index', query: { id: 'no-such-activity' } });
    expect(app.text()).toMatch(/找不到这项内容|无法查看这项内容/);
    expect(app.text()).not.toContain('重试');
    await app.tap(app.byId('state-home'), '回到首页');
    expect(app.navigations.at(-1)).toMatchObject({ kind: 'switchTab', url: '/pages/home/index' });
  });
});

describe('the activity form', () => {
  const form = async () => {
    const app = open(PERSONAS.secretary.openid);
    await app.launch({ path: 'packages/secretary/pages/activity-edit/index', query: { orgId: RD } });
    return app;
  };
  const activities = async () => (await world.runtime.db.collection('activities').count()).total;

  it('发布活动 stays tappable on an empty form and says next to each field what is missing, sending nothing', async () => {
    const app = await form();
    const before = await activities();
    expect(app.text()).toContain('必填');
    await app.tap(app.byId('edit-save'), '发布活动');
    expect(app.byId('field-title-error')).toBeDefined();
    expect(app.byId('field-place-error')).toBeDefined();
    expect(app.byId('edit-missing')).toBeDefined();
    expect(app.text()).toContain('还有 2 项需要补充或修改：标题、地点');
    expect(app.cloudCalls.filter((c) => c.action === 'create' || c.action === 'update')).toEqual([]);
    // Filling the title clears its message at once; the place is still asked for.
    await app.type(app.byId('edit-title'), '十二月主题党日', 'title');
    expect(app.byId('field-title-error')).toBeUndefined();
    expect(app.text()).toContain('还有 1 项需要补充或修改：地点');
    expect(await activities()).toBe(before);
    expectClean(app);
  });

  it('refuses an end before the start on the phone, and a meeting may run past midnight with its own end date', async () => {
    const app = await form();
    await app.type(app.byId('edit-title'), '跨年志愿服务', 'title');
    await app.type(app.byId('edit-place'), '社区服务中心', 'place');
    await app.pick(app.byId('edit-day'), '2027-01-10', 'start date');
    await app.pick(app.byId('edit-start'), '20:00', 'start time');
    await app.pick(app.byId('edit-end'), '18:00', 'end time');
    await app.tap(app.byId('edit-save'), '发布活动');
    expect(app.text()).toContain('结束时间要晚于开始时间');
    expect(app.cloudCalls.filter((c) => c.action === 'create')).toEqual([]);

    await app.pick(app.byId('edit-end-day'), '2027-01-11', 'end date');
    await app.pick(app.byId('edit-end'), '01:00', 'end time');
    expect(app.text()).not.toContain('结束时间要晚于开始时间');
    await app.tap(app.byId('edit-save'), '发布活动');
    expect(app.cloudCalls.filter((c) => c.action === 'create')).toEqual([
      { name: 'activity', action: 'create', ok: true, beforeInit: false },
    ]);
    const { data } = await world.runtime.db.collection('activities').where({ title: '跨年志愿服务' }).get();
    expect(data.map((a: { startAt: Date; endAt: Date }) => [new Date(a.startAt).toISOString(), new Date(a.endAt).toISOString()])).toEqual([
      ['2027-01-10T12:00:00.000Z', '2027-01-10T17:00:00.000Z'],
    ]);
  });
});

describe('the post editor', () => {
  it('保存草稿 and 发布 stay tappable on an empty post and say what is missing, sending nothing', async () => {
    const app = open(PERSONAS.secretary.openid);
    await app.launch({ path: 'packages/secretary/pages/post-edit/index', query: { orgId: RD } });
    await app.tap(app.byId('edit-publish'), '发布');
    expect(app.byId('field-title-error')).toBeDefined();
    expect(app.byId('field-body-error')).toBeDefined();
    expect(app.text()).toContain('还有 2 项需要补充或修改：标题、正文');
    expect(app.cloudCalls.filter((c) => c.name === 'post' && c.action !== 'draft')).toEqual([]);
    await app.type(app.byId('edit-title'), '关于学习的通知', 'title');
    expect(app.byId('field-title-error')).toBeUndefined();
    expect(app.text()).toContain('还有 1 项需要补充或修改：正文');
    expectClean(app);
  });
});

describe('the branch contact', () => {
  it('a secretary publishes the branch number on 更多管理, and a member calls it from the home card', async () => {
    const secretary = open(PERSONAS.secretary.openid);
    await secretary.launch({ path: 'packages/secretary/pages/tools/index', query: { orgId: RD } });
    await secretary.type(secretary.byId('contact-phone'), '021-55501234', 'contact phone');
    await secretary.tap(secretary.byId('contact-save'), '保存');
    expect(secretary.cloudCalls.filter((c) => c.action === 'setContact')).toEqual([
      { name: 'org', action: 'setContact', ok: true, beforeInit: false },
    ]);
    expectClean(secretary);
    secretary.dispose();

    const member = open(PERSONAS.member.openid, { actionSheet: 0 });
    await member.launch({ path: 'pages/home/index', query: {} });
    expect(member.byId('home-contact')).toBeDefined();
    expect(member.text()).toContain('联系书记 林建华');
    await member.tap(member.byId('home-contact'), '联系书记');
    expect(member.calls('makePhoneCall')).toEqual([
      { api: 'makePhoneCall', args: expect.objectContaining({ phoneNumber: '02155501234' }), inTap: false },
    ]);
    expectClean(member);
  });
});

describe('learning', () => {
  it('an audio lesson plays through WeChat’s background audio manager (so it goes on with the screen off), from where the member left off', async () => {
    const lessonId = world.lessonIds[1]!;
    // The member listened to 12 s of it earlier (a heartbeat the server credited).
    await must(world.runtime, 'study', 'open', { lessonId }, PERSONAS.member.openid);
    await new Promise((r) => setTimeout(r, 1100));
    await must(world.runtime, 'study', 'beat', { lessonId, position: 12, from: 11 }, PERSONAS.member.openid);
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'packages/study/pages/lesson/index', query: { id: lessonId } });
    expect(app.text()).toContain('00:12 / 00:45');
    // Nothing plays until the member asks.
    expect(app.wx.calls.filter((c) => c.api.startsWith('BackgroundAudioManager'))).toEqual([]);
    await app.tap(app.byId('lesson-play'), '播放');
    const manager = app.wx.wx['getBackgroundAudioManager'] as () => Record<string, unknown>;
    expect(manager()).toMatchObject({
      title: '第二讲 听：支部工作的基本要求',
      epname: '新时代党支部工作十讲',
      startTime: 12,
      src: expect.stringContaining('/media/'),
    });
    expectClean(app);
  });

  it('an article lesson watches for its end marker coming into view', async () => {
    const app = open(PERSONAS.member.openid);
    await app.launch({ path: 'packages/study/pages/lesson/index', query: { id: world.lessonIds[0]! } });
    expect(app.wx.calls.filter((c) => c.api === 'IntersectionObserver.observe').map((c) => c.args)).toEqual(['#lesson-end']);
    expectClean(app);
  });
});
