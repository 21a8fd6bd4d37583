import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * The pool given to Kysely's PostgresDialect (its documented PostgresPool interface) whose clients
 * send the SQL texts named in `names` (precompiled.ts) as named prepared statements, through
 * node-postgres's documented `{ name, text, values }` query config: PostgreSQL parses and plans each
 * once per connection (a generic plan after five custom ones, when it costs no more). Everything else
 * — other texts, cursors — goes to the client unchanged. The list query's parse and plan were ~1 ms of
 * PostgreSQL's CPU per request in the benchmarks (bench/README.md).
 */
export function namingPool(pool: pg.Pool, names: ReadonlyMap<string, string>): PostgresPool {
  // One wrapper per pooled client: Kysely keeps its connection objects by client identity.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        query(text: unknown, values?: ReadonlyArray<unknown>) {
          const name = typeof text === 'string' ? names.get(text) : undefined;
          if (name) return client.query({ name, text: text as string, values: values as unknown[] });
          return (client.query as (...args: unknown[]) => unknown)(text, values);
        },
        release: (destroy?: boolean) => client.release(destroy),
      } as PostgresPoolClient;
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
