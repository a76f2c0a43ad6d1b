import { createRuntime, quietLogger } from '../../local/runtime';
import { seedDemo } from '../../local/seed';

/** The real local runtime on an in-memory database, seeded with the demo organisation. */
export async function demoRuntime(now: () => Date = () => new Date('2026-11-28T10:00:00Z')) {
  const runtime = createRuntime({ dataDir: ':memory:', now, log: quietLogger });
  await seedDemo(runtime.db, now());
  return runtime;
}

/** Every document in every collection: to prove a rejected call wrote nothing. */
export async function snapshot(runtime: Awaited<ReturnType<typeof demoRuntime>>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of runtime.engine.collectionNames()) {
    out[name] = (await runtime.db.collection(name).limit(1000).get()).data;
  }
  return out;
}

/** Signs the person in and agrees to the current privacy notice, as the archive page asks them to. */
export async function consented(runtime: Awaited<ReturnType<typeof demoRuntime>>, openid: string): Promise<void> {
  const { PRIVACY_VERSION } = await import('../../typings/domain');
  await runtime.invoke('user', { action: 'signIn' }, { openid });
  const res = await runtime.invoke('privacy', { action: 'consent', data: { version: PRIVACY_VERSION } }, { openid });
  if (!res.ok) throw new Error(`consent failed: ${res.code}`);
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A file as the client leaves it in `uploads/` before passing its fileID to a function. */
export async function uploaded(runtime: Awaited<ReturnType<typeof demoRuntime>>, name: string, content: Buffer): Promise<string> {
  return (await runtime.platform.storage().uploadFile({ cloudPath: `uploads/${name}`, fileContent: content })).fileID;
}

/** Whether storage still holds the file. */
export async function inStorage(runtime: Awaited<ReturnType<typeof demoRuntime>>, fileID: string): Promise<boolean> {
  return runtime.platform
    .storage()
    .downloadFile({ fileID })
    .then(() => true)
    .catch(() => false);
}
