/**
 * npm run size: the weapp package sizes WeChat counts, as one JSON line. Builds dist/weapp if absent.
 * Main package = every file not under a subpackage root; WeChat's limit is 2048 KB, ours 1024 KB.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist', 'weapp');
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

if (!existsSync(join(OUT, 'app.json'))) execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'ignore' });

const app = JSON.parse(readFileSync(join(OUT, 'app.json'), 'utf8')) as {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
};
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

let main = 0;
const subs: Record<string, number> = Object.fromEntries(roots.map((r) => [r.replace(/\/$/, ''), 0]));
for (const file of files(OUT)) {
  const rel = relative(OUT, file).replace(/\\/g, '/');
  if (NOT_UPLOADED.has(rel)) continue;
  const size = statSync(file).size;
  const root = roots.find((r) => rel.startsWith(r));
  if (root) subs[root.replace(/\/$/, '')]! += size;
  else main += size;
}
const subpackagesKb = Object.fromEntries(Object.entries(subs).map(([k, v]) => [k, kb(v)]));
const total = main + Object.values(subs).reduce((a, b) => a + b, 0);
const BUDGET_MAIN_KB = 1024;
console.log(JSON.stringify({ main_kb: kb(main), subpackages_kb: subpackagesKb, total_kb: kb(total), budget_main_kb: BUDGET_MAIN_KB }));
if (kb(main) > BUDGET_MAIN_KB) {
  console.error(`main package ${kb(main)} KB is over the ${BUDGET_MAIN_KB} KB budget`);
  process.exit(1);
}
