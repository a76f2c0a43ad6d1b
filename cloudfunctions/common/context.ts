import tcb from '@cloudbase/node-sdk';
import type { Db } from '@cloudbase/database';
import type { Grant } from './authz';
import type { Templates } from './config';
import type { SecretKeys } from './pii';
import type { Logger, OpenApi, Storage } from './platform';

/** The caller, as the platform says: WX_OPENID from the invocation context, never from the event. */
export interface Caller {
  openid: string;
  appid: string | null;
  unionid: string | null;
}

/** What every handler and timer has: the database, the clock, storage and WeChat's APIs. */
export interface BaseContext {
  db: Db;
  /** Keys for ID numbers, phones and invite tokens (see pii.ts). */
  keys: () => SecretKeys;
  templates: () => Templates;
  now: Date;
  storage: Storage;
  openapi: OpenApi;
  log: Logger;
}

/**
 * A context whatever the action: helpers shared by several handlers take this. A handler itself gets
 * `ActionContext<F, A>` (define.ts), where the caller and grant are typed by its permission-table entry.
 */
export interface HandlerContext extends BaseContext {
  caller: Caller | null;
  /** For guarded actions: the unit acted on, the caller's roles there, the document (see permissions.ts). */
  grant: Grant;
}

/** A context with a caller, for helpers that act as them (audit entries, consent): any signed-in action's. */
export interface CallerContext extends HandlerContext {
  caller: Caller;
}

/** The invocation context CloudBase passes as main's second argument (the fields we rely on). */
export interface InvocationContext {
  environment?: string;
  request_id?: string;
  function_name?: string;
  namespace?: string;
}

/** Who invoked the function, as the platform says: a caller (WeChat's identity), a timer trigger, or neither. */
export interface Invocation {
  caller: Caller | null;
  /** The platform fired a timer trigger (TRIGGER_SRC=timer): never true for a client's call, whatever its event says. */
  timer: boolean;
}

/**
 * `getCloudbaseContext` merges the context's `environment` (JSON of WX_OPENID, …) over process.env,
 * context first, so concurrent invocations never share identity through process.env. TRIGGER_SRC is
 * what node-sdk itself reads to tell a timer trigger from any other invocation.
 */
export function resolveInvocation(context: InvocationContext | undefined): Invocation {
  const env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const openid = env.WX_OPENID;
  const caller = openid ? { openid, appid: env.WX_APPID || null, unionid: env.WX_UNIONID || null } : null;
  return { caller, timer: !caller && env.TRIGGER_SRC === 'timer' };
}
