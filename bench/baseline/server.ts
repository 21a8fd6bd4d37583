/**
 * The raw baseline: a minimal Fastify server with the same driver and settings as the application
 * (better-sqlite3 in WAL with synchronous=NORMAL and a 64 MB cache, or a pg Pool of 10 with named
 * prepared statements) on the same database file or PostgreSQL database, doing only the database
 * operation each benchmark needs:
 *   PATCH /baseline/applications/:id   one row update (the draft's content, guarded by its version; the
 *                                      content goes to a column of its own, baseline_content, added by
 *                                      this server at start: the application's table has no content
 *                                      column since the working copy is stored per section)
 *   GET   /baseline/applications       one indexed 20-row select (a city's applications in a status,
 *                                      newest first, as the application's list orders them)
 * No sessions, no validation, no audit: what is left is Fastify, JSON and the database.
 *
 * And a floor for B1, to tell the work an autosave must do from the overhead of our layers:
 *   PATCH /floor/applications/:id      the application's own SQL for a save, hand-written and prepared:
 *                                      the session with its user and roles and the application with its
 *                                      names and applicant deadline (not its content) in one select
 *                                      (as sessionPreload.ts reads them), then the
 *                                      version-guarded update of the application's row, the upsert of
 *                                      the basic information's section row and the audit leaf (issue 12:
 *                                      one INSERT numbered by the database, no lock, no read of another
 *                                      record) — on SQLite in one transaction, on PostgreSQL in one
 *                                      statement (data-modifying CTEs keyed off the update's RETURNING),
 *                                      as the application does; answers the saved section as the
 *                                      application does. No Kysely, no zod, no hooks.
 *   GET   /floor/applications          likewise for B2: the session with its roles and the application's
 *                                      own list query (city, statuses, search), answered as 20 rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { leafHash } from '../../src/server/audit/canonical.js';

const PORT = Number(process.env.PORT ?? 3999);
const url = process.env.BASELINE_DATABASE_URL;
const file = process.env.BASELINE_SQLITE;

type Row = Record<string, unknown>;
interface SaveInput {
  sessionId: string;
  id: string;
  version: number;
  basicInfo: unknown;
  now: string;
}
interface Db {
  update(id: string, version: number, content: string, now: string): Promise<boolean>;
  list(cityId: string, status: string): Promise<unknown[]>;
  floorSave(s: SaveInput): Promise<{ version: number; content: Row } | null>;
  /** Adds the baseline's own content column when it is missing (PostgreSQL; SQLite does it on opening). */
  prepare(): Promise<void>;
  floorList(sessionId: string, cityId: string, statuses: string[], q: string | undefined): Promise<Row[] | null>;
}

const LIST_SQL = `select id, number, space_name, status, version, unit_id, city_id, submitted_at, updated_at
  from applications where city_id = ? and status = ? order by updated_at desc, id desc limit 20`;
const UPDATE_SQL = `update applications set baseline_content = ?, version = ?, updated_at = ? where id = ? and version = ?`;

// The search as the application sends it within a city (migration 0080): the city's narrow rows of
// application_search, then USCC and number exactly.
const SEARCH = `and a.id in (select s.application_id from application_search s
    where s.city_id = ? and (s.space_name like ? or s.unit_name like ?)
  union all select b.id from applications b where b.uscc = ?
  union all select n.id from applications n where n.number = ?)`;
const floorListSql = (statuses: number, search: boolean) =>
  FLOOR.list.replace('#statuses', Array(statuses).fill('?').join(', ')).replace('#search', search ? SEARCH : '');
const listParams = (cityId: string, statuses: string[], q: string | undefined) => [
  cityId,
  ...statuses,
  ...(q ? [cityId, `%${q}%`, `%${q}%`, q.toUpperCase(), q] : []),
];

