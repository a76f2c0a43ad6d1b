import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contract } from '../../typings/api';
import { DEV_SIGNIN_PAGE } from '../../miniprogram/pages/dev/signin/route';
import { PAGE_NAMES, pageLink, pagePath, pageUrl, TAB_PAGES, type PageName } from '../../typings/pages';

const ROOT = join(__dirname, '../../miniprogram');
const NAMES: PageName[] = PAGE_NAMES;

/** Every page component on disk: an index.tsx under a pages/ folder. */
function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pageFiles(path);
    return name === 'index.tsx' && /(^|\/)pages\//.test(relative(ROOT, path)) ? [relative(ROOT, path).replace(/\.tsx$/, '')] : [];
  });
}

describe('the page table (typings/pages.ts)', () => {
  it('names every page component there is, and each name has its component', () => {
    const declared = NAMES.map(pagePath).sort();
    expect([...declared, DEV_SIGNIN_PAGE].sort()).toEqual(pageFiles(ROOT).sort());
    for (const path of declared) expect(existsSync(join(ROOT, `${path}.tsx`))).toBe(true);
  });

  it('registers every page in app.config from the table: the main package, the tabs and the secretary subpackage', async () => {
    const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown };
    g.defineAppConfig = (c) => c;
    try {
      const config = (await import('../../miniprogram/app.config')).default as {
        pages: string[];
        subPackages: { root: string; pages: string[] }[];
        tabBar: { list: { pagePath: string }[] };
      };
      const registered = [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
      // The dev sign-in page is registered only in the h5 build.
      expect(registered.sort()).toEqual(NAMES.map(pagePath).sort());
      expect(config.tabBar.list.map((t) => t.pagePath)).toEqual(Object.values(TAB_PAGES));
    } finally {
      delete g.defineAppConfig;
    }
  });

  it('builds links with their query encoded, and leaves out what is not given', () => {
    expect(pageUrl('member', { orgId: 'org-1', memberId: 'm-2', name: '陈 国栋&' })).toBe(
      '/packages/secretary/pages/member/index?orgId=org-1&memberId=m-2&name=%E9%99%88%20%E5%9B%BD%E6%A0%8B%26',
    );
    expect(pageLink('activityDetail', { id: 'a1', from: undefined, x: null })).toBe('pages/activity/detail/index?id=a1');
    expect(pageUrl('home')).toBe('/pages/home/index');
  });

  it('lets a post link only to a member page of the table, never to a secretary tool or a page that does not exist', () => {
    const block = contract.post.create.input.shape.body.element;
    const link = (path: string) => block.safeParse({ type: 'link', text: '查看', path }).success;
    expect(link(pageUrl('activityDetail', { id: 'a1' }))).toBe(true);
    expect(link(pageUrl('post'))).toBe(true);
    expect(link(pageUrl('board', { id: 'a1' }))).toBe(false);
    expect(link('/pages/nowhere/index')).toBe(false);
    expect(link('https://example.com/')).toBe(false);
  });
});
