import { PostgresAdapter, type Kysely } from 'kysely';

/** True when the migration runs on PostgreSQL (used for the few statements that differ). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
