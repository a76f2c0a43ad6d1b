/**
 * dist/weapp as WeChat checks it before running it: app.json against WeChat's rules, components
 * that resolve, WXML and WXSS compiled by WeChat's own compilers, and built JS that uses nothing
 * WeChat's JS environment lacks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { cloudEnvFor, LOCAL_CLOUD_ENV, resolveCloudEnv } from '../../config/cloud-env';
import { MIN_BASE_LIB } from '../../miniprogram/base-lib';
import { allPages, appJson, componentJson, DIST, distFiles, packageOf, requireDist, subPackages, usingComponents } from './harness/dist';
import { unguardedGlobals } from './harness/globals';
import { compareVersions, wxTypings } from './harness/typings';
import { compileWxml } from './harness/view';

const ROOT = join(__dirname, '../..');
const KB = 1024;

beforeAll(() => {
  requireDist();
});

const size = (file: string) => statSync(join(DIST, file)).size;

describe('app.json against WeChat’s rules', () => {
  it('every page of the main package and the subpackages has its js, json and wxml in the build', () => {
    const pages = allPages();
    expect(pages.length).toBeGreaterThan(20);
    const missing = pages.flatMap((page) =>
      ['js', 'json', 'wxml'].filter((ext) => !existsSync(join(DIST, `${page}.${ext}`))).map((ext) => `${page}.${ext}`),
    );
    expect(missing).toEqual([]);
  });

  it('tab pages are main-package pages; 2 to 5 tabs with PNG icons of at most 40 KB', () => {
    const app = appJson();
    const tabs = app.tabBar?.list ?? [];
    expect(tabs.length).toBeGreaterThanOrEqual(2);
    expect(tabs.length).toBeLessThanOrEqual(5);
    for (const tab of tabs) {
      expect(app.pages).toContain(tab.pagePath);
      expect(tab.text.length).toBeGreaterThan(0);
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toMatch(/\.(png|jpe?g)$/);
        expect(existsSync(join(DIST, icon!))).toBe(true);
        expect(size(icon!)).toBeLessThanOrEqual(40 * KB);
      }
    }
  });

  it('no subpackage root holds a main-package page, and subpackage pages live under their root', () => {
    const app = appJson();
    for (const page of app.pages) expect(packageOf(page)).toBe('');
    for (const sub of subPackages(app)) {
      expect(sub.root).not.toMatch(/^\/|\.\./);
      for (const page of sub.pages) expect(existsSync(join(DIST, sub.root, `${page}.js`))).toBe(true);
    }
  });

  it('declares every private-info API the built code calls, each location scope with the reason shown to the member', () => {
    const PRIVATE_INFOS = [
      'getFuzzyLocation',
      'getLocation',
      'onLocationChange',
      'startLocationUpdate',
      'startLocationUpdateBackground',
      'chooseLocation',
      'choosePoi',
      'chooseAddress',
    ];
    const code = distFiles('.js')
      .map((f) => readFileSync(join(DIST, f), 'utf8'))
      .join('\n');
    const called = PRIVATE_INFOS.filter((api) => new RegExp(`\\.${api}\\(|["']${api}["']\\]\\(`).test(code));
    expect(called).toContain('getLocation');
    const app = appJson();
    expect(app.requiredPrivateInfos ?? []).toEqual(expect.arrayContaining(called));
    expect(app.permission?.['scope.userLocation']?.desc).toBeTruthy();
  });

  it('uses the v2 component style and a sitemap that keeps every page out of WeChat search', () => {
    const app = appJson();
    expect(app.style).toBe('v2');
    expect(app.sitemapLocation).toBe('sitemap.json');
    const sitemap = JSON.parse(readFileSync(join(DIST, 'sitemap.json'), 'utf8')) as { rules: { action: string; page: string }[] };
    expect(sitemap.rules).toEqual([{ action: 'disallow', page: '*' }]);
  });

  it('every usingComponents entry of the app, its pages and components resolves to a component in the package that uses it', () => {
    const owners = [
      ...allPages(),
      ...distFiles('.json')
        .filter((f) => componentJson(f.replace(/\.json$/, '')).component)
        .map((f) => f.replace(/\.json$/, '')),
    ];
    const broken: string[] = [];
    for (const owner of owners) {
      for (const [tag, path] of Object.entries(usingComponents(owner))) {
        const ok =
          ['js', 'json', 'wxml'].every((ext) => existsSync(join(DIST, `${path}.${ext}`))) && componentJson(path).component === true;
        const pkg = packageOf(path);
        if (!ok) broken.push(`${owner}: <${tag}> → ${path} is not a component`);
        else if (pkg && pkg !== packageOf(owner)) broken.push(`${owner}: <${tag}> → ${path} is in another subpackage`);
      }
    }
    expect(owners.length).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it('packages are within WeChat’s size limits (main and each subpackage ≤ 2 MB, all ≤ 20 MB)', () => {
    const app = appJson();
    const total: Record<string, number> = { '': 0 };
    for (const sub of subPackages(app)) total[sub.root] = 0;
    for (const file of distFiles()) {
      if (file === 'project.config.json') continue;
      const pkg = packageOf(file, app);
      total[pkg] = (total[pkg] ?? 0) + size(file);
    }
    for (const [pkg, bytes] of Object.entries(total)) expect([pkg, bytes <= 2048 * KB]).toEqual([pkg, true]);
    expect(Object.values(total).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20 * 1024 * KB);
  });
});

describe('WeChat’s own compilers', () => {
  it('compiles every WXML file with wcc (miniprogram-compiler), and the pages’ render functions exist', () => {
    const source = compileWxml();
    expect(source).toContain('$gwx');
    for (const page of allPages()) expect(source).toContain(`${page}.wxml`);
  });

  it('compiles every WXSS file with wcsc', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- miniprogram-compiler ships CommonJS without types
    const { wxssToJs } = require('miniprogram-compiler') as { wxssToJs(root: string, options: { maxBuffer: number }): string | Error };
    const files = distFiles('.wxss');
    expect(files.length).toBeGreaterThan(20);
    // On failure the package returns an Error instead of throwing.
    const result = wxssToJs(DIST, { maxBuffer: 64 * 1024 * 1024 });
    expect(result).not.toBeInstanceOf(Error);
    expect(String(result)).toContain('wxssMap');
  });
});

describe('built JS uses only what WeChat’s JS environment has', () => {
  it('names no global outside ECMAScript and WeChat’s (process, TextEncoder, window, document, fetch, localStorage…) where the weapp build can reach it', () => {
    const uses = unguardedGlobals(distFiles('.js'));
    expect(uses.map((u) => `${u.name} in ${u.file}:${u.line}:${u.column} …${u.snippet}…`)).toEqual([]);
  });

  it('has no process.env left: every build-time value was inlined', () => {
    const offenders = distFiles('.js').filter((f) => /process\.env/.test(readFileSync(join(DIST, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('inlines a non-empty cloud environment id into wx.cloud.init', () => {
    expect(readFileSync(join(DIST, 'app.js'), 'utf8')).toMatch(/cloud\.init\(\{env:"[a-z][a-z0-9-]+"/);
  });

  it('carries none of the h5 build’s local-runtime transport (gateway calls, the upload endpoint, dev sign-in)', () => {
    const code = distFiles('.js').map((f) => readFileSync(join(DIST, f), 'utf8'));
    expect(code.filter((c) => /\/api\/(functions|upload|dev)|dev\/signin/.test(c))).toEqual([]);
  });

  it('ships no third-party licence files in the package', () => {
    expect(distFiles().filter((f) => /LICEN[SC]E/i.test(f))).toEqual([]);
  });
});

describe('the cloud environment id reaches the build', () => {
  it('a local build without one gets the harmless local id; the shell wins over .env files', () => {
    expect(resolveCloudEnv({ mode: 'production', shell: undefined, files: {} })).toBe(LOCAL_CLOUD_ENV);
    expect(resolveCloudEnv({ mode: 'production', shell: undefined, files: { TARO_APP_CLOUD_ENV: 'zhibu-test-1a2b' } })).toBe(
      'zhibu-test-1a2b',
    );
    expect(resolveCloudEnv({ mode: 'release', shell: 'zhibu-prod-9z8y', files: { TARO_APP_CLOUD_ENV: 'zhibu-test-1a2b' } })).toBe(
      'zhibu-prod-9z8y',
    );
  });

  it('a release build refuses to go on without an id, or with the local one, or with something that is not an env id', () => {
    expect(() => resolveCloudEnv({ mode: 'release', shell: undefined, files: {} })).toThrow(/发布构建缺少云开发环境 ID/);
    expect(() => resolveCloudEnv({ mode: 'release', shell: LOCAL_CLOUD_ENV, files: {} })).toThrow(/发布构建缺少云开发环境 ID/);
    expect(() => resolveCloudEnv({ mode: 'production', shell: 'rm -rf /', files: {} })).toThrow(/不是云开发环境 ID/);
  });

  it('reads the id from .env.release the way Taro reads .env files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-env-'));
    writeFileSync(join(dir, '.env.release'), 'TARO_APP_CLOUD_ENV=zhibu-prod-7c6d\n');
    const saved = process.env['TARO_APP_CLOUD_ENV'];
    delete process.env['TARO_APP_CLOUD_ENV'];
    try {
      expect(cloudEnvFor(dir, 'release')).toBe('zhibu-prod-7c6d');
      // Taro's dotenv also copies what it read into process.env (as it does before a build): start clean.
      delete process.env['TARO_APP_CLOUD_ENV'];
      expect(cloudEnvFor(dir, 'production')).toBe(LOCAL_CLOUD_ENV);
    } finally {
      if (saved === undefined) delete process.env['TARO_APP_CLOUD_ENV'];
      else process.env['TARO_APP_CLOUD_ENV'] = saved;
    }
  });

  it('`npm run release:weapp` without an id stops before compiling, saying what to set', () => {
    const env = { ...process.env };
    delete env['TARO_APP_CLOUD_ENV'];
    const run = spawnSync('npx', ['taro', 'build', '--type', 'weapp', '--mode', 'release'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('发布构建缺少云开发环境 ID');
  });
});

describe('MIN_BASE_LIB', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : /\.(tsx?|js)$/.test(name) ? [path] : [];
    });

  it('is the highest base library any WeChat API the code calls needs, per miniprogram-api-typings', () => {
    const { wx } = wxTypings();
    const needs = new Map<string, string>();
    const unknown: string[] = [];
    for (const file of sources(join(ROOT, 'miniprogram'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:Taro|wx)\.([a-zA-Z]+)\s*\(/g)) {
        const member = wx.get(m[1]!);
        if (!member) unknown.push(`${posix.relative(ROOT, file)}: ${m[1]}`);
        else needs.set(m[1]!, member.minVersion ?? '1.0.0');
      }
    }
    expect(unknown).toEqual([]);
    const highest = [...needs.values()].sort(compareVersions).pop();
    expect(needs.has('onNeedPrivacyAuthorization')).toBe(true);
    expect(MIN_BASE_LIB).toBe(highest);
  });

  it('is what WeChat DevTools debugs with at least, and what the README tells the deployer to set', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as { libVersion: string };
    expect(compareVersions(project.libVersion, MIN_BASE_LIB)).toBeGreaterThanOrEqual(0);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(`最低基础库 ${MIN_BASE_LIB}`)).toBe(true);
  });
});
