import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DIST, componentJson, usingComponents, type AppJson } from './dist';
import type { MiniProgram } from './miniprogram';
import type { ViewNode } from './view';

/** The phone the pictures are taken on: 390 × 844 CSS px, like the h5 screenshots. */
export const PHONE = { width: 390, height: 844, statusBar: 47, navigationBar: 44, tabBar: 50, homeIndicator: 34 };

let styles: string | null = null;

/** All of dist/weapp's WXSS compiled by WeChat's own `wcsc`: a script that injects the styles the view layer would. */
function wxssScript(): string {
  if (styles === null) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- miniprogram-compiler ships CommonJS without types
    const { wxssToJs } = require('miniprogram-compiler') as { wxssToJs(root: string, options: { maxBuffer: number }): string | Error };
    const result = wxssToJs(DIST, { maxBuffer: 64 * 1024 * 1024 });
    if (result instanceof Error) throw result;
    styles = result;
  }
  return styles;
}

/** What WeChat's base library styles its built-in components with, before any WXSS (the parts that matter for layout). */
const BUILT_IN = `
  html, body { margin: 0; padding: 0; }
  body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; font-size: 16px; -webkit-text-size-adjust: none; }
  wx-page-root, wx-view, wx-scroll-view, wx-swiper, wx-form, wx-label, wx-navigator, wx-canvas { display: block; }
  wx-text { display: inline; white-space: pre-wrap; }
  wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; background: #e5e5e5; }
  wx-button { display: block; position: relative; box-sizing: border-box; margin: 0 auto; padding: 0 14px; font-size: 18px; text-align: center; line-height: 2.55555556; border-radius: 5px; overflow: hidden; }
  wx-input { display: block; height: 1.4rem; line-height: 1.4rem; overflow: hidden; text-overflow: clip; white-space: nowrap; min-height: 1.4rem; }
  wx-textarea { display: block; width: 300px; height: 150px; position: relative; }
  wx-checkbox, wx-radio { display: inline-block; }
  .zb-shot-placeholder { color: #999; }
  .zb-shot-nav { position: sticky; top: 0; z-index: 99; height: ${PHONE.statusBar + PHONE.navigationBar}px; box-sizing: border-box; padding-top: ${PHONE.statusBar}px; text-align: center; font: 600 17px/${PHONE.navigationBar}px -apple-system, "Noto Sans CJK SC", sans-serif; border-bottom: 0.5px solid rgba(0,0,0,.1); }
  .zb-shot-tabs { position: fixed; left: 0; right: 0; bottom: 0; z-index: 99; display: flex; height: ${PHONE.tabBar + PHONE.homeIndicator}px; box-sizing: border-box; padding-bottom: ${PHONE.homeIndicator}px; border-top: 0.5px solid rgba(0,0,0,.15); }
  .zb-shot-tabs > div { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; font: 10px/1.2 -apple-system, "Noto Sans CJK SC", sans-serif; }
  .zb-shot-tabs img { width: 24px; height: 24px; }
`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attrs(node: ViewNode): string {
  const out: string[] = [];
  for (const key of ['id', 'class', 'style']) {
    const value = node.attr[key];
    if (typeof value === 'string' && value) out.push(`${key}="${escapeHtml(value)}"`);
  }
  if (node.tag === 'wx-canvas' && typeof node.attr['id'] === 'string') out.push(`data-canvas="${escapeHtml(node.attr['id'])}"`);
  return out.length ? ` ${out.join(' ')}` : '';
}

/** The rendered tree as the view layer's DOM: <wx-view class="…">…</wx-view>, fields showing their value or placeholder. */
export function toHtml(node: ViewNode | string): string {
  if (typeof node === 'string') return escapeHtml(node);
  const tag = node.tag === 'wx-page' ? 'wx-page-root' : node.tag;
  let inner = node.children.map(toHtml).join('');
  if (node.tag === 'wx-input' || node.tag === 'wx-textarea') {
    const value = typeof node.attr['value'] === 'string' ? node.attr['value'] : '';
    const placeholder = typeof node.attr['placeholder'] === 'string' ? node.attr['placeholder'] : '';
    inner = value
      ? escapeHtml(value)
      : `<span class="zb-shot-placeholder ${escapeHtml(String(node.attr['placeholderClass'] ?? node.attr['placeholder-class'] ?? ''))}">${escapeHtml(placeholder)}</span>`;
  }
  if (node.tag === 'wx-canvas') inner = '<canvas></canvas>';
  return `<${tag}${attrs(node)}>${inner}</${tag}>`;
}

