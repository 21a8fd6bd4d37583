import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { securePrivateDir, securePrivateFile } from '../files/modes.js';
import type { DB } from './schema.js';
import { namingPool } from './namedStatements.js';
import { preparedStatementNames } from './precompiled.js';
import { withFirstStatements } from './transactionStart.js';
import { speedupOn } from './speedups.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent, SQLite is used. */
  url?: string;
  /** SQLite file path, or ':memory:'. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests isolate themselves in one schema each). */
  pgSchema?: string;
  poolSize?: number;
  /**
   * Send the precompiled queries as named prepared statements (default true). Off behind PgBouncer
   * in transaction mode, where consecutive queries may reach different server connections.
   */
  preparedStatements?: boolean;
  /**
   * PostgreSQL: idle_in_transaction_session_timeout of every pooled connection (default 60 s), so
   * that a transaction left open cannot hold the audit sealer's horizon back (issue 12).
   */
  idleInTransactionTimeoutMs?: number;
}

// PostgreSQL returns int8 (count(*)) as strings; the counts we take fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL was a tenth of the server's CPU
 * time in the benchmarks (bench/). The same few hundred query texts recur, so keep their prepared
 * statements (least recently used out first). A statement still being iterated (a streamed query)
 * is busy and cannot run again until it finishes: such a text gets a fresh statement.
 */
function cachingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const stmt = sqlite.prepare(text);
      if (cached) return stmt;
      cache.set(text, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

/** Opens the configured database: PostgreSQL when a URL is given, else SQLite in WAL mode. */
export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: [
        `-c idle_in_transaction_session_timeout=${opts.idleInTransactionTimeoutMs ?? 60_000}`,
        ...(opts.pgSchema ? [`-c search_path=${opts.pgSchema}`] : []),
      ].join(' '),
    });
    const kyselyPool = opts.preparedStatements === false ? pool : namingPool(pool, preparedStatementNames);
    const db = new Kysely<DB>({ dialect: withFirstStatements(new PostgresDialect({ pool: kyselyPool })) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') {
    // The database, its WAL and shared memory are the server's alone (SQLite gives -wal and -shm
    // the mode of the database file); its directory too.
    securePrivateDir(path.dirname(file));
    securePrivateFile(file);
    for (const side of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(side)) securePrivateFile(side);
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache (better-sqlite3's default is 16 MB): a city's queue and search touch a few
  // thousand pages of a national database; with 16 MB they came from the OS on every request (a
  // search in the bench, issue 7: 15 ms of SQLite time, 3.5 ms with 64 MB).
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DB>({
    dialect: withFirstStatements(
      new SqliteDialect({ database: speedupOn('statement-cache') ? cachingStatements(sqlite) : sqlite }),
    ),
  });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}
