import { addMembers, clock, MK, RD, SECRETARY } from '../helpers/activity';
import { callPost, draftPost, postInput, publishedPost } from '../helpers/post';
import { demoRuntime, inStorage, ok, PNG, snapshot, uploaded } from '../helpers/runtime';

const MEMBER = { openid: 'demo-member-01' }; // 第一支部
const OTHER = { openid: 'demo-member-12' }; // 第二支部
const COMMITTEE = { openid: 'demo-committee' }; // 第一支部 宣传 (支委)
type Rt = Awaited<ReturnType<typeof demoRuntime>>;
const post = (rt: Rt, action: string, data: object, who: { openid: string }) => rt.invoke('post', { action, data }, who);
const titles = async (rt: Rt, who: { openid: string }, data: object = {}) =>
  ((await post(rt, 'list', data, who)) as { data: { posts: { title: string }[] } }).data.posts.map((p) => p.title);

describe('the editorial flow', () => {
  it('a 支委 drafts and submits; the secretary returns it with a comment, then publishes; only the audience sees it', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await draftPost(rt, {}, 'demo-committee');
    expect(await titles(rt, MEMBER)).toEqual([]);
    expect(await post(rt, 'submit', { postId: id }, COMMITTEE)).toMatchObject({ ok: true, data: { status: 'pending' } });
    expect(await post(rt, 'return', { postId: id, note: '请写明集合地点' }, SECRETARY)).toMatchObject({
      ok: true,
      data: { status: 'returned', reviewNote: '请写明集合地点' },
    });
    // The author sees why, changes it and sends it again.
    expect(await post(rt, 'drafts', { orgId: RD }, COMMITTEE)).toMatchObject({
      data: { posts: [{ id, status: 'returned', reviewNote: '请写明集合地点', authorName: '陈海燕' }] },
    });
    await ok(rt, 'post', 'update', { postId: id, ...postInput({ title: '关于开展十二月主题党日活动的通知（三楼会议室）' }) }, COMMITTEE);
    await ok(rt, 'post', 'submit', { postId: id }, COMMITTEE);
    // A 支委 cannot publish; the secretary can, once (a second publish is a conflict).
    expect(await post(rt, 'publish', { postId: id }, COMMITTEE)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await post(rt, 'publish', { postId: id }, SECRETARY)).toMatchObject({ ok: true, data: { status: 'published' } });
    expect(await post(rt, 'publish', { postId: id }, SECRETARY)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await titles(rt, MEMBER)).toEqual(['关于开展十二月主题党日活动的通知（三楼会议室）']);
    expect(await titles(rt, OTHER)).toEqual([]);
    const audit = (await rt.db.collection('audit_logs').where({ action: 'post.publish' }).get()).data;
    expect(audit).toHaveLength(1);
  });

  it('text that fails the content check is not published and the author is told why; nothing changes', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await draftPost(rt, { body: [{ type: 'paragraph', text: '这是一段违规测试文字' }] }, 'demo-committee');
    const before = await snapshot(rt);
    const res = await post(rt, 'submit', { postId: id }, COMMITTEE);
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_FLAGGED', message: expect.stringContaining('时政') });
    expect(await post(rt, 'publish', { postId: id }, SECRETARY)).toMatchObject({ ok: false, code: 'CONTENT_FLAGGED' });
    const after = await snapshot(rt);
    // Only the stand-in's own call log grew.
    expect({ ...after, dev_openapi_calls: [] }).toEqual({ ...before, dev_openapi_calls: [] });
    expect(after['dev_openapi_calls']!.length).toBeGreaterThan(before['dev_openapi_calls']?.length ?? 0);
  });

  it('refuses a public 通知, a pin or deadline in the past, a link out of the app, and writes nothing', async () => {
    const rt = await demoRuntime(clock().now);
    const before = await snapshot(rt);
    for (const bad of [
      { public: true },
      { pinnedUntil: '2026-11-30T00:00:00.000Z' },
      { mustReadBy: '2026-11-01T00:00:00.000Z' },
      { body: [{ type: 'link', text: '点这里', path: 'https://example.com/' }] },
      { body: [] },
      { audience: { kind: 'units', orgIds: [MK, 'org-elsewhere'] } },
    ]) {
      expect(await post(rt, 'create', { orgId: RD, ...postInput(bad) }, SECRETARY)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(await snapshot(rt)).toEqual(before);
  });

  it('a correction keeps the version before; a withdrawal takes it away from members', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt);
    await ok(rt, 'post', 'detail', { postId: id }, MEMBER);
    expect(
      await post(rt, 'correct', { postId: id, note: '时间改为下午三点', ...postInput({ title: '关于主题党日时间调整的通知' }) }, SECRETARY),
    ).toMatchObject({ ok: true, data: { title: '关于主题党日时间调整的通知', status: 'published' } });
    const versions = (await rt.db.collection('post_versions').where({ postId: id }).get()).data;
    expect(versions).toEqual([
      expect.objectContaining({ note: '时间改为下午三点', content: expect.objectContaining({ title: postInput().title }) }),
    ]);
    expect(await post(rt, 'detail', { postId: id }, MEMBER)).toMatchObject({ data: { correctedAt: expect.any(String), read: true } });
    expect(await post(rt, 'versions', { postId: id }, COMMITTEE)).toMatchObject({
      data: {
        versions: [{ note: '时间改为下午三点', by: '林建华', title: postInput().title, text: expect.stringContaining('请各位党员') }],
      },
    });

    await ok(rt, 'post', 'withdraw', { postId: id, reason: '活动取消' }, SECRETARY);
    expect(await titles(rt, MEMBER)).toEqual([]);
    expect(await post(rt, 'detail', { postId: id }, MEMBER)).toEqual({ ok: true, data: { visibility: 'restricted', id } });
  });
});

