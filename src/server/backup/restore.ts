import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { migrations as knownMigrations } from '../db/migrations/index.js';
import { hasAnyFile, restorePart } from './files.js';
import { checkParts, DATA_DIRS, readManifest, type Manifest } from './manifest.js';
import { checkSchemaName, findPgTool, pgMigrations, pgRestore, pgTableCount, serverVersion } from './postgres.js';

export interface RestoreOptions {
  fromDir: string;
  dataDir: string;
  sqlitePath: string;
  databaseUrl?: string;
  /** PostgreSQL: restore the backup's schema (the application's own) rather than a whole database. */
  pgSchema?: string;
  /** Replace a target that is not empty. */
  force?: boolean;
}

/** A refusal with a message for the operator; nothing has been changed when it is thrown. */
export class RestoreRefused extends Error {}

const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Restores a backup into an empty target: checks the manifest and every part's SHA-256 first, refuses
 * a target that holds data unless `force`, then copies the files and restores the database last (a
 * restore stopped half-way leaves no database, so the target is seen as unfinished). The audit
 * verification is the caller's last step.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<Manifest> {
  const fromDir = path.resolve(opts.fromDir);
  const dataDir = path.resolve(opts.dataDir);
  let manifest: Manifest;
  try {
    manifest = await readManifest(fromDir);
  } catch (err) {
    throw new RestoreRefused((err as Error).message);
  }
  const wanted = opts.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.database.kind !== wanted)
    throw new RestoreRefused(
      `The backup holds a ${manifest.database.kind} database but the target is ${wanted} ` +
        `(${wanted === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is unset'}).`,
    );
  const unknown = manifest.database.migrations.names.filter((n) => !(n in knownMigrations));
  if (unknown.length)
    throw new RestoreRefused(
      `The backup was taken by a newer version of the application (${manifest.app.version}; migrations ` +
        `unknown here: ${unknown.join(', ')}). Restore it with that version or later.`,
    );
  const schema = opts.pgSchema ?? manifest.database.pgSchema ?? undefined;
  if (schema) checkSchemaName(schema);
  if (manifest.database.kind === 'postgres' && (manifest.database.pgSchema ?? undefined) !== schema)
    throw new RestoreRefused(
      `The backup holds ${manifest.database.pgSchema ? `schema ${manifest.database.pgSchema}` : 'a whole database'}; ` +
        `it restores into the same (got ${schema ? `schema ${schema}` : 'a whole database'}).`,
    );

  const problems = await checkParts(fromDir, manifest);
  if (problems.length)
    throw new RestoreRefused(
      `The backup in ${fromDir} does not match its manifest; nothing was restored:\n  ${problems.join('\n  ')}`,
    );

  const target = { url: opts.databaseUrl ?? '', schema: schema ?? null };
  const occupied: string[] = [];
  if (opts.databaseUrl) {
    const tables = await pgTableCount(target);
    if (tables > 0) occupied.push(`the database${schema ? ` (schema ${schema})` : ''} has ${tables} tables`);
  } else if (['', ...SQLITE_SIDE_FILES].some((s) => fs.existsSync(opts.sqlitePath + s))) {
    occupied.push(`${opts.sqlitePath} exists`);
  }
  for (const sub of DATA_DIRS)
    if (await hasAnyFile(path.join(dataDir, sub))) occupied.push(`${path.join(dataDir, sub)} holds files`);
  if (occupied.length && !opts.force)
    throw new RestoreRefused(
      `The target is not empty: ${occupied.join('; ')}. Restore into an empty DATA_DIR and database, ` +
        'or add --force to replace what is there (stop the server first).',
    );

  await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await fsp.chmod(dataDir, 0o700);
  if (opts.force) for (const sub of DATA_DIRS) await fsp.rm(path.join(dataDir, sub), { recursive: true, force: true });
  for (const part of manifest.parts) {
    if (part.path === manifest.database.part) continue;
    await restorePart(fromDir, part, dataDir, part.path.startsWith('files/') ? 0o640 : 0o600);
  }

  const dump = path.join(fromDir, manifest.database.part);
  if (manifest.database.kind === 'postgres') {
    const server = await serverVersion(target.url);
    const bin = await findPgTool('pg_restore', server.major);
    await pgRestore(bin, target, dump, { replace: !!opts.force, extensions: manifest.database.extensions ?? [] });
    const names = await pgMigrations(target);
    if (names.length !== manifest.database.migrations.count)
      throw new Error(`Restored ${names.length} migrations, the manifest says ${manifest.database.migrations.count}.`);
  } else {
    for (const s of ['', ...SQLITE_SIDE_FILES]) await fsp.rm(opts.sqlitePath + s, { force: true });
    await restorePart(fromDir, { ...manifest.parts.find((p) => p.path === manifest.database.part)! }, dataDir, 0o600);
    const restored = path.join(dataDir, manifest.database.part);
    if (path.resolve(opts.sqlitePath) !== restored) {
      await fsp.mkdir(path.dirname(opts.sqlitePath), { recursive: true, mode: 0o700 });
      await fsp.rename(restored, opts.sqlitePath);
    }
  }
  return manifest;
}
