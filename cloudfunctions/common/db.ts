import type { Db } from '@cloudbase/database';
import type { OrgType, Role } from '../../typings/domain';
import type { CollectionName } from './collections';

/** A collection by its declared name: a typo is a type error, not an empty result. */
export function col(db: Db, name: CollectionName) {
  return db.collection(name);
}

export function isDuplicate(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE';
}

/** Stored shapes. */
export interface UserDoc {
  _id: string;
  openid: string;
  nickname: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface OrgDoc {
  _id: string;
  name: string;
  type: OrgType;
  parentId: string | null;
  /** Ancestor ids, the top unit first: scope checks need one read. */
  path: string[];
  sort: number;
  createdAt: Date;
}

export interface AuditDoc {
  _id: string;
  at: Date;
  /** The unit whose log this entry belongs to. */
  orgId: string;
  actorOpenid: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
}

export interface MembershipDoc {
  _id: string;
  openid: string;
  orgId: string;
  role: Role;
  status: 'active' | 'left';
  /** Name as registered in the branch (synthetic in demo data). */
  name: string;
  joinedAt: Date;
}

export interface ArchiveDoc {
  _id: string;
  openid: string;
  name?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  birthDate?: string;
  education?: string;
  job?: string;
  /** AES-GCM ciphertext and keyed hash (for lookup); the plain value is never stored. */
  phoneEnc?: string;
  phoneHash?: string;
  idCardEnc?: string;
  idCardHash?: string;
  updatedAt: Date;
}
