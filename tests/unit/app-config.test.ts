import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The calls WeChat refuses unless app.json lists them in requiredPrivateInfos. */
const PRIVATE_INFOS = ['getLocation', 'chooseLocation', 'onLocationChange', 'startLocationUpdate', 'choosePoi', 'chooseAddress'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|js)$/.test(name) ? [path] : [];
  });
}

describe('app.config', () => {
  const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown };
  beforeAll(() => {
    g.defineAppConfig = (c) => c;
  });
  afterAll(() => {
    delete g.defineAppConfig;
  });

  it('declares every private-info API the code calls, each with the reason the member is shown', async () => {
    const config = (await import('../../miniprogram/app.config')).default as {
      requiredPrivateInfos?: string[];
      permission?: Record<string, { desc: string }>;
    };
    const called = new Set(
      sources(join(__dirname, '../../miniprogram')).flatMap((file) =>
        PRIVATE_INFOS.filter((api) => new RegExp(`\\.${api}\\(`).test(readFileSync(file, 'utf8'))),
      ),
    );
    expect(called.has('getLocation')).toBe(true); // check-in with a radius
    for (const api of called) expect(config.requiredPrivateInfos).toContain(api);
    expect(config.permission?.['scope.userLocation']?.desc.length).toBeGreaterThan(0);
    expect(config.permission?.['scope.userLocation']?.desc.length).toBeLessThanOrEqual(30);
  });
});
