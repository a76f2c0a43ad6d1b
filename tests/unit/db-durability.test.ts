import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../local/db/engine';
import { localDatabase } from '../../local/db/request';

const ROOT = join(__dirname, '..', '..');

/** Runs `body` with a database file path in a new temporary folder, removed afterwards whatever happens. */
async function inTempFolder(prefix: string, body: (file: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await body(join(dir, 'db.sqlite'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('SIGKILL in the middle of a stream of acknowledged writes loses none of them', async () => {
  await inTempFolder('zhibu-durability-', async (file) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/helpers/write-stream.ts'), file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = -1;
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line) acked = Number(line);
        if (acked >= 500 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(acked).toBeGreaterThanOrEqual(500);

    const engine = new Engine({ filename: file, collections: [{ name: 'journal', indexes: [] }] });
    const journal = localDatabase(engine).collection('journal');
    const { total } = await journal.count();
    expect(total).toBeGreaterThanOrEqual(acked + 1);
    for (const seq of [0, Math.floor(acked / 2), acked]) {
      expect((await journal.doc(`w${seq}`).get()).data).toEqual([{ _id: `w${seq}`, seq }]);
    }
    engine.close();
  });
}, 30_000);

it('opening a database written before dates carried milliseconds rewrites its whole-second dates once', async () => {
  await inTempFolder('zhibu-dates-', async (file) => {
    const first = new Engine({ filename: file, collections: [{ name: 'events', indexes: [{ name: 'at', keys: { at: 1 } }] }] });
    first.close();
    // What an older version stored (bson's relaxed EJSON drops ".000"), in a file it left at user_version 0.
    const raw = new Database(file);
    raw.pragma('user_version = 0');
    raw
      .prepare('INSERT INTO c_events (id, doc, ver) VALUES (?, ?, 1), (?, ?, 2)')
      .run(
        'whole',
        '{"_id":"whole","at":{"$date":"2026-01-05T08:00:00Z"}}',
        'later',
        '{"_id":"later","at":{"$date":"2026-01-05T08:00:00.500Z"}}',
      );
    raw.close();

    const engine = new Engine({ filename: file, collections: [{ name: 'events', indexes: [{ name: 'at', keys: { at: 1 } }] }] });
    const events = localDatabase(engine).collection('events');
    const { data } = await events.orderBy('at', 'asc').get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['whole', 'later']);
    expect(engine.findById('events', 'whole')).toContain('"2026-01-05T08:00:00.000Z"');
    engine.close();
  });
});

it('writes made together share one commit, each acknowledged only once committed; a refused one fails alone', async () => {
  await inTempFolder('zhibu-group-', async (file) => {
    const engine = new Engine({ filename: file, collections: [{ name: 'journal', indexes: [] }] });
    const journal = localDatabase(engine).collection('journal');
    expect(await journal.add({ _id: 'taken', seq: -1 })).toMatchObject({ id: 'taken' });
    const before = engine.batchCommits;
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 50 }, (_, seq) => journal.add({ _id: `w${seq}`, seq })),
      journal.add({ _id: 'taken', seq: 99 }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(50);
    expect(outcomes[50]).toMatchObject({ status: 'rejected', reason: { code: 'DATABASE_DUPLICATE_WRITE' } });
    // Fifty writes, one commit (two at most, if the event loop turned in between).
    expect(engine.batchCommits - before).toBeGreaterThanOrEqual(1);
    expect(engine.batchCommits - before).toBeLessThanOrEqual(2);
    // Acknowledged means committed: another connection sees every one of them.
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT COUNT(*) AS n FROM c_journal').get()).toEqual({ n: 51 });
    other.close();
    engine.close();
  });
});

it('inside a transaction, writes are answered at once (they wait in memory for its commit); only the commit waits for SQLite', async () => {
  await inTempFolder('zhibu-group-tx-', async (file) => {
    const engine = new Engine({ filename: file, collections: [{ name: 'journal', indexes: [] }] });
    const db = localDatabase(engine);
    const before = engine.batchCommits;
    const t = await db.startTransaction();
    expect(await t.collection('journal').add({ _id: 'a', seq: 1 })).toMatchObject({ id: 'a' });
    expect(await t.collection('journal').doc('b').set({ seq: 2 })).toMatchObject({ updated: 0, upserted: [{ _id: 'b' }] });
    // No commit was waited for so far (a wait would have let the turn's group commit run).
    expect(engine.batchCommits).toBe(before);
    await t.commit();
    expect(engine.batchCommits).toBeGreaterThan(before);
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT id FROM c_journal ORDER BY id').all()).toEqual([{ id: 'a' }, { id: 'b' }]);
    other.close();
    engine.close();
  });
});

it('a second connection copies the WAL into the database file while the engine runs, so no commit stops to do it', async () => {
  await inTempFolder('zhibu-checkpoint-', async (file) => {
    const engine = new Engine({ filename: file, collections: [{ name: 'journal', indexes: [] }], checkpointEveryMs: 20 });
    // SQLite's own checkpoint, left on the engine's connection only as a backstop, is far off.
    expect(engine.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10000);
    const journal = localDatabase(engine).collection('journal');
    const before = statSync(file).size;
    const rows = Array.from({ length: 200 }, (_, seq) => ({ _id: `w${seq}`, seq, text: '记录'.repeat(200) }));
    expect((await journal.add(rows)) as { ids: string[] }).toMatchObject({ ids: expect.arrayContaining(['w0', 'w199']) });
    // The rows are in the WAL; the database file itself grows once they are copied there.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= before + 100_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(file).size).toBeGreaterThan(before + 100_000);
    engine.close();
  });
});
