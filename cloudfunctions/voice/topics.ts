import ExcelJS from 'exceljs';
import { inShanghai } from '../../typings/time';
import { TOPIC_KIND_LABEL, type TopicCard, type TopicReplyView } from '../../typings/voice';
import { audit } from '../common/audit';
import type { HandlerContext } from '../common/context';
import { expandAudience } from '../common/audience';
import { col, isDuplicate, type TopicDoc, type TopicReplyDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { publishWorkbook } from '../common/sheets';
import { orgNames } from '../org/view';
import { checkContent } from '../post/content';
import { randomId } from './anon';
import { writeAudience } from './audience';

const likeId = (replyId: string, openid: string) => `${replyId}~${openid}`;

export function topicCard(t: TopicDoc, orgName: string): TopicCard {
  return {
    id: t._id,
    kind: t.kind,
    title: t.title,
    orgName,
    replies: t.replies,
    closed: Boolean(t.closedAt),
    createdAt: new Date(t.createdAt).toISOString(),
  };
}

function replyView(r: TopicReplyDoc, openid: string, liked: Set<string>): TopicReplyView {
  return {
    id: r._id,
    memberId: r.memberId,
    name: r.name,
    text: r.text,
    at: new Date(r.at).toISOString(),
    likes: r.likes,
    liked: liked.has(r._id),
    pinned: r.pinned,
    hidden: r.hidden,
    mine: r.openid === openid,
  };
}

export const topics: Handler<'voice', 'topics'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'topics').where({ orgId: ctx.grant.unit._id }).orderBy('createdAt', 'desc').limit(50).get();
  return { topics: data.map((t) => topicCard(t, ctx.grant.unit.name)) };
};

export const saveTopic: Handler<'voice', 'saveTopic'> = async (input, ctx) => {
  const org = ctx.grant.unit;
  const t = input.topic;
  const existing = input.topicId ? (await col(ctx.db, 'topics').doc(input.topicId).get()).data[0] : undefined;
  if (input.topicId && (!existing || existing.orgId !== org._id)) throw new AppError('NOT_FOUND', '讨论不存在');
  if (existing?.closedAt) throw new AppError('CLOSED', '讨论已结束，不能再修改');
  if (t.activityId) {
    const a = (await col(ctx.db, 'activities').doc(t.activityId).get()).data[0];
    if (!a || a.orgId !== org._id) throw new AppError('INVALID_INPUT', '只能关联本组织的活动');
  }
  await checkContent(ctx, ctx.caller.openid, [t.title, t.body], 3);
  const { orgIds, memberIds } = await expandAudience(ctx, org, t.audience);
  const id = existing?._id ?? randomId('tp');
  const doc: TopicDoc = {
    _id: id,
    orgId: org._id,
    kind: t.kind,
    title: t.title,
    body: t.body,
    activityId: t.activityId,
    audience: t.audience,
    audienceOrgIds: orgIds,
    memberIds,
    createdBy: existing?.createdBy ?? ctx.caller.openid,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    closedAt: null,
    replies: existing?.replies ?? 0,
  };
  const { _id, replies: _r, ...fields } = doc;
  // The count of replies is only ever incremented: an edit never writes it back.
  if (existing) await col(ctx.db, 'topics').doc(id).update(fields);
  else
    await col(ctx.db, 'topics')
      .doc(id)
      .set({ ...fields, replies: 0 });
  await writeAudience(ctx, 'topic', { ...doc, anonymous: false, openAt: null, closeAt: null });
  await audit(ctx, {
    orgId: org._id,
    action: existing ? 'voice.updateTopic' : 'voice.createTopic',
    targetType: 'topic',
    targetId: id,
    summary: `${existing ? '修改' : '发起'}${TOPIC_KIND_LABEL[t.kind]}讨论「${t.title}」`,
  });
  return { topicId: id };
};

export const topic: Handler<'voice', 'topic'> = async (_input, ctx) => {
  const t = ctx.grant.doc;
  const organiser = Boolean(ctx.grant.leads);
  const _ = ctx.db.command;
  const [{ data }, names, activity] = await Promise.all([
    col(ctx.db, 'topic_replies')
      .where(organiser ? { topicId: t._id } : { topicId: t._id, hidden: false })
      .orderBy('at', 'desc')
      .limit(300)
      .get(),
    orgNames(ctx.db, [t.orgId]),
    t.activityId ? col(ctx.db, 'activities').doc(t.activityId).get() : Promise.resolve({ data: [] }),
  ]);
  const { data: likes } = data.length
    ? await col(ctx.db, 'topic_likes')
        .where({ _id: _.in(data.map((r) => likeId(r._id, ctx.caller.openid))) })
        .field({ replyId: true })
        .limit(300)
        .get()
    : { data: [] };
  const liked = new Set(likes.map((l) => l.replyId));
  const items = data
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || new Date(b.at).getTime() - new Date(a.at).getTime())
    .map((r) => replyView(r, ctx.caller.openid, liked));
  return {
    ...topicCard(t, names.get(t.orgId) ?? ''),
    body: t.body,
    activityId: t.activityId,
    activityTitle: activity.data[0]?.title ?? null,
    organiser,
    member: Boolean(ctx.grant.membership),
    items,
  };
};

