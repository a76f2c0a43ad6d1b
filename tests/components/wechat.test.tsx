import { act, fireEvent, render, screen } from '@testing-library/react';

/**
 * The WeChat-only flows, with the two WeChat APIs they use played by stand-ins that behave as the
 * documentation says (WeChat itself does not run here).
 */
type Resolve = (option: { event: string; buttonId?: string }) => void;

/** Runs as the weapp build: TARO_ENV is read at call time, and the stand-ins join Taro's h5 API. */
async function weapp(wx: Record<string, unknown>) {
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  const Taro = (await import('@tarojs/taro')).default as unknown as Record<string, unknown>;
  const saved = Object.fromEntries(Object.keys(wx).map((k) => [k, Taro[k]]));
  Object.assign(Taro, wx);
  return {
    wechat: await import('../../miniprogram/services/wechat'),
    prompt: await import('../../miniprogram/components/privacy-prompt'),
    restore: () => {
      process.env.TARO_ENV = previous;
      Object.assign(Taro, saved);
    },
  };
}

describe('subscribe messages', () => {
  it('asks for the configured templates only, and a refusal is not an error', async () => {
    const asked: unknown[] = [];
    const { wechat, restore } = await weapp({
      requestSubscribeMessage: async (opts: { tmplIds: string[] }) => {
        asked.push(opts.tmplIds);
        throw new Error('requestSubscribeMessage:fail cancel');
      },
    });
    await expect(wechat.askToSubscribe(['tpl-join-result', null, ''])).resolves.toBeUndefined();
    await wechat.askToSubscribe([null]);
    restore();
    expect(asked).toEqual([['tpl-join-result']]);
  });

  it('does nothing outside WeChat', async () => {
    const asked: unknown[] = [];
    const { wechat, restore } = await weapp({ requestSubscribeMessage: async (opts: unknown) => asked.push(opts) });
    process.env.TARO_ENV = 'h5';
    await expect(wechat.askToSubscribe(['tpl-join-result'])).resolves.toBeUndefined();
    restore();
    expect(asked).toEqual([]);
  });
});

describe('the privacy gate', () => {
  it('shows the prompt while WeChat waits, and lets the call go on when the user agrees', async () => {
    let listener: ((resolve: Resolve) => void) | undefined;
    const { wechat, prompt, restore } = await weapp({
      onNeedPrivacyAuthorization: (l: (resolve: Resolve) => void) => {
        listener = l;
      },
    });
    wechat.installPrivacyGate();
    const { PrivacyPrompt } = prompt;
    render(<PrivacyPrompt />);
    expect(screen.queryByText('个人信息保护提示')).toBeNull();

    const answers: { event: string; buttonId?: string }[] = [];
    act(() => listener!((o) => answers.push(o)));
    expect(screen.getByText('个人信息保护提示')).toBeTruthy();
    // The button WeChat checks was tapped carries the id passed back.
    expect(document.getElementById('privacy-agree')).not.toBeNull();
    act(() => wechat.answerPrivacyPrompt(true, 'privacy-agree'));
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(screen.queryByText('个人信息保护提示')).toBeNull();

    act(() => listener!((o) => answers.push(o)));
    fireEvent.click(screen.getByText('不同意'));
    expect(answers.at(-1)).toEqual({ event: 'disagree' });
    restore();
  });
});
