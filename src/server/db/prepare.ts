import path from 'node:path';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import { securePrivateDir } from '../files/modes.js';
import { openDatabase, type Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { seedReferenceOrgs } from './seed/reference-orgs.js';
import { DEMO_ACCOUNTS, seedDemo, type DemoAccount } from './seed/demo.js';
import { seedDemoBatch } from './seed/demo-batch.js';
import { seedDemoApplication } from './seed/demo-application.js';

export const sqliteFile = (config: Config): string => path.join(config.dataDir, 'makerspace.sqlite');

/** Opens the configured database and brings it up to date: migrations, reference data, demo data. */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
): Promise<{ database: Database; demoAccounts: DemoAccount[] }> {
  // DATA_DIR and its uploaded files are private to the server (0700), whichever database is used.
  securePrivateDir(config.dataDir);
  securePrivateDir(path.join(config.dataDir, 'files'));
  const database = openDatabase({ url: config.DATABASE_URL, sqlitePath: sqliteFile(config) });
  await migrateToLatest(database.db);
  await seedReferenceOrgs(database.db, clock.now());
  if (config.production || config.SEED_DEMO === '0') return { database, demoAccounts: [] };
  const users = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(users.n) === 0) await seedDemo(database.db, clock.now(), config.DEMO_PASSWORD);
  // The 第四批 demo batch, with deadlines relative to the first start (kept if it exists).
  await seedDemoBatch(database.db, clock.now(), config.dataDir);
  // nj-applicant's draft in the demo batch, filled with the example content (kept if it exists).
  await seedDemoApplication(database.db, clock.now());
  const demo = await database.db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      DEMO_ACCOUNTS.map((a) => a.username),
    )
    .execute();
  const present = new Set(demo.map((d) => d.username));
  return { database, demoAccounts: DEMO_ACCOUNTS.filter((a) => present.has(a.username)) };
}
