import type { HandlerContext } from '../common/context';
import type { PostContent } from '../common/db';
import { AppError } from '../common/errors';

/** security.msgSecCheck v2 labels, in words an author can act on. */
const LABELS: Record<string, string> = {
  '10001': '广告',
  '20001': '时政',
  '20002': '色情',
  '20003': '辱骂',
  '20006': '违法犯罪',
  '20008': '欺诈',
  '20012': '低俗',
  '20013': '版权',
  '21000': '其他不当内容',
};

/** WeChat checks at most 2500 characters at a time. */
const CHUNK = 2500;

/**
 * Every text a person wrote passes WeChat's content check before anyone else sees it. Flagged text
 * is refused with the reason; a check that cannot run refuses too (nothing unchecked goes out).
 */
export async function checkContent(ctx: Pick<HandlerContext, 'openapi' | 'log'>, openid: string, texts: string[], scene: 1 | 2 | 3 | 4) {
  const all = texts.filter(Boolean).join('\n');
  for (let i = 0; i < all.length; i += CHUNK) {
    let verdict: { pass: boolean; label?: string };
    try {
      verdict = await ctx.openapi.checkText({ content: all.slice(i, i + CHUNK), openid, scene });
    } catch (err) {
      ctx.log.warn('content_check_failed', { error: err instanceof Error ? err.message : String(err) });
      throw new AppError('INTERNAL', '内容安全检查暂时不可用，请稍后再试');
    }
    if (!verdict.pass) {
      const why = LABELS[verdict.label ?? ''] ?? '不当内容';
      throw new AppError('CONTENT_FLAGGED', `内容未通过安全检查（疑似${why}），请修改后再提交`);
    }
  }
}

/** The texts of a post a person wrote: title, body, captions, link and attachment names. */
export function postTexts(c: Pick<PostContent, 'title' | 'body'> & { attachments: { name: string }[] }): string[] {
  return [c.title, ...c.body.map((b) => (b.type === 'image' ? (b.caption ?? '') : b.text)), ...c.attachments.map((a) => a.name)];
}
