import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The SQLite driver the engine loads, for the worker to load too. */
const DRIVER = createRequire(__filename).resolve('better-sqlite3');

/**
 * Copies a file database's WAL back into the database file from a second connection, on a worker thread.
 * SQLite's own automatic checkpoint runs inside the commit that takes the WAL past a thousand pages: about
 * 10 ms here, charged to whichever callers' writes happened to cross the line. From another connection a
 * PASSIVE checkpoint never blocks the engine's connection: it copies what no open read still needs, and the
 * rest next time.
 */
export class Checkpointer {
  private readonly worker: Worker;

  constructor(filename: string, everyMs = 250) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { filename, everyMs, driver: DRIVER },
    });
    // It must never keep the process alive, and a failure of its own is no failure of a request: the
    // engine's connection keeps a (much later) automatic checkpoint of its own as a backstop.
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  /** Closes its connection and ends the thread (without waiting for it). */
  close(): void {
    this.worker.postMessage('close');
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked this time: the next tick tries again.
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
