/**
 * Child process for the timer-crash test: on the data folder argv[2], with the clock at argv[3],
 * makes argv[4] reminders due (once), then runs the minutely tick over and over, printing each send
 * as WeChat receives it, until killed.
 */
import { createRuntime, quietLogger } from '../../local/runtime';
import { seedDemo } from '../../local/seed';
import { createActivity } from './activity';

const [dataDir, at, count] = process.argv.slice(2);
if (!dataDir || !at || !count) throw new Error('usage: tick-stream <data dir> <ISO time> <reminders>');
const now = new Date(at);
const runtime = createRuntime({ dataDir, now: () => now, log: quietLogger });

void (async () => {
  await seedDemo(runtime.db, now);
  if ((await runtime.db.collection('reminders').count()).total === 0) {
    const activityId = await createActivity(runtime, {
      startAt: new Date(now.getTime() + 3600_000).toISOString(),
      endAt: new Date(now.getTime() + 7200_000).toISOString(),
      signupDeadline: null,
    });
    const docs = Array.from({ length: Number(count) }, (_, i) => ({
      _id: `crash-${i}`,
      activityId,
      openid: `crash-member-${i}`,
      sendAt: new Date(now.getTime() - 1000),
      sent: false,
    }));
    for (let i = 0; i < docs.length; i += 100) await runtime.db.collection('reminders').add(docs.slice(i, i + 100));
  }
  const openapi = runtime.platform.openapi;
  runtime.platform.openapi = () => {
    const real = openapi();
    return {
      ...real,
      async sendSubscribeMessage(input) {
        await real.sendSubscribeMessage(input);
        process.stdout.write(`sent ${input.touser}\n`);
      },
    };
  };
  for (;;) {
    const res = await runtime.fireTimer('activity', 'tick');
    // A failing tick must not look like a slow one: the parent sees the exit.
    if (!res.ok) throw new Error(`tick failed: ${res.code} ${res.message}`);
  }
})();
