import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { loadConfig } from './config.js';
import { SystemClock } from './clock.js';
import { buildApp } from './app.js';
import { prepareDatabase, sqliteFile, takeDataDirLock } from './db/prepare.js';
import { startWalCheckpointer } from './db/walCheckpointer.js';
import { createFileStore } from './files/createFileStore.js';
import { startJobs } from './jobs/index.js';
import { useSimilarityJobs } from './similarity/scheduler.js';
import { closeMailTransports } from './notifications/smtp.js';
import { startSealer } from './audit/sealer.js';

/**
 * Starts the server: configuration, database (migrate, reference data, demo data), listen, graceful
 * shutdown. Any number of instances may run against one PostgreSQL and one S3 store; with SQLite one
 * process serves a DATA_DIR.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const clock = new SystemClock();
  if (!config.DATABASE_URL) takeDataDirLock(config.dataDir);
  const files = createFileStore(config);
  await files.check().catch((err: unknown) => {
    throw new Error(`the file store (${files.kind}) is not reachable: ${String(err)}`, { cause: err });
  });
  const { database, demoAccounts } = await prepareDatabase(config, clock, files);
  const app = await buildApp({ config, database, clock, files, webDir: path.resolve('dist/web') });
  // Reminders, the e-mail outbox and the other background jobs: pg-boss on PostgreSQL, a loop on SQLite.
  const jobs = await startJobs({ db: database.db, clock, config, files, log: app.log }, database.dialect);
  // 查重 checks and cross-checks run as the job 'similarity-checks'; a submission asks for a pass.
  useSimilarityJobs((name) => jobs.send(name));
  // The audit sealer (issue 12): signed Merkle seals every AUDIT_SEAL_INTERVAL_MS, a last one at
  // shutdown. Every instance runs one; on PostgreSQL a seal is taken under a transaction-level
  // advisory lock that only sealers take (pg_try_advisory_xact_lock), so one instance seals at a time
  // and the others skip that round — writers never take it.
  const { key, anchors, intervalMs } = app.audit;
  const sealer = startSealer({
    db: database.db,
    intervalMs,
    seal: { key, anchors, now: () => clock.now() },
    log: app.log,
  });

  // SQLite: WAL checkpoints in a worker thread, not inside a request's COMMIT (db/walCheckpointer.ts).
  const checkpoints =
    database.dialect === 'sqlite'
      ? await startWalCheckpointer({ db: database.db, file: sqliteFile(config), log: app.log })
      : null;

  closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: draining');
    // The balancer sees 503 and stops sending; in-flight requests and job runs finish.
    app.draining = true;
    if (!err) await new Promise((r) => setTimeout(r, config.DRAIN_NOTICE_MS));
    await app.close();
    await jobs.stop();
    await sealer.stop();
    await checkpoints?.stop();
    closeMailTransports();
    await database.destroy();
  });

  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `专业化众创空间备案申报推荐系统 is running at ${url}  (database: ${database.dialect}, files: ${files.kind}, jobs: ${jobs.kind})`,
  ];
  if (demoAccounts.length) {
    lines.push(`Demo accounts (password: ${config.DEMO_PASSWORD}):`);
    for (const a of demoAccounts) lines.push(`  ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.org}`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
