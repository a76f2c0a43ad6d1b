/**
 * The local runtime as a CloudBase emulator for other mini programs' cloud functions: each folder listed in
 * `ZHIBU_EXTRA_FUNCTIONS` (`:`-separated) is served unchanged at `POST /api/functions/<folder name>`, as
 * CloudBase runs it:
 *
 * - its database answers from the runtime's engine, whichever SDK it uses (`@cloudbase/node-sdk`,
 *   `wx-server-sdk`, `tcb-admin-node`): every copy of `@cloudbase/database` loaded anywhere is hooked as it
 *   loads (`Module._load`), and routed per invocation;
 * - the caller is the dev sign-in's identity: in the context's `environment` (node-sdk's
 *   `getCloudbaseContext(context)`), in `process.env` as CloudBase sets it (`getWXContext()`,
 *   `auth().getUserInfo()`), and as `event.userInfo`; each invocation sees its own through an
 *   AsyncLocalStorage behind `process.env`, so concurrent calls never see each other's;
 * - the folder is on the module path (CloudBase's NODE_PATH has the function's root), for its own modules;
 * - CloudBase's default timeout, 3 s, or `timeout` (seconds) from the folder's `config.json`;
 * - the timer triggers in its `config.json` fire on their schedule.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import Module from 'node:module';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { Cron } from 'croner';
import type { Engine } from './db/engine';
import { installLocalRequestClass, routeUnmarkedDatabases } from './db/request';
import { LOCAL_APPID, type Identity } from './runtime';
import { toCroner } from './timers';

/** CloudBase's default function timeout. */
export const DEFAULT_TIMEOUT_S = 3;

/** CloudBase's error codes for a function that threw and one that ran out of time. */
const EXECUTE_FAIL = -504002;
const TIME_LIMIT_EXCEEDED = -504003;

interface Trigger {
  name: string;
  type: string;
  config: string;
}

interface Invocation {
  env: Record<string, string>;
  engine: Engine;
}

type Main = (event: unknown, context: unknown) => unknown;

export interface ExtraFunction {
  name: string;
  dir: string;
  timeoutS: number;
  triggers: Trigger[];
}

export interface ExtraResult {
  status: number;
  body: unknown;
}

const invocations = new AsyncLocalStorage<Invocation>();
/** Real folders of the functions loaded, for the module path; and the engine answering outside an invocation. */
const roots: string[] = [];
let lastEngine: Engine | null = null;
/** Every copy of `@cloudbase/database` loaded since the hooks went in (entry files), each answering locally. */
const databaseCopies = new Set<string>();

export const hookedDatabaseCopies = (): string[] => [...databaseCopies];
let hooked = false;

/** Variables every invocation sees (CloudBase sets these in a function's environment). */
function baseEnv(name: string, timeoutS: number): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'local',
    SCF_FUNCTIONNAME: name,
    TCB_ENV: 'local',
    TCB_SEQID: '',
    SCF_FUNCTIONVERSION: '$LATEST',
    SCF_FUNCTION_TIMEOUT: String(timeoutS),
  };
}

/**
 * process.env, answering from the current invocation's variables first; writes go to the real environment.
 * The process object is Node's own (a test runner may give its module a copy; the functions see Node's).
 */
function scopeProcessEnv(): void {
  const nodeProcess = nodeModule()._load('node:process', null, false) as NodeJS.Process;
  const real = nodeProcess.env;
  const own = (k: string | symbol) => {
    const store = invocations.getStore();
    return store && typeof k === 'string' && Object.prototype.hasOwnProperty.call(store.env, k) ? store.env : undefined;
  };
  nodeProcess.env = new Proxy(real, {
    get: (t, k) => (own(k) ? own(k)![k as string] : Reflect.get(t, k)),
    has: (t, k) => Boolean(own(k)) || Reflect.has(t, k),
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...Object.keys(invocations.getStore()?.env ?? {})])],
    getOwnPropertyDescriptor: (t, k) => {
      const env = own(k);
      return env
        ? { value: env[k as string], enumerable: true, configurable: true, writable: true }
        : Reflect.getOwnPropertyDescriptor(t, k);
    },
  });
}

