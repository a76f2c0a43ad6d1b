import type { HandlerContext } from './context';
import type { Templates } from './config';
import type { SubscribeMessage } from './platform';

/**
 * Sends a one-time subscribe message with the configured template. Members who did not subscribe
 * (and any template not configured) simply get none: WeChat refuses those sends, which are logged,
 * never thrown, so a notification never fails the action that caused it. True when WeChat took it.
 */
export async function sendSubscribe(
  ctx: Pick<HandlerContext, 'openapi' | 'log' | 'templates'>,
  template: keyof Templates,
  message: Omit<SubscribeMessage, 'templateId'>,
): Promise<boolean> {
  const templateId = ctx.templates()[template];
  if (!templateId || message.touser.startsWith('roster:')) return false;
  try {
    await ctx.openapi.sendSubscribeMessage({ ...message, templateId });
    return true;
  } catch (err) {
    ctx.log.warn('subscribe_message_failed', { template, error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
