import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { CLOUDBASERC_PATH, cloudbaserc } from './cloudbaserc';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist', 'functions');

const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Installed by CloudBase from each function's package.json instead of bundled: the SDK everywhere,
 * and large libraries only where a function uses them (exceljs would make a bundle ten times larger).
 */
const EXTERNAL = ['@cloudbase/node-sdk', 'exceljs'];

/**
 * One deployable folder per function: a single minified bundle plus a package.json listing only the
 * external packages it imports. Small bundles keep cold starts short.
 */
async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const sizes: Record<string, number> = {};
  for (const name of Object.keys(FUNCTIONS)) {
    const dir = join(OUT, name);
    mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [join(ROOT, 'cloudfunctions', name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external: EXTERNAL,
      metafile: true,
      logLevel: 'warning',
    });
    const imported = new Set(Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((x) => x.external).map((x) => x.path)));
    const dependencies = Object.fromEntries(
      EXTERNAL.filter((pkg) => pkg === '@cloudbase/node-sdk' || imported.has(pkg)).map((pkg) => [pkg, versionOf(pkg)]),
    );
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `zhibu-${name}`, version: '1.0.0', main: 'index.js', private: true, dependencies }, null, 2) + '\n',
    );
    sizes[name] = Math.round(statSync(join(dir, 'index.js')).size / 102.4) / 10;
  }
  writeFileSync(CLOUDBASERC_PATH, JSON.stringify(cloudbaserc(), null, 2) + '\n');
  console.log(JSON.stringify({ functions_kb: sizes }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