/** The internals of Node's module loader that the hooks and the loader below use. */
interface ModuleLoader {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  _resolveFilename: (request: string, parent: { filename?: string } | null | undefined, ...rest: unknown[]) => string;
}

/**
 * Node's own Module class. A test runner may hand out a subclass with its statics copied (jest does, to give
 * its own `createRequire`); hooks set on that copy would never run, so walk up to the class Node uses.
 */
function nodeModule(): ModuleLoader {
  let M: object = Module;
  for (
    let up = Object.getPrototypeOf(M) as object;
    typeof (up as { _load?: unknown })._load === 'function';
    up = Object.getPrototypeOf(M) as object
  ) {
    M = up;
  }
  return M as ModuleLoader;
}

/** Hooks module loading once: every `@cloudbase/database` answers locally; a function's root is on its module path. */
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  scopeProcessEnv();
  routeUnmarkedDatabases(() => invocations.getStore()?.engine ?? lastEngine);
  const M = nodeModule();
  const load = M._load;
  M._load = function (request, parent, isMain) {
    const exports = load.call(this, request, parent, isMain) as { Db?: unknown } | undefined;
    if ((request === '@cloudbase/database' || request.startsWith('@cloudbase/database/')) && typeof exports?.Db === 'function') {
      installLocalRequestClass(exports.Db);
      databaseCopies.add(M._resolveFilename(request, parent as { filename?: string }));
    }
    return exports;
  };
  const resolveFilename = M._resolveFilename;
  M._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolveFilename.call(this, request, parent, ...rest);
    } catch (err) {
      const from = parent?.filename;
      const root = from ? roots.find((r) => from.startsWith(r + sep)) : undefined;
      if (!root || request.startsWith('.') || isAbsolute(request)) throw err;
      return resolveFilename.call(this, join(root, request), parent, ...rest);
    }
  };
}

/**
 * Loads a function the way Node does (`Module._load`, through the hooks above), never through a test
 * runner's module registry (jest hands out its own `require`, even from `createRequire`).
 */
function nodeRequire(dir: string): unknown {
  const M = nodeModule();
  return M._load(M._resolveFilename(dir, null), null, false);
}

/** An error's message, whichever realm made it (a function's modules are not the runtime's). */
const messageOf = (err: unknown): string =>
  err !== null && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string'
    ? (err as { message: string }).message
    : String(err);

function readConfigJson(dir: string): { timeout?: unknown; triggers?: unknown } {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { timeout?: unknown; triggers?: unknown };
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

/** Reads a function folder's settings; refuses what CloudBase would not deploy. */
export function describeFunction(folder: string): ExtraFunction {
  const dir = realpathSync(resolve(folder));
  if (!statSync(dir).isDirectory()) throw new Error(`${folder} is not a folder`);
  const name = basename(dir);
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(name)) throw new Error(`${name}: a CloudBase function name is letters, digits, - and _`);
  const config = readConfigJson(dir);
  const timeoutS = config.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(config.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 900) throw new Error(`${name}: timeout must be 1-900 seconds`);
  const triggers = Array.isArray(config.triggers) ? (config.triggers as Trigger[]) : [];
  for (const t of triggers) {
    if (t.type === 'timer') toCroner(t.config);
  }
  return { name, dir, timeoutS, triggers };
}

/** The environment of one invocation: a client's (identity) or a timer's. */
function invocationEnv(fn: ExtraFunction, identity: Identity | null, trigger: boolean): Record<string, string> {
  const env = baseEnv(fn.name, fn.timeoutS);
  if (trigger) return { ...env, TRIGGER_SRC: 'timer', TCB_SOURCE: 'timer' };
  if (!identity) return { ...env, TRIGGER_SRC: '', TCB_SOURCE: 'wx_client', WX_CONTEXT_KEYS: '' };
  return {
    ...env,
    TRIGGER_SRC: '',
    TCB_SOURCE: 'wx_client',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
    WX_OPENID: identity.openid,
    WX_APPID: identity.appid ?? LOCAL_APPID,
    WX_UNIONID: identity.unionid ?? '',
    WX_CLIENTIP: '127.0.0.1',
    WX_CLIENTIPV6: '::1',
  };
}

