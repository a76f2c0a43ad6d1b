import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** The compiled mini program the harness runs: `npm run build:weapp` writes it. */
export const DIST = join(__dirname, '../../../dist/weapp');

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] };
  usingComponents?: Record<string, string>;
  requiredPrivateInfos?: string[];
  permission?: Record<string, { desc: string }>;
  style?: string;
  sitemapLocation?: string;
  lazyCodeLoading?: string;
  [key: string]: unknown;
}

export interface ComponentJson {
  component?: boolean;
  usingComponents?: Record<string, string>;
  [key: string]: unknown;
}

export function requireDist(): void {
  if (!existsSync(join(DIST, 'app.json'))) {
    throw new Error(`dist/weapp is missing: run \`npm run build:weapp\` before \`npm run test:weapp\``);
  }
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DIST, file), 'utf8')) as T;
}

export function appJson(): AppJson {
  return readJson<AppJson>('app.json');
}

export function subPackages(app: AppJson = appJson()): { root: string; pages: string[] }[] {
  return app.subPackages ?? app.subpackages ?? [];
}

/** Every page route, main package first: `pages/home/index`, `packages/secretary/pages/board/index`, … */
export function allPages(app: AppJson = appJson()): string[] {
  return [...app.pages, ...subPackages(app).flatMap((p) => p.pages.map((page) => posix.join(p.root, page)))];
}

/** The package a file belongs to: a subpackage root, or '' for the main package. */
export function packageOf(file: string, app: AppJson = appJson()): string {
  return subPackages(app).find((p) => file.startsWith(`${p.root.replace(/\/$/, '')}/`))?.root ?? '';
}

/** Files under dist/weapp, as paths relative to it with '/' separators. */
export function distFiles(ext?: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return walk(full);
      return !ext || name.endsWith(ext) ? [relative(DIST, full).split('\\').join('/')] : [];
    });
  return walk(DIST);
}

/** Resolves a `usingComponents` entry of `owner` (a page or component path without extension). */
export function resolveComponent(owner: string, target: string): string {
  if (target.startsWith('plugin://')) return target;
  const base = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(owner), target);
  return posix.normalize(base);
}

export function componentJson(path: string): ComponentJson {
  return existsSync(join(DIST, `${path}.json`)) ? readJson<ComponentJson>(`${path}.json`) : {};
}

/** The components a page or component may use: its own usingComponents over the app's global ones. */
export function usingComponents(owner: string, app: AppJson = appJson()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag, target] of Object.entries(app.usingComponents ?? {})) out[tag] = resolveComponent('app', target);
  for (const [tag, target] of Object.entries(componentJson(owner).usingComponents ?? {})) out[tag] = resolveComponent(owner, target);
  return out;
}
