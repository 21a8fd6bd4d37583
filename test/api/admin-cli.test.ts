import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setAdminStatus } from '../../src/server/commands/accounts/setAdminStatus.js';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedReferenceOrgs } from '../../src/server/db/seed/reference-orgs.js';
import { buildAdmin, buildCityReviewer } from '../factories.js';
import { runCli } from '../helpers/backup.js';
import { describeEachDb, TEST_PASSWORD } from '../helpers/env.js';

/** Issue 11 item 5: a departed administrator is locked out on the server, without database surgery. */
describeEachDb('admin:disable (administrators disabled and enabled on the server)', (env) => {
  const audits = (targetId: string) =>
    env()
      .db.selectFrom('audit_log')
      .select(['action', 'actor_name', 'summary'])
      .where('target_id', '=', targetId)
      .where('action', 'in', ['account.disable', 'account.enable'])
      .orderBy('seq')
      .execute();

  it('disables an administrator (sessions ended, login refused), enables it again; audited as cli', async () => {
    const db = env().db;
    const auditor = await buildAdmin(db, 'audit_admin');
    const session = await env().login(auditor.username);
    expect((await session.get('/api/audit')).statusCode).toBe(200);

    const result = await setAdminStatus(db, auditor.username, false, env().clock.now());
    expect(result.roles).toEqual(['audit_admin']);
    expect((await session.get('/api/audit')).statusCode).toBe(401);
    const refused = await env()
      .anonymous()
      .post('/api/session', { username: auditor.username, password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account_disabled');
    await expect(setAdminStatus(db, auditor.username, false, env().clock.now())).rejects.toThrow(/nothing changed/);

    await setAdminStatus(db, auditor.username, true, env().clock.now());
    const back = await env().anonymous().post('/api/session', { username: auditor.username, password: TEST_PASSWORD });
    expect(back.statusCode).toBe(200);
    const rows = await audits(auditor.id);
    expect(rows.map((r) => [r.action, r.actor_name])).toEqual([
      ['account.disable', 'cli'],
      ['account.enable', 'cli'],
    ]);
    expect(JSON.parse(rows[0]!.summary)).toMatchObject({ username: auditor.username, via: 'command line' });
  });

  it('refuses workflow accounts and unknown names, changing nothing', async () => {
    const db = env().db;
    const reviewer = await buildCityReviewer(db);
    await expect(setAdminStatus(db, reviewer.username, false, env().clock.now())).rejects.toThrow(
      /not an administrator/,
    );
    await expect(setAdminStatus(db, 'nobody-here', false, env().clock.now())).rejects.toThrow(/No account/);
    const row = await db.selectFrom('users').select('status').where('id', '=', reviewer.id).executeTakeFirst();
    expect(row!.status).toBe('active');
    expect(await audits(reviewer.id)).toHaveLength(0);
  });
});

describe('npm run admin:disable (the command line, SQLite)', () => {
  it('disables with --username, enables with --enable, exits 1 with a message on a refusal', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-admin-cli-'));
    try {
      const database = openDatabase({ sqlitePath: path.join(dataDir, 'makerspace.sqlite') });
      await migrateToLatest(database.db);
      await seedReferenceOrgs(database.db, new Date());
      const sec = await buildAdmin(database.db, 'security_admin');
      await database.destroy();
      const env = { DATA_DIR: dataDir, SEED_DEMO: '0' };

      const off = await runCli('disable-admin', ['--username', sec.username], env);
      expect(off.code, off.stderr).toBe(0);
      expect(off.stdout).toContain('disabled');
      expect(off.stdout).toContain('no active account holds security_admin');
      const again = await runCli('disable-admin', ['--username', sec.username], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('nothing changed');
      const on = await runCli('disable-admin', ['--username', sec.username, '--enable'], env);
      expect(on.code, on.stderr).toBe(0);

      const check = openDatabase({ sqlitePath: path.join(dataDir, 'makerspace.sqlite') });
      const row = await check.db.selectFrom('users').select('status').where('id', '=', sec.id).executeTakeFirst();
      await check.destroy();
      expect(row!.status).toBe('active');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
