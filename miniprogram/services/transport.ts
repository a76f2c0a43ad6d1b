import Taro from '@tarojs/taro';
import type { ApiResult } from '../../typings/errors';
import type { FunctionEvent } from '../../typings/api';

const NETWORK_ERROR: ApiResult<never> = { ok: false, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' };

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** WeChat: CloudBase callFunction; the platform attaches the caller's identity. */
async function viaCloud(name: string, event: FunctionEvent): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data: event as unknown as Record<string, unknown> });
  return res.result;
}

/** h5: the local runtime's gateway; the dev sign-in cookie says who the caller is. */
async function viaGateway(name: string, event: FunctionEvent): Promise<unknown> {
  const res = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  return res.json();
}

const send = process.env.TARO_ENV === 'weapp' ? viaCloud : viaGateway;

export async function callFunction(name: string, event: FunctionEvent): Promise<ApiResult<unknown>> {
  try {
    const result = await send(name, event);
    return isApiResult(result) ? result : NETWORK_ERROR;
  } catch {
    return NETWORK_ERROR;
  }
}
