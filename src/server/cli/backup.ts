import { parseArgs } from 'node:util';
import { createBackup } from '../backup/backup.js';
import { loadConfig } from '../config.js';
import { sqliteFile } from '../db/prepare.js';

const USAGE = `Usage: npm run backup -- --out DIR [--schema NAME]
Backs up the database (SQLite online backup, or pg_dump for DATABASE_URL), the files under DATA_DIR
and a manifest.json with the SHA-256 of each part into DIR (new or empty). Safe while the server runs.
--schema: PostgreSQL only, when the application lives in a schema of its own.`;

/** npm run backup -- --out DIR */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, schema: { type: 'string' } } });
  if (!values.out) throw new Error(USAGE);
  const config = loadConfig();
  if (values.schema && !config.DATABASE_URL) throw new Error('--schema applies to PostgreSQL (DATABASE_URL) only.');
  const started = Date.now();
  const manifest = await createBackup({
    outDir: values.out,
    dataDir: config.dataDir,
    sqlitePath: sqliteFile(config),
    databaseUrl: config.DATABASE_URL,
    pgSchema: values.schema,
    objectStorageBucket: process.env.S3_BUCKET || undefined,
  });
  const db = manifest.parts[0]!;
  const files =
    manifest.files.storage === 'local'
      ? `${manifest.files.count} files (${manifest.files.bytes} bytes)`
      : `files in object storage (bucket ${manifest.files.bucket}, not copied)`;
  console.log(
    `Backup written to ${values.out}: ${manifest.database.kind} database (${db.size} bytes, ` +
      `${manifest.database.migrations.count} migrations), ${files}, ${manifest.parts.length} parts, ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main().catch((err: unknown) => {
  console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
