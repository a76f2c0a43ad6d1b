import Taro from '@tarojs/taro';
import { ATTACHMENT_EXTS, type AttachmentExt, UPLOAD_CLOUD_PATH } from '../../typings/domain';
import { ApiError } from './api';
import { session } from './session';

/** A spreadsheet the user picked: a temp path in WeChat, a File in the browser. */
export interface PickedFile {
  name: string;
  size: number;
  source: string | Blob;
}

const ACCEPT = {
  xlsx: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  image: 'image/jpeg,image/png',
  document: ATTACHMENT_EXTS.map((e) => `.${e}`).join(','),
  audio: '.mp3,.m4a,audio/mpeg,audio/mp4',
  video: '.mp4,video/mp4',
} as const;

/** In h5 there is no chooseMessageFile: a hidden file input does the same. Resolves [] on cancel. */
function pickInBrowser(kind: keyof typeof ACCEPT, max = 1): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.multiple = max > 1;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])].slice(0, max);
      input.remove();
      resolve(files.map((file) => ({ name: file.name, size: file.size, source: file })));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Lets the user choose an .xlsx file (in WeChat: from a chat, where spreadsheets usually arrive). */
export async function pickXlsx(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV !== 'weapp') return (await pickInBrowser('xlsx'))[0] ?? null;
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const f = tempFiles[0];
    return f ? { name: f.name, size: f.size, source: f.path } : null;
  } catch {
    return null; // cancelled
  }
}

/** Lets the user choose documents to attach (in WeChat: from a chat, where such files usually arrive). Resolves [] on cancel. */
export async function pickDocuments(max: number): Promise<PickedFile[]> {
  if (process.env.TARO_ENV !== 'weapp') return pickInBrowser('document', max);
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: max, type: 'file', extension: [...ATTACHMENT_EXTS] });
    return tempFiles.map((f) => ({ name: f.name, size: f.size, source: f.path }));
  } catch {
    return []; // cancelled
  }
}

/**
 * Lets an editor choose a lesson's audio (from a chat, where recordings arrive) or video (from the album
 * or a chat). Resolves null on cancel.
 */
export async function pickMedia(kind: 'audio' | 'video'): Promise<PickedFile | null> {
  if (process.env.TARO_ENV !== 'weapp') return (await pickInBrowser(kind))[0] ?? null;
  try {
    if (kind === 'video') {
      const { tempFiles } = await Taro.chooseMedia({ count: 1, mediaType: ['video'], sourceType: ['album'] });
      const f = tempFiles[0];
      return f ? { name: f.tempFilePath, size: f.size, source: f.tempFilePath } : null;
    }
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['mp3', 'm4a'] });
    const f = tempFiles[0];
    return f ? { name: f.name, size: f.size, source: f.path } : null;
  } catch {
    return null; // cancelled
  }
}

/** Lets the user take or choose up to `max` photos (compressed by WeChat). Resolves [] on cancel. */
export async function pickImages(max = 1): Promise<PickedFile[]> {
  if (process.env.TARO_ENV !== 'weapp') return pickInBrowser('image', max);
  try {
    const { tempFiles } = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'] });
    return tempFiles.map((f) => ({ name: f.tempFilePath, size: f.size, source: f.tempFilePath }));
  } catch {
    return []; // cancelled
  }
}

/** Something the page can show before the upload is stored: the temp path in WeChat, an object URL in the browser. */
export function previewOf(file: PickedFile): string {
  return typeof file.source === 'string' ? file.source : URL.createObjectURL(file.source);
}

