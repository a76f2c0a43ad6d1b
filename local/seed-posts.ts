import type { Runtime } from './runtime';

/** Demo posts, written and published through the post function itself, as a secretary would. All text is made up. */
const DEMO_POSTS: { by: string; orgId: string; input: Record<string, unknown> }[] = [
  {
    by: 'demo-admin',
    orgId: 'org-xh-committee',
    input: {
      kind: 'study',
      title: '学习资料：党的二十届四中全会精神学习要点',
      body: [
        { type: 'heading', text: '学习要求' },
        { type: 'paragraph', text: '各党支部要把学习全会精神作为当前的重要任务，结合“三会一课”组织党员集中学习，每名党员撰写学习体会。' },
        { type: 'heading', text: '学习安排' },
        { type: 'paragraph', text: '一、个人自学全会公报；\n二、以党支部为单位开展专题学习讨论；\n三、在主题党日中交流学习体会。' },
      ],
      audience: { kind: 'subtree' },
    },
  },
  {
    by: 'demo-admin',
    orgId: 'org-xh-committee',
    input: {
      kind: 'affairs',
      title: '2026年第三季度党费收缴情况公示',
      body: [
        {
          type: 'paragraph',
          text: '根据党费收缴工作要求，现将第三季度各党支部党费收缴情况予以公示。各支部均已按时足额收缴，公示期为七天。',
        },
      ],
      audience: { kind: 'subtree' },
    },
  },
  {
    by: 'demo-secretary',
    orgId: 'org-xh-branch-rd',
    input: {
      kind: 'news',
      title: '第一党支部开展“进社区、送温暖”志愿服务',
      public: true,
      body: [
        { type: 'paragraph', text: '上周六，第一党支部组织党员走进社区，为独居老人检修电器、打扫卫生，并开展防诈骗宣传。' },
        { type: 'paragraph', text: '党员们表示，要把志愿服务作为践行初心使命的具体行动，常态化开展下去。' },
      ],
      audience: { kind: 'unit' },
    },
  },
  {
    by: 'demo-secretary',
    orgId: 'org-xh-branch-rd',
    input: {
      kind: 'notice',
      title: '关于召开2026年度组织生活会的通知',
      body: [
        { type: 'paragraph', text: '各位党员：\n支部定于12月下旬召开2026年度组织生活会，请大家提前对照检查，认真准备发言材料。' },
        { type: 'heading', text: '准备事项' },
        { type: 'paragraph', text: '一、学习规定篇目；\n二、开展谈心谈话；\n三、撰写个人对照检查材料。' },
      ],
      audience: { kind: 'unit' },
    },
  },
];

/** Adds the demo posts once (when the database has none), published days apart, the notice pinned and must-read. */
export async function seedDemoPosts(runtime: Runtime, now: Date): Promise<number> {
  const { total } = await runtime.db.collection('posts').count();
  if (total > 0) return 0;
  const day = 24 * 3600 * 1000;
  const later = (days: number) => new Date(now.getTime() + days * day).toISOString();
  let added = 0;
  for (const [i, p] of DEMO_POSTS.entries()) {
    const extra = p.input['kind'] === 'notice' ? { pinnedUntil: later(14), mustReadBy: later(7) } : {};
    const created = await runtime.invoke('post', { action: 'create', data: { orgId: p.orgId, ...p.input, ...extra } }, { openid: p.by });
    if (!created.ok) throw new Error(`demo post: ${created.message}`);
    const postId = (created.data as { id: string }).id;
    const published = await runtime.invoke('post', { action: 'publish', data: { postId } }, { openid: p.by });
    if (!published.ok) throw new Error(`demo post: ${published.message}`);
    // Spread them over the past days, newest last.
    await runtime.db
      .collection('posts')
      .doc(postId)
      .update({ publishAt: new Date(now.getTime() - (DEMO_POSTS.length - i) * day) });
    await runtime.db
      .collection('post_audience')
      .where({ postId })
      .update({ publishAt: new Date(now.getTime() - (DEMO_POSTS.length - i) * day) });
    added += 1;
  }
  return added;
}
