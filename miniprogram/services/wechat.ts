import Taro from '@tarojs/taro';

/**
 * WeChat-only platform flows. Outside the weapp build (the local h5 runtime) they do nothing: there
 * is no WeChat privacy gate there, and the open-API stand-in records every subscribe message anyway.
 */
const isWeapp = () => process.env.TARO_ENV === 'weapp';

/**
 * Asks the user to accept one-time subscribe messages (e.g. the result of a join request). WeChat
 * only allows this straight from a tap, so call it first in the tap handler, before any await.
 * A refusal or failure is not an error: the user simply gets no message.
 */
export function askToSubscribe(templateIds: (string | null | undefined)[]): Promise<void> {
  const tmplIds = templateIds.filter((t): t is string => Boolean(t));
  if (!isWeapp() || tmplIds.length === 0) return Promise.resolve();
  return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).then(
    () => undefined,
    () => undefined,
  );
}

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;
let pending: Resolve | null = null;
const listeners = new Set<(open: boolean) => void>();

/**
 * WeChat's privacy gate: when a privacy API (choosing a photo or a file, …) needs the user's
 * agreement, WeChat calls this handler and waits; the page shows <PrivacyPrompt/>, whose agree
 * button (open-type agreePrivacyAuthorization) lets the call go on. Installed once, at launch.
 */
export function installPrivacyGate(): void {
  if (!isWeapp()) return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    resolve({ event: 'exposureAuthorization' });
    listeners.forEach((l) => l(true));
  });
}

/** Lets a component show the prompt while WeChat waits. */
export function onPrivacyPrompt(listener: (open: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The user's answer: `buttonId` is the id of the agreePrivacyAuthorization button they tapped. */
export function answerPrivacyPrompt(agree: boolean, buttonId: string): void {
  pending?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
  pending = null;
  listeners.forEach((l) => l(false));
}
