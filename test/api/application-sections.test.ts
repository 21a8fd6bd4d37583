import { Migrator, PostgresAdapter, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDb, openTestDatabase, TEST_DIALECTS } from '../helpers/env.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { completeApplication } from '../helpers/applications.js';
import { sectionRows, workingCopy } from '../helpers/workingCopy.js';
import { migrations } from '../../src/server/db/migrations/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { Db } from '../../src/server/db/database.js';
import { seedReferenceOrgs } from '../../src/server/db/seed/reference-orgs.js';

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Records every write to application_sections (which row, how) in section_writes, by trigger. */
async function recordSectionWrites(db: Db) {
  await sql`create table if not exists section_writes (application_id text, section text, op text)`.execute(db);
  await sql`delete from section_writes`.execute(db);
  if (isPg(db)) {
    await sql`create or replace function record_section_write() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then insert into section_writes values (old.application_id, old.section, tg_op);
        else insert into section_writes values (new.application_id, new.section, tg_op); end if;
        return null;
      end $$`.execute(db);
    await sql`drop trigger if exists section_writes_t on application_sections`.execute(db);
    await sql`create trigger section_writes_t after insert or update or delete on application_sections
      for each row execute function record_section_write()`.execute(db);
  } else {
    for (const op of ['insert', 'update', 'delete']) {
      const row = op === 'delete' ? 'old' : 'new';
      await sql
        .raw(
          `create trigger if not exists section_writes_${op} after ${op} on application_sections begin
            insert into section_writes values (${row}.application_id, ${row}.section, '${op.toUpperCase()}'); end`,
        )
        .execute(db);
    }
  }
}

const writes = async (db: Db, id: string) =>
  (
    await sql<{
      section: string;
      op: string;
    }>`select section, op from section_writes where application_id = ${id}`.execute(db)
  ).rows.map((r) => `${r.op} ${r.section}`);

const leaves = async (db: Db, id: string) =>
  (
    await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'application.update')
      .where('target_id', '=', id)
      .execute()
  ).length;

