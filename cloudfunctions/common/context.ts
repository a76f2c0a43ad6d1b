import tcb from '@cloudbase/node-sdk';
import type { Db } from '@cloudbase/database';
import type { Grant } from './authz';
import { AppError } from './errors';
import type { Templates } from './config';
import type { SecretKeys } from './pii';
import type { Logger, OpenApi, Storage } from './platform';

/** The caller, as the platform says: WX_OPENID from the invocation context, never from the event. */
export interface Caller {
  openid: string;
  appid: string | null;
  unionid: string | null;
}

export interface HandlerContext {
  caller: Caller | null;
  /** For role-guarded actions: the unit acted on and the caller's roles there (see permissions.ts). */
  grant: Grant;
  db: Db;
  /** Keys for ID numbers, phones and invite tokens (see pii.ts). */
  keys: () => SecretKeys;
  templates: () => Templates;
  now: Date;
  storage: Storage;
  openapi: OpenApi;
  log: Logger;
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
  const env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as unknown as Record<
    string,
    string | undefined
  >;
  const openid = env['WX_OPENID'];
  const caller = openid ? { openid, appid: env['WX_APPID'] || null, unionid: env['WX_UNIONID'] || null } : null;
  return { caller, timer: !caller && env['TRIGGER_SRC'] === 'timer' };
}

export function requireCaller(ctx: HandlerContext): Caller {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED');
  return ctx.caller;
}
