import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * pg_dump / pg_restore for backups: the tool of the server's major version (a newer one if that is
 * missing, never an older one, which cannot read a newer server), the password passed in the
 * environment rather than on the command line, where every local user could read it.
 */

const run = promisify(execFile);

export interface PgTarget {
  /** The DATABASE_URL. */
  url: string;
  /** The one schema the application lives in (tests: one per suite); absent: the whole database. */
  schema?: string | null;
}

/** The URL without its password, and the environment that carries the password instead. */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;
export function checkSchemaName(schema: string): void {
  if (!SCHEMA_RE.test(schema)) throw new Error(`Schema name "${schema}" is not a plain lower-case identifier.`);
}

/** The server's version, e.g. { major: 15, text: '15.20' }. */
export async function serverVersion(url: string): Promise<{ major: number; text: string }> {
  return withClient(url, async (c) => {
    const row = (
      await c.query<{ num: string; text: string }>(
        `select current_setting('server_version_num') as num, current_setting('server_version') as text`,
      )
    ).rows[0]!;
    const num = Number(row.num);
    const text = row.text.split(' ')[0]!;
    return { major: Math.floor(num / 10000), text };
  });
}

async function toolMajor(bin: string): Promise<number | null> {
  try {
    const { stdout } = await run(bin, ['--version']);
    const m = /\b(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ''));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Finds pg_dump or pg_restore for a server major version: /usr/lib/postgresql/<major>/bin, then PATH. */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
  const candidates: string[] = [];
  const lib = '/usr/lib/postgresql';
  const versions = fs.existsSync(lib)
    ? fs
        .readdirSync(lib)
        .filter((v) => /^\d+$/.test(v))
        .map(Number)
        .sort((a, b) => a - b)
    : [];
  for (const v of [major, ...versions.filter((v) => v > major)])
    candidates.push(path.join(lib, String(v), 'bin', tool));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    candidates.push(path.join(dir, tool));
  const found: string[] = [];
  for (const bin of candidates) {
    if (!fs.existsSync(bin)) continue;
    const m = await toolMajor(bin);
    if (m === null) continue;
    if (m >= major) return bin;
    found.push(`${bin} (${m})`);
  }
  throw new Error(
    `No ${tool} for PostgreSQL ${major} or newer was found` +
      (found.length ? `; only older ones: ${found.join(', ')}` : '') +
      ` (install postgresql-client-${major}).`,
  );
}

/** Names of the migrations applied (Kysely's table, in the target schema or the search path). */
export async function pgMigrations(target: PgTarget): Promise<string[]> {
  return withClient(target.url, async (c) => {
    const table = target.schema ? `"${target.schema}".kysely_migration` : 'kysely_migration';
    const exists = await c.query<{ t: string | null }>('select to_regclass($1) as t', [table]);
    if (!exists.rows[0]?.t) return [];
    return (await c.query<{ name: string }>(`select name from ${table} order by name`)).rows.map((r) => r.name);
  });
}

/** Extensions whose objects live outside the dumped schema (pg_trgm's operator classes). */
export async function pgExtensions(url: string): Promise<{ name: string; schema: string }[]> {
  return withClient(url, async (c) => {
    const res = await c.query<{ name: string; schema: string }>(
      `select e.extname as name, n.nspname as schema from pg_extension e
       join pg_namespace n on n.oid = e.extnamespace where e.extname <> 'plpgsql' order by 1`,
    );
    return res.rows;
  });
}

/** Tables in the target: in its schema, or in every non-system schema of the database. */
export async function pgTableCount(target: PgTarget): Promise<number> {
  return withClient(target.url, async (c) => {
    const res = target.schema
      ? await c.query<{ n: number }>(
          `select count(*)::int as n from information_schema.tables where table_schema = $1`,
          [target.schema],
        )
      : await c.query<{ n: number }>(
          `select count(*)::int as n from information_schema.tables
           where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\\_%'`,
        );
    return res.rows[0]!.n;
  });
}

/** pg_dump in custom format into `file`: one consistent snapshot, taken while the server keeps writing. */
export async function pgDump(bin: string, target: PgTarget, file: string): Promise<void> {
  const { dbname, env } = pgConnection(target.url);
  const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`];
  if (target.schema) args.push(`--schema=${target.schema}`);
  args.push(`--dbname=${dbname}`);
  await run(bin, args, { env, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * pg_restore in one transaction (all or nothing). A schema-only dump does not carry the extensions its
 * indexes use; they are created first. With `replace`, the schema is dropped first (or, for a whole
 * database, each object the dump contains).
 */
export async function pgRestore(
  bin: string,
  target: PgTarget,
  file: string,
  opts: { replace: boolean; extensions: { name: string; schema: string }[] },
): Promise<void> {
  await withClient(target.url, async (c) => {
    for (const ext of opts.extensions) {
      checkSchemaName(ext.schema);
      if (!/^[a-z_][a-z0-9_]*$/.test(ext.name)) throw new Error(`Extension name "${ext.name}" is not plain.`);
      await c.query(`create schema if not exists "${ext.schema}"`);
      await c.query(`create extension if not exists "${ext.name}" schema "${ext.schema}"`);
    }
    // The dump creates its schema: drop the one there, with its objects when replacing, else only if
    // it holds nothing at all (restrict fails on any object, and nothing has changed).
    if (target.schema)
      await c.query(`drop schema if exists "${target.schema}" ${opts.replace ? 'cascade' : 'restrict'}`);
  });
  const { dbname, env } = pgConnection(target.url);
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'];
  if (opts.replace && !target.schema) args.push('--clean', '--if-exists');
  args.push(`--dbname=${dbname}`, file);
  await run(bin, args, { env, maxBuffer: 16 * 1024 * 1024 });
}
