import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** What `miniprogram-api-typings` says of one member of `wx` (or `wx.cloud`). */
export interface WxMember {
  name: string;
  /** The base library version it needs (需要基础库), when the typings give one. */
  minVersion: string | null;
  kind: 'method' | 'property';
}

const TYPINGS_DIR = join(dirname(createRequire(__filename).resolve('miniprogram-api-typings/package.json')), 'types/wx');

function membersOf(interfaceName: string): Map<string, WxMember> {
  const out = new Map<string, WxMember>();
  for (const file of readdirSync(TYPINGS_DIR)) {
    const source = ts.createSourceFile(file, readFileSync(join(TYPINGS_DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) {
        for (const member of node.members) {
          if (!member.name || !ts.isIdentifier(member.name)) continue;
          const name = member.name.text;
          const version = /需要基础库： `([\d.]+)`/.exec(member.getFullText())?.[1] ?? null;
          const previous = out.get(name);
          out.set(name, {
            name,
            minVersion: version ?? previous?.minVersion ?? null,
            kind: ts.isMethodSignature(member) ? 'method' : 'property',
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

let cache: { wx: Map<string, WxMember>; cloud: Map<string, WxMember> } | null = null;

/** Every member of `wx` and of `wx.cloud` that WeChat's typings declare. */
export function wxTypings(): { wx: Map<string, WxMember>; cloud: Map<string, WxMember> } {
  cache ??= { wx: membersOf('Wx'), cloud: membersOf('WxCloud') };
  return cache;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
