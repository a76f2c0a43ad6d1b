import { ROLE_LABEL } from '../../typings/domain';
import { shanghaiDay } from '../../typings/time';
import { LETTER_STATES, VOICE_RULES, type LetterCard, type LetterState, type LetterView } from '../../typings/voice';
import { audit } from '../common/audit';
import { activeMemberships } from '../common/authz';
import type { HandlerContext } from '../common/context';
import { col, type LetterDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { imageRefs, storeUploads } from '../common/images';
import { orgNames } from '../org/view';
import { checkContent } from '../post/content';
import { ownerKey, randomId } from './anon';

const stageOf = (state: LetterState) => LETTER_STATES.indexOf(state);
const NOT_FOUND = '留言不存在';

function cardOf(l: LetterDoc, orgName: string, forWriter: boolean): LetterCard {
  return {
    id: l._id,
    orgName,
    category: l.category,
    excerpt: l.text.length > 60 ? `${l.text.slice(0, 60)}…` : l.text,
    text: l.text,
    anonymous: l.anonymous,
    writer: l.anonymous ? null : l.name,
    day: l.day,
    state: l.state,
    unread: forWriter && l.unread,
    imageCount: l.images.length,
    replyCount: l.replies.length,
  };
}

async function viewOf(ctx: HandlerContext, l: LetterDoc, forWriter: boolean): Promise<LetterView> {
  const [names, images] = await Promise.all([orgNames(ctx.db, [l.orgId]), imageRefs(ctx, l.images)]);
  const { excerpt: _e, imageCount: _i, replyCount: _r, ...card } = cardOf(l, names.get(l.orgId) ?? '', forWriter);
  return { ...card, images, replies: l.replies.map((r) => ({ text: r.text, by: r.by, at: new Date(r.at).toISOString() })) };
}

/** A person's letters: signed ones by their openid, anonymous ones by their keyed hash (which only the server can make). */
export function writtenBy(ctx: Pick<HandlerContext, 'db' | 'keys'>, openid: string) {
  return ctx.db.command.or([{ openid }, { ownerKey: ownerKey(ctx.keys(), openid) }]);
}

export const sendLetter: Handler<'voice', 'sendLetter'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const membership = (await activeMemberships(ctx.db, openid)).find((m) => m.orgId === input.orgId);
  if (!membership) throw new AppError('FORBIDDEN', '只能给自己所在的支部写信');
  const key = ownerKey(ctx.keys(), openid);
  const day = shanghaiDay(ctx.now);
  const { total } = await col(ctx.db, 'letters')
    .where({ day, ...(input.anonymous ? { ownerKey: key } : { openid }) })
    .count();
  if (total >= VOICE_RULES.lettersPerDay) throw new AppError('RATE_LIMITED', `每天最多写 ${VOICE_RULES.lettersPerDay} 封信，明天再写吧`);
  await checkContent(ctx, openid, [input.text], 3);
  const id = randomId('lt');
  // Under a folder named by the letter, not by the uploader: an anonymous letter's pictures lead nowhere.
  const images = await storeUploads(ctx, `letters/${id}`, input.images);
  const doc: Omit<LetterDoc, '_id'> = {
    orgId: input.orgId,
    category: input.category,
    text: input.text,
    images,
    anonymous: input.anonymous,
    ownerKey: input.anonymous ? key : null,
    openid: input.anonymous ? null : openid,
    memberId: input.anonymous ? null : membership._id,
    name: input.anonymous ? null : membership.name,
    day,
    state: 'new',
    stage: 0,
    replies: [],
    unread: false,
  };
  await col(ctx.db, 'letters').doc(id).set(doc);
  return { letterId: id };
};

export const myLetters: Handler<'voice', 'myLetters'> = async (_input, ctx) => {
  const { data } = await col(ctx.db, 'letters').where(writtenBy(ctx, ctx.caller.openid)).orderBy('day', 'desc').limit(100).get();
  const names = await orgNames(
    ctx.db,
    data.map((l) => l.orgId),
  );
  return { letters: data.map((l) => cardOf(l, names.get(l.orgId) ?? '', true)) };
};

export const myLetter: Handler<'voice', 'myLetter'> = async (input, ctx) => {
  const { data } = await col(ctx.db, 'letters')
    .where(ctx.db.command.and([{ _id: input.letterId }, writtenBy(ctx, ctx.caller.openid)]))
    .limit(1)
    .get();
  const l = data[0];
  if (!l) throw new AppError('NOT_FOUND', NOT_FOUND);
  if (l.unread) await col(ctx.db, 'letters').doc(l._id).update({ unread: false });
  return viewOf(ctx, { ...l, unread: false }, true);
};

export const inbox: Handler<'voice', 'inbox'> = async (input, ctx) => {
  const orgId = ctx.grant.unit._id;
  const where = input.state ? { orgId, stage: stageOf(input.state) } : { orgId };
  const [{ data }, { total: waiting }] = await Promise.all([
    col(ctx.db, 'letters').where(where).orderBy('stage', 'asc').orderBy('day', 'desc').limit(200).get(),
    col(ctx.db, 'letters').where({ orgId, stage: 0 }).count(),
  ]);
  return { letters: data.map((l) => cardOf(l, ctx.grant.unit.name, false)), waiting };
};

export const letter: Handler<'voice', 'letter'> = async (_input, ctx) => viewOf(ctx, ctx.grant.doc, false);

export const reply: Handler<'voice', 'reply'> = async (input, ctx) => {
  const l = ctx.grant.doc;
  await checkContent(ctx, ctx.caller.openid, [input.text], 3);
  const { data: mine } = await col(ctx.db, 'memberships')
    .where({ openid: ctx.caller.openid, orgId: l.orgId, status: 'active' })
    .limit(1)
    .get();
  const role = ctx.grant.roles.includes('secretary') ? 'secretary' : (mine[0]?.role ?? ctx.grant.roles[0] ?? 'admin');
  const by = `${mine[0]?.name ?? ''}（${ROLE_LABEL[role]}）`;
  const entry = { text: input.text, by, at: ctx.now };
  await col(ctx.db, 'letters')
    .doc(l._id)
    .update({ replies: ctx.db.command.push(entry), state: input.state, stage: stageOf(input.state), unread: true });
  await audit(ctx, {
    orgId: l.orgId,
    action: 'voice.reply',
    targetType: 'letter',
    targetId: l._id,
    // The letter's words stay in the letter; the log says only that it was answered.
    summary: `答复${l.anonymous ? '匿名' : ''}来信（${l.day}）`,
  });
  return viewOf(ctx, { ...l, replies: [...l.replies, entry], state: input.state, stage: stageOf(input.state), unread: true }, false);
};

export const setLetterState: Handler<'voice', 'setLetterState'> = async (input, ctx) => {
  const l = ctx.grant.doc;
  if (l.state === 'replied') throw new AppError('CONFLICT', '已答复的留言不能改回');
  await col(ctx.db, 'letters')
    .doc(l._id)
    .update({ state: input.state, stage: stageOf(input.state) });
  return { state: input.state };
};