describe('publishing is all or nothing', () => {
  /** Makes the storage refuse any new row of members' post lists, as a full disk or a dropped connection would. */
  const breakAudienceRows = (rt: Rt) =>
    rt.engine.db.exec(
      `CREATE TEMP TRIGGER refuse_audience BEFORE INSERT ON c_post_audience BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
  const mendAudienceRows = (rt: Rt) => rt.engine.db.exec('DROP TRIGGER refuse_audience');
  const count = async (rt: Rt, collection: string, where: object) => (await rt.db.collection(collection).where(where).count()).total;

  it('a publish whose audience rows cannot be written leaves the draft as it was, and it can be published again', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await draftPost(rt);
    breakAudienceRows(rt);
    expect(await post(rt, 'publish', { postId: id }, SECRETARY)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await post(rt, 'draft', { postId: id }, SECRETARY)).toMatchObject({ ok: true, data: { status: 'draft' } });
    expect(await count(rt, 'audit_logs', { action: 'post.publish', targetId: id })).toBe(0);
    expect(await titles(rt, MEMBER)).toEqual([]);

    mendAudienceRows(rt);
    expect(await post(rt, 'publish', { postId: id }, SECRETARY)).toMatchObject({ ok: true, data: { status: 'published' } });
    expect(await titles(rt, MEMBER)).toEqual([postInput().title]);
    expect(await count(rt, 'audit_logs', { action: 'post.publish', targetId: id })).toBe(1);
  });

  it('a correction that fails halfway keeps the published post, its readers and no version of it', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt);
    breakAudienceRows(rt);
    const corrected = { postId: id, note: '时间改为下午三点', ...postInput({ title: '关于主题党日时间调整的通知' }) };
    expect(await post(rt, 'correct', corrected, SECRETARY)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await titles(rt, MEMBER)).toEqual([postInput().title]);
    expect(await count(rt, 'post_versions', { postId: id })).toBe(0);
    mendAudienceRows(rt);
    expect(await post(rt, 'correct', corrected, SECRETARY)).toMatchObject({ ok: true, data: { title: '关于主题党日时间调整的通知' } });
    expect(await titles(rt, MEMBER)).toEqual(['关于主题党日时间调整的通知']);
    expect(await count(rt, 'post_versions', { postId: id })).toBe(1);
  });

  it('a post published before audience rows had fixed ids is listed once after a correction and not at all after its withdrawal', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt);
    // As the rows were written before: one per unit under an id of the database's choosing.
    const rows = (await rt.db.collection('post_audience').where({ postId: id }).get()).data as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect((await rt.db.collection('post_audience').where({ postId: id }).remove()).deleted).toBe(1);
    const { _id: _old, ...row } = rows[0]!;
    expect((await rt.db.collection('post_audience').add(row)).id).toEqual(expect.any(String));

    expect(await post(rt, 'correct', { postId: id, note: '补充地点', ...postInput() }, SECRETARY)).toMatchObject({ ok: true });
    expect(await titles(rt, MEMBER)).toEqual([postInput().title]);
    expect(await post(rt, 'withdraw', { postId: id, reason: '活动取消' }, SECRETARY)).toMatchObject({ ok: true });
    expect(await count(rt, 'post_audience', { postId: id })).toBe(0);
  });
});

describe('reading', () => {
  it('lists by kind, searches titles, pages with a cursor: each post once, newest first', async () => {
    const c = clock('2026-11-01T01:00:00Z');
    const rt = await demoRuntime(c.now);
    for (let i = 0; i < 23; i += 1) {
      c.advance(60 * 60 * 1000);
      await publishedPost(rt, { kind: i % 3 ? 'notice' : 'news', title: `第${i + 1}期支部简报` });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await post(rt, 'list', { limit: 10, ...(cursor ? { cursor } : {}) }, MEMBER)) as {
        data: { posts: { title: string }[]; nextCursor: string | null };
      };
      seen.push(...page.data.posts.map((p) => p.title));
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe('第23期支部简报');
    expect(await titles(rt, MEMBER, { kind: 'news' })).toHaveLength(8);
    expect(await titles(rt, MEMBER, { q: '第1' })).toEqual(expect.arrayContaining(['第1期支部简报', '第10期支部简报', '第19期支部简报']));
    expect(await titles(rt, MEMBER, { q: '.*' })).toEqual([]);
  });

  it('a scheduled post appears at its time; a pinned one leads the home until its date', async () => {
    const c = clock();
    const rt = await demoRuntime(c.now);
    await publishedPost(rt, { title: '定时发布的通知', publishAt: '2026-12-02T00:00:00.000Z' });
    await publishedPost(rt, { title: '置顶的通知', pinnedUntil: '2026-12-05T00:00:00.000Z' });
    c.advance(60 * 1000);
    await publishedPost(rt, { title: '普通的新闻', kind: 'news' });
    expect(await titles(rt, MEMBER)).toEqual(['普通的新闻', '置顶的通知']);
    // Not yet published: opening it is like opening one that does not exist.
    const scheduled = ((await rt.db.collection('posts').where({ title: '定时发布的通知' }).get()).data[0] as { _id: string })._id;
    expect(await post(rt, 'detail', { postId: scheduled }, MEMBER)).toEqual({
      ok: true,
      data: { visibility: 'restricted', id: scheduled },
    });
    expect(await post(rt, 'detail', { postId: 'pNoSuchPost' }, MEMBER)).toEqual({
      ok: true,
      data: { visibility: 'restricted', id: 'pNoSuchPost' },
    });
    const feed = async () =>
      ((await post(rt, 'feed', {}, MEMBER)) as { data: { pinned: { title: string }[]; latest: { title: string }[]; unread: number } }).data;
    expect(await feed()).toMatchObject({ pinned: [{ title: '置顶的通知' }], latest: [{ title: '普通的新闻' }], unread: 2 });
    c.set('2026-12-02T00:00:00Z');
    expect((await feed()).latest.map((p) => p.title)).toEqual(['定时发布的通知', '普通的新闻']);
    c.set('2026-12-06T00:00:00Z');
    expect(await feed()).toMatchObject({ pinned: [], unread: 3 });
  });

  it('an open is a read once per member; views, readers and confirmations count atomically under concurrency', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt, { mustReadBy: '2026-12-05T00:00:00.000Z' });
    await Promise.all(Array.from({ length: 20 }, () => post(rt, 'detail', { postId: id }, MEMBER)));
    const members = ['demo-member-01', 'demo-member-02', 'demo-member-03', 'demo-member-04', 'demo-member-05'];
    await Promise.all(members.map((openid) => post(rt, 'detail', { postId: id }, { openid })));
    await Promise.all([...members, ...members].map((openid) => post(rt, 'confirm', { postId: id }, { openid })));
    const counts = ((await rt.db.collection('posts').doc(id).get()).data[0] as { counts: Record<string, number> }).counts;
    expect(counts).toMatchObject({ views: 25, readers: 5, confirms: 5 });
    expect(await post(rt, 'detail', { postId: id }, MEMBER)).toMatchObject({ data: { read: true, confirmed: true, visibility: 'full' } });
  });

  it('300 members opening one post at once: 300 reads, no duplicates; the view counter equals the opens', async () => {
    const rt = await demoRuntime(clock().now);
    const openids = await addMembers(rt, RD, 300, 'reader');
    const id = await publishedPost(rt);
    // Everyone opens it once at the same moment, and the first 50 open it a second time too.
    await Promise.all([...openids, ...openids.slice(0, 50)].map((openid) => post(rt, 'detail', { postId: id }, { openid })));
    const { total: reads } = await rt.db.collection('post_reads').where({ postId: id }).count();
    const counts = ((await rt.db.collection('posts').doc(id).get()).data[0] as { counts: Record<string, number> }).counts;
    expect({ reads, readers: counts['readers'], views: counts['views'] }).toEqual({ reads: 300, readers: 300, views: 350 });
    expect(await post(rt, 'receipts', { postId: id }, SECRETARY)).toMatchObject({ data: { audience: 313, read: 300 } });
  });

  it('pages through posts published at the same instant without losing or repeating any', async () => {
    const rt = await demoRuntime(clock().now);
    for (let i = 0; i < 5; i += 1) await publishedPost(rt, { title: `同时发布${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await post(rt, 'list', { limit: 2, ...(cursor ? { cursor } : {}) }, MEMBER)) as {
        data: { posts: { title: string }[]; nextCursor: string | null };
      };
      seen.push(...page.data.posts.map((p) => p.title));
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['同时发布0', '同时发布1', '同时发布2', '同时发布3', '同时发布4']);
  });

  it('opened outside its audience: 党务公开 and 新闻 marked public show what is public, anything else only says whose it is', async () => {
    const rt = await demoRuntime(clock().now);
    const notice = await publishedPost(rt);
    const news = await publishedPost(rt, { kind: 'news', title: '研发中心党支部开展志愿服务', public: true });
    const closed = await publishedPost(rt, { kind: 'affairs', title: '党费收缴情况公示', public: false });
    expect(await post(rt, 'detail', { postId: notice }, OTHER)).toEqual({
      ok: true,
      data: { visibility: 'restricted', id: notice },
    });
    expect(await post(rt, 'detail', { postId: closed }, { openid: 'someone-new' })).toMatchObject({ data: { visibility: 'restricted' } });
    expect(await post(rt, 'detail', { postId: news }, OTHER)).toMatchObject({
      data: { visibility: 'public', title: '研发中心党支部开展志愿服务', canInteract: false, canManage: false },
    });
    // An outsider cannot tell a post that is not for them from one that does not exist.
    const answer = async (postId: string) => ((await post(rt, 'detail', { postId }, OTHER)) as { data: object }).data;
    expect({ ...(await answer(notice)), id: '' }).toEqual({ ...(await answer('pNoSuchPost')), id: '' });
    expect(await post(rt, 'share', { postId: notice }, OTHER)).toEqual(await post(rt, 'share', { postId: 'pNoSuchPost' }, OTHER));
    expect(await titles(rt, OTHER)).toEqual([]);
    // Not a read: they are not its audience.
    expect((await rt.db.collection('post_reads').where({ openid: OTHER.openid }).get()).data).toEqual([]);
  });
});

