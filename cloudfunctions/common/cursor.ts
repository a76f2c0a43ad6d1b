import { AppError } from './errors';

/** Opaque page cursors: the sort key of the last item of a page, for "after this" queries (never skip). */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(text: string, isValid: (value: Record<string, unknown>) => boolean): T {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && isValid(value as Record<string, unknown>)) return value as T;
  } catch {
    // fall through to the same answer as any other bad cursor
  }
  throw new AppError('INVALID_INPUT', '分页参数无效，请从第一页重新加载');
}

/** A user's text as a literal inside a RegExp (search boxes). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
