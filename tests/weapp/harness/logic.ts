import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import vm from 'node:vm';
import { DIST, packageOf, type AppJson } from './dist';

/**
 * The Node process itself: under jest, `process` (even imported) is the test sandbox's stand-in, and
 * rejections of the mini program's promises are only reported to the real one.
 */
const nodeProcess = vm.runInThisContext('process') as NodeJS.Process;

/**
 * WeChat's logic layer wraps every file in a function whose parameters shadow the browser globals a
 * mini program must not use: inside it they are `undefined` (not a ReferenceError), exactly as here.
 */
const SHADOWED = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
];

export interface ScriptError {
  where: string;
  message: string;
  stack?: string;
}

type Fn = (...args: unknown[]) => unknown;
type Config = Record<string, unknown>;

export interface LogicHooks {
  /** A page or component called setData: apply it to the view. */
  onSetData(owner: Instance, payloadBytes: number): void;
}

/** A page or component instance as WeChat gives it to the app's code (`this`). */
export class Instance {
  data: Record<string, unknown>;
  readonly kind: 'page' | 'component';
  /** For pages: the route; for components: the component's path. */
  readonly is: string;
  readonly target: Record<string, unknown>;
  constructor(
    readonly layer: LogicLayer,
    kind: 'page' | 'component',
    is: string,
    config: Config,
    readonly id: string,
  ) {
    this.kind = kind;
    this.is = is;
    this.data = layer.clone((config['data'] as Record<string, unknown>) ?? {});
    // The object the app's code sees as `this`, created in the sandbox's realm.
    this.target = layer.newObject();
    const target = this.target;
    const methods = kind === 'page' ? config : ((config['methods'] as Config | undefined) ?? {});
    for (const [key, value] of Object.entries(methods)) {
      if (typeof value === 'function') target[key] = value;
      else if (kind === 'page' && key !== 'data') target[key] = value;
    }
    Object.defineProperty(target, 'data', { get: () => this.data, enumerable: true, configurable: true });
    target['setData'] = (payload: Record<string, unknown>, callback?: () => void) => this.setData(payload, callback);
    target['is'] = is;
    target['route'] = kind === 'page' ? is : undefined;
    target['__route__'] = target['route'];
    target['__wxExparserNodeId__'] = id;
    target['__wxWebviewId__'] = layer.webviewId;
    target['getPageId'] = () => `pageId:${layer.webviewId}`;
    target['selectComponent'] = () => null;
    target['selectAllComponents'] = () => layer.newArray();
    target['createIntersectionObserver'] = () => layer.toSandbox({});
    target['getOpenerEventChannel'] = () => layer.toSandbox({});
    target['setUpdatePerformanceListener'] = () => undefined;
  }

  setData(payload: Record<string, unknown>, callback?: () => void): void {
    const json = JSON.stringify(payload ?? {});
    const bytes = Buffer.byteLength(json, 'utf8');
    // WeChat serialises the payload to send it to the view layer; so do we.
    const copy = JSON.parse(json) as Record<string, unknown>;
    for (const [path, value] of Object.entries(copy)) setPath(this.data, path, value);
    this.layer.hooks.onSetData(this, bytes);
    if (callback) this.layer.later(() => callback.call(this.target), 'setData callback');
  }

  call(name: string, ...args: unknown[]): unknown {
    const fn = this.target[name];
    if (typeof fn !== 'function') return undefined;
    return this.layer.guard(`${this.is}.${name}`, () => (fn as Fn).apply(this.target, args));
  }
}

/** Splits a WeChat data path (`root.cn.[0].v`, `list[2].name`) into keys. */
export function parsePath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /\.?\[(\d+)\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) keys.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return keys;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = parsePath(path);
  let cur: Record<string | number, unknown> = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      cur[key] = value;
      return;
    }
    const next = cur[key];
    if (typeof next !== 'object' || next === null) cur[key] = typeof keys[i + 1] === 'number' ? [] : {};
    cur = cur[key] as Record<string | number, unknown>;
  });
}

/**
 * The logic layer: a V8 context with only ECMAScript built-ins plus what WeChat gives mini-program
 * code — `wx`, `App`, `Page`, `Component`, `Behavior`, `getApp`, `getCurrentPages`, `require`,
 * `requirePlugin`, timers and `console` — running the compiled files of dist/weapp.
 */
