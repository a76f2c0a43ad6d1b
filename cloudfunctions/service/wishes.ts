import { LEADER_ROLES } from '../../typings/domain';
import { pageLink } from '../../typings/pages';
import { SERVICE_RULES, WISH_STATES, type WishCard, type WishView } from '../../typings/service';
import { shanghaiDay } from '../../typings/time';
import { audit } from '../common/audit';
import { rolesAt } from '../common/authz';
import type { CallerContext, HandlerContext } from '../common/context';
import { col, type MembershipDoc, type WishDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { imageRefs, storeUploads } from '../common/images';
import { send } from '../common/outbox';
import { decrypt, encrypt, isValidPhone, mask, maskName, normalizePhone } from '../common/pii';
import { award, EVENT_KEYS } from '../common/points';
import { orgNames } from '../org/view';
import { checkContent } from '../post/content';
import { requireConsent } from '../privacy/privacy';
import { randomId } from '../voice/anon';
import { whoIs } from './access';

const NOT_FOUND = '心愿不存在或未公开';
const DAY = 24 * 3_600_000;
/** Once published, a wish is for everyone to see (without its poster or contact). */
const SHOWN: readonly WishDoc['state'][] = ['published', 'claimed', 'done', 'confirmed'];
const purgeAt = (now: Date) => new Date(now.getTime() + SERVICE_RULES.wishContactRetentionDays * DAY);

function cardOf(w: WishDoc, orgName: string, openid: string): WishCard {
  return {
    id: w._id,
    title: w.title,
    excerpt: w.content.length > 50 ? `${w.content.slice(0, 50)}…` : w.content,
    orgName,
    state: w.state,
    day: w.day,
    mine: w.openid === openid,
    claimedByMe: w.claimerOpenid === openid,
  };
}

/**
 * The membership by which the caller may take wishes of the unit on (theirs in it or in a unit below it,
 * or the one they registered with it from); null when they may not.
 */
async function claimingAs(ctx: HandlerContext, openid: string, w: WishDoc): Promise<MembershipDoc | null> {
  if (w.openid === openid) return null;
  const who = await whoIs(ctx, openid);
  const direct = who.memberships.find((m) => m.orgId === w.orgId);
  if (direct) return direct;
  if (who.reg?.orgId === w.orgId) return who.memberships.find((m) => m._id === who.reg!.memberId) ?? who.memberships[0] ?? null;
  if (who.memberships.length === 0) return null;
  const { data } = await col(ctx.db, 'orgs')
    .where({ _id: ctx.db.command.in(who.memberships.map((m) => m.orgId)), path: w.orgId })
    .limit(1)
    .get();
  return who.memberships.find((m) => m.orgId === data[0]?._id) ?? null;
}

async function leadsUnit(ctx: HandlerContext, openid: string, orgId: string): Promise<{ leads: boolean; name: string }> {
  const unit = (await col(ctx.db, 'orgs').doc(orgId).get()).data[0];
  if (!unit) return { leads: false, name: '' };
  return { leads: (await rolesAt(ctx.db, openid, unit)).some((r) => LEADER_ROLES.includes(r)), name: unit.name };
}

/** A wish as the caller may see it (NOT_FOUND when they may not). */
async function viewOf(ctx: CallerContext, w: WishDoc): Promise<WishView> {
  const { openid } = ctx.caller;
  const [{ leads, name }, claimable, images, donePhotos] = await Promise.all([
    leadsUnit(ctx, openid, w.orgId),
    w.state === 'published' ? claimingAs(ctx, openid, w).then(Boolean) : Promise.resolve(false),
    imageRefs(ctx, w.images),
    imageRefs(ctx, w.donePhotos),
  ]);
  const poster = w.openid === openid;
  const claimer = w.claimerOpenid === openid;
  if (!poster && !claimer && !leads && !SHOWN.includes(w.state)) throw new AppError('NOT_FOUND', NOT_FOUND);
  const { excerpt: _e, ...card } = cardOf(w, name, openid);
  const contact =
    (poster || claimer || leads) && w.contactEnc ? (JSON.parse(decrypt(ctx.keys(), w.contactEnc)) as WishView['contact']) : null;
  return {
    ...card,
    orgId: w.orgId,
    content: w.content,
    images,
    contact,
    claimerName: w.claimerName,
    reviewNote: poster || leads ? w.reviewNote : null,
    donePhotos,
    doneNote: w.doneNote,
    thanks: w.thanks,
    can: {
      claim: claimable,
      release: claimer && w.state === 'claimed',
      fulfil: claimer && w.state === 'claimed',
      confirm: poster && w.state === 'done',
      withdraw: poster && (w.state === 'pending' || w.state === 'published'),
      review: leads && w.state === 'pending',
    },
  };
}

async function load(ctx: HandlerContext, wishId: string): Promise<WishDoc> {
  const w = (await col(ctx.db, 'wishes').doc(wishId).get()).data[0];
  if (!w) throw new AppError('NOT_FOUND', NOT_FOUND);
  return w;
}

/** A change only one state allows, by one conditional update: of two callers at once, exactly one gets it. */
async function move(ctx: HandlerContext, w: WishDoc, from: WishDoc['state'], change: Partial<WishDoc>, refused: string): Promise<WishDoc> {
  const { updated } = await col(ctx.db, 'wishes').where({ _id: w._id, state: from }).update(change);
  if (updated !== 1) throw new AppError('CONFLICT', refused);
  return { ...w, ...change };
}

export const postWish: Handler<'service', 'postWish'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const unit = (await col(ctx.db, 'orgs').doc(input.orgId).get()).data[0];
  if (!unit) throw new AppError('NOT_FOUND', '组织不存在');
  const phone = normalizePhone(input.contact.phone);
  if (!isValidPhone(phone)) throw new AppError('INVALID_INPUT', '手机号应为 11 位数字');
  await requireConsent(ctx);
  const day = shanghaiDay(ctx.now);
  const { total } = await col(ctx.db, 'wishes').where({ openid, day }).count();
  if (total >= SERVICE_RULES.wishesPerDay)
    throw new AppError('RATE_LIMITED', `每天最多提交 ${SERVICE_RULES.wishesPerDay} 个心愿，明天再来吧`);
  await checkContent(ctx, openid, [input.title, input.content], 3);
  const id = randomId('wi');
  const images = await storeUploads(ctx, `wishes/${id}`, input.images);
  const doc: Omit<WishDoc, '_id'> = {
    orgId: unit._id,
    openid,
    title: input.title,
    content: input.content,
    images,
    contactEnc: encrypt(ctx.keys(), JSON.stringify({ name: input.contact.name, phone })),
    contactMasked: `${maskName(input.contact.name)} ${mask('phone', phone)}`,
    state: 'pending',
    day,
    createdAt: ctx.now,
    reviewNote: null,
    claimerOpenid: null,
    claimerMemberId: null,
    claimerName: null,
    claimedAt: null,
    donePhotos: [],
    doneNote: null,
    doneAt: null,
    confirmedAt: null,
    thanks: null,
  };
  await col(ctx.db, 'wishes').doc(id).set(doc);
  return { wishId: id };
};