const FLOOR = {
  // The session with its user, organisation and roles (#agg: group_concat or string_agg).
  session: `select s.user_id, s.csrf_token, s.last_seen_at, u.username, u.status, u.org_id, o.kind, o.province_id, o.city_id,
      (select #agg(r.role, ',') from user_roles r where r.user_id = u.id) as roles
    from sessions s join users u on u.id = s.user_id join orgs o on o.id = u.org_id where s.id = ?`,
  app: `select a.id, a.batch_id, a.unit_id, a.city_id, a.province_id, a.status, a.version, a.number, a.space_name,
      a.uscc, a.current_snapshot_id, a.submitted_at, a.created_at, a.updated_at, unit.name as unit_name,
      city.name as city_name, b.name as batch_name, b.year as batch_year, b.required_file_kinds, b.status as batch_status,
      (select d.due_at from deadlines d where d.batch_id = a.batch_id and d.kind = 'applicant'
        and d.scope_org_id = a.city_id limit 1) as applicant_due_at,
      (select d.due_at from deadlines d where d.batch_id = a.batch_id and d.kind = 'city'
        and d.scope_org_id = a.province_id limit 1) as city_due_at
    from applications a join orgs unit on unit.id = a.unit_id join orgs city on city.id = a.city_id
      join batches b on b.id = a.batch_id where a.id = ?`,
  // The session and the application in one statement (the application's sessionPreload.ts); #session and
  // #app are replaced by the two selects above, the application's columns prefixed as the application does.
  sessionApp: `select s.*, a.id as a__id, a.status as a__status, a.version as a__version, a.unit_id as a__unit_id,
      a.batch_id as a__batch_id, a.city_id as a__city_id, a.province_id as a__province_id, a.number as a__number,
      a.space_name as a__space_name, a.uscc as a__uscc, a.current_snapshot_id as a__current_snapshot_id,
      a.submitted_at as a__submitted_at, a.created_at as a__created_at, a.updated_at as a__updated_at,
      a.unit_name as a__unit_name, a.city_name as a__city_name, a.batch_name as a__batch_name,
      a.batch_year as a__batch_year, a.required_file_kinds as a__required_file_kinds,
      a.batch_status as a__batch_status, a.applicant_due_at as a__applicant_due_at, a.city_due_at as a__city_due_at
    from (#session) s left join (#app) a on true`,
  update: `update applications set space_name = ?, version = ?, saved_at = ?, saved_by = ?
    where id = ? and version = ? and status in ('draft', 'returned')`,
  // The section's row (the application's writeSections).
  upsertSection: `insert into application_sections (application_id, section, content) values (?, 'basicInfo', ?)
    on conflict (application_id, section) do update set content = excluded.content`,
  // The list of GET /api/applications for a city with statuses (and a search), as the application sends it.
  list: `select a.id, a.batch_id, a.unit_id, a.city_id, a.province_id, a.status, a.version, a.number, a.space_name,
      a.uscc, a.current_snapshot_id, a.submitted_at, a.created_at, a.updated_at, unit.name as unit_name,
      city.name as city_name, b.name as batch_name, b.year as batch_year
    from applications a join orgs unit on unit.id = a.unit_id join orgs city on city.id = a.city_id
      join batches b on b.id = a.batch_id
    where a.city_id = ? and a.status in (#statuses) #search
    order by a.updated_at desc, a.id desc limit 21`,
  // One leaf, numbered by the database, no lock and no read of another record (issue 12).
  insertAudit: `insert into audit_log (at, actor_id, actor_name, actor_role, org_id, action, target_type,
    target_id, outcome, ip, request_id, summary, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
  // PostgreSQL: the update, the section and its leaf in one statement (the application's draftSaveWithLeaf).
  saveWithLeaf: `with saved as (update applications set space_name = ?, version = ?,
      saved_at = ?, saved_by = ? where id = ? and version = ? and status in ('draft', 'returned') returning id),
    put_basicInfo as (insert into application_sections (application_id, section, content)
      select saved.id, 'basicInfo', ?::text from saved
      on conflict (application_id, section) do update set content = excluded.content returning section)
    insert into audit_log (at, actor_id, actor_name, actor_role, org_id, action, target_type, target_id, outcome,
      ip, request_id, summary, hash, prev_hash)
    select ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text,
      ?::text, ?::text, '' from saved returning seq`,
};

/** FLOOR.sessionApp with the two selects it combines put in. */
const expand = (text: string) => text.replace('#session', FLOOR.session).replace('#app', FLOOR.app);

/** The space name a save of the basic information sets (as updateApplication does). */
function spaceNameOf(basicInfo: unknown): string | null {
  const name = (basicInfo as { spaceName?: unknown } | null)?.spaceName;
  return (typeof name === 'string' && name.trim()) || null;
}

/** The audit record of a save (a leaf), as the values of FLOOR.insertAudit. */
function auditValues(s: SaveInput, user: Row): unknown[] {
  const record = {
    at: s.now,
    actor_id: String(user.user_id),
    actor_name: String(user.username),
    actor_role: 'applicant',
    org_id: String(user.org_id),
    action: 'application.update',
    target_type: 'application',
    target_id: s.id,
    outcome: 'success',
    ip: '127.0.0.1',
    request_id: randomUUID(),
    summary: JSON.stringify({ sections: ['basicInfo'], version: s.version + 1 }),
  };
  return [...Object.values(record), leafHash(record)];
}

function sqliteDb(path: string): Db {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  const columns = db.prepare(`select name from pragma_table_info('applications')`).all() as { name: string }[];
  if (!columns.some((c) => c.name === 'baseline_content'))
    db.exec('alter table applications add column baseline_content text');
  const update = db.prepare(UPDATE_SQL);
  const list = db.prepare(LIST_SQL);
  const f = Object.fromEntries(
    Object.entries(FLOOR)
      .filter(([k]) => k !== 'list' && k !== 'saveWithLeaf')
      .map(([k, v]) => [k, db.prepare(expand(v).replace('#agg', 'group_concat'))]),
  ) as Record<keyof typeof FLOOR, SQLite.Statement>;
  const lists = new Map<string, SQLite.Statement>();
  const save = db.transaction((s: SaveInput, app: Row, user: Row) => {
    const name = spaceNameOf(s.basicInfo);
    const ok = f.update.run(name, s.version + 1, s.now, user.user_id, app.id, s.version).changes === 1;
    if (!ok) return null;
    f.upsertSection.run(app.id, JSON.stringify(s.basicInfo));
    f.insertAudit.run(...auditValues(s, user));
    return { version: s.version + 1, content: { basicInfo: s.basicInfo } };
  });
  return {
    prepare: async () => {},
    update: async (id, version, content, now) => update.run(content, version + 1, now, id, version).changes === 1,
    list: async (cityId, status) => list.all(cityId, status),
    floorSave: async (s) => {
      const user = f.sessionApp.get(s.sessionId, s.id) as Row | undefined;
      if (!user?.a__id) return null;
      const app = { id: user.a__id };
      return save(s, app, user);
    },
    floorList: async (sessionId, cityId, statuses, q) => {
      const user = f.session.get(sessionId) as Row | undefined;
      if (!user) return null;
      const text = floorListSql(statuses.length, !!q);
      let stmt = lists.get(text);
      if (!stmt) lists.set(text, (stmt = db.prepare(text)));
      return stmt.all(...listParams(cityId, statuses, q)) as Row[];
    },
  };
}

function pgDb(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  // Statements are prepared, as the application's are: named statements on PostgreSQL (the baseline's too).
  const names = new Map<string, string>();
  const named = (text: string, values: unknown[]) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `floor_${names.size + 1}`));
    return { name, text, values };
  };
  const updateSql = numbered(UPDATE_SQL);
  const listSql = numbered(LIST_SQL);
  const f = Object.fromEntries(
    Object.entries(FLOOR).map(([k, v]) => [k, numbered(expand(v).replace('#agg', 'string_agg'))]),
  ) as Record<keyof typeof FLOOR, string>;
  return {
    prepare: async () => {
      await pool.query('alter table applications add column if not exists baseline_content text');
    },
    update: async (id, version, content, now) =>
      (await pool.query(named(updateSql, [content, version + 1, now, id, version]))).rowCount === 1,
    list: async (cityId, status) => (await pool.query(named(listSql, [cityId, status]))).rows,
    floorSave: async (s) => {
      const user = (await pool.query(named(f.sessionApp, [s.sessionId, s.id]))).rows[0] as Row | undefined;
      if (!user?.a__id) return null;
      const app = { id: user.a__id };
      const values = [spaceNameOf(s.basicInfo), s.version + 1, s.now, user.user_id, app.id, s.version];
      const section = JSON.stringify(s.basicInfo);
      const res = await pool.query(named(f.saveWithLeaf, [...values, section, ...auditValues(s, user)]));
      return res.rowCount === 1 ? { version: s.version + 1, content: { basicInfo: s.basicInfo } } : null;
    },
    floorList: async (sessionId, cityId, statuses, q) => {
      const user = (await pool.query(named(f.session, [sessionId]))).rows[0] as Row | undefined;
      if (!user) return null;
      return (await pool.query(named(numbered(floorListSql(statuses.length, !!q)), listParams(cityId, statuses, q))))
        .rows as Row[];
    },
  };
}

const db = url ? pgDb(url) : sqliteDb(file!);
await db.prepare();
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

app.patch<{ Params: { id: string }; Body: { version: number; basicInfo: unknown } }>(
  '/floor/applications/:id',
  async (req, reply) => {
    const token = /msf_sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const now = new Date().toISOString();
    const saved = await db.floorSave({
      sessionId: createHash('sha256').update(token).digest('hex'),
      id: req.params.id,
      version: req.body.version,
      basicInfo: req.body.basicInfo,
      now,
    });
    if (!saved) return reply.code(409).send({ error: 'version_conflict' });
    return { id: req.params.id, version: saved.version, updatedAt: now, content: saved.content };
  },
);

app.get<{ Querystring: { cityId: string; status: string; q?: string } }>('/floor/applications', async (req, reply) => {
  const token = /msf_sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
  const rows = await db.floorList(
    createHash('sha256').update(token).digest('hex'),
    req.query.cityId,
    req.query.status.split(','),
    req.query.q,
  );
  if (!rows) return reply.code(401).send({ error: 'unauthorized' });
  return { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? 'more' : null };
});

app.get<{ Querystring: { cityId: string; status: string } }>('/baseline/applications', async (req) => ({
  items: await db.list(req.query.cityId, req.query.status),
}));

app.get('/baseline/health', async () => ({ status: 'ok' }));

await app.listen({ port: PORT, host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