export class LogicLayer {
  readonly context: vm.Context;
  readonly errors: ScriptError[] = [];
  readonly warnings: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly pages = new Map<string, Config>();
  readonly components = new Map<string, Config>();
  appConfig: Config | null = null;
  appTarget: Record<string, unknown> | null = null;
  readonly stack: Instance[] = [];
  readonly webviewId = 1;
  /** Host work the app is waiting for (API calls, callbacks, short timers). */
  pending = 0;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly timers = new Map<number, { handle: NodeJS.Timeout; interval: boolean; short: boolean }>();
  private nextTimer = 1;
  private currentRoute = '';
  private tapDepth = 0;
  private readonly json: { parse(s: string): unknown };
  private readonly rejectionListener: (reason: unknown, promise: Promise<unknown>) => void;
  private readonly SandboxPromise: PromiseConstructor;

  constructor(
    readonly app: AppJson,
    readonly hooks: LogicHooks,
    wx: Record<string, unknown>,
  ) {
    const sandboxConsole = {
      log: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: (...args: unknown[]) => void this.warnings.push(args.map(String).join(' ')),
      error: (...args: unknown[]) => void this.consoleErrors.push(args.map(describe).join(' ')),
      group: () => undefined,
      groupEnd: () => undefined,
      time: () => undefined,
      timeEnd: () => undefined,
      trace: () => undefined,
    };
    this.context = vm.createContext({}, { name: 'weapp logic layer', codeGeneration: { strings: true, wasm: false } });
    this.json = vm.runInContext('JSON', this.context) as { parse(s: string): unknown };
    this.SandboxPromise = vm.runInContext('Promise', this.context) as PromiseConstructor;
    const g = this.context as Record<string, unknown>;
    g['console'] = this.toSandbox({});
    Object.assign(g['console'] as object, sandboxConsole);
    g['wx'] = wx;
    g['setTimeout'] = (fn: Fn, ms = 0, ...args: unknown[]) => this.setTimer(fn, ms, false, args);
    g['setInterval'] = (fn: Fn, ms = 0, ...args: unknown[]) => this.setTimer(fn, ms, true, args);
    g['clearTimeout'] = (id: number) => this.clearTimer(id);
    g['clearInterval'] = (id: number) => this.clearTimer(id);
    g['App'] = (config: Config) => {
      this.appConfig = config;
    };
    g['Page'] = (config: Config) => {
      if (!this.currentRoute) throw new Error('Page() called outside a page file');
      this.pages.set(this.currentRoute, config);
    };
    g['Component'] = (config: Config) => {
      if (!this.currentRoute) throw new Error('Component() called outside a component file');
      this.components.set(this.currentRoute, config);
    };
    g['Behavior'] = (config: Config) => config;
    g['getApp'] = () => this.appTarget;
    g['getCurrentPages'] = () => {
      const list = this.newArray();
      for (const page of this.stack) list.push(page.target);
      return list;
    };
    g['requirePlugin'] = (name: string) => {
      throw new Error(`plugin ${name} is not declared`);
    };
    this.rejectionListener = (reason, promise) => {
      if (promise instanceof this.SandboxPromise) this.errors.push({ where: 'unhandled rejection', ...errorInfo(reason) });
    };
    nodeProcess.on('unhandledRejection', this.rejectionListener);
  }

  dispose(): void {
    for (const { handle, interval } of this.timers.values()) (interval ? clearInterval : clearTimeout)(handle);
    this.timers.clear();
    nodeProcess.off('unhandledRejection', this.rejectionListener);
  }

  // ---- crossing the bridge ----

  toSandbox<T>(value: T): T {
    return value === undefined ? value : (this.json.parse(JSON.stringify(value)) as T);
  }

  clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
  }

  newObject(): Record<string, unknown> {
    return vm.runInContext('({})', this.context) as Record<string, unknown>;
  }

  newArray(): unknown[] {
    return vm.runInContext('[]', this.context) as unknown[];
  }

  promise<T>(executor: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
    return new this.SandboxPromise<T>(executor);
  }

  // ---- running the app's code ----

  /** Runs app code, recording what it throws as WeChat would report it (App.onError / console). */
  guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.errors.push({ where, ...errorInfo(e) });
      return undefined;
    }
  }

  later(fn: () => void, where = 'callback'): void {
    this.pending += 1;
    setTimeout(() => {
      this.pending -= 1;
      this.guard(where, fn);
    }, 0);
  }

  inTap(): boolean {
    return this.tapDepth > 0;
  }

  /** Dispatches a user gesture synchronously, as WeChat does; APIs called meanwhile count as "in the tap". */
  gesture<T>(fn: () => T): T | undefined {
    this.tapDepth += 1;
    try {
      return this.guard('event handler', fn);
    } finally {
      this.tapDepth -= 1;
    }
  }

  private setTimer(fn: Fn, ms: number, interval: boolean, args: unknown[]): number {
    if (typeof fn !== 'function') throw new TypeError('setTimeout/setInterval expects a function');
    const id = this.nextTimer++;
    // Short timers are work the app is about to do (React's scheduler); intervals are clocks.
    const short = !interval && ms <= 100;
    if (short) this.pending += 1;
    const run = () => {
      if (!interval) {
        this.timers.delete(id);
        if (short) this.pending -= 1;
      }
      this.guard(interval ? 'setInterval callback' : 'setTimeout callback', () => fn(...args));
    };
    const handle = interval ? setInterval(run, Math.max(ms, 1)) : setTimeout(run, ms);
    this.timers.set(id, { handle, interval, short });
    return id;
  }

  private clearTimer(id: number): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    (timer.interval ? clearInterval : clearTimeout)(timer.handle);
    if (timer.short) this.pending -= 1;
    this.timers.delete(id);
  }

  /** WeChat's per-file require: relative to the requiring file, `.js` optional, never across subpackages. */
  require(file: string, from = ''): unknown {
    const path = resolveModule(file, from);
    const cached = this.modules.get(path);
    if (cached) return cached.exports;
    const full = join(DIST, path);
    if (!existsSync(full)) throw new Error(`module "${path}" is not defined (required from ${from || 'WeChat'})`);
    const fromPackage = from ? packageOf(from, this.app) : '';
    const toPackage = packageOf(path, this.app);
    if (toPackage && toPackage !== fromPackage && from) {
      throw new Error(`module "${path}" is in subpackage ${toPackage}; ${from} cannot require it`);
    }
    const module = { exports: this.newObject() as unknown };
    this.modules.set(path, module);
    const source = readFileSync(full, 'utf8');
    const wrapped = vm.runInContext(`(function (require, module, exports, ${SHADOWED.join(', ')}) {${source}\n})`, this.context, {
      filename: `weapp://${path}`,
    }) as Fn;
    const localRequire = (p: string) => this.require(p, path);
    wrapped.call(this.newObject(), localRequire, module, module.exports);
    return module.exports;
  }

  /** Loads a page's or component's file with WeChat's notion of "the route being defined". */
  define(path: string): void {
    const previous = this.currentRoute;
    this.currentRoute = path;
    try {
      this.require(`${path}.js`);
    } finally {
      this.currentRoute = previous;
    }
  }

  launch(options: unknown): void {
    this.define('app');
    if (!this.appConfig) throw new Error('app.js did not call App()');
    const target = this.newObject();
    for (const [key, value] of Object.entries(this.appConfig)) target[key] = value;
    this.appTarget = target;
    const onLaunch = target['onLaunch'];
    if (typeof onLaunch === 'function') this.guard('App.onLaunch', () => (onLaunch as Fn).call(target, this.toSandbox(options)));
    const onShow = target['onShow'];
    if (typeof onShow === 'function') this.guard('App.onShow', () => (onShow as Fn).call(target, this.toSandbox(options)));
  }

  pageConfig(route: string): Config {
    if (!this.pages.has(route)) {
      this.guard(`load ${route}`, () => this.define(route));
    }
    const config = this.pages.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    return config;
  }

  componentConfig(path: string): Config {
    if (!this.components.has(path)) this.guard(`load ${path}`, () => this.define(path));
    const config = this.components.get(path);
    if (!config) throw new Error(`${path}.js did not call Component()`);
    return config;
  }
}

function resolveModule(file: string, from: string): string {
  let path = file.startsWith('/') ? file.slice(1) : from ? posix.join(posix.dirname(from), file) : file;
  path = posix.normalize(path);
  return path.endsWith('.js') ? path : `${path}.js`;
}

function errorInfo(e: unknown): { message: string; stack?: string } {
  if (e && typeof e === 'object' && 'message' in e) {
    const err = e as { message: unknown; stack?: unknown; name?: unknown };
    return {
      message: `${String(err.name ?? 'Error')}: ${String(err.message)}`,
      stack: typeof err.stack === 'string' ? err.stack : undefined,
    };
  }
  return { message: describe(e) };
}

function describe(value: unknown): string {
  if (value && typeof value === 'object' && 'message' in value) return String((value as { message: unknown }).message);
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
