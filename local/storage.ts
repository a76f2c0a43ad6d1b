import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import type { Storage } from '../cloudfunctions/common/platform';

const PREFIX = 'cloud://local.zhibu/';

/** CloudBase storage on local disk: fileIDs look like the cloud's, files live under `<dataDir>/storage`. */
export function localStorage(root: string, publicBaseUrl: () => string): Storage {
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
    async getTempFileURL({ fileList }) {
      return {
        fileList: fileList.map((fileID) => ({
          fileID,
          tempFileURL: `${publicBaseUrl()}/storage/${fileID.slice(PREFIX.length)}`,
          code: 'SUCCESS',
        })),
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

export function storagePath(root: string, urlPath: string): string | undefined {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^\/+/, '');
  if (rel.startsWith('..')) return undefined;
  return join(root, rel);
}