function dataUrl(file: string): string {
  return `data:image/png;base64,${readFileSync(join(DIST, file)).toString('base64')}`;
}

/** The page as a phone shows it: WeChat's navigation bar, the page, and the tab bar on tab pages. */
export function pageHtml(mp: MiniProgram): string {
  const app: AppJson = mp.app;
  const route = mp.page.is;
  const page = componentJson(route);
  const window = (app['window'] ?? {}) as Record<string, string>;
  const titleCall = [...mp.calls('setNavigationBarTitle')].pop()?.args as { title?: string } | undefined;
  const title = titleCall?.title ?? String(page['navigationBarTitleText'] ?? window['navigationBarTitleText'] ?? '');
  const navBg = String(page['navigationBarBackgroundColor'] ?? window['navigationBarBackgroundColor'] ?? '#ffffff');
  const navFg = String(page['navigationBarTextStyle'] ?? window['navigationBarTextStyle'] ?? 'black') === 'white' ? '#fff' : '#000';
  const tabs = app.tabBar?.list ?? [];
  const isTab = tabs.some((t) => t.pagePath === route);
  const tabBar = app.tabBar as (AppJson['tabBar'] & { color?: string; selectedColor?: string; backgroundColor?: string }) | undefined;
  const tabHtml = isTab
    ? `<div class="zb-shot-tabs" style="background:${tabBar?.backgroundColor ?? '#fff'}">${tabs
        .map((t) => {
          const on = t.pagePath === route;
          return `<div style="color:${on ? tabBar?.selectedColor : tabBar?.color}"><img src="${dataUrl(on ? t.selectedIconPath! : t.iconPath!)}"/>${escapeHtml(t.text)}</div>`;
        })
        .join('')}</div>`
    : '';
  const pageBg = String(page['backgroundColor'] ?? window['backgroundColor'] ?? '#f5f5f5');
  const bottom = isTab ? PHONE.tabBar + PHONE.homeIndicator : PHONE.homeIndicator;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=${PHONE.width}"><style>${BUILT_IN} body { background: ${pageBg}; padding-bottom: ${bottom}px; }</style></head>
<body><div class="zb-shot-nav" style="background:${navBg};color:${navFg}">${escapeHtml(title)}</div>${toHtml(mp.tree())}${tabHtml}</body></html>`;
}

/** The stylesheets WeChat would apply on this page: app.wxss, the page's, and those of the components it uses. */
export function stylesheetsOf(mp: MiniProgram): string[] {
  const route = mp.page.is;
  const seen = new Set<string>();
  const visit = (owner: string) => {
    for (const path of Object.values(usingComponents(owner, mp.app))) {
      if (seen.has(path)) continue;
      seen.add(path);
      visit(path);
    }
  };
  visit(route);
  return ['app.wxss', `${route}.wxss`, ...[...seen].map((c) => `${c}.wxss`)];
}

/**
 * Takes two pictures of the page on the phone — `<file>.png`, the first screen as the member sees it
 * on opening the page, and `<file>.full.png`, the whole page — from the view layer's DOM, styled by
 * WeChat's own compiled WXSS (rpx → px for a 390 px screen, as the view layer does), with canvases
 * replayed from what the components drew.
 */
export async function shoot(mp: MiniProgram, browserPage: Page, file: string): Promise<void> {
  await browserPage.setContent(pageHtml(mp));
  await browserPage.evaluate(
    ({ script, sheets, canvases, width }) => {
      const get = new Function(script)() as (path: string) => ((suffix: string, opt: { deviceWidth: number }) => void) | undefined;
      for (const sheet of sheets) get(sheet)?.('', { deviceWidth: width });
      for (const { id, canvas } of canvases) {
        const host = document.querySelector(`[data-canvas="${id}"] canvas`) as HTMLCanvasElement | null;
        if (!host) continue;
        host.width = canvas.width;
        host.height = canvas.height;
        host.style.width = '100%';
        host.style.height = '100%';
        const ctx = host.getContext('2d')!;
        for (const { op, args, fillStyle } of canvas.ops as { op: string; args: number[]; fillStyle?: string }[]) {
          if (fillStyle) ctx.fillStyle = fillStyle;
          (ctx as unknown as Record<string, (...a: number[]) => void>)[op]?.(...args);
        }
      }
    },
    { script: wxssScript(), sheets: stylesheetsOf(mp), canvases: mp.componentCanvases(), width: PHONE.width },
  );
  await browserPage.screenshot({ path: `${file}.png` });
  await browserPage.screenshot({ path: `${file}.full.png`, fullPage: true });
}
