import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { SecretKeys } from '../common/pii';

/**
 * What ties an anonymous letter to its writer: a keyed hash of their openid. Only the server holds the
 * key (derived from the master secret that also protects archives), so the writer's own calls can
 * compute it and find their letters, while the stored letter says nothing about who they are to
 * anyone reading the database, and the hash cannot be tried against a list of openids without the key.
 */
export function ownerKey(keys: Pick<SecretKeys, 'anon'>, openid: string): string {
  return createHmac('sha256', keys.anon).update(`letter:${openid}`).digest('base64url').slice(0, 32);
}

/** A random id: anonymous documents carry no sequence, time or person in their names. */
export const randomId = (prefix: string) => `${prefix}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

/** A uniformly random place in [0, 1) from the platform's cryptographic generator (for random samples). */
export const randomPlace = () => randomInt(2 ** 47) / 2 ** 47;
