import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/common/collections';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { cloudbaserc, STORAGE_RULES } from '../../scripts/cloudbaserc';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Markers of the local-only dev sign-in and stand-ins; none may ship. */
const DEV_MARKERS = ['pages/dev/', '/api/dev/', 'zhibu_dev', 'local-cloudid:', 'zhibu.localEngine', '开发者登录'];

describe('cloudbaserc.json', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as ReturnType<typeof cloudbaserc>;

  it('is what the collection list and function registry generate (run npm run build:functions)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(cloudbaserc())));
  });

  it('declares every collection, and no collection rule opens reads or writes to clients', () => {
    const declared = committed.framework.plugins.database.inputs.collections;
    expect(declared.map((c) => c.collectionName).sort()).toEqual(COLLECTIONS.map((c) => c.name).sort());
    for (const c of declared) {
      expect(c.aclRule).toEqual({ read: false, write: false });
      expect(c.aclTag).toBe('CUSTOM');
    }
  });

  it('storage rules let clients read no file and write only files they own', () => {
    expect(STORAGE_RULES.read).toBe(false);
    expect(STORAGE_RULES.write).toBe('resource.openid == auth.openid');
    expect(readFileSync(join(ROOT, 'scripts/deploy.ts'), 'utf8')).toContain("'storage', 'rules', 'update'");
  });

  it('declares timer triggers in 7-field cron', () => {
    const triggers = committed.functions.flatMap((f) => f.triggers);
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) expect(t.config.split(' ')).toHaveLength(7);
  });
});

describe('the dev sign-in exists only in the local runtime', () => {
  it('is absent from the deployable function bundles', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-functions.ts'], { cwd: ROOT, stdio: 'ignore' });
    const bundles = files(join(ROOT, 'dist/functions')).filter((f) => f.endsWith('.js'));
    expect(bundles.length).toBe(Object.keys(FUNCTIONS).length);
    for (const f of bundles) {
      const text = readFileSync(f, 'utf8');
      for (const marker of DEV_MARKERS) expect({ file: f, has: text.includes(marker), marker }).toEqual({ file: f, has: false, marker });
    }
  }, 60_000);

  it('is absent from the weapp build', () => {
    if (!existsSync(join(ROOT, 'dist/weapp/app.json'))) {
      execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'ignore' });
    }
    const app = JSON.parse(readFileSync(join(ROOT, 'dist/weapp/app.json'), 'utf8')) as { pages: string[] };
    expect(app.pages).toEqual(expect.arrayContaining(['pages/home/index', 'pages/activity/index', 'pages/study/index', 'pages/me/index']));
    expect(app.pages.filter((p) => p.includes('dev'))).toEqual([]);
    for (const f of files(join(ROOT, 'dist/weapp'))) {
      if (!/\.(js|json|wxml|wxss)$/.test(f)) continue;
      const text = readFileSync(f, 'utf8');
      for (const marker of DEV_MARKERS) expect({ file: f, has: text.includes(marker), marker }).toEqual({ file: f, has: false, marker });
    }
  }, 180_000);
});

it('npm run deploy without credentials fails with a clear message, not a stack trace', () => {
  const env = { ...process.env };
  for (const k of ['ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']) delete env[k];
  let status = 0;
  let stderr = '';
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts'], { cwd: ROOT, env, stdio: 'pipe' });
  } catch (e) {
    status = (e as { status: number }).status;
    stderr = String((e as { stderr: Buffer }).stderr);
  }
  expect(status).toBe(1);
  expect(stderr).toContain('ENV_ID');
  expect(stderr).not.toMatch(/\n\s+at /);
}, 30_000);