/** Loads the folders' functions into this process, answered by `engine`. */
export function loadExtraFunctions(folders: string[], engine: Engine, reserved: readonly string[] = []) {
  installHooks();
  lastEngine = engine;
  const fns = new Map<string, { fn: ExtraFunction; main: Main }>();
  for (const folder of folders) {
    const fn = describeFunction(folder);
    if (reserved.includes(fn.name) || fns.has(fn.name)) throw new Error(`${fn.name}: a function of that name is already served`);
    if (!roots.includes(fn.dir)) roots.push(fn.dir);
    const env = baseEnv(fn.name, fn.timeoutS);
    const mod = invocations.run({ env, engine }, () => nodeRequire(fn.dir) as { main?: unknown });
    if (typeof mod.main !== 'function') throw new Error(`${fn.name}: index.js exports no main function`);
    fns.set(fn.name, { fn, main: mod.main as Main });
  }

  async function run(name: string, event: unknown, env: Record<string, string>): Promise<ExtraResult> {
    const entry = fns.get(name)!;
    const context = {
      environment: JSON.stringify(env),
      request_id: randomUUID(),
      function_name: name,
      function_version: '$LATEST',
      namespace: 'local',
      memory_limit_in_mb: 256,
      time_limit_in_ms: entry.fn.timeoutS * 1000,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ExtraResult>((done) => {
      timer = setTimeout(
        () =>
          done({
            status: 504,
            body: { errCode: TIME_LIMIT_EXCEEDED, errMsg: `Invoking task timed out after ${entry.fn.timeoutS} seconds` },
          }),
        entry.fn.timeoutS * 1000,
      );
    });
    const call = invocations
      .run({ env, engine }, async () => entry.main(event, context))
      .then(
        (result): ExtraResult => ({ status: 200, body: result ?? null }),
        (err: unknown): ExtraResult => ({
          status: 500,
          body: { errCode: EXECUTE_FAIL, errMsg: `Invoking task failed: ${messageOf(err)}` },
        }),
      );
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    names: () => [...fns.keys()],
    has: (name: string) => fns.has(name),
    /** A client's call: the event is the body, with `userInfo` as the platform adds it for a signed-in caller. */
    invoke(name: string, data: unknown, identity: Identity | null): Promise<ExtraResult> {
      const entry = fns.get(name)!;
      const event =
        identity && data !== null && typeof data === 'object' && !Array.isArray(data)
          ? { ...data, userInfo: { appId: identity.appid ?? LOCAL_APPID, openId: identity.openid } }
          : data;
      return run(name, event, invocationEnv(entry.fn, identity, false));
    },
    /** A timer trigger's call, as CloudBase makes it. */
    fireTimer(name: string, trigger: string): Promise<ExtraResult> {
      const entry = fns.get(name)!;
      return run(name, { Type: 'Timer', TriggerName: trigger, Time: new Date().toISOString() }, invocationEnv(entry.fn, null, true));
    },
    /** Starts every timer trigger (Beijing time, as CloudBase). */
    startTimers(onResult: (name: string, trigger: string, res: ExtraResult) => void): { stop: () => void; jobs: Cron[] } {
      const jobs = [...fns.values()].flatMap(({ fn }) =>
        fn.triggers
          .filter((t) => t.type === 'timer')
          .map(
            (t) =>
              new Cron(toCroner(t.config), { timezone: 'Asia/Shanghai', protect: true, catch: true }, async () =>
                onResult(fn.name, t.name, await this.fireTimer(fn.name, t.name)),
              ),
          ),
      );
      return { jobs, stop: () => jobs.forEach((j) => j.stop()) };
    },
  };
}

export type ExtraFunctions = ReturnType<typeof loadExtraFunctions>;
