import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Runtime } from '../../../local/runtime';
import { appJson, allPages, DIST, requireDist, usingComponents, type AppJson } from './dist';
import { Instance, LogicLayer } from './logic';
import { contentOf, datasetOf, findAll, textOf, ViewLayer, walk, type ViewNode } from './view';
import { createWx, type NavigateRequest, type WxStandIn } from './wx';

export interface Entry {
  path: string;
  query: Record<string, string>;
  /** WeChat's scene value: 1001 (发现栏), 1044 (a shared card with shareTicket), 1047 (scanned code)… */
  scene: number;
  shareTicket?: string;
}

export interface MiniProgramOptions {
  runtime: Runtime;
  /** Who WeChat says the user is; the cloud calls carry it, never the app. */
  openid: string;
  entry?: Partial<Entry>;
  /** The CloudID WeChat gives for the group the app was opened from (getGroupEnterInfo). */
  groupCloudID?: string | null;
  location?: { latitude: number; longitude: number } | null;
  scanResult?: string | null;
  /** What the user answers to showModal. */
  confirms?: boolean;
  /** WeChat's font size setting in px (16 standard). */
  fontSizeSetting?: number;
  /** The phone's storage for this mini program: pass the same map to launch again on the same phone. */
  storage?: Map<string, unknown>;
  /** Which item of an action sheet the user taps (index); without it they cancel. */
  actionSheet?: number;
}

export interface SetDataRecord {
  owner: string;
  bytes: number;
}

const WX_SETDATA_LIMIT = 256 * 1024;

/** A canvas as a 2D canvas node reports it: records what is drawn on it. */
export interface CanvasStub {
  width: number;
  height: number;
  ops: { op: string; args: unknown[]; fillStyle?: string }[];
}

interface ComponentState {
  instance: Instance;
  path: string;
  config: Record<string, unknown>;
  props: Record<string, unknown>;
  node?: ViewNode;
  canvases: Map<string, CanvasStub>;
}

/**
 * The compiled mini program (dist/weapp) run as WeChat runs it, for one user: the logic layer in a
 * context with only WeChat's globals, cloud calls answered in-process by the local CloudBase runtime
 * as this user, and every update rendered through WeChat's own compiled templates.
 */
export class MiniProgram {
  readonly app: AppJson;
  readonly logic: LogicLayer;
  readonly view: ViewLayer;
  readonly wx: WxStandIn;
  readonly setDataLog: SetDataRecord[] = [];
  readonly navigations: NavigateRequest[] = [];
  /** Navigations WeChat would refuse (no such page, a tab page by navigateTo…), with its errMsg. */
  readonly navigationErrors: string[] = [];
  readonly cloudCalls: { name: string; action: string; ok: boolean; beforeInit: boolean }[] = [];
  private readonly components = new Map<string, ComponentState>();
  private renderScheduled = false;
  private inflight = 0;
  private entry: Entry;

