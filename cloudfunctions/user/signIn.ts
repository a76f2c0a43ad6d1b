import type { MembershipView, UserView } from '../../typings/domain';

import { col, isDuplicate, type UserDoc } from '../common/db';
import type { Handler } from '../common/define';
import { AppError } from '../common/errors';
import { uploadFolder } from '../common/files';

/** The user as the app shows them: their roster name where they have one, else the name they gave. */
export function userView(user: UserDoc, rosterName?: string): UserView {
  return { id: user._id, name: rosterName || user.nickname || null, createdAt: new Date(user.createdAt).toISOString() };
}

async function findUser(ctx: Parameters<Handler<'user', 'signIn'>>[1], openid: string): Promise<UserDoc | undefined> {
  const { data } = await col(ctx.db, 'users').where({ openid }).limit(1).get();
  return data[0];
}

/** The caller's WeChat identity creates or loads their user record. */
export const signIn: Handler<'user', 'signIn'> = async (_input, ctx) => {
  const { openid, unionid } = ctx.caller;
  const users = col(ctx.db, 'users');
  let user = await findUser(ctx, openid);
  const returning = Boolean(user);
  if (user) {
    await users.doc(user._id).update({ lastSeenAt: ctx.now, ...(unionid && unionid !== user.unionid ? { unionid } : {}) });
  } else {
    const fresh = {
      openid,
      ...(unionid ? { unionid } : {}),
      // No name made up from the openid: the app asks for the real one at first use (user.setName).
      nickname: '',
      createdAt: ctx.now,
      lastSeenAt: ctx.now,
    };
    try {
      const { id } = await users.add(fresh);
      user = { _id: id, ...fresh };
    } catch (e) {
      // Two first sign-ins at once: the unique openid index let one through; load that one.
      if (!isDuplicate(e)) throw e;
      user = await findUser(ctx, openid);
      if (!user) throw e;
    }
  }

  const { data: rows } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(100).get();
  const memberships = rows;
  const orgIds = memberships.map((m) => m.orgId);
  const { data: orgRows } = orgIds.length
    ? await col(ctx.db, 'orgs')
        .where({ _id: ctx.db.command.in(orgIds) })
        .limit(100)
        .get()
    : { data: [] };
  const orgs = new Map(orgRows.map((o) => [o._id, o]));
  const views: MembershipView[] = memberships.flatMap((m) => {
    const org = orgs.get(m.orgId);
    return org ? [{ orgId: org._id, orgName: org.name, orgType: org.type, role: m.role }] : [];
  });

  return {
    user: userView(user, memberships[0]?.name),
    returning,
    memberships: views,
    uploadFolder: uploadFolder(ctx.keys(), openid),
    subscribeTemplates: {
      joinResult: ctx.templates().joinResult || null,
      activityNotice: ctx.templates().activityNotice || null,
      activityReminder: ctx.templates().activityReminder || null,
      postReminder: ctx.templates().postReminder || null,
      studyReminder: ctx.templates().studyReminder || null,
    },
  };
};

/** The caller's own name (2–20 characters, checked by the schema); memberships keep the roster's. */
export const setName: Handler<'user', 'setName'> = async (input, ctx) => {
  const { openid } = ctx.caller;
  const user = await findUser(ctx, openid);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  await col(ctx.db, 'users').doc(user._id).update({ nickname: input.name });
  const { data } = await col(ctx.db, 'memberships').where({ openid, status: 'active' }).limit(1).get();
  return userView({ ...user, nickname: input.name }, data[0]?.name);
};
