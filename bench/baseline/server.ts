/**
 * The raw baseline: a minimal Fastify server with the same driver and settings as the application
 * (better-sqlite3 in WAL with synchronous=NORMAL, or a pg Pool of 10) on the same database file or
 * PostgreSQL database, doing only the database operation each benchmark needs:
 *   PATCH /baseline/applications/:id   one row update (the draft's content, guarded by its version)
 *   GET   /baseline/applications       one indexed 20-row select (a city's applications in a status)
 * No sessions, no validation, no audit: what is left is Fastify, JSON and the database.
 */
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import pg from 'pg';

const PORT = Number(process.env.PORT ?? 3999);
const url = process.env.BASELINE_DATABASE_URL;
const file = process.env.BASELINE_SQLITE;

interface Db {
  update(id: string, version: number, content: string, now: string): Promise<boolean>;
  list(cityId: string, status: string): Promise<unknown[]>;
}

const LIST_SQL = `select id, number, space_name, status, version, unit_id, city_id, submitted_at, updated_at
  from applications where city_id = ? and status = ? order by id limit 20`;
const UPDATE_SQL = `update applications set content = ?, version = ?, updated_at = ? where id = ? and version = ?`;

function sqliteDb(path: string): Db {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const update = db.prepare(UPDATE_SQL);
  const list = db.prepare(LIST_SQL);
  return {
    update: async (id, version, content, now) => update.run(content, version + 1, now, id, version).changes === 1,
    list: async (cityId, status) => list.all(cityId, status),
  };
}

function pgDb(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 10 });
  let n = 0;
  const numbered = (sql: string) => sql.replace(/\?/g, () => `$${++n}`);
  n = 0;
  const updateSql = numbered(UPDATE_SQL);
  n = 0;
  const listSql = numbered(LIST_SQL);
  return {
    update: async (id, version, content, now) =>
      (await pool.query(updateSql, [content, version + 1, now, id, version])).rowCount === 1,
    list: async (cityId, status) => (await pool.query(listSql, [cityId, status])).rows,
  };
}

const db = url ? pgDb(url) : sqliteDb(file!);
const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });

app.patch<{ Params: { id: string }; Body: { version: number; basicInfo: unknown } }>(
  '/baseline/applications/:id',
  async (req, reply) => {
    const { version, basicInfo } = req.body;
    const ok = await db.update(req.params.id, version, JSON.stringify({ basicInfo }), new Date().toISOString());
    if (!ok) return reply.code(409).send({ error: 'version_conflict' });
    return { id: req.params.id, version: version + 1 };
  },
);

app.get<{ Querystring: { cityId: string; status: string } }>('/baseline/applications', async (req) => ({
  items: await db.list(req.query.cityId, req.query.status),
}));

app.get('/baseline/health', async () => ({ status: 'ok' }));

await app.listen({ port: PORT, host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
