import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * SQLite's WAL checkpoints off the request path (issue 12, B1).
 *
 * By default SQLite checkpoints inside the COMMIT that takes the WAL over 1,000 pages: that request
 * copies the WAL into the database and fsyncs it, and better-sqlite3 being synchronous, every request
 * in flight waits with it (commits of up to 481 ms in a loop of 30,000 saves; the ~1.4 s B1 outliers on
 * an idle machine). Here a worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)`
 * every `intervalMs`: PASSIVE never waits for, nor blocks, the server's writer, so its I/O happens on
 * another thread while requests go on. The server's own automatic checkpoint stays as a cap
 * (`capPages`, 64 MB of WAL at 4 KB pages) in case the worker falls behind or dies.
 */

/** The worker: CommonJS, evaluated; better-sqlite3 resolved by the server and passed in. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let timer;
const step = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpoint', busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ kind: 'error', message: String(err && err.message || err) });
  }
  timer = setTimeout(step, workerData.intervalMs);
};
timer = setTimeout(step, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearTimeout(timer);
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointResult {
  /** Pages in the WAL, and how many of them are now in the database. */
  log: number;
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Resolves with the next checkpoint the worker reports (for tests and the bench). */
  next(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

interface Log {
  warn(obj: object, msg: string): void;
}

export async function startWalCheckpointer(opts: {
  db: Db;
  file: string;
  intervalMs?: number;
  capPages?: number;
  log: Log;
}): Promise<WalCheckpointer> {
  const { db, file, log } = opts;
  await sql.raw(`pragma wal_autocheckpoint = ${Math.trunc(opts.capPages ?? 16_384)}`).execute(db);
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, modulePath, intervalMs: opts.intervalMs ?? 1000 },
  });
  worker.unref();
  let waiting: ((r: CheckpointResult) => void)[] = [];
  worker.on('message', (m: { kind: string; message?: string } & CheckpointResult) => {
    if (m.kind === 'error') log.warn({ err: m.message }, 'WAL checkpoint failed');
    else {
      const ws = waiting;
      waiting = [];
      for (const w of ws) w({ log: m.log, checkpointed: m.checkpointed });
    }
  });
  worker.on('error', (err) => {
    log.warn({ err }, 'WAL checkpoint worker stopped; SQLite checkpoints in commits again');
    void sql
      .raw('pragma wal_autocheckpoint = 1000')
      .execute(db)
      .catch(() => undefined);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    async stop() {
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await worker.terminate();
      await sql.raw('pragma wal_autocheckpoint = 1000').execute(db);
    },
  };
}
