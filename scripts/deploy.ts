/**
 * npm run deploy: build the functions and deploy them (with their timer triggers) and the closed
 * collections through the CloudBase CLI (`tcb`). Needs ENV_ID and API credentials; says so plainly
 * when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { STORAGE_RULES } from './cloudbaserc';

const ROOT = join(__dirname, '..');

function fail(message: string): never {
  console.error(`部署未执行 (deploy not run): ${message}`);
  process.exit(1);
}

const envId = process.env['ENV_ID'];
const secretId = process.env['TCB_SECRET_ID'] ?? process.env['TENCENTCLOUD_SECRETID'];
const secretKey = process.env['TCB_SECRET_KEY'] ?? process.env['TENCENTCLOUD_SECRETKEY'];
const masterKey = process.env['ZHIBU_SECRET_KEY'];
const missing = [
  !envId && 'ENV_ID',
  !secretId && 'TCB_SECRET_ID',
  !secretKey && 'TCB_SECRET_KEY',
  !(masterKey && Buffer.from(masterKey, 'base64').length >= 32) && 'ZHIBU_SECRET_KEY',
].filter(Boolean);
if (missing.length) {
  fail(
    `缺少 ${missing.join(', ')}。请设置云开发环境 ID 与腾讯云 API 密钥后重试，例如:\n` +
      '  ENV_ID=your-env-id TCB_SECRET_ID=... TCB_SECRET_KEY=... ZHIBU_SECRET_KEY=$(openssl rand -base64 32) npm run deploy\n' +
      '(ZHIBU_SECRET_KEY 是加密身份证号、手机号的主密钥，请妥善保管，丢失后已加密数据无法解密)\n' +
      '(missing: set ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY and ZHIBU_SECRET_KEY, a base64 key of 32 bytes)',
  );
}

const tcb = spawnSync('npx', ['--no-install', 'tcb', '--version'], { cwd: ROOT, encoding: 'utf8' });
if (tcb.status !== 0) fail('找不到 CloudBase CLI。请先安装: npm install -g @cloudbase/cli (the `tcb` command is not installed)');

function run(args: string[]): void {
  const r = spawnSync('npx', ['--no-install', ...args], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) fail(`命令失败: ${args.join(' ')}`);
}

run(['tsx', 'scripts/build-functions.ts']);
run(['tcb', 'login', '--apiKeyId', secretId!, '--apiKey', secretKey!]);
run(['tcb', 'fn', 'deploy', '--all', '-e', envId!, '--force']);
run(['tcb', 'framework', 'deploy', '-e', envId!]);
// Storage closed to clients but for writing their own uploads (the rule in scripts/cloudbaserc.ts).
run(['tcb', 'storage', 'rules', 'update', '--acl', 'CUSTOM', '--rules', JSON.stringify(STORAGE_RULES), '-e', envId!]);
console.log('部署完成 (deployed)');
