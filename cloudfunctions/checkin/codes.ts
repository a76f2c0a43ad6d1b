import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Rotating check-in codes. A code is an HMAC over (activity, time slot) with a server-side key:
 * the QR payload `<activityId>.<slot base36>.<mac>` (at most 32 characters, so it also fits a
 * mini-program code's `scene`), and 6 digits from the same slot for typing. The server's clock
 * decides the slot; the slot inside a payload only tells an old code from a forged one.
 */
export const SLOT_SECONDS = 30;
/** A code is still accepted during the slot after its own: a member typing slowly has up to a minute. */
const GRACE_SLOTS = 1;
/** Digits this many slots old (20 minutes) are reported as expired rather than wrong. */
const EXPIRED_LOOKBACK_SLOTS = 40;

export const slotOf = (ms: number) => Math.floor(ms / (SLOT_SECONDS * 1000));

const mac = (key: Buffer, message: string) => createHmac('sha256', key).update(message).digest();

/**
 * Codes made lately, by key: a burst of check-ins to one meeting asks for the same one or two slots'
 * codes hundreds of times, each an HMAC (a few microseconds, and a Node object) to compute. Bounded.
 */
const made = new WeakMap<Buffer, Map<string, string>>();
const MADE_MAX = 2048;

function remembered(key: Buffer, message: string, make: (h: Buffer) => string): string {
  let codes = made.get(key);
  if (!codes) made.set(key, (codes = new Map()));
  let code = codes.get(message);
  if (code === undefined) {
    if (codes.size >= MADE_MAX) codes.clear();
    code = make(mac(key, message));
    codes.set(message, code);
  }
  return code;
}

export function payloadFor(key: Buffer, activityId: string, slot: number): string {
  const tag = remembered(key, `${activityId}|${slot}|qr`, (h) => h.subarray(0, 6).toString('base64url'));
  return `${activityId}.${slot.toString(36)}.${tag}`;
}

/** 6 digits by dynamic truncation (as TOTP does), from an HMAC separate from the payload's. */
export function digitsFor(key: Buffer, activityId: string, slot: number): string {
  return remembered(key, `${activityId}|${slot}|digits`, (h) => {
    const offset = h[h.length - 1]! & 0x0f;
    const n = h.readUInt32BE(offset) & 0x7fffffff;
    return String(n % 1_000_000).padStart(6, '0');
  });
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export type Verdict = { ok: true; slot: number } | { ok: false; code: 'CODE_INVALID' | 'EXPIRED' | 'WRONG_ACTIVITY' };

const PAYLOAD = /^([0-9A-Za-z]{1,20})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{8})$/;

/** The activity a payload claims, without checking it (to open the right page from a scanned code). */
export function activityOfPayload(payload: string): string | null {
  return PAYLOAD.exec(payload)?.[1] ?? null;
}

export function checkPayload(key: Buffer, activityId: string, payload: string, nowMs: number): Verdict {
  const [, id, slotText] = PAYLOAD.exec(payload) ?? [];
  if (!id || !slotText) return { ok: false, code: 'CODE_INVALID' };
  const slot = parseInt(slotText, 36);
  if (!Number.isSafeInteger(slot) || !same(payload, payloadFor(key, id, slot))) return { ok: false, code: 'CODE_INVALID' };
  if (id !== activityId) return { ok: false, code: 'WRONG_ACTIVITY' };
  const current = slotOf(nowMs);
  if (slot > current) return { ok: false, code: 'CODE_INVALID' };
  if (slot < current - GRACE_SLOTS) return { ok: false, code: 'EXPIRED' };
  return { ok: true, slot };
}

export function checkDigits(key: Buffer, activityId: string, digits: string, nowMs: number): Verdict {
  const current = slotOf(nowMs);
  for (let back = 0; back <= GRACE_SLOTS; back += 1) {
    if (same(digits, digitsFor(key, activityId, current - back))) return { ok: true, slot: current - back };
  }
  for (let back = GRACE_SLOTS + 1; back <= EXPIRED_LOOKBACK_SLOTS; back += 1) {
    if (same(digits, digitsFor(key, activityId, current - back))) return { ok: false, code: 'EXPIRED' };
  }
  return { ok: false, code: 'CODE_INVALID' };
}

/** What a member is told when a code is refused: scanned (`payload`) or typed. */
export function refusalMessage(code: 'CODE_INVALID' | 'EXPIRED' | 'WRONG_ACTIVITY', scanned: boolean): string {
  if (code === 'EXPIRED') return scanned ? '签到码已过期，请扫描屏幕上最新的二维码' : '签到码已更新，请输入屏幕上最新的 6 位数字';
  return code === 'CODE_INVALID' ? '签到码不正确，请重新扫码或输入' : '这是另一个活动的签到码';
}

/** A member's code against the subject's (an activity's or a service slot's): the verdict, from the server's clock. */
export function verify(key: Buffer, subjectId: string, input: { payload: string } | { digits: string }, nowMs: number): Verdict {
  return 'payload' in input ? checkPayload(key, subjectId, input.payload, nowMs) : checkDigits(key, subjectId, input.digits, nowMs);
}

/** The code a screen shows for a subject now. */
export function currentCode(key: Buffer, subjectId: string, nowMs: number) {
  const slot = slotOf(nowMs);
  return {
    payload: payloadFor(key, subjectId, slot),
    digits: digitsFor(key, subjectId, slot),
    expiresAt: new Date((slot + 1) * SLOT_SECONDS * 1000).toISOString(),
    slotSeconds: SLOT_SECONDS,
  };
}
