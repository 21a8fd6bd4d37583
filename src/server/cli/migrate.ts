import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceOrgs } from '../db/seed/reference-orgs.js';
import { openConfiguredDatabase } from './db.js';

/** npm run migrate — applies pending migrations and the reference organisations, without starting the server. */
const database = openConfiguredDatabase();
try {
  const result = await migrateToLatest(database.db);
  const added = await seedReferenceOrgs(database.db, new Date());
  const applied = result.results?.map((r) => r.migrationName) ?? [];
  console.log(
    `Migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}; reference orgs added: ${added}.`,
  );
} finally {
  await database.destroy();
}
