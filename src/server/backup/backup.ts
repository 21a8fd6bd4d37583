import fsp from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { copyIntoBackup } from './files.js';
import {
  appVersion,
  DATA_DIRS,
  hashFile,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  PG_PART,
  SQLITE_PART,
  type Manifest,
  type Part,
} from './manifest.js';
import { checkSchemaName, findPgTool, pgDump, pgExtensions, pgMigrations, serverVersion } from './postgres.js';

export interface BackupOptions {
  /** Where the backup is written: a new or empty directory. */
  outDir: string;
  dataDir: string;
  /** The SQLite file, when DATABASE_URL is unset. */
  sqlitePath: string;
  databaseUrl?: string;
  /** PostgreSQL: back up this schema only (the application's, when it has one of its own). */
  pgSchema?: string;
  /** Set when uploaded files live in object storage (S3_BUCKET): recorded, not copied. */
  objectStorageBucket?: string;
  now?: () => Date;
}

/**
 * A consistent backup while the server runs: the database first (SQLite's online backup API — a
 * plain copy of the live file misses what is still in the WAL — or pg_dump's snapshot), then the
 * files, then manifest.json with the size and SHA-256 of each part. The manifest is written last:
 * a directory without one is an unfinished backup.
 */
export async function createBackup(opts: BackupOptions): Promise<Manifest> {
  const outDir = path.resolve(opts.outDir);
  await fsp.mkdir(outDir, { recursive: true, mode: 0o700 });
  if ((await fsp.readdir(outDir)).length > 0) throw new Error(`${outDir} is not empty: choose a new directory.`);
  await fsp.chmod(outDir, 0o700);
  const now = opts.now ?? (() => new Date());
  const createdAt = now().toISOString();

  let database: Manifest['database'];
  if (opts.databaseUrl) {
    if (opts.pgSchema) checkSchemaName(opts.pgSchema);
    const target = { url: opts.databaseUrl, schema: opts.pgSchema ?? null };
    const server = await serverVersion(opts.databaseUrl);
    const bin = await findPgTool('pg_dump', server.major);
    const file = path.join(outDir, PG_PART);
    await pgDump(bin, target, file);
    // Read after the dump: the dump's own snapshot holds at least these migrations (they only grow).
    const names = await pgMigrations(target);
    database = {
      kind: 'postgres',
      part: PG_PART,
      migrations: { count: names.length, latest: names.at(-1) ?? null, names },
      pgSchema: opts.pgSchema ?? null,
      extensions: opts.pgSchema ? await pgExtensions(opts.databaseUrl) : [],
      serverVersion: server.text,
      tool: bin,
    };
  } else {
    const file = path.join(outDir, SQLITE_PART);
    await sqliteOnlineBackup(opts.sqlitePath, file);
    database = { kind: 'sqlite', part: SQLITE_PART, migrations: sqliteMigrations(file) };
  }
  await fsp.chmod(path.join(outDir, database.part), 0o600);
  const parts: Part[] = [{ path: database.part, ...(await hashFile(path.join(outDir, database.part))) }];

  let files: Manifest['files'];
  const dataDir = path.resolve(opts.dataDir);
  if (opts.objectStorageBucket) {
    files = {
      storage: 'object',
      bucket: opts.objectStorageBucket,
      note: 'Uploaded files live in object storage and are not in this backup: back the bucket up with its own versioning or replication, and keep it with this backup.',
    };
  } else {
    const copied = await copyIntoBackup(dataDir, 'files', outDir);
    parts.push(...copied);
    files = { storage: 'local', count: copied.length, bytes: copied.reduce((n, p) => n + p.size, 0) };
  }
  for (const sub of DATA_DIRS.filter((d) => d !== 'files')) parts.push(...(await copyIntoBackup(dataDir, sub, outDir)));

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: 1,
    createdAt,
    app: appVersion(),
    database,
    files,
    parts,
  };
  const tmp = path.join(outDir, `${MANIFEST_FILE}.tmp`);
  await fsp.writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  await fsp.rename(tmp, path.join(outDir, MANIFEST_FILE));
  return manifest;
}

/**
 * SQLite's online backup through a connection of its own: all pages in one step, so the copy is one
 * read transaction's snapshot (in WAL mode writers carry on meanwhile), WAL content included.
 */
async function sqliteOnlineBackup(source: string, dest: string): Promise<void> {
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new SQLite(dest);
  try {
    // A self-contained file: no WAL beside it, and whole.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`The backup copy failed SQLite's check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

function sqliteMigrations(file: string): Manifest['database']['migrations'] {
  const db = new SQLite(file, { readonly: true });
  try {
    const has = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
    const names = has
      ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)
      : [];
    return { count: names.length, latest: names.at(-1) ?? null, names };
  } finally {
    db.close();
  }
}