  constructor(readonly options: MiniProgramOptions) {
    requireDist();
    this.app = appJson();
    this.entry = { path: this.app.pages[0]!, query: {}, scene: 1001, ...options.entry };
    this.view = new ViewLayer();
    const baseLibVersion =
      (JSON.parse(readFileSync(join(DIST, 'project.config.json'), 'utf8')) as { libVersion?: string }).libVersion ?? '3.0.0';
    const wx: Record<string, unknown> = {};
    const logic = new LogicLayer(this.app, { onSetData: (owner, bytes) => this.onSetData(owner, bytes) }, wx);
    this.logic = logic;
    this.wx = createWx({
      toSandbox: (v) => logic.toSandbox(v),
      fromSandbox: (v) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown)),
      promise: (executor) => logic.promise(executor),
      later: (fn) => logic.later(fn, 'API callback'),
      inTap: () => logic.inTap(),
      callFunction: (name, data) => this.callFunction(name, data),
      uploadFile: async (cloudPath) => {
        const res = await options.runtime.platform.storage().uploadFile({ cloudPath, fileContent: Buffer.from('harness') });
        return res.fileID;
      },
      navigate: (request) => this.navigate(request),
      entry: () => this.entry,
      groupCloudID: () => options.groupCloudID ?? null,
      location: () => options.location ?? null,
      scanResult: () => options.scanResult ?? null,
      modalConfirms: () => options.confirms ?? true,
      baseLibVersion,
      fontSizeSetting: options.fontSizeSetting,
      storage: options.storage,
      actionSheetChoice: () => options.actionSheet ?? null,
    });
    Object.assign(wx, this.wx.wx);
  }

  // ---- what the harness asserts on ----

  get errors() {
    return this.logic.errors;
  }

  /** Template warnings of the view layer ("Template `tmpl_0_i` not found") and console.warn of the app. */
  get templateWarnings(): string[] {
    return this.view.warnings.filter((w) => /WXMLRT|Template|not found/.test(w));
  }

  get privacyHookRegistered(): boolean {
    return this.wx.calls.some((c) => c.api === 'onNeedPrivacyAuthorization');
  }

  get maxSetDataBytes(): number {
    return Math.max(0, ...this.setDataLog.map((s) => s.bytes));
  }

  get oversizedSetData(): SetDataRecord[] {
    return this.setDataLog.filter((s) => s.bytes > WX_SETDATA_LIMIT);
  }

  calls(api: string) {
    return this.wx.calls.filter((c) => c.api === api);
  }

  // ---- lifecycle ----

  /** Starts the app as WeChat does: app.js, App.onLaunch/onShow, then the entry page. */
  async launch(entry?: Partial<Entry>): Promise<Instance> {
    if (entry) this.entry = { ...this.entry, ...entry };
    const options = {
      path: this.entry.path,
      query: this.entry.query,
      scene: this.entry.scene,
      shareTicket: this.entry.shareTicket,
      referrerInfo: {},
    };
    this.logic.guard('launch', () => this.logic.launch(options));
    const page = this.openPage(this.entry.path, this.entry.query);
    await this.settle();
    return page;
  }

  /** The page on top of the stack. */
  get page(): Instance {
    const top = this.logic.stack[this.logic.stack.length - 1];
    if (!top) throw new Error('no page is open');
    return top;
  }

  /** Opens a page on top of the stack (navigateTo), as WeChat does: onLoad(query), onShow, first render, onReady. */
  openPage(route: string, query: Record<string, string> = {}): Instance {
    const previous = this.logic.stack[this.logic.stack.length - 1];
    if (previous) previous.call('onHide');
    const config = this.logic.pageConfig(route);
    const page = new Instance(this.logic, 'page', route, config, `page-${this.logic.stack.length + 1}`);
    page.target['options'] = this.logic.toSandbox(query);
    this.logic.stack.push(page);
    page.call('onLoad', this.logic.toSandbox(query));
    page.call('onShow');
    this.renderNow();
    // WeChat calls onReady once the first render reached the view.
    this.logic.later(() => page.call('onReady'), 'onReady');
    return page;
  }

  /** Closes a page (navigateBack when it is on top): WeChat unloads it, and the page now on top is shown again (onShow). */
  closePage(page: Instance): void {
    const index = this.logic.stack.indexOf(page);
    if (index < 0) return;
    const wasTop = index === this.logic.stack.length - 1;
    page.call('onUnload');
    this.logic.stack.splice(index, 1);
    for (const [key, state] of this.components) {
      if (key.startsWith(`${page.id}>`)) {
        this.lifetime(state, 'detached');
        this.components.delete(key);
      }
    }
    const below = this.logic.stack[this.logic.stack.length - 1];
    if (wasTop && below) {
      below.call('onShow');
      this.renderNow();
    }
  }

  /** WeChat's navigation rules: the target must be a page of app.json; tab pages only by switchTab/reLaunch. */
  private navigate(request: NavigateRequest): string | null {
    this.navigations.push(request);
    const error = this.checkNavigation(request);
    if (error) this.navigationErrors.push(`${request.kind} ${request.url}: ${error}`);
    return error;
  }

  private checkNavigation(request: NavigateRequest): string | null {
    if (request.kind === 'navigateBack') {
      const delta = Math.max(1, request.delta ?? 1);
      this.logic.later(() => {
        for (let i = 0; i < delta && this.logic.stack.length > 1; i += 1) this.closePage(this.page);
        this.page.call('onShow');
        this.scheduleRender();
      }, 'navigateBack');
      return null;
    }
    const [rawPath = '', search = ''] = request.url.split('?');
    const current = this.logic.stack[this.logic.stack.length - 1]?.is ?? '';
    const route = posix.normalize(rawPath.startsWith('/') ? rawPath.slice(1) : posix.join(posix.dirname(current), rawPath));
    if (!allPages(this.app).includes(route)) return `page "${route}" is not found`;
    const isTab = (this.app.tabBar?.list ?? []).some((t) => t.pagePath === route);
    if (isTab && (request.kind === 'navigateTo' || request.kind === 'redirectTo')) return `can not ${request.kind} a tabbar page`;
    if (!isTab && request.kind === 'switchTab') return `can not switch to no-tabBar page`;
    // WeChat keeps at most ten pages on the stack.
    if (request.kind === 'navigateTo' && this.logic.stack.length >= 10) return 'webview count limit exceed';
    const query = Object.fromEntries(new URLSearchParams(search));
    this.logic.later(() => {
      if (request.kind === 'redirectTo' && this.logic.stack.length) this.closePage(this.page);
      if (request.kind === 'reLaunch' || request.kind === 'switchTab') while (this.logic.stack.length) this.closePage(this.page);
      this.openPage(route, query);
    }, request.kind);
    return null;
  }

  // ---- the cloud ----

  private async callFunction(name: string, data: unknown): Promise<unknown> {
    const action = String((data as { action?: unknown } | null)?.action ?? '');
    // Without wx.cloud.init there is no environment to call: WeChat fails the call before it leaves the phone.
    if (this.wx.cloudInits.length === 0) {
      this.cloudCalls.push({ name, action, ok: false, beforeInit: true });
      throw new Error('cloud.callFunction:fail please call wx.cloud.init first');
    }
    this.inflight += 1;
    try {
      const result = await this.options.runtime.invoke(name, data, { openid: this.options.openid });
      this.cloudCalls.push({ name, action, ok: result.ok, beforeInit: false });
      return result;
    } finally {
      this.inflight -= 1;
    }
  }

  // ---- rendering ----

  private onSetData(owner: Instance, bytes: number): void {
    this.setDataLog.push({ owner: owner.is, bytes });
    this.scheduleRender();
  }

  private scheduleRender(): void {
    if (this.renderScheduled) return;
    this.renderScheduled = true;
    setImmediate(() => {
      this.renderScheduled = false;
      this.renderNow();
    });
  }

  /** Renders the top page (and the custom components inside it) from its current data. */
  renderNow(): ViewNode | null {
    const page = this.logic.stack[this.logic.stack.length - 1];
    if (!page) return null;
    const tree = this.view.render(page.is, page.data);
    this.expand(tree, page.is, page, page.id);
    return tree;
  }

  /** Replaces each custom-component node by its own rendered template, instantiating the component once. */
  private expand(root: ViewNode, ownerPath: string, owner: Instance, ownerKey: string): void {
    const using = usingComponents(ownerPath, this.app);
    const seen = new Set<string>();
    let index = 0;
    walk(root, (node) => {
      node.owner = owner;
      index += 1;
      const tag = node.tag.replace(/^wx-/, '');
      const path = using[tag];
      if (!path || node.component) return;
      const id = typeof node.attr['id'] === 'string' && node.attr['id'] ? node.attr['id'] : `#${index}`;
      const key = `${ownerKey}>${tag}:${id}`;
      seen.add(key);
      let state = this.components.get(key);
      if (!state) {
        state = this.createComponent(path, key);
        this.components.set(key, state);
        state.node = node;
        this.setProperties(state, node.attr, true);
        this.lifetime(state, 'attached');
        const created = state;
        this.logic.later(() => this.lifetime(created, 'ready'), 'ready');
      } else {
        state.node = node;
        this.setProperties(state, node.attr, false);
      }
      const light = node.children;
      const shadow = this.view.render(path, state.instance.data);
      this.expand(shadow, path, state.instance, key);
      const children: (ViewNode | string)[] = [];
      for (const child of shadow.children) {
        if (typeof child !== 'string' && child.tag === 'wx-slot') children.push(...light);
        else children.push(child);
      }
      for (const child of children) if (typeof child !== 'string') child.parent = node;
      node.children = children;
      node.component = state.instance;
    });
    for (const [key, state] of this.components) {
      if (key.startsWith(`${ownerKey}>`) && !key.slice(ownerKey.length + 1).includes('>') && !seen.has(key)) {
        this.lifetime(state, 'detached');
        this.components.delete(key);
      }
    }
  }

  private createComponent(path: string, key: string): ComponentState {
    const config = this.logic.componentConfig(path);
    const properties = (config['properties'] as Record<string, unknown> | undefined) ?? {};
    const defaults: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(properties)) defaults[name] = propertyDefault(def);
    const instance = new Instance(
      this.logic,
      'component',
      path,
      { ...config, data: { ...defaults, ...((config['data'] as object) ?? {}) } },
      key,
    );
    const state: ComponentState = { instance, path, config, props: {}, canvases: new Map() };
    const target = instance.target;
    Object.defineProperty(target, 'properties', { get: () => instance.data, enumerable: true, configurable: true });
    target['triggerEvent'] = (name: string, detail: unknown) => this.triggerEvent(state, name, detail);
    target['createSelectorQuery'] = () => this.selectorQuery(state);
    // Component setData also runs the data observers for the keys it sets.
    const setData = instance.setData.bind(instance);
    instance.setData = (payload, callback) => {
      setData(payload, callback);
      this.observe(state, Object.keys(payload ?? {}));
    };
    target['setData'] = (payload: Record<string, unknown>, callback?: () => void) => instance.setData(payload, callback);
    this.lifetime(state, 'created');
    return state;
  }

  private lifetime(state: ComponentState, name: 'created' | 'attached' | 'ready' | 'detached'): void {
    const lifetimes = (state.config['lifetimes'] as Record<string, unknown> | undefined) ?? {};
    const fn = lifetimes[name] ?? state.config[name];
    if (typeof fn === 'function')
      this.logic.guard(`${state.path}.${name}`, () => (fn as (this: unknown) => unknown).call(state.instance.target));
  }

  private setProperties(state: ComponentState, attr: Record<string, unknown>, initial: boolean): void {
    const properties = (state.config['properties'] as Record<string, unknown> | undefined) ?? {};
    const changed: string[] = [];
    for (const [name, def] of Object.entries(properties)) {
      const hyphen = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const raw = name in attr ? attr[name] : hyphen in attr ? attr[hyphen] : undefined;
      if (raw === undefined) continue;
      const value = coerce(def, raw);
      if (JSON.stringify(state.props[name]) === JSON.stringify(value)) continue;
      state.props[name] = value;
      state.instance.data[name] = JSON.parse(JSON.stringify(value ?? null)) as unknown;
      changed.push(name);
    }
    if (changed.length) {
      this.observe(state, changed);
      if (!initial) this.scheduleRender();
    }
  }

  private observe(state: ComponentState, keys: string[]): void {
    const observers = (state.config['observers'] as Record<string, unknown> | undefined) ?? {};
    for (const [fields, fn] of Object.entries(observers)) {
      const watched = fields.split(',').map((f) => f.trim());
      if (typeof fn !== 'function') continue;
      if (!watched.some((w) => w === '**' || keys.some((k) => k === w || k.startsWith(`${w}.`) || k.startsWith(`${w}[`)))) continue;
      const args = watched.map((w) => state.instance.data[w.split(/[.[]/)[0]!]);
      this.logic.guard(`${state.path} observer ${fields}`, () =>
        (fn as (...a: unknown[]) => unknown).apply(state.instance.target, this.logic.toSandbox(args)),
      );
    }
  }

  private triggerEvent(state: ComponentState, name: string, detail: unknown): void {
    const node = state.node;
    if (!node) return;
    const handler = node.attr[`bind${name}`] ?? node.attr[`bind:${name}`] ?? node.attr[`catch${name}`] ?? node.attr[`catch:${name}`];
    if (typeof handler !== 'string' || !(node.owner instanceof Instance)) return;
    const target = { id: String(node.attr['id'] ?? ''), dataset: datasetOf(node) };
    const owner = node.owner;
    // WeChat delivers a component's event to its owner synchronously, inside triggerEvent.
    owner.call(
      handler,
      this.logic.toSandbox({ type: name, timeStamp: Date.now(), detail: detail ?? {}, target, currentTarget: target, mark: {} }),
    );
  }

  /** `this.createSelectorQuery()` of a component: a 2D canvas node records what is drawn on it. */
  private selectorQuery(state: ComponentState): unknown {
    let selector = '';
    const query = {
      in: () => query,
      select: (s: string) => {
        selector = s;
        return field;
      },
    };
    const field = {
      fields: () => field,
      boundingClientRect: () => field,
      node: () => field,
      exec: (callback?: (res: unknown) => void) => {
        // Answered after the next render, as WeChat answers once the view has the nodes.
        this.logic.later(() => {
          this.renderNow();
          const found = state.node ? findAll(state.node, (n) => `#${String(n.attr['id'] ?? '')}` === selector)[0] : undefined;
          let result: unknown = null;
          if (found && found.tag === 'wx-canvas' && found.attr['type'] === '2d') {
            const canvas = state.canvases.get(selector) ?? { width: 300, height: 150, ops: [] };
            state.canvases.set(selector, canvas);
            result = { node: canvasNode(canvas), width: 300, height: 300 };
          } else if (found) {
            result = { id: found.attr['id'], dataset: datasetOf(found), width: 0, height: 0 };
          }
          callback?.([result]);
        }, 'selectorQuery.exec');
        return query;
      },
    };
    return query;
  }

  /** What was drawn on the 2D canvases of the components on the top page. */
  canvases(): CanvasStub[] {
    return this.componentCanvases().map((c) => c.canvas);
  }

  /** The same, with the id of each canvas node. */
  componentCanvases(): { id: string; canvas: CanvasStub }[] {
    const page = this.page;
    return [...this.components.entries()]
      .filter(([key]) => key.startsWith(`${page.id}>`))
      .flatMap(([, s]) => [...s.canvases.entries()].map(([selector, canvas]) => ({ id: selector.replace(/^#/, ''), canvas })));
  }

  // ---- waiting and looking ----

  /**
   * Waits until the app has nothing left to do: no cloud call, callback, short timer or render pending. The limit
   * only catches an app that never settles: on a loaded machine (a fresh clone's first run, next to the e2e
   * browsers) a page's first launch took over 15 s once, with its work still draining.
   */
  async settle(timeoutMs = 45_000): Promise<void> {
    const started = Date.now();
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((r) => setTimeout(r, 5));
      const busy = this.inflight > 0 || this.logic.pending > 0 || this.renderScheduled;
      quiet = busy ? 0 : quiet + 1;
      if (Date.now() - started > timeoutMs)
        throw new Error(`the app did not settle within ${timeoutMs} ms (inflight ${this.inflight}, pending ${this.logic.pending})`);
    }
    this.renderNow();
  }

  tree(): ViewNode {
    const tree = this.renderNow();
    if (!tree) throw new Error('no page is open');
    return tree;
  }

  text(): string {
    return textOf(this.tree());
  }

  /** The page's text and the values in its fields. */
  content(): string {
    return contentOf(this.tree());
  }

  byId(id: string): ViewNode | undefined {
    return findAll(this.tree(), (n) => n.attr['id'] === id)[0];
  }

  /** The innermost nodes whose text contains `text` (a button's label, a card's title). */
  byText(text: string | RegExp): ViewNode[] {
    const matches = findAll(this.tree(), (n) => (typeof text === 'string' ? textOf(n).includes(text) : text.test(textOf(n))));
    return matches.filter((n) => !matches.some((m) => m !== n && isAncestor(n, m)));
  }

  /**
   * What WeChat puts on the card when the page is shared (the share button or the ··· menu): the
   * page's onShareAppMessage answer. Null when the page cannot be shared.
   */
  share(): { title?: string; path?: string; imageUrl?: string } | null {
    if (typeof this.page.target['onShareAppMessage'] !== 'function') return null;
    const card = this.logic.gesture(() => this.page.call('onShareAppMessage', this.logic.toSandbox({ from: 'menu' })));
    return JSON.parse(JSON.stringify(card ?? {})) as { title?: string; path?: string; imageUrl?: string };
  }

  /** A tap on `node`, bubbling up through every bound ancestor as WeChat does (catch stops it). */
  async tap(node: ViewNode | undefined, what = 'node'): Promise<void> {
    if (!node) throw new Error(`nothing to tap: ${what} is not on the page. Page text: ${this.text().slice(0, 400)}`);
    const target = { id: String(node.attr['id'] ?? ''), dataset: datasetOf(node) };
    const handlers: { node: ViewNode; handler: string; stop: boolean }[] = [];
    for (let n: ViewNode | undefined = node; n; n = n.parent) {
      const bind = n.attr['bindtap'] ?? n.attr['bind:tap'];
      const catcher = n.attr['catchtap'] ?? n.attr['catch:tap'];
      const handler = catcher ?? bind;
      if (typeof handler === 'string' && handler) {
        handlers.push({ node: n, handler, stop: typeof catcher === 'string' });
        if (typeof catcher === 'string') break;
      }
    }
    if (!handlers.length) throw new Error(`${what} does not respond to taps`);
    this.logic.gesture(() => {
      for (const h of handlers) {
        const currentTarget = { id: String(h.node.attr['id'] ?? ''), dataset: datasetOf(h.node) };
        const event = {
          type: 'tap',
          timeStamp: Date.now(),
          target,
          currentTarget,
          detail: { x: 10, y: 10 },
          touches: [],
          changedTouches: [],
          mark: {},
        };
        if (h.node.owner instanceof Instance) h.node.owner.call(h.handler, this.logic.toSandbox(event));
      }
    });
    await this.settle();
  }

  /** Types `value` into an input or textarea, as the keyboard does: an input event, then blur. */
  async type(node: ViewNode | undefined, value: string, what = 'field'): Promise<void> {
    if (!node) throw new Error(`no ${what} on the page`);
    const field =
      node.tag === 'wx-input' || node.tag === 'wx-textarea'
        ? node
        : findAll(node, (n) => n.tag === 'wx-input' || n.tag === 'wx-textarea')[0];
    if (!field) throw new Error(`${what} has no input`);
    const target = { id: String(field.attr['id'] ?? ''), dataset: datasetOf(field) };
    for (const [type, detail] of [
      ['focus', { value: '', height: 0 }],
      ['input', { value, cursor: value.length, keyCode: 0 }],
      ['blur', { value }],
    ] as const) {
      const handler = field.attr[`bind${type}`] ?? field.attr[`bind:${type}`];
      if (typeof handler !== 'string' || !(field.owner instanceof Instance)) continue;
      const owner = field.owner;
      this.logic.gesture(() =>
        owner.call(handler, this.logic.toSandbox({ type, timeStamp: Date.now(), target, currentTarget: target, detail, mark: {} })),
      );
      await this.settle();
    }
  }

  /** Picks `value` in a picker (a date, a time, an index), as WeChat reports it when the user taps 确定: a change event. */
  async pick(node: ViewNode | undefined, value: string | number, what = 'picker'): Promise<void> {
    if (!node) throw new Error(`no ${what} on the page`);
    let picker: ViewNode | undefined = node;
    while (picker && picker.tag !== 'wx-picker') picker = picker.parent;
    picker ??= findAll(node, (n) => n.tag === 'wx-picker')[0];
    if (!picker) throw new Error(`${what} is not in a picker`);
    const handler = picker.attr['bindchange'] ?? picker.attr['bind:change'];
    if (typeof handler !== 'string' || !(picker.owner instanceof Instance)) throw new Error(`${what} does not respond to a change`);
    const target = { id: String(picker.attr['id'] ?? ''), dataset: datasetOf(picker) };
    const owner = picker.owner;
    this.logic.gesture(() =>
      owner.call(
        handler,
        this.logic.toSandbox({ type: 'change', timeStamp: Date.now(), target, currentTarget: target, detail: { value }, mark: {} }),
      ),
    );
    await this.settle();
  }

  dispose(): void {
    while (this.logic.stack.length) this.closePage(this.page);
    this.logic.dispose();
  }
}

function isAncestor(ancestor: ViewNode, node: ViewNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

function propertyDefault(def: unknown): unknown {
  if (def && typeof def === 'object' && 'value' in def) return (def as { value: unknown }).value;
  const type = def && typeof def === 'object' && 'type' in def ? (def as { type: unknown }).type : def;
  if (type === String) return '';
  if (type === Number) return 0;
  if (type === Boolean) return false;
  if (type === Array) return [];
  if (type === Object) return null;
  // Constructors of the sandbox's realm are not the host's: compare by name.
  const name = typeof type === 'function' ? (type as { name: string }).name : '';
  return { String: '', Number: 0, Boolean: false, Array: [], Object: null }[name] ?? null;
}

function coerce(def: unknown, raw: unknown): unknown {
  const type = def && typeof def === 'object' && 'type' in def ? (def as { type: unknown }).type : def;
  const name = typeof type === 'function' ? (type as { name: string }).name : '';
  if (name === 'Number') return Number(raw);
  if (name === 'String') return raw === null || raw === undefined ? '' : String(raw);
  if (name === 'Boolean') return Boolean(raw);
  return raw;
}

function canvasNode(canvas: CanvasStub): object {
  const record =
    (op: string) =>
    (...args: unknown[]) =>
      void canvas.ops.push({ op, args, fillStyle: String(context.fillStyle) });
  const context = {
    fillStyle: '#000',
    strokeStyle: '#000',
    fillRect: record('fillRect'),
    clearRect: record('clearRect'),
    strokeRect: record('strokeRect'),
    scale: record('scale'),
    fillText: record('fillText'),
    beginPath: record('beginPath'),
    fill: record('fill'),
    rect: record('rect'),
  };
  return {
    get width() {
      return canvas.width;
    },
    set width(v: number) {
      canvas.width = v;
    },
    get height() {
      return canvas.height;
    },
    set height(v: number) {
      canvas.height = v;
    },
    getContext: (kind: string) => (kind === '2d' ? context : null),
  };
}