describe('receipts and reminders', () => {
  it('offers receipts and corrections of a published post only to those allowed to use them: the secretary, not a 支委 or a member', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt);
    const manage = async (who: { openid: string }) =>
      ((await post(rt, 'detail', { postId: id }, who)) as { data: { canManage: boolean; visibility: string } }).data;
    expect(await manage(SECRETARY)).toMatchObject({ visibility: 'full', canManage: true });
    expect(await manage(COMMITTEE)).toMatchObject({ visibility: 'full', canManage: false });
    expect(await manage(MEMBER)).toMatchObject({ visibility: 'full', canManage: false });
    // What the tools lead to is refused to a 支委 anyway.
    expect(await post(rt, 'receipts', { postId: id }, COMMITTEE)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('shows read, unread and confirmed members with the rates; reminds the unread once a day', async () => {
    const c = clock();
    const rt = await demoRuntime(c.now);
    const id = await publishedPost(rt, { mustReadBy: '2026-12-05T00:00:00.000Z' });
    await ok(rt, 'post', 'detail', { postId: id }, MEMBER);
    await ok(rt, 'post', 'confirm', { postId: id }, MEMBER);
    await ok(rt, 'post', 'detail', { postId: id }, { openid: 'demo-member-02' });
    const r = (await post(rt, 'receipts', { postId: id }, SECRETARY)) as {
      data: {
        audience: number;
        read: number;
        confirmed: number;
        readRate: number;
        confirmRate: number;
        members: { name: string; readAt: string | null }[];
      };
    };
    expect(r.data).toMatchObject({ audience: 13, read: 2, confirmed: 1, readRate: 15.4, confirmRate: 7.7 });
    expect(r.data.members.slice(-2).every((m) => m.readAt)).toBe(true);
    expect(r.data.members[0]!.readAt).toBeNull();

    const sent = async () =>
      (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).get()).data.filter(
        (d: { input: { templateId: string } }) => d.input.templateId === 'local-post-reminder',
      );
    const first = (await post(rt, 'remind', { postId: id }, SECRETARY)) as { data: { reminded: number; nextAt: string } };
    expect(first.data).toEqual({ reminded: 11, nextAt: '2026-12-01T16:00:00.000Z' });
    const touched = (await sent()).map((d: { input: { touser: string } }) => d.input.touser);
    expect(touched).not.toContain(MEMBER.openid);
    expect(touched).not.toContain('demo-member-02');
    await Promise.all([post(rt, 'remind', { postId: id }, SECRETARY), post(rt, 'remind', { postId: id }, SECRETARY)]);
    expect(await post(rt, 'remind', { postId: id }, SECRETARY)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // Reminding again the same day sent nothing more.
    expect(await sent()).toHaveLength(11);
    c.set('2026-12-01T16:00:00Z');
    expect(await post(rt, 'remind', { postId: id }, SECRETARY)).toMatchObject({ ok: true, data: { reminded: 11 } });
  });

  it('trends: posts per month and their average read rate', async () => {
    const c = clock('2026-03-10T01:00:00Z');
    const rt = await demoRuntime(c.now);
    const march = await publishedPost(rt, { title: '三月通知' });
    await ok(rt, 'post', 'detail', { postId: march }, MEMBER);
    c.set('2026-05-10T01:00:00Z');
    await publishedPost(rt, { title: '五月通知' });
    const t = (await post(rt, 'trends', { orgId: RD, year: 2026 }, SECRETARY)) as {
      data: { months: { month: number; published: number; averageReadRate: number | null }[]; top: { title: string }[] };
    };
    expect(t.data.months[2]).toEqual({ month: 3, published: 1, averageReadRate: 7.7 });
    expect(t.data.months[4]).toEqual({ month: 5, published: 1, averageReadRate: 0 });
    expect(t.data.months[0]).toEqual({ month: 1, published: 0, averageReadRate: null });
    expect(t.data.top[0]!.title).toBe('三月通知');
  });
});

describe('likes and comments on news', () => {
  it('a like counts once; a comment passes the content check; the author unit hides a comment', async () => {
    const rt = await demoRuntime(clock().now);
    const id = await publishedPost(rt, { kind: 'news', title: '支部开展志愿服务' });
    await Promise.all([1, 2, 3].map(() => post(rt, 'like', { postId: id, like: true }, MEMBER)));
    expect(await post(rt, 'like', { postId: id, like: true }, { openid: 'demo-member-02' })).toMatchObject({ data: { likes: 2 } });
    expect(await post(rt, 'like', { postId: id, like: false }, MEMBER)).toMatchObject({ data: { liked: false, likes: 1 } });
    expect(await post(rt, 'like', { postId: id, like: false }, MEMBER)).toMatchObject({ data: { likes: 1 } });

    const before = (await rt.db.collection('post_comments').get()).data.length;
    expect(await post(rt, 'comment', { postId: id, text: '违规测试' }, MEMBER)).toMatchObject({ ok: false, code: 'CONTENT_FLAGGED' });
    expect((await rt.db.collection('post_comments').get()).data).toHaveLength(before);
    const c = (await post(rt, 'comment', { postId: id, text: '向志愿者们学习！' }, MEMBER)) as { data: { id: string } };
    await ok(rt, 'post', 'hideComment', { commentId: c.data.id, hidden: true }, SECRETARY);
    expect(await post(rt, 'comments', { postId: id }, { openid: 'demo-member-02' })).toMatchObject({ data: { comments: [] } });
    expect(await post(rt, 'comments', { postId: id }, SECRETARY)).toMatchObject({ data: { comments: [{ hidden: true }] } });
    expect(await post(rt, 'detail', { postId: id }, MEMBER)).toMatchObject({ data: { counts: { likes: 1, comments: 0 } } });
  });
});

describe('files of a post', () => {
  const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
  it('cover, body images and attachments are checked and stored; the names stay as written', async () => {
    const rt = await demoRuntime(clock().now);
    const cover = await uploaded(rt, 'cover-0001.png', PNG);
    const pic = await uploaded(rt, 'body-00001.png', PNG);
    const pdf = await uploaded(rt, 'file-00001.pdf', PDF);
    const id = (
      await callPost(
        rt,
        'create',
        {
          orgId: RD,
          ...postInput({
            cover,
            body: [
              { type: 'paragraph', text: '附件为活动方案。' },
              { type: 'image', fileID: pic, caption: '去年的活动照片' },
            ],
            attachments: [{ fileID: pdf, name: '主题党日活动方案' }],
          }),
        },
        'demo-secretary',
      )
    )['id'] as string;
    const d = (await post(rt, 'draft', { postId: id }, SECRETARY)) as {
      data: {
        cover: { fileID: string };
        body: { type: string; fileID?: string; url?: string }[];
        attachments: { name: string; ext: string; size: number; url: string }[];
      };
    };
    expect(d.data.cover.fileID).toMatch(/\/posts\/[0-9a-f]{32}\.png$/);
    expect(d.data.body[1]).toMatchObject({
      type: 'image',
      fileID: expect.stringMatching(/\/posts\//),
      url: expect.stringContaining('/storage/posts/'),
    });
    expect(d.data.attachments).toEqual([
      {
        fileID: expect.stringMatching(/\/attachments\/[0-9a-f]{32}\.pdf$/),
        name: '主题党日活动方案.pdf',
        ext: 'pdf',
        size: PDF.length,
        url: expect.any(String),
      },
    ]);
    expect(await inStorage(rt, pdf)).toBe(false);

    const fake = await uploaded(rt, 'file-00002.pdf', PNG);
    const before = await snapshot(rt);
    expect(
      await post(rt, 'create', { orgId: RD, ...postInput({ attachments: [{ fileID: fake, name: '假的.pdf' }] }) }, SECRETARY),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('不是有效的 PDF') });
    expect(await snapshot(rt)).toEqual(before);
  });
});

describe('demo posts', () => {
  it('npm start publishes the demo posts once, through the post function: members of the branch see all four', async () => {
    const { seedDemoPosts } = await import('../../local/seed-posts');
    const rt = await demoRuntime(clock().now);
    expect(await seedDemoPosts(rt, new Date('2026-12-01T01:00:00Z'))).toBe(4);
    expect(await seedDemoPosts(rt, new Date('2026-12-01T01:00:00Z'))).toBe(0);
    const feed = (await post(rt, 'feed', {}, MEMBER)) as { data: { pinned: { title: string }[]; unread: number } };
    expect(feed.data).toMatchObject({ pinned: [{ title: '关于召开2026年度组织生活会的通知' }], unread: 4 });
    // The other branch sees the 党委's two, not the first branch's.
    expect(await titles(rt, OTHER)).toEqual(['2026年第三季度党费收缴情况公示', '学习资料：党的二十届四中全会精神学习要点']);
  });
});
