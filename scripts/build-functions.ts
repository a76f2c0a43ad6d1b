import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { CLOUDBASERC_PATH, cloudbaserc } from './cloudbaserc';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist', 'functions');
const SDK_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@cloudbase/node-sdk/package.json'), 'utf8')) as { version: string })
  .version;

/**
 * One deployable folder per function: a single minified bundle plus a package.json that lets CloudBase
 * install only the SDK. Small bundles keep cold starts short.
 */
async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const sizes: Record<string, number> = {};
  for (const name of Object.keys(FUNCTIONS)) {
    const dir = join(OUT, name);
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(ROOT, 'cloudfunctions', name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external: ['@cloudbase/node-sdk'],
      logLevel: 'warning',
    });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        { name: `zhibu-${name}`, version: '1.0.0', main: 'index.js', private: true, dependencies: { '@cloudbase/node-sdk': SDK_VERSION } },
        null,
        2,
      ) + '\n',
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