const EXTENSIONS = {
  xlsx: /\.xlsx$/i,
  jpg: /\.jpe?g$/i,
  png: /\.png$/i,
  pdf: /\.pdf$/i,
  doc: /\.doc$/i,
  docx: /\.docx$/i,
  xls: /\.xls$/i,
  ppt: /\.ppt$/i,
  pptx: /\.pptx$/i,
  mp3: /\.mp3$/i,
  m4a: /\.m4a$/i,
  mp4: /\.mp4$/i,
} as const;
type Ext = keyof typeof EXTENSIONS;
const MB = 1024 * 1024;
const LIMITS: Record<Ext, number> = {
  xlsx: 5 * MB,
  jpg: 2 * MB,
  png: 2 * MB,
  pdf: 10 * MB,
  doc: 10 * MB,
  docx: 10 * MB,
  xls: 10 * MB,
  ppt: 10 * MB,
  pptx: 10 * MB,
  // The same limits the server checks (cloudfunctions/study/media.ts), said before the upload starts.
  mp3: 50 * MB,
  m4a: 50 * MB,
  mp4: 200 * MB,
};
const WRONG_TYPE = (allowed: Ext[]) =>
  allowed.includes('mp3')
    ? '请选择 MP3 或 M4A 格式的音频'
    : allowed.includes('mp4')
      ? '请选择 MP4 格式的视频'
      : allowed.includes('xlsx') && allowed.length === 1
        ? '请选择 .xlsx 格式的表格'
        : allowed.includes('pdf')
          ? '请选择 PDF、Word、Excel 或 PowerPoint 文件'
          : '请选择 JPG 或 PNG 格式的照片';

/** WeChat: straight to cloud storage as the signed-in user. */
async function uploadToCloud(cloudPath: string, file: PickedFile): Promise<string> {
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file.source as string });
  return res.fileID;
}

/** h5: the local runtime's upload endpoint (the dev sign-in cookie says who uploads). */
async function uploadToGateway(cloudPath: string, file: PickedFile): Promise<string> {
  const res = await fetch(`/api/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    credentials: 'same-origin',
    body: file.source as Blob,
  });
  const body = (await res.json()) as { ok: true; data: { fileID: string } } | { ok: false; code: string; message: string };
  if (!body.ok) throw new ApiError('INVALID_INPUT', body.message);
  return body.data.fileID;
}

// Chosen once, so the build for one platform carries no code of the other (WeChat has no fetch).
const uploadTo = process.env.TARO_ENV === 'weapp' ? uploadToCloud : uploadToGateway;

/** 16 random bytes from the platform's cryptographic generator, as hex: the file's name, which no one can guess. */
function randomBytesWeapp(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    wx.getRandomValues({ length: 16, success: (r) => resolve(new Uint8Array(r.randomValues)), fail: reject });
  });
}
const randomBytesBrowser = (): Promise<Uint8Array> => Promise.resolve(crypto.getRandomValues(new Uint8Array(16)));
const randomBytes = process.env.TARO_ENV === 'weapp' ? randomBytesWeapp : randomBytesBrowser;

async function randomName(): Promise<string> {
  return Array.from(await randomBytes(), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Uploads under `uploads/` (the only place the server takes client files from) and returns the fileID. */
export async function upload(file: PickedFile, allowed: Ext[]): Promise<string> {
  const ext = allowed.find((e) => EXTENSIONS[e].test(file.name));
  if (!ext) throw new ApiError('INVALID_INPUT', WRONG_TYPE(allowed));
  if (file.size > LIMITS[ext]) throw new ApiError('INVALID_INPUT', `文件不能超过 ${LIMITS[ext] / 1024 / 1024} MB`);
  try {
    // Into the uploader's own folder (the server takes an upload only from its uploader), under a random name.
    const cloudPath = `${(await session()).uploadFolder}/${await randomName()}.${ext}`;
    if (!UPLOAD_CLOUD_PATH.test(cloudPath)) throw new ApiError('INTERNAL', '上传失败，请重试');
    return await uploadTo(cloudPath, file);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('NETWORK', '上传失败，请检查网络后重试');
  }
}

/** Opens a document in WeChat's document viewer, or (browser) downloads it. */
export async function openDocument(url: string, fileType: AttachmentExt): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFilePath } = await Taro.downloadFile({ url });
    await Taro.openDocument({ filePath: tempFilePath, fileType, showMenu: true });
    return;
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Opens a spreadsheet the server made (export, template). */
export const openSpreadsheet = (url: string) => openDocument(url, 'xlsx');
