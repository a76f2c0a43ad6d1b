import { randomBytes } from 'node:crypto';
import { wxTypings } from './typings';

/** One call the mini program made to `wx`. */
export interface WxCall {
  api: string;
  /** The first argument as the app passed it (copied out of the sandbox). */
  args: unknown;
  /** Made synchronously inside a tap handler (WeChat requires that of requestSubscribeMessage and friends). */
  inTap: boolean;
}

export interface NavigateRequest {
  kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url: string;
  delta?: number;
}

/** What the wx stand-in needs from the harness around it. */
export interface WxHost {
  /** Copies a host value into the sandbox's realm, as WeChat's bridge serialises everything it hands over. */
  toSandbox<T>(value: T): T;
  /** Copies a sandbox value out (JSON, as the bridge would). */
  fromSandbox(value: unknown): unknown;
  /** A Promise of the sandbox's realm. */
  promise<T>(executor: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T>;
  /** Runs a callback later, as WeChat calls API callbacks (asynchronously); errors are recorded. */
  later(fn: () => void): void;
  inTap(): boolean;
  callFunction(name: string, data: unknown): Promise<unknown>;
  uploadFile(cloudPath: string): Promise<string>;
  /** Returns null when WeChat would accept the navigation, else its errMsg. */
  navigate(request: NavigateRequest): string | null;
  entry(): { path: string; query: Record<string, string>; scene: number; shareTicket?: string };
  groupCloudID(): string | null;
  location(): { latitude: number; longitude: number } | null;
  scanResult(): string | null;
  modalConfirms(): boolean;
  baseLibVersion: string;
  /** WeChat's font size setting (「我-设置-通用-字体大小」) in px; 16 is the standard size. */
  fontSizeSetting?: number;
  /** The mini program's storage on this phone, kept across launches when the harness passes the same one. */
  storage?: Map<string, unknown>;
  /** Which item of an action sheet the user taps; null cancels. */
  actionSheetChoice?: () => number | null;
}

/** A device like the one the product is designed for: a 390 × 844 phone. */
const DEVICE = {
  brand: 'iPhone',
  model: 'iPhone 14',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 750,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 17.5',
  platform: 'ios',
  fontSizeSetting: 16,
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  theme: 'light',
  benchmarkLevel: 1,
};

type Options = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void; [k: string]: unknown };

/**
 * `wx` as the harness gives it to the compiled mini program: every API name WeChat's typings declare,
 * so feature detection sees what a phone has; the ones the app relies on behave like WeChat (async
 * callbacks, errMsg, promises when no callback is given); every other one fails the way an
 * unavailable API would and is recorded, so a test can see the app reached for something unexpected.
 */
