import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEASE_MS } from '../../cloudfunctions/common/outbox';
import { createRuntime, quietLogger } from '../../local/runtime';

const ROOT = join(__dirname, '..', '..');
const AT = '2026-12-10T05:30:00.000Z';
const REMINDERS = 200;

/** Runs the tick in a child process over `dataDir` and SIGKILLs it once `killAfter` sends went out. */
function tickUntilKilled(dataDir: string, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/helpers/tick-stream.ts'), dataDir, AT, String(REMINDERS)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let sent = 0;
    let buffer = '';
    child.on('error', reject);
    child.on('exit', () => resolve(sent));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      sent += lines.filter((l) => l.startsWith('sent ')).length;
      if (sent >= killAfter && !child.killed) child.kill('SIGKILL');
    });
  });
}

it('SIGKILL in the middle of the minutely tick loses no reminder: after the lease, each went out (at most the one in flight twice)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-tick-crash-'));
  try {
    // Killed twice mid-tick, at different points.
    expect(await tickUntilKilled(dir, 40)).toBeGreaterThanOrEqual(40);
    expect(await tickUntilKilled(dir, 30)).toBeGreaterThanOrEqual(30);

    const later = new Date(new Date(AT).getTime() + LEASE_MS + 1000);
    const rt = createRuntime({ dataDir: dir, now: () => later, log: quietLogger });
    try {
      expect(await rt.fireTimer('activity', 'tick')).toEqual({ ok: true, data: null });
      const reminders = (await rt.db.collection('reminders').limit(1000).get()).data as {
        openid: string;
        sent: boolean;
        result?: string;
      }[];
      expect(reminders).toHaveLength(REMINDERS);
      expect(reminders.filter((r) => !r.sent)).toEqual([]);
      const sends = (await rt.db.collection('dev_openapi_calls').where({ api: 'subscribeMessage.send' }).limit(1000).get()).data as {
        input: { touser: string };
      }[];
      const perMember = new Map<string, number>();
      for (const s of sends) perMember.set(s.input.touser, (perMember.get(s.input.touser) ?? 0) + 1);
      const lost = reminders.filter((r) => !perMember.has(r.openid));
      expect(lost).toEqual([]);
      // A kill between a send and its mark sends that one again, which WeChat refuses for a used-up subscription.
      expect([...perMember.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(2);
    } finally {
      rt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
