/**
 * Every page of the compiled mini program, opened as every persona that can reach it, in a context
 * with only WeChat's globals; cloud calls go to the real local runtime as that persona.
 */
import jsQR from 'jsqr';
import { allPages, appJson } from './harness/dist';
import { MiniProgram } from './harness/miniprogram';
import { rasterise } from './harness/raster';
import { createWorld, must, PERSONA_KEYS, PERSONAS, type World } from './harness/scenario';
import { countNodes, findAll, textOf, type ViewNode } from './harness/view';
import { REACH, type Visit } from './reach';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.runtime.close());

const label = (v: Visit) =>
  `${v.route}${Object.keys(v.query({} as World)).length ? `?${Object.keys(v.query({} as World)).join('&')}` : ''}`;

/** Everything that went wrong while the page ran, in one object so a failure shows it all at once. */
function problems(mp: MiniProgram, missing: string[]) {
  return {
    errors: mp.errors.map((e) => `${e.where}: ${e.message}`),
    consoleErrors: mp.logic.consoleErrors,
    templateWarnings: mp.templateWarnings,
    unsupportedApis: [...new Set(mp.wx.unsupported)],
    oversizedSetData: mp.oversizedSetData,
    cloudCallsBeforeInit: mp.cloudCalls.filter((c) => c.beforeInit).map((c) => `${c.name}.${c.action}`),
    missing,
  };
}

const NONE = {
  errors: [],
  consoleErrors: [],
  templateWarnings: [],
  unsupportedApis: [],
  oversizedSetData: [],
  cloudCallsBeforeInit: [],
  missing: [],
};

describe.each(PERSONA_KEYS)('as %s', (who) => {
  const visits = REACH[who].map((v) => [label(v), v] as const);
  it.each(visits)(
    `${PERSONAS[who].label} opens %s: it launches, renders real data through WeChat's templates and raises nothing`,
    async (_name, visit) => {
      const mp = new MiniProgram({ runtime: world.runtime, openid: PERSONAS[who].openid });
      try {
        await mp.launch({ path: visit.route, query: visit.query(world), scene: 1007 });
        const tree = mp.tree();
        const content = mp.content();
        const missing = [
          ...visit.shows(world).filter((t) => !content.includes(t)),
          ...(visit.hides ?? []).filter((t) => content.includes(t)).map((t) => `(must not show) ${t}`),
        ];
        expect(problems(mp, missing)).toEqual(NONE);
        // Every NutUI icon in the page's data reaches the screen (an <i> with no template vanishes).
        expect(iconsRendered(tree)).toBe(iconsInData(mp.page.data));
        expect(countNodes(tree)).toBeGreaterThan(3);
        expect(textOf(tree).length).toBeGreaterThan(0);
        expect(mp.wx.cloudInits[0]).toEqual({ env: expect.stringMatching(/^[a-z][a-z0-9-]{2,}$/), traceUser: true });
        expect(mp.privacyHookRegistered).toBe(true);
        // A meeting's screen shows its live code; a service slot's (days ahead here) says when its code will show.
        if (visit.route.endsWith('checkin-screen/index') && !('slot' in visit.query(world))) await expectLiveCode(mp);
        // Leaving the page (onHide, onUnload) raises nothing either.
        mp.closePage(mp.page);
        await new Promise((r) => setTimeout(r, 20));
        expect(problems(mp, [])).toEqual(NONE);
      } finally {
        mp.dispose();
      }
    },
  );
});

const isIcon = (cls: unknown) => typeof cls === 'string' && /(^|\s)nut-icon(\s|$)/.test(cls);

function iconsInData(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((n: number, d) => n + iconsInData(d), 0);
  if (!data || typeof data !== 'object') return 0;
  const node = data as Record<string, unknown>;
  return (isIcon(node['cl']) ? 1 : 0) + Object.values(node).reduce((n: number, d) => n + iconsInData(d), 0);
}

function iconsRendered(tree: ViewNode): number {
  return findAll(tree, (n) => isIcon(n.attr['class'])).length;
}

/**
 * The 签到码 screen shows the server's current six digits, and the QR code the native component
 * draws on its canvas reads back (with jsQR, an independent reader) as the server's current payload.
 */
async function expectLiveCode(mp: MiniProgram): Promise<void> {
  const before = await must(world.runtime, 'checkin', 'code', { activityId: world.activityId }, PERSONAS.secretary.openid);
  const shown = /\b(\d{6})\b/.exec(mp.text())?.[1];
  const canvas = mp.canvases()[0];
  const after = await must(world.runtime, 'checkin', 'code', { activityId: world.activityId }, PERSONAS.secretary.openid);
  // The code turns every 30 s: what is shown is the slot's, or (at a turn) the one just before.
  expect([before.digits, after.digits]).toContain(shown);
  expect(canvas).toBeDefined();
  const { data, width, height } = rasterise(canvas!);
  expect([before.payload, after.payload]).toContain(jsQR(data, width, height)?.data);
}

describe('coverage of the page × persona table', () => {
  it('every page of app.json is opened by at least one persona', () => {
    const reached = new Set(PERSONA_KEYS.flatMap((who) => REACH[who].map((v) => v.route)));
    expect(allPages().filter((p) => !reached.has(p))).toEqual([]);
  });

  it('every persona opens every tab', () => {
    const tabs = (appJson().tabBar?.list ?? []).map((t) => t.pagePath);
    for (const who of PERSONA_KEYS) expect([who, tabs.filter((t) => !REACH[who].some((v) => v.route === t))]).toEqual([who, []]);
  });
});
