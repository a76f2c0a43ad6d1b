/**
 * Renders the app's icons from the SVG line drawings below, with Debian's Chromium: tab bar icons
 * (81x81 PNG, as WeChat asks) and the larger grey drawings of empty states. Run after changing a
 * drawing: `npx tsx scripts/icons.ts`. PNG, because WeChat's tab bar takes no SVG.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ICONS: Record<string, string> = {
  home: '<path d="M12 34 L40 12 L68 34 V66 a3 3 0 0 1 -3 3 H50 V48 H30 V69 H15 a3 3 0 0 1 -3 -3 Z"/>',
  activity: '<rect x="12" y="18" width="56" height="50" rx="5"/><path d="M12 32 H68 M27 10 V24 M53 10 V24 M26 46 h8 M46 46 h8 M26 57 h8"/>',
  study: '<path d="M40 20 C30 13 20 13 10 16 V64 C20 61 30 61 40 68 C50 61 60 61 70 64 V16 C60 13 50 13 40 20 Z M40 20 V68"/>',
  me: '<circle cx="40" cy="28" r="14"/><path d="M14 68 C16 52 27 45 40 45 C53 45 64 52 66 68"/>',
  // A notice board: a page with lines, and a pin at the top.
  post: '<rect x="16" y="16" width="48" height="54" rx="5"/><path d="M28 32 H52 M28 44 H52 M28 56 H42"/><circle cx="40" cy="12" r="4"/>',
};

const ASSETS = join(__dirname, '..', 'miniprogram', 'assets');

/** What to render: the drawing, its colour and stroke, its pixel size, and where it goes. */
const RENDERS: { icon: string; color: string; stroke: number; size: number; file: string }[] = [
  ...Object.keys(ICONS).flatMap((icon) => [
    { icon, color: '#8c8c8c', stroke: 5, size: 81, file: `tabbar/${icon}.png` },
    { icon, color: '#c8161d', stroke: 5, size: 81, file: `tabbar/${icon}-active.png` },
  ]),
  { icon: 'activity', color: '#c9c9c9', stroke: 3, size: 240, file: 'empty/activity.png' },
  { icon: 'study', color: '#c9c9c9', stroke: 3, size: 240, file: 'empty/study.png' },
  { icon: 'post', color: '#c9c9c9', stroke: 3, size: 240, file: 'empty/notice.png' },
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 240, height: 240 } });
  for (const r of RENDERS) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${r.size}" height="${r.size}" viewBox="0 0 80 80" fill="none" stroke="${r.color}" stroke-width="${r.stroke}" stroke-linecap="round" stroke-linejoin="round">${ICONS[r.icon]}</svg>`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: join(ASSETS, r.file), omitBackground: true });
  }
  await browser.close();
}

void main();
