import { parseArgs } from 'node:util';
import { verifyRestoredAudit } from '../backup/auditCheck.js';
import { restoreBackup, RestoreRefused } from '../backup/restore.js';
import { loadConfig } from '../config.js';
import { sqliteFile } from '../db/prepare.js';

const USAGE = `Usage: npm run restore -- --from DIR [--force] [--schema NAME]
Restores a backup made by npm run backup into the DATA_DIR and database of the environment, which must
be empty (--force replaces what is there; stop the server first). The manifest's SHA-256 of every part
is checked before anything changes; the audit log is verified at the end.`;

/** npm run restore -- --from DIR; exit code 2: refused, nothing changed; 1: failed; 3: audit verification failed. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, force: { type: 'boolean' }, schema: { type: 'string' } },
  });
  if (!values.from) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const target = { databaseUrl: config.DATABASE_URL, sqlitePath: sqliteFile(config) };
  try {
    const manifest = await restoreBackup({
      fromDir: values.from,
      dataDir: config.dataDir,
      ...target,
      pgSchema: values.schema,
      force: values.force ?? false,
    });
    const schema = values.schema ?? manifest.database.pgSchema ?? undefined;
    const audit = await verifyRestoredAudit({ ...target, ...(schema ? { pgSchema: schema } : {}) });
    const files =
      manifest.files.storage === 'local'
        ? `${manifest.files.count} files`
        : `no files (they live in object storage, bucket ${manifest.files.bucket})`;
    const summary = `Restored the backup of ${manifest.createdAt} (${manifest.database.kind}, ${files}); `;
    if (!audit.ok) {
      console.error(summary + audit.message);
      return 3;
    }
    console.log(summary + audit.message + '.');
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefused) {
      console.error(`Restore refused: ${err.message}`);
      return 2;
    }
    console.error(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main();