export function createWx(host: WxHost) {
  const calls: WxCall[] = [];
  const unsupported: string[] = [];
  const listeners = new Map<string, unknown[]>();
  const storage = host.storage ?? new Map<string, unknown>();
  const cloudInits: unknown[] = [];

  const record = (api: string, args: unknown) => {
    calls.push({ api, args: safeCopy(host, args), inTap: host.inTap() });
  };

  /** An async API: callbacks (success/fail/complete) or, without them, a promise. */
  const asyncApi =
    (api: string, impl: (options: Options) => unknown | Promise<unknown>) =>
    (options: Options = {}): unknown => {
      record(api, options);
      const settle = (ok: boolean, payload: unknown) => {
        const res = host.toSandbox(ok ? { errMsg: `${api}:ok`, ...(payload as object) } : { errMsg: `${api}:fail ${String(payload)}` });
        host.later(() => {
          if (ok) options.success?.(res);
          else options.fail?.(res);
          options.complete?.(res);
        });
        return res;
      };
      const run = () =>
        Promise.resolve()
          .then(() => impl(options))
          .then(
            (payload) => ({ ok: true, res: settle(true, payload ?? {}) }),
            (err: unknown) => ({ ok: false, res: settle(false, err instanceof Error ? err.message : err) }),
          );
      if (options.success || options.fail || options.complete) {
        void run();
        return undefined;
      }
      return host.promise((resolve, reject) => {
        void run().then((r) => (r.ok ? resolve(r.res) : reject(r.res)));
      });
    };
  const ok = (api: string, payload: object = {}) => asyncApi(api, () => payload);
  const refuse = (api: string, why: string) =>
    asyncApi(api, () => {
      throw new Error(why);
    });

  const device = () =>
    host.toSandbox({ ...DEVICE, fontSizeSetting: host.fontSizeSetting ?? DEVICE.fontSizeSetting, SDKVersion: host.baseLibVersion });
  const navigate = (kind: NavigateRequest['kind']) =>
    asyncApi(kind, (o) => {
      const error = host.navigate({ kind, url: String(o['url'] ?? ''), delta: typeof o['delta'] === 'number' ? o['delta'] : 1 });
      if (error) throw new Error(error);
      return {};
    });
  const on = (name: string) => (listener: unknown) => {
    record(name, null);
    listeners.set(name, [...(listeners.get(name) ?? []), listener]);
  };
  const selectorQuery = (): unknown => {
    const query: Record<string, unknown> = {};
    const nodes = () => node;
    const node: Record<string, unknown> = {
      boundingClientRect: () => node,
      scrollOffset: () => node,
      fields: () => node,
      node: () => node,
      context: () => node,
      exec: (cb?: (r: unknown) => void) => host.later(() => cb?.(host.toSandbox([null]))),
    };
    Object.assign(query, { in: () => query, select: nodes, selectAll: nodes, selectViewport: nodes, exec: node['exec'] });
    return query;
  };

  /** An intersection observer that records what the page observes (nothing scrolls in the harness, so nothing intersects). */
  const intersectionObserver = (): unknown => {
    record('createIntersectionObserver', null);
    const observer: Record<string, unknown> = {};
    Object.assign(observer, {
      relativeTo: () => observer,
      relativeToViewport: () => observer,
      observe: (selector: string) => void record('IntersectionObserver.observe', selector),
      disconnect: () => undefined,
    });
    return observer;
  };
  /** WeChat's one background audio manager: what the app sets on it and asks of it is recorded; it never plays. */
  const audio: Record<string, unknown> = { currentTime: 0, duration: 0, paused: true, src: '', startTime: 0, playbackRate: 1 };
  for (const method of ['play', 'pause', 'stop', 'seek'])
    audio[method] = (arg?: unknown) => void record(`BackgroundAudioManager.${method}`, arg ?? null);
  for (const event of ['onTimeUpdate', 'onPlay', 'onPause', 'onStop', 'onEnded', 'onError', 'onWaiting', 'onCanplay', 'onPrev', 'onNext'])
    audio[event] = () => undefined;

  const implemented: Record<string, unknown> = {
    createIntersectionObserver: () => intersectionObserver(),
    getBackgroundAudioManager: () => audio,
    getSystemInfoSync: () => device(),
    getSystemInfo: asyncApi('getSystemInfo', () => ({ ...DEVICE, SDKVersion: host.baseLibVersion })),
    getWindowInfo: () => device(),
    getDeviceInfo: () => device(),
    getAppBaseInfo: () => device(),
    getSystemSetting: () =>
      host.toSandbox({ bluetoothEnabled: false, locationEnabled: true, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getAppAuthorizeSetting: () => host.toSandbox({ locationAuthorized: 'authorized', notificationAuthorized: 'authorized' }),
    getMenuButtonBoundingClientRect: () => host.toSandbox({ width: 87, height: 32, top: 51, right: 381, bottom: 83, left: 294 }),
    getAccountInfoSync: () => host.toSandbox({ miniProgram: { appId: 'wx-harness', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => host.toSandbox(host.entry()),
    getEnterOptionsSync: () => host.toSandbox(host.entry()),
    canIUse: () => true,
    nextTick: (fn: () => void) => host.later(fn),
    getStorageSync: (key: string) => host.toSandbox(storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, host.fromSandbox(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => host.toSandbox({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: asyncApi('getStorage', (o) => {
      const key = String(o['key']);
      if (!storage.has(key)) throw new Error('data not found');
      return { data: storage.get(key) };
    }),
    setStorage: asyncApi('setStorage', (o) => void storage.set(String(o['key']), host.fromSandbox(o['data']))),
    removeStorage: asyncApi('removeStorage', (o) => void storage.delete(String(o['key']))),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    showModal: asyncApi('showModal', () => ({ confirm: host.modalConfirms(), cancel: !host.modalConfirms() })),
    // The user taps the item the harness was told to (an index), or cancels the sheet.
    showActionSheet: asyncApi('showActionSheet', () => {
      const index = host.actionSheetChoice?.() ?? null;
      if (index === null) throw new Error('showActionSheet:fail cancel');
      return { tapIndex: index };
    }),
    makePhoneCall: ok('makePhoneCall'),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o) =>
      Object.fromEntries((o['tmplIds'] as string[] | undefined)?.map((id) => [id, 'accept']) ?? []),
    ),
    onNeedPrivacyAuthorization: on('onNeedPrivacyAuthorization'),
    getPrivacySetting: ok('getPrivacySetting', { needAuthorization: false, privacyContractName: '《支部通隐私保护指引》' }),
    requirePrivacyAuthorize: ok('requirePrivacyAuthorize'),
    getGroupEnterInfo: asyncApi('getGroupEnterInfo', () => {
      const cloudID = host.groupCloudID();
      if (!cloudID) throw new Error('not opened from a group');
      return { cloudID, encryptedData: '', iv: '' };
    }),
    getShareInfo: asyncApi('getShareInfo', () => {
      const cloudID = host.groupCloudID();
      if (!cloudID) throw new Error('invalid shareTicket');
      return { cloudID, encryptedData: '', iv: '' };
    }),
    scanCode: asyncApi('scanCode', () => {
      const result = host.scanResult();
      if (result === null) throw new Error('cancel');
      return { result, scanType: 'QR_CODE', charSet: 'utf-8', path: '' };
    }),
    getLocation: asyncApi('getLocation', () => {
      const where = host.location();
      if (!where) throw new Error('auth deny');
      return { ...where, accuracy: 30, speed: 0, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 };
    }),
    // The member closes the picker without choosing: the app must cope with a cancel.
    chooseLocation: refuse('chooseLocation', 'cancel'),
    chooseMedia: refuse('chooseMedia', 'cancel'),
    chooseImage: refuse('chooseImage', 'cancel'),
    chooseMessageFile: refuse('chooseMessageFile', 'cancel'),
    createSelectorQuery: () => selectorQuery(),
    getRandomValues: asyncApi('getRandomValues', (o) => ({ randomValues: [...randomBytes(Number(o['length'] ?? 16))] })),
    getUpdateManager: () => ({
      onCheckForUpdate: () => undefined,
      onUpdateReady: () => undefined,
      onUpdateFailed: () => undefined,
      applyUpdate: () => undefined,
    }),
    getRealtimeLogManager: () => ({ info: () => undefined, warn: () => undefined, error: () => undefined, setFilterMsg: () => undefined }),
  };
  for (const api of [
    'showToast',
    'hideToast',
    'showLoading',
    'hideLoading',
    'setNavigationBarTitle',
    'setNavigationBarColor',
    'stopPullDownRefresh',
    'startPullDownRefresh',
    'showShareMenu',
    'hideShareMenu',
    'updateShareMenu',
    'setKeepScreenOn',
    'setClipboardData',
    'previewImage',
    'vibrateShort',
    'pageScrollTo',
    'setBackgroundColor',
    'setBackgroundTextStyle',
    'hideKeyboard',
    'setTabBarBadge',
    'removeTabBarBadge',
    'showTabBarRedDot',
    'hideTabBarRedDot',
    'openDocument',
    'downloadFile',
    'reportEvent',
  ]) {
    implemented[api] = ok(api, api === 'downloadFile' ? { tempFilePath: 'wxfile://tmp/harness', statusCode: 200 } : {});
  }

  const cloud = {
    init: (options: unknown) => {
      record('cloud.init', options);
      cloudInits.push(host.fromSandbox(options));
    },
    callFunction: asyncApi('cloud.callFunction', async (o) => {
      const result = await host.callFunction(String(o['name']), host.fromSandbox(o['data'] ?? {}));
      return { result, requestID: 'harness' };
    }),
    uploadFile: asyncApi('cloud.uploadFile', async (o) => ({ fileID: await host.uploadFile(String(o['cloudPath'])), statusCode: 200 })),
    getTempFileURL: asyncApi('cloud.getTempFileURL', (o) => ({
      fileList: ((o['fileList'] as string[] | undefined) ?? []).map((fileID) => ({
        fileID,
        tempFileURL: `https://harness.invalid/${fileID}`,
        status: 0,
      })),
    })),
    CloudID: (cloudID: string) => host.toSandbox({ cloudID }),
  };

  const wx: Record<string, unknown> = {};
  const { wx: declared, cloud: cloudDeclared } = wxTypings();
  for (const [name, member] of declared) {
    if (name === 'cloud') continue;
    if (name in implemented) wx[name] = implemented[name];
    else if (member.kind === 'property') wx[name] = host.toSandbox(name === 'env' ? { USER_DATA_PATH: 'wxfile://usr' } : {});
    else if (/^(on|off)[A-Z]/.test(name)) wx[name] = on(name);
    else if (/Sync$|^(create|can|get\w*Manager$)/.test(name) || !/^[a-z]/.test(name)) {
      wx[name] = (...args: unknown[]) => {
        record(name, args[0]);
        unsupported.push(name);
        return undefined;
      };
    } else {
      const fail = refuse(name, 'not available in the weapp harness');
      wx[name] = (options?: Options) => {
        unsupported.push(name);
        return fail(options);
      };
    }
  }
  const cloudApi: Record<string, unknown> = {};
  for (const name of cloudDeclared.keys()) {
    cloudApi[name] =
      (cloud as Record<string, unknown>)[name] ??
      ((...args: unknown[]) => {
        record(`cloud.${name}`, args[0]);
        unsupported.push(`cloud.${name}`);
        throw new Error(`wx.cloud.${name} is not available in the weapp harness`);
      });
  }
  wx['cloud'] = cloudApi;

  return {
    wx,
    calls,
    unsupported,
    cloudInits,
    listeners,
    storage,
  };
}

function safeCopy(host: WxHost, value: unknown): unknown {
  try {
    return host.fromSandbox(value);
  } catch {
    return String(value);
  }
}

export type WxStandIn = ReturnType<typeof createWx>;
