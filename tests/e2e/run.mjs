// npm run test:e2e: real Chromium (Debian's) against the local runtime as `npm start` runs it, one runtime per test file (tests/e2e/setup.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}.\nInstall it with: apt-get update && apt-get install -y chromium fonts-noto-cjk\n(or set CHROMIUM_PATH). Nothing was installed by this script.`,
  );
  process.exit(2);
}

if (!existsSync(join(root, 'dist/h5/index.html'))) {
  console.log('building h5…');
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(r.status ?? 1);
  }
}

const jest = spawn('npx', ['jest', '-c', 'tests/e2e/jest.config.js', ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, CHROMIUM_PATH: chromium },
  stdio: 'inherit',
});
const code = await new Promise((resolve) => jest.on('exit', resolve));
process.exit(code ?? 1);
