import { createRuntime, quietLogger } from '../../local/runtime';
import { seedDemo } from '../../local/seed';

/** Two calls made together, a long one first: the order they finish in. */
async function finishOrder(maxInFlight?: number): Promise<string[]> {
  const now = new Date('2026-11-28T10:00:00Z');
  const rt = createRuntime({ dataDir: ':memory:', log: quietLogger, now: () => now, ...(maxInFlight ? { maxInFlight } : {}) });
  await seedDemo(rt.db, now);
  const done: string[] = [];
  const home = rt.invoke('branch', { action: 'home', data: {} }, { openid: 'demo-secretary' }).then((r) => {
    expect(r.ok).toBe(true);
    done.push('home');
  });
  const ping = rt.invoke('system', { action: 'ping', data: {} }, { openid: 'demo-member-01' }).then((r) => {
    expect(r.ok).toBe(true);
    done.push('ping');
  });
  await Promise.all([home, ping]);
  rt.close();
  return done;
}

describe('the runtime admits a bounded number of invocations at once', () => {
  it('a call past the limit waits for a running one to end, then runs: first come, first served', async () => {
    expect(await finishOrder(1)).toEqual(['home', 'ping']);
  });

  it('under the limit calls run side by side: a quick one made second ends first', async () => {
    expect(await finishOrder()).toEqual(['ping', 'home']);
  });
});
