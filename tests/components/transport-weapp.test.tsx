import type { api as Api } from '../../miniprogram/services/api';
import { demoRuntime } from '../helpers/runtime';

/**
 * The weapp build's client path: `Taro.cloud.callFunction`, answered here by the real local functions,
 * with identity supplied the way WeChat supplies it (never in the data).
 */
type CallFunction = (opts: { name: string; data: unknown }) => Promise<{ result: unknown; errMsg: string }>;

async function weappApi(callFunction: CallFunction) {
  let client: typeof Api | undefined;
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  await jest.isolateModulesAsync(async () => {
    const Taro = (await import('@tarojs/taro')).default as unknown as { cloud: { callFunction: CallFunction } };
    Taro.cloud = { callFunction };
    client = (await import('../../miniprogram/services/api')).api;
  });
  process.env.TARO_ENV = previous;
  return client!;
}

it('calls functions through Taro.cloud.callFunction and unwraps the result', async () => {
  const rt = await demoRuntime();
  const calls: string[] = [];
  const api = await weappApi(async ({ name, data }) => {
    calls.push(name);
    return { result: await rt.invoke(name, data, { openid: 'demo-secretary' }), errMsg: 'cloud.callFunction:ok' };
  });
  const home = await api.branch.home({});
  expect(home.branch?.name).toBe('第一党支部（研发中心）');
  expect(home.memberCount).toBe(13);
  await expect(api.branch.home({ orgId: 'org-xh-branch-mk' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(calls).toEqual(['branch', 'branch']);
});

it('turns a failed callFunction into a NETWORK error the page can show', async () => {
  const api = await weappApi(async () => {
    throw new Error('cloud.callFunction:fail timeout');
  });
  await expect(api.system.ping({})).rejects.toMatchObject({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
});
