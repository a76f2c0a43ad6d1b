import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import type { Storage } from '../cloudfunctions/common/platform';

const PREFIX = 'cloud://local.zhibu/';

/** What a stored file is served as (never sniffed: the gateway sends `nosniff`). */
export const STORAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
};

export const storageType = (path: string) => STORAGE_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

function signature(key: Buffer, path: string, expires: number): string {
  return createHmac('sha256', key).update(`${path}\n${expires}`).digest('base64url');
}

/**
 * Whether `/storage/<path>?e=<expiry>&s=<signature>` is a URL this runtime issued and that has not
 * expired: like a CloudBase temp URL, it works for a while for whoever a function gave it to.
 */
export function verifyStorageUrl(key: Buffer, path: string, query: URLSearchParams, now: Date): boolean {
  const expires = Number(query.get('e'));
  const given = Buffer.from(query.get('s') ?? '');
  if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signature(key, path, expires));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * CloudBase storage on local disk: fileIDs look like the cloud's, files live under `<dataDir>/storage`,
 * and temp URLs are signed and expire (`signingKey`, `now`) like CloudBase's.
 */
export function localStorage(root: string, publicBaseUrl: () => string, signingKey: Buffer, now: () => Date): Storage {
  const pathOf = (fileID: string): string => {
    if (!fileID.startsWith(PREFIX)) throw new Error(`not a local fileID: ${fileID}`);
    const rel = normalize(fileID.slice(PREFIX.length));
    if (rel.startsWith('..') || rel.startsWith('/')) throw new Error(`invalid fileID: ${fileID}`);
    return join(root, rel);
  };
  return {
    async uploadFile({ cloudPath, fileContent }) {
      const fileID = PREFIX + cloudPath.replace(/^\/+/, '');
      const file = pathOf(fileID);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, fileContent);
      return { fileID };
    },
    async downloadFile({ fileID }) {
      return { fileContent: await readFile(pathOf(fileID)) };
    },
    async getTempFileURL({ fileList, maxAge }) {
      const expires = Math.floor(now().getTime() / 1000) + maxAge;
      return {
        fileList: fileList.map((fileID) => {
          const path = fileID.slice(PREFIX.length);
          return {
            fileID,
            tempFileURL: `${publicBaseUrl()}/storage/${path}?e=${expires}&s=${signature(signingKey, path, expires)}`,
            code: 'SUCCESS',
          };
        }),
      };
    },
    async deleteFile({ fileList }) {
      const out = [];
      for (const fileID of fileList) {
        await rm(pathOf(fileID), { force: true });
        out.push({ fileID, code: 'SUCCESS' });
      }
      return { fileList: out };
    },
  };
}

/** The file a `/storage/<path>` URL names, or undefined for a path outside storage (or not decodable). */
export function storagePath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const rel = normalize(decoded).replace(/^\/+/, '');
  if (rel.startsWith('..')) return undefined;
  return join(root, rel);
}
