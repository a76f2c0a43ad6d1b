import type { Runtime } from '../../local/runtime';
import { RD } from './activity';

/** A post as the editor sends it: a notice to the first branch. */
export function postInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'notice',
    title: '关于开展十二月主题党日活动的通知',
    body: [
      { type: 'heading', text: '活动安排' },
      { type: 'paragraph', text: '请各位党员于12月10日下午两点到三楼会议室参加主题党日活动。' },
    ],
    audience: { kind: 'unit' },
    ...overrides,
  };
}

async function call(rt: Runtime, action: string, data: object, openid: string): Promise<Record<string, unknown>> {
  const res = await rt.invoke('post', { action, data }, { openid });
  if (!res.ok) throw new Error(`post.${action}: ${res.code} ${res.message}`);
  return res.data as Record<string, unknown>;
}

/** A draft written in `orgId` by `author` (the branch secretary by default); returns its id. */
export async function draftPost(rt: Runtime, overrides: Record<string, unknown> = {}, author = 'demo-secretary', orgId = RD) {
  return (await call(rt, 'create', { orgId, ...postInput(overrides) }, author))['id'] as string;
}

/** A published post; `by` must lead `orgId`. */
export async function publishedPost(rt: Runtime, overrides: Record<string, unknown> = {}, by = 'demo-secretary', orgId = RD) {
  const id = await draftPost(rt, overrides, by, orgId);
  await call(rt, 'publish', { postId: id }, by);
  return id;
}

export { call as callPost };
