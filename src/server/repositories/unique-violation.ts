/**
 * Whether a database error is a unique-constraint violation (SQLite SQLITE_CONSTRAINT_UNIQUE or
 * PostgreSQL 23505): the trace of a concurrent request that won the race for the same key.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return !!e && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === '23505');
}