export const wishes: Handler<'service', 'wishes'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const _ = ctx.db.command;
  let units: string[] | null;
  if (input.orgId) units = [input.orgId];
  else {
    const who = await whoIs(ctx, openid);
    const own = who.memberships.map((m) => m.orgId);
    // A member's wishes are those of their units and the units above them, and of their community.
    const { data: orgs } = own.length
      ? await col(ctx.db, 'orgs')
          .where({ _id: _.in(own) })
          .limit(50)
          .get()
      : { data: [] };
    const all = [...own, ...orgs.flatMap((o) => o.path), ...(who.reg ? [who.reg.orgId] : [])];
    units = all.length ? [...new Set(all)] : null;
  }
  const where = units ? { orgId: _.in(units), state: _.in([...SHOWN]) } : { state: _.in([...SHOWN]) };
  const { data } = await col(ctx.db, 'wishes').where(where).orderBy('createdAt', 'desc').limit(100).get();
  const names = await orgNames(
    ctx.db,
    data.map((w) => w.orgId),
  );
  // Those waiting for someone first.
  const rank = (w: WishDoc) => (w.state === 'published' ? 0 : 1);
  return {
    wishes: data.sort((a, b) => rank(a) - rank(b)).map((w) => cardOf(w, names.get(w.orgId) ?? '', openid)),
  };
};

export const myWishes: Handler<'service', 'myWishes'> = async (_input, ctx) => {
  const { openid } = ctx.caller;
  const [{ data: posted }, { data: claimed }] = await Promise.all([
    col(ctx.db, 'wishes').where({ openid }).orderBy('createdAt', 'desc').limit(100).get(),
    col(ctx.db, 'wishes').where({ claimerOpenid: openid }).orderBy('createdAt', 'desc').limit(100).get(),
  ]);
  const names = await orgNames(
    ctx.db,
    [...posted, ...claimed].map((w) => w.orgId),
  );
  return {
    posted: posted.map((w) => cardOf(w, names.get(w.orgId) ?? '', openid)),
    claimed: claimed.map((w) => cardOf(w, names.get(w.orgId) ?? '', openid)),
  };
};

export const wish: Handler<'service', 'wish'> = async (input, ctx) => viewOf(ctx, await load(ctx, input.wishId));

export const claimWish: Handler<'service', 'claimWish'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const w = await load(ctx, input.wishId);
  if (w.state !== 'published') throw new AppError('CONFLICT', w.state === 'pending' ? '心愿还在审核中' : '该心愿已被其他党员认领');
  const m = await claimingAs(ctx, openid, w);
  if (!m) throw new AppError('FORBIDDEN', '只有本组织的党员（或在本社区报到的党员）可以认领');
  const after = await move(
    ctx,
    w,
    'published',
    { state: 'claimed', claimerOpenid: openid, claimerMemberId: m._id, claimerName: m.name, claimedAt: ctx.now },
    '该心愿已被其他党员认领',
  );
  return viewOf(ctx, after);
};