export const replyTopic: Handler<'voice', 'replyTopic'> = async (input, ctx) => {
  const t = ctx.grant.doc;
  if (t.closedAt) throw new AppError('CLOSED', '讨论已结束');
  await checkContent(ctx, ctx.caller.openid, [input.text], 3);
  const m = ctx.grant.membership;
  const doc: TopicReplyDoc = {
    _id: randomId('tr'),
    topicId: t._id,
    orgId: t.orgId,
    openid: ctx.caller.openid,
    memberId: m._id,
    name: m.name,
    text: input.text,
    at: ctx.now,
    likes: 0,
    pinned: false,
    hidden: false,
  };
  await col(ctx.db, 'topic_replies').add(doc);
  await col(ctx.db, 'topics')
    .doc(t._id)
    .update({ replies: ctx.db.command.inc(1) });
  return replyView(doc, ctx.caller.openid, new Set());
};

export const likeReply: Handler<'voice', 'likeReply'> = async (input, ctx) => {
  const r = (await col(ctx.db, 'topic_replies').doc(input.replyId).get()).data[0];
  if (!r || r.topicId !== ctx.grant.doc._id || r.hidden) throw new AppError('NOT_FOUND', '回复不存在');
  const id = likeId(r._id, ctx.caller.openid);
  const inc = ctx.db.command.inc;
  if (input.like) {
    try {
      await col(ctx.db, 'topic_likes').add({ _id: id, replyId: r._id, openid: ctx.caller.openid, at: ctx.now });
      await col(ctx.db, 'topic_replies')
        .doc(r._id)
        .update({ likes: inc(1) });
      return { likes: r.likes + 1, liked: true };
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      return { likes: r.likes, liked: true };
    }
  }
  const { deleted } = await col(ctx.db, 'topic_likes').where({ _id: id }).remove();
  if (deleted)
    await col(ctx.db, 'topic_replies')
      .doc(r._id)
      .update({ likes: inc(-1) });
  return { likes: r.likes - (deleted ? 1 : 0), liked: false };
};

export const moderateReply: Handler<'voice', 'moderateReply'> = async (input, ctx) => {
  const r = ctx.grant.doc;
  const patch: Partial<Pick<TopicReplyDoc, 'pinned' | 'hidden'>> = {};
  if (input.pinned !== undefined) patch.pinned = input.pinned;
  if (input.hidden !== undefined) patch.hidden = input.hidden;
  if (Object.keys(patch).length === 0) throw new AppError('INVALID_INPUT', '请说明要置顶还是隐藏');
  await col(ctx.db, 'topic_replies').doc(r._id).update(patch);
  if (input.hidden !== undefined && input.hidden !== r.hidden) {
    await col(ctx.db, 'topics')
      .doc(r.topicId)
      .update({ replies: ctx.db.command.inc(input.hidden ? -1 : 1) });
    await audit(ctx, {
      orgId: r.orgId,
      action: input.hidden ? 'voice.hideReply' : 'voice.showReply',
      targetType: 'topic_reply',
      targetId: r._id,
      summary: `${input.hidden ? '隐藏' : '恢复显示'} ${r.name} 在讲坛的回复`,
    });
  }
  return replyView({ ...r, ...patch }, ctx.caller.openid, new Set());
};

export const closeTopic: Handler<'voice', 'closeTopic'> = async (_input, ctx) => {
  const t = ctx.grant.doc;
  if (!t.closedAt) {
    await col(ctx.db, 'topics').doc(t._id).update({ closedAt: ctx.now, updatedAt: ctx.now });
    await col(ctx.db, 'voice_audience').where({ refId: t._id }).update({ closeAt: ctx.now });
    await audit(ctx, {
      orgId: t.orgId,
      action: 'voice.closeTopic',
      targetType: 'topic',
      targetId: t._id,
      summary: `结束讨论「${t.title}」`,
    });
  }
  return { closed: true };
};

/** A topic's discussion as a worksheet (the replies not hidden, oldest first): its own export, and a sheet of its meeting's record. */
export async function addDiscussionSheet(
  ctx: Pick<HandlerContext, 'db'>,
  book: ExcelJS.Workbook,
  t: TopicDoc,
  name = '讨论记录',
): Promise<void> {
  const { data } = await col(ctx.db, 'topic_replies').where({ topicId: t._id, hidden: false }).orderBy('at', 'asc').limit(1000).get();
  const activity = t.activityId ? (await col(ctx.db, 'activities').doc(t.activityId).get()).data[0] : undefined;
  const sheet = book.addWorksheet(name);
  sheet.addRow([`${TOPIC_KIND_LABEL[t.kind]}：${t.title}`]);
  if (activity) sheet.addRow([`所属活动：${activity.title}（${inShanghai(activity.startAt).format('YYYY-MM-DD HH:mm')}）`]);
  if (t.body) sheet.addRow([t.body]);
  sheet.addRow([`共 ${data.length} 条发言`]);
  sheet.addRow([]);
  sheet.addRow(['发言人', '时间', '发言内容', '点赞', '置顶']);
  for (const r of data) sheet.addRow([r.name, inShanghai(r.at).format('YYYY-MM-DD HH:mm'), r.text, r.likes, r.pinned ? '是' : '']);
  sheet.getColumn(3).width = 60;
  sheet.getColumn(2).width = 18;
}

/** The topics tied to a meeting, oldest first: their discussions go into the meeting record's export. */
export async function topicsOfActivity(ctx: Pick<HandlerContext, 'db'>, activityId: string): Promise<TopicDoc[]> {
  const { data } = await col(ctx.db, 'topics').where({ activityId }).limit(20).get();
  return data.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
}

export const exportTopic: Handler<'voice', 'exportTopic'> = async (_input, ctx) => {
  const book = new ExcelJS.Workbook();
  await addDiscussionSheet(ctx, book, ctx.grant.doc);
  return { url: await publishWorkbook(ctx, book) };
};
