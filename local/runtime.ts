import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ApiResult } from '../typings/errors';
import type { FunctionName } from '../typings/api';
import { jsonLogger } from '../cloudfunctions/common/logs';
import type { Logger, Platform } from '../cloudfunctions/common/platform';
import type { InvocationContext } from '../cloudfunctions/common/context';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { deriveKeys } from '../cloudfunctions/common/pii';
import { ALL_COLLECTIONS } from './collections';
import { loadSecret } from './identity';
import { Engine } from './db/engine';
import { nextRequestId } from './db/errors';
import { localDatabase } from './db/request';
import { localOpenApi } from './openapi';
import { localStorage } from './storage';

export interface RuntimeOptions {
  /** Folder for the SQLite file and stored files; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  now?: () => Date;
  log?: Logger;
  publicBaseUrl?: () => string;
  /** Words the local content check flags (security.msgSecCheck stand-in). */
  blockedWords?: readonly string[];
  /** In memory only: start from another runtime's `image()` (its data, and the key its data is encrypted with). */
  from?: RuntimeImage;
  /** Invocations running at once; later ones wait their turn, first come first served (default `MAX_IN_FLIGHT`). */
  maxInFlight?: number;
}

/**
 * One process answers every caller, where CloudBase would start more instances. Past a few dozen
 * invocations at once, running more side by side only adds work: each holds its requests, documents and
 * promises alive until it ends, and the garbage collector copies all of that on every scavenge (a burst of
 * 500 check-ins spent a fifth of its time there). So invocations beyond this many queue, in order; on two
 * cores, 64 at once was the cheapest for that burst of the limits tried (16, 32, 48, 64, 96, 128, none).
 */
export const MAX_IN_FLIGHT = 64;

/** A runtime's database and master secret, to start other in-memory runtimes from (tests seed once, copy many times). */
export interface RuntimeImage {
  database: Buffer;
  secret: Buffer;
}

export interface Identity {
  openid: string;
  appid?: string;
  unionid?: string;
}

export const LOCAL_APPID = 'wx-local-dev';

/** Template ids as the stand-ins record them; the dev page shows which message would have gone out. */
export const LOCAL_TEMPLATES = {
  joinResult: 'local-join-result',
  activityNotice: 'local-activity-notice',
  activityReminder: 'local-activity-reminder',
  postReminder: 'local-post-reminder',
  studyReminder: 'local-study-reminder',
};

/** The invocation context CloudBase would pass: identity travels in `environment`, per call. */
export function invocationContext(fn: string, identity: Identity | null): InvocationContext {
  // TRIGGER_SRC is set (empty) so that nothing in this process's environment can make a client's call look like a timer.
  const env: Record<string, string> = identity
    ? {
        WX_OPENID: identity.openid,
        WX_APPID: identity.appid ?? LOCAL_APPID,
        WX_UNIONID: identity.unionid ?? '',
        TCB_SOURCE: 'wx_client',
        TRIGGER_SRC: '',
      }
    : { TCB_SOURCE: 'wx_client', TRIGGER_SRC: '' };
  return { environment: JSON.stringify(env), request_id: nextRequestId(), function_name: fn, namespace: 'local' };
}

/** What CloudBase's timer trigger passes: no caller, TRIGGER_SRC=timer. Only the local timer runner makes one. */
function timerContext(fn: string): InvocationContext {
  return { environment: JSON.stringify({ TRIGGER_SRC: 'timer' }), request_id: nextRequestId(), function_name: fn, namespace: 'local' };
}

export const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The local CloudBase runtime: one engine, the platform the functions see, and a way to invoke them. */
export function createRuntime(options: RuntimeOptions) {
  const memory = options.dataDir === ':memory:';
  const engine = new Engine({
    filename: memory ? ':memory:' : join(options.dataDir, 'zhibu.sqlite'),
    image: options.from?.database,
    collections: ALL_COLLECTIONS,
    now: options.now,
  });
  const now = options.now ?? (() => new Date());
  const db = localDatabase(engine);
  const storageRoot = memory ? join(tmpdir(), `zhibu-storage-${process.pid}`) : join(options.dataDir, 'storage');
  // Locally the PII key is a random one kept in the data folder, never a key used anywhere else.
  const master = options.from?.secret ?? loadSecret(options.dataDir, 'dev-secret-key');
  const keys = deriveKeys(master);
  // Signs the temp URLs of stored files (the gateway checks them), like CloudBase signs its own.
  const storageKey = createHmac('sha256', master).update('zhibu/local-storage-urls/v1').digest();
  // Made once: every invocation asks for both (a new pair per call was a cost on every action, ping included).
  const storage = localStorage(storageRoot, options.publicBaseUrl ?? (() => 'http://localhost:8080'), storageKey, now);
  const openapi = localOpenApi(() => db, now, options.blockedWords);
  const platform: Platform = {
    db: () => db,
    keys: () => keys,
    templates: () => LOCAL_TEMPLATES,
    storage: () => storage,
    openapi: () => openapi,
    now,
    log: options.log ?? jsonLogger,
  };

  const admit = pLimit(options.maxInFlight ?? MAX_IN_FLIGHT);

  async function invoke(fn: string, event: unknown, identity: Identity | null): Promise<ApiResult<unknown>> {
    const target = (FUNCTIONS as Record<string, (typeof FUNCTIONS)[FunctionName]>)[fn];
    if (!target || !Object.prototype.hasOwnProperty.call(FUNCTIONS, fn)) {
      return { ok: false, code: 'UNKNOWN_FUNCTION', message: `未知的云函数 ${fn}` };
    }
    return admit(() => target.run(platform, event, invocationContext(fn, identity)));
  }

  /** Runs a timer trigger the way CloudBase does: a Timer event, no caller. */
  async function fireTimer(fn: string, triggerName: string): Promise<ApiResult<unknown>> {
    const target = (FUNCTIONS as Record<string, (typeof FUNCTIONS)[FunctionName]>)[fn];
    if (!target) throw new Error(`unknown function ${fn}`);
    return target.run(platform, { Type: 'Timer', TriggerName: triggerName, Time: now().toISOString() }, timerContext(fn));
  }

  const image = (): RuntimeImage => ({ database: engine.image(), secret: master });

  return { engine, db, platform, storageRoot, storageKey, invoke, fireTimer, image, close: () => engine.close() };
}

export type Runtime = ReturnType<typeof createRuntime>;
