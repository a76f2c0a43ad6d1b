import jpeg from 'jpeg-js';
import { randomBytes } from 'node:crypto';
import { uploadFolder } from '../../cloudfunctions/common/files';
import { createRuntime, quietLogger, type Identity, type Runtime, type RuntimeImage } from '../../local/runtime';
import { seedDemo } from '../../local/seed';

/** Seeded databases of this test file, by what was seeded and when, as images runtimes start from. */
const seeded = new Map<string, RuntimeImage>();

/**
 * The real local runtime on an in-memory database, with what `seed` puts in it at the clock's current
 * time. The seed runs once per name and time in a test file; every later runtime starts from a copy of
 * its database (same data, same key), so a test pays for a seed once, not once per case.
 */
export async function seededRuntime(name: string, now: () => Date, seed: (runtime: Runtime) => Promise<unknown>): Promise<Runtime> {
  const key = `${name}@${now().toISOString()}`;
  const image = seeded.get(key);
  if (image) return createRuntime({ dataDir: ':memory:', now, log: quietLogger, from: image });
  const runtime = createRuntime({ dataDir: ':memory:', now, log: quietLogger });
  await seed(runtime);
  seeded.set(key, runtime.image());
  return runtime;
}

/** The real local runtime on an in-memory database, seeded with the demo organisation. */
export async function demoRuntime(now: () => Date = () => new Date('2026-11-28T10:00:00Z')): Promise<Runtime> {
  return seededRuntime('demo', now, (runtime) => seedDemo(runtime.db, now()));
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
  await ok(runtime, 'user', 'signIn', {}, { openid });
  const res = await runtime.invoke('privacy', { action: 'consent', data: { version: PRIVACY_VERSION } }, { openid });
  if (!res.ok) throw new Error(`consent failed: ${res.code}`);
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A file as `owner`'s client leaves it before passing its fileID to a function: in their own upload
 * folder, under `name` (readable in the test) and a random part, like the client's random names.
 */
export async function uploaded(
  runtime: Awaited<ReturnType<typeof demoRuntime>>,
  name: string,
  content: Buffer,
  owner = 'demo-secretary',
): Promise<string> {
  const dot = name.lastIndexOf('.');
  const cloudPath = `${uploadFolder(runtime.platform.keys(), owner)}/${name.slice(0, dot)}-${randomBytes(6).toString('hex')}${name.slice(dot)}`;
  return (await runtime.platform.storage().uploadFile({ cloudPath, fileContent: content })).fileID;
}

/** Whether storage still holds the file. */
export async function inStorage(runtime: Awaited<ReturnType<typeof demoRuntime>>, fileID: string): Promise<boolean> {
  return runtime.platform
    .storage()
    .downloadFile({ fileID })
    .then(() => true)
    .catch(() => false);
}

/** A 1×1 JPEG that decodes (a signature alone is refused). */
export const JPEG = Buffer.from(jpeg.encode({ width: 1, height: 1, data: Buffer.from([200, 30, 30, 255]) }, 90).data);

/** The fileID a temp URL of the local runtime points at (`…/storage/<path>?e=…&s=…`). */
export function storedFileOf(url: string): string {
  const path = new URL(url).pathname.replace(/^\/storage\//, '');
  return `cloud://local.zhibu/${decodeURIComponent(path)}`;
}

/** The bytes behind a temp URL the runtime issued. */
export async function readStored(runtime: Awaited<ReturnType<typeof demoRuntime>>, url: string): Promise<Buffer> {
  const { fileContent } = await runtime.platform.storage().downloadFile({ fileID: storedFileOf(url) });
  if (!fileContent) throw new Error(`nothing stored at ${url}`);
  return fileContent;
}

/**
 * A setup call: the action's data, or the test stops with the code and message the action was refused
 * with (a setup that failed must not leave a test passing with nothing checked).
 */
export async function ok<T = Record<string, unknown>>(
  runtime: Pick<Runtime, 'invoke'>,
  fn: string,
  action: string,
  data: object,
  who: Identity | null,
): Promise<T> {
  const res = await runtime.invoke(fn, { action, data }, who);
  if (!res.ok) throw new Error(`setup ${fn}.${action} as ${who?.openid ?? 'nobody'} was refused: ${res.code} ${res.message}`);
  return res.data as T;
}

/** Runs a timer trigger as CloudBase would; a run that failed stops the test with its code and message. */
export async function fired(runtime: Pick<Runtime, 'fireTimer'>, fn: string, trigger: string): Promise<unknown> {
  const res = await runtime.fireTimer(fn, trigger);
  if (!res.ok) throw new Error(`timer ${fn}.${trigger} failed: ${res.code} ${res.message}`);
  return res.data;
}
