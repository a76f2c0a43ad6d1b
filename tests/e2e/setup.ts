import { setBaseUrl } from './browser';
import { startLocal } from './server';

// Each e2e file runs against a runtime of its own (see server.ts).
let local: Awaited<ReturnType<typeof startLocal>> | undefined;
beforeAll(async () => {
  local = await startLocal();
  setBaseUrl(local.base);
}, 60_000);
afterAll(async () => {
  await local?.close();
});
