import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { ExtraFunctions } from '../../local/extra';
import { createGateway } from '../../local/gateway';
import { demoRuntime } from './runtime';

/** The real gateway on a random loopback port, over an in-memory demo runtime (and other apps' functions, if given). */
export async function startGateway(options: { extras?: (runtime: Awaited<ReturnType<typeof demoRuntime>>) => ExtraFunctions } = {}) {
  const runtime = await demoRuntime();
  const server = createGateway({ runtime, secret: randomBytes(32), extras: options.extras?.(runtime) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function signIn(openid: string): Promise<string> {
    const res = await fetch(`${base}/api/dev/signin`, { method: 'POST', body: JSON.stringify({ openid }) });
    const body = (await res.json()) as { data: { token: string } };
    return body.data.token;
  }

  async function call(fn: string, body: string | object, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${base}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { runtime, server, base, signIn, call, close };
}
