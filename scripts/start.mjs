// npm start: build the h5 app if its sources changed since the last build, then run the local runtime.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'dist/h5/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const sources = ['miniprogram', 'typings', 'config'].map((d) => newest(join(root, d)));
const stale = !existsSync(built) || Math.max(...sources, statSync(join(root, 'babel.config.js')).mtimeMs) > statSync(built).mtimeMs;
if (stale && process.env.ZHIBU_SKIP_BUILD !== '1') {
  console.log('构建 h5 页面 (building the h5 app)…');
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'local/main.ts')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