// Issue 12 B1: the working copy is stored per section; an autosave writes only the sections it is given.
describeEachDb('application sections', (env) => {
  async function draft() {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const { id, version } = await completeApplication(client, batch.id, applicant.unit);
    return { db, client, id, version };
  }

  it('a basic-information save writes its section only: the narrative stays byte-identical and unwritten', async () => {
    const { db, client, id, version } = await draft();
    await recordSectionWrites(db);
    const before = await sectionRows(db, id);
    expect(Object.keys(before).sort()).toEqual(['basicInfo', 'narrative', 'provincialFiling']);
    const basicInfo = { ...JSON.parse(before.basicInfo!), spaceName: '  新名称专业化众创空间 ' };
    const res = await client.patch(`/api/applications/${id}`, { version, basicInfo });
    expect(res.statusCode, res.body).toBe(200);
    // The answer: only the section saved, as stored.
    expect(res.json()).toEqual({
      id,
      version: version + 1,
      updatedAt: expect.any(String),
      content: { basicInfo: { ...basicInfo, spaceName: '新名称专业化众创空间' } },
    });
    const saved = res.json().content.basicInfo;
    const after = await sectionRows(db, id);
    expect(after.narrative).toBe(before.narrative);
    expect(after.provincialFiling).toBe(before.provincialFiling);
    expect(JSON.parse(after.basicInfo!)).toEqual(saved);
    expect(await writes(db, id)).toEqual(['UPDATE basicInfo']);
    const app = await db
      .selectFrom('applications')
      .select(['space_name', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([app.space_name, Number(app.version)]).toEqual(['新名称专业化众创空间', version + 1]);
    // Readers get the whole working copy.
    const detail = (await client.get(`/api/applications/${id}`)).json();
    expect(detail.content.basicInfo).toEqual(saved);
    expect(detail.content.narrative).toEqual(JSON.parse(before.narrative!));
  });

  it('null clears a section (its row deleted); a save without basic information keeps the space name', async () => {
    const { db, client, id, version } = await draft();
    const name = (
      await db.selectFrom('applications').select('space_name').where('id', '=', id).executeTakeFirstOrThrow()
    ).space_name;
    const res = await client.patch(`/api/applications/${id}`, { version, narrative: null, provincialFiling: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content).toEqual({ narrative: null, provincialFiling: null });
    expect(Object.keys(await sectionRows(db, id))).toEqual(['basicInfo']);
    expect(await workingCopy(db, id)).not.toHaveProperty('narrative');
    const app = await db.selectFrom('applications').select('space_name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(app.space_name).toBe(name);
    const detail = (await client.get(`/api/applications/${id}`)).json();
    expect(detail.content.narrative).toBeNull();
    expect(detail.content.provincialFiling).toBeNull();
    // Clearing the basic information clears the space name.
    const cleared = await client.patch(`/api/applications/${id}`, { version: version + 1, basicInfo: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await sectionRows(db, id)).toEqual({});
    expect(await workingCopy(db, id)).toEqual({});
    const now = await db.selectFrom('applications').select('space_name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(now.space_name).toBeNull();
  });

  it('a save at a stale version writes nothing: no section row, no version, no audit leaf', async () => {
    const { db, client, id, version } = await draft();
    await recordSectionWrites(db);
    const before = await sectionRows(db, id);
    const leavesBefore = await leaves(db, id);
    for (const body of [
      { version: version - 1, basicInfo: { address: '旧版本写的' } },
      { version: version - 1, narrative: null },
      { version: version + 5, basicInfo: { address: '新版本写的' }, provincialFiling: { status: 'planned' } },
    ]) {
      const res = await client.patch(`/api/applications/${id}`, body);
      expect(res.statusCode, res.body).toBe(409);
    }
    expect(await sectionRows(db, id)).toEqual(before);
    expect(await writes(db, id)).toEqual([]);
    expect(await leaves(db, id)).toBe(leavesBefore);
    const app = await db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(app.version)).toBe(version);
  });
});

async function migrateTo(db: Db, name: string) {
  const schema = isPg(db) ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const r = await migrator.migrateTo(name);
  if (r.error) throw r.error;
}

// The migration carries every existing working copy over, key by key, and drops applications.content.
for (const dialect of TEST_DIALECTS) {
  describe(`application sections migration [${dialect}]`, () => {
    it('moves applications.content into one row per section, nothing lost', async () => {
      const { database, drop } = await openTestDatabase(dialect);
      try {
        const db = database.db;
        await migrateTo(db, '20261207_0101_simspeed_run_heartbeat');
        await seedReferenceOrgs(db, new Date());
        const batch = await buildBatch(db);
        const narrative = {
          hostOverview: '<p>概况 “引号” \\ 反斜杠 \u{1F600}</p>',
          successCases: [{ title: '案例', body: '<p>正文</p>' }],
        };
        const contents: Record<string, unknown> = {
          full: {
            basicInfo: { spaceName: '甲空间', managementTeamSize: 12 },
            narrative,
            provincialFiling: { status: 'planned' },
          },
          some: { basicInfo: { spaceName: '乙空间' }, extra: [1, 'two', null], flag: true, nothing: null },
          empty: {},
        };
        // An application as the schema before the migration stored it, its working copy's text in `content`.
        const at = '2026-06-01T00:00:00.000Z';
        const insertOld = async (key: string, text: string) => {
          const applicant = await buildApplicant(db);
          const org = await db
            .selectFrom('orgs')
            .select(['city_id', 'province_id'])
            .where('id', '=', applicant.unit.id)
            .executeTakeFirstOrThrow();
          await sql`insert into applications (id, batch_id, unit_id, city_id, province_id, status, version, uscc, content,
              created_by, created_at, updated_at)
            values (${key}, ${batch.id}, ${applicant.unit.id}, ${org.city_id}, ${org.province_id}, 'draft', 1,
              ${applicant.unit.uscc}, ${text}, 'test', ${at}, ${at})`.execute(db);
        };
        for (const [key, content] of Object.entries(contents)) await insertOld(key, JSON.stringify(content));
        // A working copy that is no JSON object (truncated by hand) neither stops the migration nor is lost.
        const truncated = '{"basicInfo": {"spaceName": "丙空';
        const raw: Record<string, string> = { bad: truncated, list: '[1, 2]' };
        for (const [key, text] of Object.entries(raw)) await insertOld(key, text);
        await migrateToLatest(db);
        for (const [key, content] of Object.entries(contents)) expect(await workingCopy(db, key)).toEqual(content);
        // Read as empty, as the bad column was, so the unit's next save is kept; the text is kept aside whole.
        for (const key of Object.keys(raw)) expect(await sectionRows(db, key)).toEqual({});
        const kept = await sql<{ application_id: string; content: string }>`select application_id, content
          from application_content_unparsed order by application_id`.execute(db);
        expect(kept.rows).toEqual([
          { application_id: 'bad', content: truncated },
          { application_id: 'list', content: '[1, 2]' },
        ]);
        expect(JSON.parse((await sectionRows(db, 'full')).narrative!)).toEqual(narrative);
        const columns = isPg(db)
          ? (
              await sql<{ name: string }>`select column_name as name from information_schema.columns
                where table_schema = current_schema() and table_name = 'applications'`.execute(db)
            ).rows
          : (await sql<{ name: string }>`select name from pragma_table_info('applications')`.execute(db)).rows;
        expect(columns.map((c) => c.name)).not.toContain('content');
      } finally {
        await database.destroy();
        await drop();
      }
    });
  });
}
