import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Sensitive personal data (ID-card number, phone): AES-256-GCM at rest, a keyed hash (HMAC-SHA256)
 * for exact lookups, and masks for display. Keys come from the function's configuration.
 */
export interface PiiKeys {
  enc: Buffer;
  mac: Buffer;
}

/** Every key the functions use, derived from one master secret in the function's configuration. */
export interface SecretKeys extends PiiKeys {
  /** Signs invite tokens. */
  invite: Buffer;
  /** Makes the rotating check-in codes. */
  checkin: Buffer;
  /** Names each uploader's folder under uploads/ (see files.ts). */
  uploads: Buffer;
  /** Lets a writer find their own anonymous letters, and nothing else (see voice/anon.ts). */
  anon: Buffer;
}

export type PiiKind = 'phone' | 'idCard';

/** Independent keys (HKDF) from one master key of at least 32 bytes. */
export function deriveKeys(master: Buffer): SecretKeys {
  if (master.length < 32) throw new Error('the master key must be at least 32 bytes');
  const key = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    enc: key('zhibu/pii/enc/v1'),
    mac: key('zhibu/pii/mac/v1'),
    invite: key('zhibu/invite/v1'),
    checkin: key('zhibu/checkin/v1'),
    uploads: key('zhibu/uploads/v1'),
    anon: key('zhibu/anon/v1'),
  };
}

const VERSION = 'v1';

export function encrypt(keys: PiiKeys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function decrypt(keys: PiiKeys, token: string): string {
  const [version, payload] = token.split('.');
  if (version !== VERSION || !payload) throw new Error('unknown ciphertext format');
  const raw = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keys.enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The same value always hashes the same within a deployment, so it can be searched without decrypting. */
export function blindIndex(keys: PiiKeys, kind: PiiKind, normalized: string): string {
  return createHmac('sha256', keys.mac).update(`${kind}:${normalized}`).digest('base64url').slice(0, 32);
}

export function mask(kind: PiiKind, value: string): string {
  if (kind === 'phone') return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(7)}` : '*'.repeat(value.length);
  return value.length > 7 ? `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}` : '*'.repeat(value.length);
}

/** A name as lists show it: the family name and a star for each other character (王**). */
export const maskName = (name: string) => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID (GB 11643): digits, a real calendar date of birth, and the check character. */
export function isValidIdCard(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

export const normalizeIdCard = (value: string): string => value.trim().toUpperCase();
export const normalizePhone = (value: string): string => value.replace(/[\s-]/g, '');
export const isValidPhone = (value: string): boolean => /^1[3-9]\d{9}$/.test(value);
