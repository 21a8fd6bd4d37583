import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { loadConfig } from './config.js';
import { SystemClock } from './clock.js';
import { buildApp } from './app.js';
import { prepareDatabase } from './db/prepare.js';
import { startNotificationLoop } from './notifications/loop.js';
import { startSealer } from './audit/sealer.js';

/** Starts the server: configuration, database (migrate, reference data, demo data), listen, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const clock = new SystemClock();
  const { database, demoAccounts } = await prepareDatabase(config, clock);
  const app = await buildApp({ config, database, clock, webDir: path.resolve('dist/web') });
  // Reminders and the e-mail outbox run in the background; closing the app stops them first.
  const notifications = startNotificationLoop({ db: database.db, clock, config, log: app.log });
  app.addHook('onClose', () => notifications.stop());
  // The audit sealer (issue 12): signed Merkle seals every AUDIT_SEAL_INTERVAL_MS; a last one at shutdown.
  const { key, anchors, intervalMs } = app.audit;
  const sealer = startSealer({
    db: database.db,
    intervalMs,
    seal: { key, anchors, now: () => clock.now() },
    log: app.log,
  });
  app.addHook('onClose', () => sealer.stop());

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.destroy();
  });

  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  const lines = ['', `专业化众创空间备案申报推荐系统 is running at ${url}  (database: ${database.dialect})`];
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
