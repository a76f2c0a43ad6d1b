import type { Page } from 'playwright-core';

/** What an older member cannot read or hit on the page as shown: each entry names the element and what is wrong. */
export interface Unreadable {
  smallText: string[];
  smallTargets: string[];
  lowContrast: string[];
  overflow: boolean;
}

/**
 * Measures the page in the browser: visible text under `minFont` px as drawn (care mode's zoom included), controls (buttons, inputs, text
 * areas, tab items, anything with role=button) under 44 px in either dimension or cut off at the screen's side, text below WCAG AA
 * contrast against the background it is drawn on (4.5:1, or 3:1 for large text), and horizontal overflow.
 */
export async function measure(page: Page, minFont = 12): Promise<Unreadable> {
  // A plain script, not a compiled function: the test runner's transform would add helpers the page does not have.
  return (await page.evaluate(`((min) => {${MEASURE_BODY}})(${minFont})`)) as Unreadable;
}

const MEASURE_BODY = `
    const parse = (c) => {
      if (!c.startsWith('rgb')) return [0, 0, 0, 0];
      const [r = 0, g = 0, b = 0, a = 1] = c.slice(c.indexOf('(') + 1, c.indexOf(')')).split(',').map((x) => parseFloat(x));
      return [r, g, b, a];
    };
    const lum = ([r, g, b]) => {
      const f = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        const [r, g, b, a] = parse(style.backgroundColor);
        if (a > 0.5) return [r, g, b];
        // A gradient (NutUI's primary button): its first colour.
        const image = style.backgroundImage;
        if (image.includes('rgb')) {
          const [gr, gg, gb] = parse(image.slice(image.indexOf('rgb')));
          return [gr, gg, gb];
        }
      }
      return [255, 255, 255];
    };
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.1;
    };
    const name = (el) => \`\${el.tagName.toLowerCase()}\${el.id ? \`#\${el.id}\` : ''}.\${[...el.classList].slice(0, 2).join('.')} "\${(el.textContent ?? '').trim().slice(0, 16)}"\`;
    const smallText = [];
    const lowContrast = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // A player's fallback text (inside <video> or <audio>) is never drawn where the player works.
      if (!el || seen.has(el) || !(n.textContent ?? '').trim() || !visible(el) || el.closest('video, audio')) continue;
      seen.add(el);
      const s = getComputedStyle(el);
      // As drawn: a computed size does not include CSS zoom (care mode), the element's currentCSSZoom does.
      const size = parseFloat(s.fontSize) * (el.currentCSSZoom ?? 1);
      if (size < min) smallText.push(\`\${name(el)} \${size}px\`);
      const fg = parse(s.color);
      const bg = background(el);
      const L1 = lum(fg);
      const L2 = lum(bg);
      const ratio = (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) lowContrast.push(\`\${name(el)} \${ratio.toFixed(2)}:1\`);
    }
    const smallTargets = [
      ...document.querySelectorAll('button, input, textarea, [role=button], .nut-button, .weui-tabbar__item, taro-button-core'),
    ]
      .filter((el) => visible(el) && !el.disabled && getComputedStyle(el).pointerEvents !== 'none')
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Too small, or cut off at the side of the screen (a row of buttons wider than the phone).
        return r.height < 44 || r.width < 44 || r.right > window.innerWidth + 1 || r.left < -1;
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const cut = r.right > window.innerWidth + 1 || r.left < -1 ? ' cut off' : '';
        return \`\${name(el)} \${Math.round(r.width)}×\${Math.round(r.height)}\${cut}\`;
      });
    const overflow = document.documentElement.scrollWidth > window.innerWidth + 1;
    return { smallText, smallTargets: [...new Set(smallTargets)], lowContrast, overflow };
`;
