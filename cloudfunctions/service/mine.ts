import type { HandlerContext } from '../common/context';
import { col } from '../common/db';
import { decrypt } from '../common/pii';
import { hoursByYear, signupsOf } from './signups';

type Ctx = Pick<HandlerContext, 'db' | 'keys' | 'storage' | 'log'>;

/** 志愿服务, 进社区 and 微心愿 in the person's own data export: unmasked (it is theirs). */
export async function serviceOf(ctx: Ctx, openid: string) {
  const keys = ctx.keys();
  const [{ signups, projects }, reg, wishes] = await Promise.all([
    signupsOf(ctx, openid),
    col(ctx.db, 'community_regs').doc(openid).get(),
    col(ctx.db, 'wishes').where({ openid }).limit(1000).get(),
  ]);
  return {
    signups: signups.map((s) => ({
      project: projects.get(s.projectId)?.title ?? '',
      startAt: s.startAt,
      endAt: s.endAt,
      as: s.kind,
      name: s.nameEnc ? decrypt(keys, s.nameEnc) : s.name,
      phone: s.phoneEnc ? decrypt(keys, s.phoneEnc) : null,
      checkedInAt: s.checkedInAt,
      hours: s.hours,
    })),
    hoursByYear: hoursByYear(signups),
    community: reg.data[0] ? { orgId: reg.data[0].orgId, since: reg.data[0].since } : null,
    wishes: wishes.data.map((w) => ({
      title: w.title,
      content: w.content,
      state: w.state,
      day: w.day,
      contact: w.contactEnc ? JSON.parse(decrypt(keys, w.contactEnc)) : null,
    })),
  };
}

/**
 * Erasure: a resident's name and phone on every sign-up (the masked record of the service stays with the
 * organiser), their 进社区 registration, and the contacts of their wishes (a wish already claimed stays, without
 * a way to reach them; one not yet claimed is withdrawn).
 */
export async function eraseServiceOf(ctx: Ctx & Pick<HandlerContext, 'now'>, openid: string): Promise<void> {
  const _ = ctx.db.command;
  await col(ctx.db, 'service_signups')
    .where({ openid, kind: 'resident' })
    .update({ nameEnc: null, phoneEnc: null, phoneMasked: null, nameMasked: '已注销用户', purgeAt: _.remove() });
  await col(ctx.db, 'community_regs').doc(openid).remove();
  await col(ctx.db, 'wishes')
    .where({ openid, state: _.in(['pending', 'published']) })
    .update({ state: 'withdrawn' });
  await col(ctx.db, 'wishes').where({ openid }).update({ contactEnc: null, contactMasked: '（已删除）', purgeAt: _.remove() });
}
