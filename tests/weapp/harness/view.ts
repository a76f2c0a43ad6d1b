import vm from 'node:vm';
import { DIST } from './dist';

/** A node of the tree WeChat's compiled templates produce (what the view layer turns into elements). */
export interface ViewNode {
  tag: string;
  attr: Record<string, unknown>;
  children: (ViewNode | string)[];
  parent?: ViewNode;
  /** The page or component whose template produced this node: its methods handle the node's events. */
  owner?: unknown;
  /** For a custom component's node: the instance rendered inside it. */
  component?: unknown;
}

type Render = (data: unknown, dd: unknown, global: unknown) => { tag: string; children: unknown[] };

let compiled: { source: string } | null = null;

/** All of dist/weapp's WXML compiled by WeChat's own `wcc` (from the npm package miniprogram-compiler). */
export function compileWxml(): string {
  if (!compiled) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- miniprogram-compiler ships CommonJS without types
    const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs(root: string, options: { maxBuffer: number }): string };
    compiled = { source: wxmlToJs(DIST, { maxBuffer: 64 * 1024 * 1024 }) };
  }
  return compiled.source;
}

/**
 * The view layer: the `$gwx` render functions wcc generates, run in a context of their own (the view
 * layer is a webview, so it has `window`); template warnings ("Template `x` not found") are caught.
 */
export class ViewLayer {
  readonly warnings: string[] = [];
  private readonly gwx: (path: string) => Render | undefined;
  private readonly json: { parse(text: string): unknown };
  constructor() {
    const context = vm.createContext({}, { name: 'weapp view layer' });
    const g = context as Record<string, unknown>;
    g['window'] = context;
    g['console'] = {
      log: () => undefined,
      info: () => undefined,
      error: (...args: unknown[]) => void this.warnings.push(args.map(String).join(' ')),
      warn: (...args: unknown[]) => void this.warnings.push(args.map(String).join(' ')),
    };
    const factory = vm.runInContext(`(function (global) {${compileWxml()}\n})`, context, { filename: 'weapp://$gwx.js' }) as (
      g: object,
    ) => (path: string) => Render | undefined;
    this.gwx = factory({});
    // Data must be of the view context's realm: wcc's runtime checks `constructor === Object` before
    // it hands an object to WXS (with its nv_ prefixes), as WeChat's bridge delivers it.
    this.json = vm.runInContext('JSON', context) as { parse(text: string): unknown };
  }

  has(path: string): boolean {
    return typeof this.gwx(`${path}.wxml`) === 'function';
  }

  /** Renders `<path>.wxml` with `data`, as WeChat would after a setData. */
  render(path: string, data: unknown): ViewNode {
    const render = this.gwx(`${path}.wxml`);
    if (typeof render !== 'function') throw new Error(`no compiled template for ${path}.wxml`);
    const root = render(this.json.parse(JSON.stringify(data ?? {})), {}, {});
    return normalise(root as unknown as RawNode);
  }
}

interface RawNode {
  tag: string;
  attr?: Record<string, unknown>;
  children?: (RawNode | string | number)[];
}

function normalise(raw: RawNode, parent?: ViewNode): ViewNode {
  const node: ViewNode = { tag: raw.tag, attr: raw.attr ?? {}, children: [], parent };
  const flat: (RawNode | string | number)[] = [];
  const flatten = (list: (RawNode | string | number)[]) => {
    for (const child of list) {
      if (typeof child === 'object' && child && child.tag === 'virtual') flatten(child.children ?? []);
      else flat.push(child);
    }
  };
  flatten(raw.children ?? []);
  for (const child of flat) {
    if (typeof child === 'object' && child) node.children.push(normalise(child, node));
    else if (child !== '' && child !== undefined && child !== null) node.children.push(String(child));
  }
  return node;
}

/**
 * The visible text of a tree: text runs inside one element joined as they render (`「{name}」` is one
 * run of three text nodes), elements separated by a space; whitespace collapsed.
 */
export function textOf(node: ViewNode | string): string {
  const walkText = (n: ViewNode | string): string =>
    typeof n === 'string' ? n : n.children.map((c) => (typeof c === 'string' ? c : ` ${walkText(c)} `)).join('');
  return walkText(node).replace(/\s+/g, ' ').trim();
}

/** What the page shows: its text, and the values in its input boxes and text areas. */
export function contentOf(node: ViewNode): string {
  const values = findAll(node, (n) => n.tag === 'wx-input' || n.tag === 'wx-textarea')
    .map((n) => n.attr['value'])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [textOf(node), ...values].join(' ');
}

export function walk(node: ViewNode, visit: (n: ViewNode) => void): void {
  visit(node);
  for (const child of node.children) if (typeof child !== 'string') walk(child, visit);
}

export function findAll(root: ViewNode, predicate: (n: ViewNode) => boolean): ViewNode[] {
  const out: ViewNode[] = [];
  walk(root, (n) => {
    if (predicate(n)) out.push(n);
  });
  return out;
}

/** `data-foo-bar` attributes as WeChat's `dataset` (`fooBar`). */
export function datasetOf(node: ViewNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.attr)) {
    if (key.startsWith('data-')) out[key.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out;
}

export function countNodes(root: ViewNode): number {
  let n = 0;
  walk(root, () => {
    n += 1;
  });
  return n;
}
