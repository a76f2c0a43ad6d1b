// npm run test:e2e: real Chromium (Debian's) against the local runtime, as `npm start` runs it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-e2e-'));
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'local/main.ts')], {
  cwd: root,
  env: { ...process.env, PORT: String(port), ZHIBU_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const baseUrl = `http://127.0.0.1:${port}`;
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('local runtime did not start in 30 s')), 30000);
  server.stdout.on('data', (chunk) => {
    if (chunk.toString().includes('本地运行中')) {
      clearTimeout(timer);
      resolve();
    }
  });
  server.on('exit', (code) => reject(new Error(`local runtime exited with ${code}`)));
});

const jest = spawn('npx', ['jest', '-c', 'tests/e2e/jest.config.js', ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium },
  stdio: 'inherit',
});
const code = await new Promise((resolve) => jest.on('exit', resolve));
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
process.exit(code ?? 1);
