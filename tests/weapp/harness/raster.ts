import type { CanvasStub } from './miniprogram';

/**
 * What a 2D canvas shows after the recorded drawing: the fillRect calls (after `scale`) painted into
 * an RGBA bitmap of the canvas's size, so an independent QR reader can read what the phone would show.
 */
export function rasterise(canvas: CanvasStub): { data: Uint8ClampedArray; width: number; height: number } {
  const { width, height } = canvas;
  const data = new Uint8ClampedArray(width * height * 4);
  let sx = 1;
  let sy = 1;
  for (const { op, args, fillStyle } of canvas.ops) {
    if (op === 'scale') {
      sx *= Number(args[0]);
      sy *= Number(args[1]);
      continue;
    }
    if (op !== 'fillRect') continue;
    const [x, y, w, h] = args.map(Number) as [number, number, number, number];
    const shade = /^#?(fff|ffffff|white)$/i.test(fillStyle ?? '') ? 255 : 0;
    const x0 = Math.max(0, Math.round(x * sx));
    const y0 = Math.max(0, Math.round(y * sy));
    const x1 = Math.min(width, Math.round((x + w) * sx));
    const y1 = Math.min(height, Math.round((y + h) * sy));
    for (let py = y0; py < y1; py += 1) {
      for (let px = x0; px < x1; px += 1) {
        const i = (py * width + px) * 4;
        data[i] = shade;
        data[i + 1] = shade;
        data[i + 2] = shade;
        data[i + 3] = 255;
      }
    }
  }
  return { data, width, height };
}
