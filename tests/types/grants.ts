/**
 * Compile-time checks, run by `npm run typecheck`: a handler's context is typed by its entry in the
 * permission table. Each `@ts-expect-error` line fails the typecheck if the error it expects is gone.
 */
import type { ActionContext } from '../../cloudfunctions/common/define';
import type { ActivityDoc, MembershipDoc, OrgDoc, PostCommentDoc, PostDoc, UserDoc } from '../../cloudfunctions/common/db';
import type { Caller } from '../../cloudfunctions/common/context';
import { col } from '../../cloudfunctions/common/db';

declare const publish: ActionContext<'post', 'publish'>;
// A `via` rule: the unit it belongs to and the document, typed by its collection.
export const publishedPost: PostDoc = publish.grant.doc;
export const publishUnit: OrgDoc = publish.grant.unit;
export const publisher: Caller = publish.caller;
// @ts-expect-error: a post is not an activity
export const notAnActivity: ActivityDoc = publish.grant.doc;

declare const hide: ActionContext<'post', 'hideComment'>;
export const hidden: PostCommentDoc = hide.grant.doc;

declare const join: ActionContext<'signup', 'join'>;
// An audience rule without leaders: the activity and the caller's membership in its audience.
export const joined: ActivityDoc = join.grant.doc;
export const counted: MembershipDoc = join.grant.membership;

declare const detail: ActionContext<'activity', 'detail'>;
// With leaders: a leader outside the audience has no membership there.
// @ts-expect-error: membership may be absent
export const maybeMember: MembershipDoc = detail.grant.membership;
export const leads: boolean = detail.grant.leads;

declare const home: ActionContext<'branch', 'home'>;
// An optional unit field: no unit without it.
// @ts-expect-error: the unit may be null
export const homeUnit: OrgDoc = home.grant.unit;

declare const inbox: ActionContext<'join', 'inbox'>;
export const inboxUnit: OrgDoc = inbox.grant.unit;
// @ts-expect-error: a rule without `via` loads no document
export const noDoc: { _id: string } = inbox.grant.doc;

declare const signIn: ActionContext<'user', 'signIn'>;
export const signedIn: Caller = signIn.caller;
// @ts-expect-error: 'signedIn' loads no unit
export const noUnit: OrgDoc = signIn.grant.unit;

declare const ping: ActionContext<'system', 'ping'>;
// @ts-expect-error: an action open to anyone may have no caller
export const maybeCaller: Caller = ping.caller;

declare const db: Parameters<typeof col>[0];
// Collections are typed by what they store.
export const users: Promise<{ data: UserDoc[] }> = col(db, 'users').where({}).get();
// @ts-expect-error: a collection that is not declared
col(db, 'user');
