import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { intrude } from '../helpers/audit.js';
import { describeEachDb } from '../helpers/env.js';
import { buildAdmin, buildApplicant, buildBatch, NANJING, SUZHOU } from '../factories.js';
import { createApplication } from '../helpers/applications.js';
import { FileAnchorSink } from '../../src/server/audit/anchors.js';
import { loadSigningKey } from '../../src/server/audit/keys.js';
import { checkProof, type InclusionProof } from '../../src/server/audit/proof.js';
import { sealOnce } from '../../src/server/audit/sealer.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import { leafHash } from '../../src/server/audit/canonical.js';
import { merkleLeaf, merkleRoot } from '../../src/server/audit/merkle.js';
import { signSeal } from '../../src/server/audit/seal.js';
import type { Db } from '../../src/server/db/database.js';

// Issue 12: leaves without a lock, signed Merkle seals, anchors, proofs, and every tamper case.
describeEachDb('audit seals', (env) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-seals-'));
  const key = loadSigningKey(path.join(dir, 'keys', 'audit.pem'));
  const anchors = new FileAnchorSink(path.join(dir, 'anchors'));
  const seal = (db: Db = env().db) => sealOnce(db, { key, anchors, now: () => new Date(), horizonWaitMs: 5000 });
  const verify = () => verifyAuditChain(env().db, { publicKey: key.publicKey, anchors });
  const intrudeSql = (statements: string[]) => intrude(env().db, env().dialect, statements);

  it('creates the signing key 0600 and serves its public key', async () => {
    expect(fs.statSync(path.join(dir, 'keys', 'audit.pem')).mode & 0o777).toBe(0o600);
    const res = await env().anonymous().get('/api/audit/public-key');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(env().app.audit.key.publicPem);
    expect(res.body).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('seals hundreds of parallel audited writes; all verify', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const units = await Promise.all(
      Array.from({ length: 20 }, (_, i) => buildApplicant(db, { cityOrgId: i % 2 ? NANJING : SUZHOU })),
    );
    const clients = await Promise.all(units.map((u) => env().login(u.username)));
    const apps = await Promise.all(clients.map((c) => createApplication(c, batch.id)));
    // 200 autosaves, 20 at a time, while a sealer runs alongside.
    let sealing = true;
    const sealer = (async () => {
      while (sealing) await seal();
    })();
    for (let round = 0; round < 10; round++) {
      const res = await Promise.all(
        apps.map((a, i) =>
          clients[i]!.patch(`/api/applications/${a.id}`, {
            version: a.version + round,
            basicInfo: { spaceName: `并发${i}号${round}` },
          }),
        ),
      );
      for (const r of res) expect(r.statusCode, r.body).toBe(200);
    }
    sealing = false;
    await sealer;
    await seal();
    const r = await verify();
    expect(r, r.reason).toMatchObject({ ok: true });
    const total = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(r.count).toBe(Number(total.n));
    expect(r.sealed).toBe(Number(total.n));
    expect(r.anchored).toBe(r.seals);
  });

  it('a lone surrogate in a login leaves the verification passing', async () => {
    const res = await env().anonymous().post('/api/session', { username: '\ud800', password: 'x\udc00' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    await seal();
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('300 anonymous refused POSTs write no audit row, only counted security events', async () => {
    const before = await env()
      .db.selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 300; i++) {
      const res = await env()
        .anonymous()
        .post(i % 2 ? '/api/accounts' : `/api/batches?pad=${'x'.repeat(15_000)}`, {});
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    const after = await env()
      .db.selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const events = await env().db.selectFrom('security_events').selectAll().execute();
    expect(events.reduce((n, e) => n + Number(e.count), 0)).toBe(300);
    expect(Math.max(...events.map((e) => e.path.length))).toBeLessThanOrEqual(200);
  });

  it('serves a proof that checks offline; the page data names the seal', async () => {
    const auditor = await env().login((await buildAdmin(env().db, 'audit_admin')).username);
    await seal();
    const list = (await auditor.get('/api/audit?pageSize=5')).json();
    const rec = list.items.find((i: { sealId: number | null }) => i.sealId !== null);
    expect(rec).toBeDefined();
    const res = await auditor.get(`/api/audit/${rec.seq}/proof`);
    expect(res.statusCode, res.body).toBe(200);
    const proof = res.json() as InclusionProof;
    expect(proof.seal.id).toBe(rec.sealId);
    expect(checkProof(proof, key.publicKey)).toBeNull();
    const forged = { ...proof, record: { ...proof.record, outcome: 'failure' } };
    expect(checkProof(forged, key.publicKey)).not.toBeNull();
    const other = loadSigningKey(path.join(dir, 'other.pem'));
    expect(checkProof(proof, other.publicKey)).not.toBeNull();
  });

  it('shows the application number and space name and a Chinese summary instead of ids and JSON', async () => {
    const auditor = await env().login((await buildAdmin(env().db, 'audit_admin')).username);
    const items = (await auditor.get('/api/audit?action=application.update&pageSize=1')).json().items;
    expect(items[0].targetLabel).toMatch(/并发\d+号9/);
    expect(items[0].summaryText).toMatch(/修改部分：basicInfo；版本：\d+/);
    // A login's object is the account by its name, not its id.
    const logins = (await auditor.get('/api/audit?action=session.login&pageSize=1')).json().items;
    expect(logins[0].targetType).toBe('user');
    expect(logins[0].targetLabel).toContain(logins[0].actorName);
    const { auditSummaryText } = await import('../../src/domain/auditSummary.js');
    expect(auditSummaryText({ from: 'submitted', to: 'returned' })).toBe('状态：已提交待审核 → 退回修改');
  });

  it('exports the filtered view as xlsx, audited, formulas neutralised', async () => {
    const auditor = await env().login((await buildAdmin(env().db, 'audit_admin')).username);
    await env().anonymous().post('/api/session', { username: '=HYPERLINK("x")', password: 'x' });
    const res = await auditor.get('/api/audit/export.xlsx?action=session.login');
    expect(res.statusCode, res.body).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(1).value).toBe('序号');
    const actions = new Set<unknown>();
    const actors: unknown[] = [];
    ws.eachRow((row, i) => {
      if (i > 1) {
        actions.add(row.getCell(6).value);
        actors.push(row.getCell(3).value);
      }
    });
    expect([...actions]).toEqual(['登录']);
    // Time in Beijing time as the page shows it, and the role by its Chinese name.
    const mine = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(4).value === '审计管理员');
    expect(mine, 'a row of the auditor, its role in Chinese').toBeDefined();
    expect(String(mine!.getCell(2).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(actors).toContain('\'=HYPERLINK("x")');
    const exported = await env()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'export.audit_xlsx')
      .execute();
    expect(exported).toHaveLength(1);
  });

  it('two sealers at once: exactly one seals each record', async () => {
    await env().anonymous().post('/api/session', { username: 'two-sealers', password: 'x' });
    const results = await Promise.all([seal(), seal()]);
    const sealed = results.flatMap((r) => r.sealed);
    expect(sealed.length).toBeGreaterThanOrEqual(1);
    const ids = sealed.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a sealer killed mid-seal leaves nothing; the next one seals the same records', async () => {
    await env().anonymous().post('/api/session', { username: 'killed-sealer', password: 'x' });
    const seals = async () => (await env().db.selectFrom('audit_seals').select('id').execute()).length;
    const n = await seals();
    await expect(
      sealOnce(env().db, {
        key,
        anchors,
        now: () => new Date(),
        beforeCommit: async () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await seals()).toBe(n);
    expect((await seal()).sealed).toHaveLength(1);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects a seal missing from the database but present in the anchors', async () => {
    const good = await verify();
    expect(good.ok).toBe(true);
    // A forged extra anchor beyond what the database holds = the database lost a seal.
    const fake = path.join(dir, 'anchors-rollback');
    fs.cpSync(path.join(dir, 'anchors'), fake, { recursive: true });
    const sink = new FileAnchorSink(fake);
    const last = (await sink.readAll()).at(-1)!;
    await sink.append([{ ...last, id: last.id + 1 }]);
    const r = await verifyAuditChain(env().db, { publicKey: key.publicKey, anchors: sink });
    expect(r).toMatchObject({ ok: false, sealId: last.id + 1 });
  });

  it('detects an edited record', async () => {
    const target = await env()
      .db.selectFrom('audit_log')
      .select('seq')
      .orderBy('seq')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await intrudeSql([`update audit_log set outcome = 'failure' where seq = ${target.seq}`]);
    expect(await verify()).toMatchObject({ ok: false, brokenAt: Number(target.seq) });
    expect((await verifyAuditChain(env().db)).ok).toBe(false);
    await intrudeSql([`update audit_log set outcome = 'success' where seq = ${target.seq}`]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects a re-hashed history by its signature', async () => {
    const db = env().db;
    const s = await db.selectFrom('audit_seals').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const leaves = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', s.first_seq)
      .where('seq', '<=', s.last_seq)
      .orderBy('seq')
      .execute();
    const victim = leaves[0]!;
    const edited = { ...victim, actor_name: 'someone-else' };
    const hash = leafHash(edited);
    const root = merkleRoot(
      leaves.map((l) => merkleLeaf(Number(l.seq), l.seq === victim.seq ? hash : l.hash)),
    ).toString('hex');
    // Re-hashed with a key the intruder made: every hash fits, the signature does not.
    const intruderKey = loadSigningKey(path.join(dir, 'intruder.pem'));
    const forged = signSeal(
      {
        ...s,
        id: Number(s.id),
        first_seq: Number(s.first_seq),
        last_seq: Number(s.last_seq),
        leaf_count: Number(s.leaf_count),
        root,
        key_id: key.keyId,
      },
      intruderKey.privateKey,
    );
    const backup = {
      name: victim.actor_name,
      hash: victim.hash,
      root: s.root,
      signature: s.signature,
      sealHash: s.hash,
    };
    await intrudeSql([
      `update audit_log set actor_name = 'someone-else', hash = '${hash}' where seq = ${victim.seq}`,
      `update audit_seals set root = '${root}', signature = '${forged.signature}', hash = '${forged.hash}' where id = ${s.id}`,
    ]);
    const r = await verifyAuditChain(db, { publicKey: key.publicKey });
    expect(r).toMatchObject({ ok: false, sealId: Number(s.id) });
    expect(r.reason).toMatch(/签名/);
    await intrudeSql([
      `update audit_log set actor_name = ${backup.name === null ? 'null' : `'${backup.name}'`}, hash = '${backup.hash}' where seq = ${victim.seq}`,
      `update audit_seals set root = '${backup.root}', signature = '${backup.signature}', hash = '${backup.sealHash}' where id = ${s.id}`,
    ]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects deleted records, the tail included', async () => {
    const s = await env()
      .db.selectFrom('audit_seals')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await intrudeSql([`delete from audit_log where seq = ${s.last_seq}`]);
    expect(await verify()).toMatchObject({ ok: false, sealId: Number(s.id) });
  });

  it('detects the last seal rolled back with its records', async () => {
    const s = await env()
      .db.selectFrom('audit_seals')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await intrudeSql([
      `delete from audit_log where seq >= ${s.first_seq}`,
      `delete from audit_seals where id = ${s.id}`,
    ]);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, sealId: Number(s.id) });
    expect(r.reason).toMatch(/锚定/);
  });

  it('detects every record and seal deleted', async () => {
    await intrudeSql(['delete from audit_log', 'delete from audit_seals']);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/锚定/);
    const auditor = await env().login((await buildAdmin(env().db, 'audit_admin')).username);
    // The app's own anchors are another directory: its view depends on what it anchored.
    expect((await auditor.get('/api/audit/verify')).statusCode).toBe(200);
  });
});
