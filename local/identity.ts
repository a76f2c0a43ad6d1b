import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';

/**
 * Dev sign-in for the local runtime only: a signed token says which openid the browser (or a script)
 * acts as. Nothing here is bundled into the weapp build or the deployable functions.
 */
export const COOKIE = 'zhibu_dev';
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;

/** A random key kept in the data folder (created on first start): dev sign-in tokens, the local PII key. */
export function loadSecret(dataDir: string, name = 'dev-secret'): Buffer {
  if (dataDir === ':memory:') return randomBytes(32);
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file);
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function devIdentity(secret: Buffer) {
  const sign = (openid: string) => createHmac('sha256', secret).update(openid).digest('base64url');

  function tokenFor(openid: string): string {
    if (!OPENID_PATTERN.test(openid)) throw new Error('invalid openid');
    return `${openid}.${sign(openid)}`;
  }

  function verify(token: string | undefined): string | null {
    if (!token) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const openid = token.slice(0, dot);
    const mac = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(sign(openid));
    if (!OPENID_PATTERN.test(openid) || mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
    return openid;
  }

  /** `Authorization: Bearer <token>` (scripts) or the dev cookie (browser). */
  function fromRequest(req: IncomingMessage): string | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return verify(auth.slice(7).trim());
    const cookies = req.headers.cookie?.split(';').map((c) => c.trim()) ?? [];
    const raw = cookies.find((c) => c.startsWith(`${COOKIE}=`));
    if (!raw) return null;
    try {
      return verify(decodeURIComponent(raw.slice(COOKIE.length + 1)));
    } catch {
      return null; // a malformed cookie is nobody
    }
  }

  return { tokenFor, verify, fromRequest };
}
