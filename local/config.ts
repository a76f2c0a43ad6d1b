import { resolve } from 'node:path';
import { LOCAL_BLOCKED_WORDS } from './openapi';

/** The local runtime's settings, read from the environment once. */
export interface LocalConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  seed: boolean;
  /** ZHIBU_BLOCKED_WORDS: comma-separated words the local content check flags, in addition to the default. */
  blockedWords: string[];
  /** ZHIBU_EXTRA_FUNCTIONS: `:`-separated folders of other apps' CloudBase functions to serve too. */
  extraFunctions: string[];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = Number(env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env['PORT']}`);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    dataDir: resolve(env['ZHIBU_DATA_DIR'] ?? '.zhibu-data'),
    staticDir: resolve(env['ZHIBU_STATIC_DIR'] ?? 'dist/h5'),
    seed: env['ZHIBU_SEED'] !== '0',
    blockedWords: [
      ...LOCAL_BLOCKED_WORDS,
      ...(env['ZHIBU_BLOCKED_WORDS'] ?? '')
        .split(/[,，]/)
        .map((w) => w.trim())
        .filter(Boolean),
    ],
    extraFunctions: (env['ZHIBU_EXTRA_FUNCTIONS'] ?? '')
      .split(':')
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => resolve(f)),
  };
}
