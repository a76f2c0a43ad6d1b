import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '../../local/gateway';
import { loadSecret } from '../../local/identity';
import { LOCAL_BLOCKED_WORDS } from '../../local/openapi';
import { createRuntime, quietLogger } from '../../local/runtime';
import { seedDemo } from '../../local/seed';
import { seedDemoPosts } from '../../local/seed-posts';
import { seedDemoStudy } from '../../local/seed-study';
import { seedDemoExam } from '../../local/seed-exam';
import { seedDemoVoice } from '../../local/seed-voice';
import { seedDemoService } from '../../local/seed-service';
import { startTimers } from '../../local/timers';

const ROOT = join(__dirname, '..', '..');

/**
 * The product as `npm start` runs it (demo data, demo posts, timers, the gateway serving the h5
 * build), on a fresh data folder and a free port of its own: each e2e file gets one, so no file
 * depends on what another did before it.
 */
export async function startLocal(): Promise<{ base: string; runtime: ReturnType<typeof createRuntime>; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-e2e-'));
  let base = '';
  const runtime = createRuntime({ dataDir, publicBaseUrl: () => base, log: quietLogger, blockedWords: LOCAL_BLOCKED_WORDS });
  await seedDemo(runtime.db, new Date());
  await seedDemoPosts(runtime, new Date());
  await seedDemoStudy(runtime, new Date());
  await seedDemoExam(runtime, new Date());
  await seedDemoVoice(runtime, new Date());
  await seedDemoService(runtime, new Date());
  const timers = startTimers(runtime);
  const server = createGateway({ runtime, secret: loadSecret(dataDir), staticDir: join(ROOT, 'dist/h5') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    runtime,
    close: async () => {
      timers.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
