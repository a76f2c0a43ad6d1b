import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { parse } from '@babel/parser';
import traverse, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { DIST } from './dist';

/** What WeChat's logic layer gives mini-program code besides the ECMAScript built-ins. */
export const WECHAT_GLOBALS = new Set([
  'wx',
  'App',
  'Page',
  'Component',
  'Behavior',
  'getApp',
  'getCurrentPages',
  'require',
  'module',
  'exports',
  'requirePlugin',
  'requireMiniProgram',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'console',
  'WXWebAssembly',
  'arguments',
  'undefined',
]);

/**
 * Globals the built JS names that the weapp build never reaches, each with why. A use is excused only
 * where its code matches `where`, so a new use elsewhere is still caught.
 */
export const UNREACHABLE: { name: string; file: RegExp; where: RegExp; why: string }[] = [
  {
    name: 'tt',
    file: /^taro\.js$/,
    where: /tt\.(appDocument|getBuiltInComponents)|\.call\(tt\)|null===tt\|\|void 0===tt/,
    why: "Taro's runtime for Douyin's DOM mode (isEnableTTDom), called only when TARO_ENV is 'tt'",
  },
];

/** The ECMAScript built-ins, read from a fresh V8 context (what every JS engine WeChat uses has). */
export function ecmaScriptGlobals(): Set<string> {
  const context = vm.createContext({});
  return new Set(vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[]);
}

export interface GlobalUse {
  file: string;
  name: string;
  line: number;
  column: number;
  /** The code around it, to say where it is. */
  snippet: string;
}

/** Whether an expression tests `typeof name` somewhere inside it. */
function teststypeof(node: t.Node | null | undefined, name: string): boolean {
  if (!node) return false;
  let found = false;
  traverse.cheap(node, (n) => {
    if (n.type === 'UnaryExpression' && n.operator === 'typeof' && n.argument.type === 'Identifier' && n.argument.name === name)
      found = true;
  });
  return found;
}

/**
 * Whether the reference can only run when `typeof name` said it exists: it is the operand of
 * `typeof`, or it sits (perhaps inside a function made there) in the branch of an if/?:/&&/||
 * whose test checks `typeof name`.
 */
function guarded(path: NodePath, name: string): boolean {
  if (path.parentPath?.isUnaryExpression({ operator: 'typeof' })) return true;
  let child: NodePath = path;
  for (let p = path.parentPath; p; child = p, p = p.parentPath) {
    const node = p.node;
    if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && child.key !== 'test' && teststypeof(node.test, name))
      return true;
    if (node.type === 'LogicalExpression' && child.key === 'right' && teststypeof(node.left, name)) return true;
    if (p.isProgram()) break;
  }
  return false;
}

/**
 * Every reference in the built JS to a global that is neither an ECMAScript built-in nor one of
 * WeChat's, unless guarded by a `typeof` check: on a phone each one is a ReferenceError or a crash.
 */
export function unguardedGlobals(files: string[]): GlobalUse[] {
  const allowed = new Set([...ecmaScriptGlobals(), ...WECHAT_GLOBALS]);
  const out: GlobalUse[] = [];
  for (const file of files) {
    const source = readFileSync(join(DIST, file), 'utf8');
    const ast = parse(source, { sourceType: 'script', errorRecovery: false });
    traverse(ast, {
      ReferencedIdentifier(path) {
        const node = path.node;
        if (node.type !== 'Identifier') return;
        const { name } = node;
        if (allowed.has(name) || path.scope.hasBinding(name, true) || guarded(path, name)) return;
        const start = node.start ?? 0;
        const around = source.slice(Math.max(0, start - 30), start + name.length + 30);
        if (UNREACHABLE.some((u) => u.name === name && u.file.test(file) && u.where.test(around))) return;
        out.push({
          file,
          name,
          line: node.loc?.start.line ?? 0,
          column: node.loc?.start.column ?? 0,
          snippet: source.slice(Math.max(0, start - 60), start + name.length + 40),
        });
      },
    });
  }
  return out;
}
