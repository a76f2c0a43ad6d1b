/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined;
  }
}

/** The CloudBase environment id, inlined by the build (config/cloud-env.ts): WeChat has no `process`. */
declare const ZHIBU_CLOUD_ENV: string;

// Taro's React hooks, as the build injects them (used by the component tests' @tarojs/taro).
declare module '@tarojs/plugin-framework-react/dist/runtime';

/** qrcode's pure-JS browser entry (no fs, no canvas needed for SVG): used by the check-in screen. */
declare module 'qrcode/lib/browser' {
  export function toString(
    text: string,
    options: { type: 'svg'; margin?: number; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): Promise<string>;
}

/** qrcode's symbol encoder (pure JS): the module matrix the native check-in component draws. */
declare module 'qrcode/lib/core/qrcode' {
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: { size: number; data: Uint8Array } };
}

/** The native WeChat check-in component (miniprogram/components/native/checkin-code), weapp build only. */
declare namespace JSX {
  interface IntrinsicElements {
    'checkin-code': {
      id?: string;
      modules: string;
      size: number;
      digits: string;
      expiresAt: number;
      slotSeconds: number;
      onExpire?: () => void;
    };
  }
}
