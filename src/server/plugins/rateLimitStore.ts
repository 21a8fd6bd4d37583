import type { FastifyInstance } from 'fastify';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { AppDeps } from '../app.js';
import type { Db } from '../db/database.js';

/**
 * The rate-limit counters every instance shares: an injected store (tests, the auth module's login
 * limit uses the same plugin), else Redis when REDIS_URL is set, else PostgreSQL, else (SQLite, one
 * instance) the plugin's memory.
 */
export function rateLimitBackend(
  app: FastifyInstance,
  deps: Pick<AppDeps, 'config' | 'database' | 'rateLimitStore'>,
): Pick<RateLimitPluginOptions, 'store' | 'redis' | 'nameSpace' | 'skipOnError'> {
  if (deps.rateLimitStore) return { store: deps.rateLimitStore as NonNullable<RateLimitPluginOptions['store']> };
  if (deps.config.REDIS_URL) {
    const redis = new Redis(deps.config.REDIS_URL, { connectTimeout: 2000, maxRetriesPerRequest: 1 });
    redis.on('error', (err) => app.log.warn({ err }, 'rate-limit redis error'));
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    return { redis, nameSpace: 'makerspace-rl-', skipOnError: true };
  }
  if (deps.database.dialect === 'postgres')
    return { store: rateLimitStoreFor(deps.database.db) as NonNullable<RateLimitPluginOptions['store']> };
  return {};
}

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

interface StoreOptions {
  db: Db;
  /** Distinguishes the limits of different routes that count the same client. */
  namespace?: string;
}

/** Expired windows are deleted now and then, by whichever instance draws the short straw. */
const PRUNE_PROBABILITY = 0.01;

/**
 * A @fastify/rate-limit store in PostgreSQL, so that a limit counts across every instance behind the
 * balancer (login, registration, public list, verify). One upsert per request: a window that has
 * ended starts again at 1. The plugin constructs it with its options; `rateLimitStoreFor` binds the
 * database. When the database cannot be reached the request is let through (the error is the
 * plugin's `skipOnError`) rather than refusing every client.
 */
export function rateLimitStoreFor(db: Db) {
  return class PgRateLimitStore {
    private readonly opts: StoreOptions;
    constructor(params: { routeInfo?: { method?: string | string[]; url?: string } } = {}) {
      const r = params.routeInfo;
      this.opts = { db, namespace: r?.url ? `${String(r.method)} ${r.url}` : 'global' };
    }

    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      void max;
      const now = Date.now();
      const k = `${this.opts.namespace}|${key}`;
      this.opts.db
        .insertInto('rate_limits')
        .values({ key: k, hits: 1, expires_at: now + timeWindow })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when rate_limits.expires_at <= ${now} then 1 else rate_limits.hits + 1 end`,
            expires_at: sql<number>`case when rate_limits.expires_at <= ${now} then ${now + timeWindow} else rate_limits.expires_at end`,
          }),
        )
        .returning(['hits', 'expires_at'])
        .executeTakeFirstOrThrow()
        .then((row) => {
          cb(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.expires_at) - now) });
          if (Math.random() < PRUNE_PROBABILITY)
            void this.opts.db
              .deleteFrom('rate_limits')
              .where('expires_at', '<', now)
              .execute()
              .catch(() => {});
        })
        .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
    }

    read(key: string, cb: Callback): void {
      const now = Date.now();
      this.opts.db
        .selectFrom('rate_limits')
        .select(['hits', 'expires_at'])
        .where('key', '=', `${this.opts.namespace}|${key}`)
        .executeTakeFirst()
        .then((row) =>
          cb(
            null,
            row && Number(row.expires_at) > now
              ? { current: Number(row.hits), ttl: Number(row.expires_at) - now }
              : { current: 0, ttl: 0 },
          ),
        )
        .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
    }

    child(routeOptions: { routeInfo?: { method?: string | string[]; url?: string } }) {
      return new PgRateLimitStore(routeOptions);
    }
  };
}
