import { sql, type Compilable, type CompiledQuery } from 'kysely';
import type { Executor } from './database.js';
import { speedupOn } from './speedups.js';

const MARK = '\u0000msf-param:';

/**
 * The SQL texts of precompiled queries on PostgreSQL, each with a statement name: database.ts sends
 * them as named prepared statements, so that PostgreSQL parses and plans each once per connection
 * instead of on every request (the list query's planning alone took ~1 ms of PostgreSQL's CPU).
 */
export const preparedStatementNames = new Map<string, string>();

/**
 * A query that every request runs, built and compiled by Kysely once per database dialect instead of
 * on every call (building and compiling the session lookup and the list cost 20–45 µs of CPU each
 * per request in the benchmarks, issue 7). `build` receives `p(name)`, a placeholder to use wherever
 * a value goes; each call runs the same SQL with the values given for the names. Constants written
 * in `build` stay constants. The shape of the query must not depend on the values: give a `key`
 * for each shape (e.g. the number of statuses of an `in` list).
 *
 *   const q = precompiled((db, p) => db.selectFrom('users').selectAll().where('id', '=', p('id')));
 *   const rows = await q(db, { id });
 */
export function precompiled<R>(build: (db: Executor, p: (name: string) => string, key: string) => Compilable<R>) {
  // Per SQL dialect (told apart by its placeholder) and shape.
  const cache = new Map<string, Map<string, { compiled: CompiledQuery<R>; names: (string | null)[] }>>();
  // Off for the bench's comparison only (speedups.ts): built and compiled on every call.
  const cached = speedupOn('precompiled');
  const compile = (db: Executor, key: string) => {
    const dialect = placeholderOf(db);
    let byKey = cache.get(dialect);
    if (!byKey) cache.set(dialect, (byKey = new Map()));
    let entry = cached ? byKey.get(key) : undefined;
    if (!entry) {
      const compiled = build(db, (name) => `${MARK}${name}`, key).compile();
      const names = compiled.parameters.map((v) =>
        typeof v === 'string' && v.startsWith(MARK) ? v.slice(MARK.length) : null,
      );
      entry = { compiled, names };
      byKey.set(key, entry);
      if (dialect === '$1' && !preparedStatementNames.has(compiled.sql))
        preparedStatementNames.set(compiled.sql, `msf_${preparedStatementNames.size + 1}`);
    }
    return entry;
  };
  return async (db: Executor, values: Record<string, unknown>, key = ''): Promise<R[]> => {
    const { compiled, names } = compile(db, key);
    const parameters = compiled.parameters.map((constant, i) => {
      const name = names[i];
      if (name === null || name === undefined) return constant;
      if (!(name in values)) throw new Error(`precompiled query: no value for ${name}`);
      return values[name];
    });
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
}

/**
 * How the database's dialect writes a parameter (`$1` on PostgreSQL, `?` on SQLite), found through
 * Kysely's public compile() once per database or transaction object.
 */
const placeholders = new WeakMap<Executor, string>();
function placeholderOf(db: Executor): string {
  let found = placeholders.get(db);
  if (!found) {
    found = sql`${0}`.compile(db).sql;
    placeholders.set(db, found);
  }
  return found;
}
