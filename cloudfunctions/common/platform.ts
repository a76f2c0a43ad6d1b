import type { Db } from '@cloudbase/database';
import type { Templates } from './config';
import type { SecretKeys } from './pii';

/** CloudBase storage, in the shape of node-sdk's `app.uploadFile` and friends. */
export interface Storage {
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(opts: { fileID: string }): Promise<{ fileContent?: Buffer }>;
  /** Signed URLs that stop working after `maxAge` seconds (CloudBase temp URLs). */
  getTempFileURL(opts: {
    fileList: string[];
    maxAge: number;
  }): Promise<{ fileList: { fileID: string; tempFileURL: string; code?: string }[] }>;
  deleteFile(opts: { fileList: string[] }): Promise<{ fileList: { fileID: string; code?: string }[] }>;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** The WeChat open APIs the product uses. Production calls WeChat through CloudBase; locally, stand-ins record each call. */
export interface OpenApi {
  /** wxacode.getUnlimited: a mini-program code that opens `page` with `scene`. */
  getUnlimitedQRCode(input: { scene: string; page: string; width?: number }): Promise<{ contentType: string; buffer: Buffer }>;
  sendSubscribeMessage(input: SubscribeMessage): Promise<void>;
  /** security.msgSecCheck (v2) */
  checkText(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ pass: boolean; label?: string }>;
  /** updatableMessage.createActivityId */
  createActivityId(input: { openid: string }): Promise<{ activityId: string; expirationTime: number }>;
  /** updatableMessage.setUpdatableMsg */
  setUpdatableMsg(input: { activityId: string; targetState: 0 | 1; parameters: { name: string; value: string }[] }): Promise<void>;
  /** Resolves a CloudID the client obtained (e.g. from wx.getGroupEnterInfo) into its open data. */
  resolveCloudID(cloudID: string): Promise<Record<string, unknown>>;
}

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** What a deployment provides to every handler. */
export interface Platform {
  db(): Db;
  /** Keys derived from the configured master secret; asked for only by handlers that need them. */
  keys(): SecretKeys;
  templates(): Templates;
  storage(): Storage;
  openapi(): OpenApi;
  now(): Date;
  log: Logger;
}

/**
 * CloudBase, for a deployed function's `main`. The local runtime never comes here: it passes its own
 * platform to each function's `run`, one per runtime.
 */
export async function platform(): Promise<Platform> {
  const { cloudbasePlatform } = await import('./cloudbase');
  return cloudbasePlatform();
}