export const releaseWish: Handler<'service', 'releaseWish'> = async (input, ctx) => {
  const w = await load(ctx, input.wishId);
  if (w.claimerOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有认领人可以放弃认领');
  const after = await move(
    ctx,
    w,
    'claimed',
    { state: 'published', claimerOpenid: null, claimerMemberId: null, claimerName: null, claimedAt: null },
    '心愿已完成，不能放弃',
  );
  return viewOf(ctx, after);
};

export const fulfilWish: Handler<'service', 'fulfilWish'> = async (input, ctx) => {
  const w = await load(ctx, input.wishId);
  if (w.claimerOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有认领人可以标记完成');
  if (w.state !== 'claimed') throw new AppError('CONFLICT', '心愿已标记完成');
  if (input.note) await checkContent(ctx, ctx.caller.openid, [input.note], 3);
  const photos = await storeUploads(ctx, `wishes/${w._id}`, input.photos);
  const after = await move(
    ctx,
    w,
    'claimed',
    { state: 'done', donePhotos: photos, doneNote: input.note || null, doneAt: ctx.now },
    '心愿已标记完成',
  );
  const unit = await orgNames(ctx.db, [w.orgId]);
  // The poster is told (if they subscribed when posting) and finds it on their to-do list.
  await send(ctx, [
    {
      id: `wishDone~${w._id}`,
      template: 'postReminder',
      message: {
        touser: w.openid,
        page: pageLink('wish', { id: w._id }),
        data: {
          thing1: { value: w.title.slice(0, 20) },
          thing2: { value: (unit.get(w.orgId) ?? '').slice(0, 20) },
          thing3: { value: '你的微心愿已完成，请确认' },
        },
      },
    },
  ]);
  return viewOf(ctx, after);
};

/** The poster's confirmation, or the timer's after the poster let it be: the claimer earns the points once. */
export async function settle(ctx: Pick<HandlerContext, 'db' | 'now' | 'log'>, w: WishDoc): Promise<void> {
  if (!w.claimerOpenid) return;
  await award(ctx, w.claimerOpenid, { rule: 'wish', key: EVENT_KEYS.wish(w._id), title: `微心愿「${w.title}」` });
}

export const confirmWish: Handler<'service', 'confirmWish'> = async (input, ctx) => {
  const w = await load(ctx, input.wishId);
  if (w.openid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有提出心愿的人可以确认');
  if (input.thanks) await checkContent(ctx, ctx.caller.openid, [input.thanks], 3);
  const after = await move(
    ctx,
    w,
    'done',
    { state: 'confirmed', confirmedAt: ctx.now, thanks: input.thanks || null, purgeAt: purgeAt(ctx.now) },
    w.state === 'confirmed' ? '心愿已确认' : '心愿还没有完成',
  );
  await settle(ctx, after);
  return viewOf(ctx, after);
};

export const withdrawWish: Handler<'service', 'withdrawWish'> = async (input, ctx) => {
  const w = await load(ctx, input.wishId);
  if (w.openid !== ctx.caller.openid) throw new AppError('NOT_FOUND', NOT_FOUND);
  if (w.state !== 'pending' && w.state !== 'published') throw new AppError('CONFLICT', '心愿已有党员认领，不能撤回');
  const after = await move(ctx, w, w.state, { state: 'withdrawn', purgeAt: purgeAt(ctx.now) }, '心愿已有党员认领，不能撤回');
  return viewOf(ctx, after);
};

export const wishInbox: Handler<'service', 'wishInbox'> = async (input, ctx) => {
  const unit = ctx.grant.unit;
  const where = input.state ? { orgId: unit._id, state: input.state } : { orgId: unit._id };
  const { data } = await col(ctx.db, 'wishes').where(where).orderBy('createdAt', 'desc').limit(200).get();
  const stage = (w: WishDoc) => WISH_STATES.indexOf(w.state);
  return {
    wishes: data
      .sort((a, b) => stage(a) - stage(b))
      .map((w) => ({ ...cardOf(w, unit.name, ctx.caller.openid), contactMasked: w.contactMasked, claimerName: w.claimerName })),
  };
};

export const reviewWish: Handler<'service', 'reviewWish'> = async (input, ctx) => {
  const w = ctx.grant.doc;
  if (w.state !== 'pending') throw new AppError('CONFLICT', '该心愿已审核');
  const publish = input.decision === 'publish';
  if (!publish && !input.note) throw new AppError('INVALID_INPUT', '请写明不予发布的原因，提出人会看到');
  const after = await move(
    ctx,
    w,
    'pending',
    publish
      ? { state: 'published', reviewNote: input.note || null }
      : { state: 'rejected', reviewNote: input.note, purgeAt: purgeAt(ctx.now) },
    '该心愿已审核',
  );
  await audit(ctx, {
    orgId: w.orgId,
    action: publish ? 'service.wishPublish' : 'service.wishReject',
    targetType: 'wish',
    targetId: w._id,
    summary: `${publish ? '发布' : '不予发布'}微心愿「${w.title}」${publish ? '' : `：${input.note}`}`,
  });
  return viewOf(ctx, after);
};
