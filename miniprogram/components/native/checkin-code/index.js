/* global Component, wx -- a native WeChat component: these are the mini-program runtime's globals */
/**
 * The rotating check-in code, as a native WeChat component: the per-second countdown updates only
 * this component's data, not the React page around it (which re-renders once per code, every slot).
 *
 * Properties: `modules` (the QR code's dark modules as a string of 0/1, row by row; the page makes
 * it with the qrcode library), `size` (modules per side), `digits`, `expiresAt` (ms since epoch),
 * `slotSeconds`. Event `expire`: the shown code has expired, the page should fetch the next one.
 */
Component({
  properties: {
    modules: { type: String, value: '' },
    size: { type: Number, value: 0 },
    digits: { type: String, value: '' },
    expiresAt: { type: Number, value: 0 },
    slotSeconds: { type: Number, value: 15 },
  },
  data: { left: 0, percent: 0, qrSize: 300 },
  observers: {
    'modules, size': function () {
      this.draw();
    },
    expiresAt: function () {
      this.expired = false;
      this.tick();
    },
  },
  lifetimes: {
    attached() {
      this.timer = setInterval(() => this.tick(), 1000);
      this.tick();
    },
    detached() {
      clearInterval(this.timer);
    },
  },
  methods: {
    tick() {
      const ms = this.properties.expiresAt - Date.now();
      const left = Math.max(0, Math.ceil(ms / 1000));
      const percent = this.properties.slotSeconds ? Math.round((left / this.properties.slotSeconds) * 100) : 0;
      if (left !== this.data.left || percent !== this.data.percent) this.setData({ left, percent });
      if (ms <= 0 && this.properties.expiresAt && !this.expired) {
        this.expired = true;
        this.triggerEvent('expire', { expiresAt: this.properties.expiresAt });
      }
    },
    /** Draws the modules on a 2D canvas; without one (tests, old clients) the digits still work. */
    draw() {
      const { modules, size } = this.properties;
      if (!modules || !size || typeof this.createSelectorQuery !== 'function') return;
      const query = this.createSelectorQuery();
      if (!query || typeof query.select !== 'function') return;
      query
        .select('#qr')
        .fields({ node: true, size: true })
        .exec((res) => {
          const canvas = res && res[0] && res[0].node;
          if (!canvas) return;
          const dpr = (wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2) || 2;
          const px = this.data.qrSize;
          canvas.width = px * dpr;
          canvas.height = px * dpr;
          const ctx = canvas.getContext('2d');
          ctx.scale(dpr, dpr);
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, px, px);
          const margin = 2;
          const cell = px / (size + margin * 2);
          ctx.fillStyle = '#000000';
          for (let y = 0; y < size; y += 1) {
            for (let x = 0; x < size; x += 1) {
              if (modules.charCodeAt(y * size + x) === 49)
                ctx.fillRect((x + margin) * cell, (y + margin) * cell, Math.ceil(cell), Math.ceil(cell));
            }
          }
        });
    },
  },
});
