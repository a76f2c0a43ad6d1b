import { parseBuffer } from 'music-metadata';
import type { CallerContext } from '../common/context';
import { AppError } from '../common/errors';
import { storeFile, takeUpload } from '../common/files';

/** Size limits a person is told about before they upload (the lesson form says them too). */
export const MEDIA_MAX_BYTES = { audio: 50 * 1024 * 1024, video: 200 * 1024 * 1024 } as const;
export const MEDIA_LIMIT_LABEL = { audio: '50 MB', video: '200 MB' } as const;

type MediaExt = 'mp3' | 'm4a' | 'mp4';
const MIME: Record<MediaExt, string> = { mp3: 'audio/mpeg', m4a: 'audio/mp4', mp4: 'video/mp4' };

/**
 * What the bytes are, read by a media parser (never the name): an MP3 or an MPEG-4 container, with a
 * video track for a video and none for an audio, and its length. Anything else is refused.
 */
export async function inspectMedia(content: Buffer, ext: MediaExt): Promise<{ duration: number } | null> {
  try {
    const { format } = await parseBuffer(content, { mimeType: MIME[ext], size: content.length }, { duration: true, skipCovers: true });
    const container = (format.container ?? '').toLowerCase();
    const isMp4 = /m4a|mp4|isom|iso\d|mp41|mp42|m4v|dash/.test(container);
    const hasVideo = (format.trackInfo ?? []).some((t) => /avc1|hvc1|hev1|mp4v|av01/i.test(t.codecName ?? ''));
    const ok =
      ext === 'mp3' ? container === 'mpeg' && /layer 3/i.test(format.codec ?? '') : isMp4 && (ext === 'mp4' ? hasVideo : !hasVideo);
    const duration = format.duration ?? 0;
    return ok && duration > 0 ? { duration: Math.round(duration * 10) / 10 } : null;
  } catch {
    return null;
  }
}

/** Takes the caller's uploaded audio or video: checked by its bytes and size, stored under `media/`. */
export async function storeMedia(ctx: CallerContext, fileID: string, kind: 'audio' | 'video') {
  const ext = fileID.slice(fileID.lastIndexOf('.') + 1) as MediaExt;
  const what = kind === 'audio' ? '音频' : '视频';
  const content = await takeUpload(ctx, fileID, `没有找到上传的${what}，请重新上传`);
  if (content.length > MEDIA_MAX_BYTES[kind]) throw new AppError('INVALID_INPUT', `${what}文件不能超过 ${MEDIA_LIMIT_LABEL[kind]}`);
  const found = await inspectMedia(content, ext);
  if (!found) throw new AppError('INVALID_INPUT', `不是有效的${kind === 'audio' ? ' MP3/M4A 音频' : ' MP4 视频'}文件，请换一个文件`);
  const stored = await storeFile(ctx, 'media', ext, content);
  return { fileID: stored, duration: found.duration, size: content.length, ext };
}
