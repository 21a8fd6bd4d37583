import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneExampleContent, examplePledge } from '../../src/domain/example-content.js';
import { verificationCode } from '../../src/domain/verification-code.js';
import { DEMO_BATCH_ID } from '../../src/server/db/seed/demo-batch.js';
import { ensureBucket } from '../../src/server/files/s3Store.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { PNG } from '../helpers/applications.js';
import { buildUscc } from '../factories.js';

/**
 * The national deployment in miniature: three `npm run serve` instances started at once on one
 * PostgreSQL database and one Ceph RGW bucket, behind HAProxy (round robin, health checks), with an
 * SMTP sink. Runs with `npm run test:cluster` when TEST_DATABASE_URL and TEST_S3_ENDPOINT are set
 * and haproxy is installed (.ci/run does all three).
 */
const PG_URL = process.env.TEST_DATABASE_URL;
const S3 = process.env.TEST_S3_ENDPOINT;
const hasHaproxy = (() => {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const enabled = !!PG_URL && !!S3 && hasHaproxy;
if (!enabled) console.log('\ncluster test skipped: needs TEST_DATABASE_URL, TEST_S3_ENDPOINT and haproxy\n');

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'Demo@2020js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(what: string, ok: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * fetch as a browser sends it. When an instance dies, HAProxy closes a kept-alive client connection
 * whose next request it cannot place, without an answer, and leaves the resend to the client (RFC 9112
 * §9.3.1); browsers resend a request whose reused connection closed before any response (Chromium does so
 * for every method), undici's fetch does not. Nothing reached an instance, so the resend acts once.
 */
async function browserFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const code = ((e as { cause?: { code?: string } }).cause ?? {}).code;
    if (code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, init);
  }
}

/** A logged-in user over HTTP: the session cookie and CSRF token, sent to the balancer or one instance. */
class Http {
  cookie = '';
  csrf = '';
  constructor(public base: string) {}
  async req(method: string, url: string, body?: unknown, base = this.base): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return browserFetch(base + url, { method, headers, body: payload });
  }
  async json(method: string, url: string, body?: unknown, status = 200) {
    const res = await this.req(method, url, body);
    const text = await res.text();
    expect(res.status, `${method} ${url}: ${text}`).toBe(status);
    return JSON.parse(text);
  }
  static async login(base: string, username: string, password = PASSWORD): Promise<Http> {
    const h = new Http(base);
    const res = await browserFetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const text = await res.text();
    expect(res.status, `login ${username}: ${text}`).toBe(200);
    h.cookie = (res.headers.getSetCookie().find((c) => c.startsWith('msf_sid=')) ?? '').split(';')[0]!;
    h.csrf = JSON.parse(text).csrfToken;
    return h;
  }
}

describe.skipIf(!enabled)('cluster: three instances behind HAProxy on PostgreSQL and Ceph RGW', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-cluster-'));
  const dbName = `msf_cluster_${randomBytes(4).toString('hex')}`;
  const bucket = `msf-cluster-${randomBytes(4).toString('hex')}`;
  const procs: ChildProcess[] = [];
  const instances: { port: number; proc: ChildProcess }[] = [];
  let haproxy: ChildProcess;
  let smtp: TestSmtpServer;
  let lb = '';
  let databaseUrl = '';
  let auditEnv: Record<string, string> = {};

  const query = async <T extends pg.QueryResultRow>(text: string) => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      return (await c.query<T>(text)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    execFileSync('node', ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
    const s3 = {
      S3_ENDPOINT: S3!,
      S3_BUCKET: bucket,
      S3_REGION: process.env.TEST_S3_REGION ?? 'us-east-1',
      S3_ACCESS_KEY_ID: process.env.TEST_S3_ACCESS_KEY_ID ?? 'MSFTESTACCESSKEY0001',
      S3_SECRET_ACCESS_KEY: process.env.TEST_S3_SECRET_ACCESS_KEY ?? 'msf-test-secret-key-0000000000000000000001',
      S3_FORCE_PATH_STYLE: '1',
    };
    await ensureBucket({
      endpoint: s3.S3_ENDPOINT,
      bucket,
      region: s3.S3_REGION,
      accessKeyId: s3.S3_ACCESS_KEY_ID,
      secretAccessKey: s3.S3_SECRET_ACCESS_KEY,
      forcePathStyle: true,
    });
    smtp = await startSmtpServer();
    const lbPort = await freePort();
    lb = `http://127.0.0.1:${lbPort}`;
    // The instances share the audit log's signing key and anchor directory, as a deployment provisions
    // them (README, "Running for a whole country"): every seal is signed by the one key.
    const keyFile = path.join(dir, 'audit-signing.pem');
    auditEnv = { AUDIT_SIGNING_KEY_FILE: keyFile, AUDIT_ANCHOR_DIR: path.join(dir, 'audit-anchors') };
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    // Three instances started at once: migrations and seeding must happen once, under the lock.
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const dataDir = path.join(dir, `data-${i}`);
      fs.mkdirSync(dataDir);
      const log = fs.openSync(path.join(dir, `instance-${i}.log`), 'w');
      const proc = spawn('npm', ['run', 'serve'], {
        cwd: ROOT,
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          ...s3,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          ...auditEnv,
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_MAX: '5',
          SMTP_URL: smtp.url,
          TRUST_PROXY: '1',
          PUBLIC_BASE_URL: lb,
          LOG_LEVEL: 'warn',
          NODE_ENV: 'development',
          DRAIN_NOTICE_MS: '500',
        },
        detached: true,
      });
      procs.push(proc);
      instances.push({ port, proc });
    }
    for (const inst of instances)
      await waitFor(
        `instance on ${inst.port}`,
        async () => (await fetch(`http://127.0.0.1:${inst.port}/api/health`)).status === 200,
        90_000,
      );
    const cfg = path.join(dir, 'haproxy.cfg');
    fs.writeFileSync(
      cfg,
      [
        'global',
        '  maxconn 2000',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  retries 3',
        '  option redispatch',
        'frontend fe',
        `  bind 127.0.0.1:${lbPort}`,
        '  default_backend app',
        'backend app',
        '  balance roundrobin',
        '  option forwardfor',
        '  option httpchk GET /api/health',
        '  http-check expect status 200',
        ...instances.map((x, i) => `  server a${i} 127.0.0.1:${x.port} check inter 1s fall 2 rise 1`),
        '',
      ].join('\n'),
    );
    haproxy = spawn('haproxy', ['-db', '-f', cfg], { stdio: 'ignore' });
    procs.push(haproxy);
    await waitFor('haproxy', async () => (await fetch(`${lb}/api/health`)).status === 200, 20_000);
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) {
      try {
        if (p.pid) process.kill(p === haproxy ? p.pid : -p.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 1500));
    await smtp?.close();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }, 60_000);

  it('seeded once although three instances started together', async () => {
    const orgs = await query<{ n: string }>(`select count(*) as n from orgs where kind = 'province'`);
    expect(Number(orgs[0]!.n)).toBeGreaterThan(30);
    const batches = await query<{ n: string }>(`select count(*) as n from batch_documents`);
    expect(Number(batches[0]!.n)).toBe(4);
    const users = await query<{ n: string }>(`select count(*) as n from users where username = 'nj-applicant'`);
    expect(Number(users[0]!.n)).toBe(1);
  });

  it('walks register → submit with an upload → city → dispatch → acceptance → province → Ministry → public list, surviving a SIGKILL', async () => {
    const anon = new Http(lb);
    const uscc = await anon.json('GET', '/api/public/filed'); // warm-up, and the public list answers
    expect(uscc).toBeTruthy();
    const reviewer = await Http.login(lb, 'nj-reviewer');
    const unitUscc = buildUscc('320100');
    const reg = await anon.req('POST', '/api/registrations', {
      unitName: '南京集群测试科技服务有限公司',
      uscc: unitUscc,
      cityOrgId: 'city-320100',
      contactName: '陈静',
      mobile: '13905141234',
      email: 'cluster-unit@example.cn',
      username: 'cluster-unit',
      password: PASSWORD,
    });
    const regBody = await reg.json();
    expect(reg.status, JSON.stringify(regBody)).toBe(200);
    await reviewer.json('POST', `/api/registrations/${regBody.registration.id}/actions/approve`, {});
    const applicant = await Http.login(lb, 'cluster-unit');
    const created = await applicant.json('POST', '/api/applications', { batchId: DEMO_BATCH_ID }, 201);
    const id = created.id as string;
    const content = cloneExampleContent();
    content.basicInfo.operatorUscc = unitUscc;
    content.basicInfo.spaceName = '南京集群测试专业化众创空间';
    await applicant.json('PATCH', `/api/applications/${id}`, { version: 1, ...content });

    // Upload through instance 0, download through instance 2: the file is in the shared bucket.
    const form = new FormData();
    form.append('kind', 'site_photos');
    form.append('file', new Blob([PNG], { type: 'image/png' }), '场地照片.png');
    const up = await applicant.req(
      'POST',
      `/api/applications/${id}/files`,
      form,
      `http://127.0.0.1:${instances[0]!.port}`,
    );
    const upBody = await up.json();
    expect(up.status, JSON.stringify(upBody)).toBe(201);
    const down = await applicant.req(
      'GET',
      `/api/applications/${id}/files/${upBody.file.id}`,
      undefined,
      `http://127.0.0.1:${instances[2]!.port}`,
    );
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(PNG)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'data-0'))).toEqual([]);

    // The batch requires the stamped attachment-2 scan and the signed attachment-4 scan.
    for (const kind of ['stamp_scan', 'pledge_scan']) {
      const scan = new FormData();
      scan.append('kind', kind);
      scan.append('file', new Blob([PNG], { type: 'image/png' }), `${kind}.png`);
      const res = await applicant.req('POST', `/api/applications/${id}/files`, scan);
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const sub = await applicant.json('POST', `/api/applications/${id}/actions/submit`, { pledge: examplePledge });
    expect(sub.status).toBe('submitted');

    // One instance dies mid-journey; the balancer takes it out and the journey goes on.
    process.kill(instances[1]!.proc.pid!, 'SIGKILL');
    try {
      process.kill(-instances[1]!.proc.pid!, 'SIGKILL');
    } catch {
      // the group is gone with its leader
    }

    // The reviewer confirms the integrity rules of the batch before the first review.
    const cfg = (await (await reviewer.req('GET', `/api/batches/${DEMO_BATCH_ID}/review-config`)).json()) as {
      config: { integrity: { version: number } };
    };
    const ack = await reviewer.req('POST', `/api/batches/${DEMO_BATCH_ID}/acknowledgements`, {
      textVersion: cfg.config.integrity.version,
    });
    expect([200, 201], await ack.text()).toContain(ack.status);
    const act = async (c: Http, action: string, to: string, body: object = {}) =>
      expect((await c.json('POST', `/api/applications/${id}/actions/${action}`, body)).status).toBe(to);
    await act(reviewer, 'recommend', 'recommended');
    const approver = await Http.login(lb, 'nj-approver');
    const d = await reviewer.json('POST', '/api/dispatches', {
      applicationIds: [id],
      letter: '南京市科学技术局推荐函',
    });
    const dispatchId = d.dispatch.id;
    await approver.json('POST', `/api/dispatches/${dispatchId}/actions/send`, {
      pledge: { signerName: '周建华', agreed: true },
    });
    const clerk = await Http.login(lb, 'js-center');
    await clerk.json('POST', `/api/dispatches/${dispatchId}/actions/receive`, {});
    for (let n = 0; n < 2; n++)
      await clerk.json('POST', `/api/applications/${id}/paper-copies`, {
        count: 1,
        receivedOn: '2026-06-01',
        receivedBy: '康亚飞',
        code: verificationCode(sub.snapshot.sha256),
      });
    await act(clerk, 'accept', 'accepted');
    const officer = await Http.login(lb, 'js-dept');
    await act(officer, 'province_recommend', 'province_recommended');
    const prov = await officer.json('POST', '/api/dispatches', {
      applicationIds: [id],
      letter: '江苏省科学技术厅推荐函',
    });
    // Four eyes at the province: the 分管领导 signs the province's pledge and sends.
    const leader = await Http.login(lb, 'js-leader');
    await leader.json('POST', `/api/dispatches/${prov.dispatch.id}/actions/send`, {
      pledge: { signerName: '张迪', agreed: true },
    });
    const ministry = await Http.login(lb, 'most');
    await ministry.json('POST', `/api/dispatches/${prov.dispatch.id}/actions/receive`, {});
    await act(ministry, 'file', 'filed');
    // Filed is public once the Ministry publishes the batch's list.
    await ministry.json('POST', `/api/batches/${DEMO_BATCH_ID}/publications`, {
      documentNo: '国科火字〔2026〕9号',
      publishedOn: '2026-06-01',
    });

    const list = await anon.json('GET', '/api/public/filed');
    expect(JSON.stringify(list)).toContain('南京集群测试专业化众创空间');
  }, 120_000);

  it('sends every queued e-mail exactly once across the instances (pg-boss), and the audit chain verifies', async () => {
    const queued = await query<{ n: string }>(`select count(*) as n from email_outbox`);
    expect(Number(queued[0]!.n)).toBeGreaterThan(0);
    await waitFor(
      'the outbox to drain',
      async () =>
        Number((await query<{ n: string }>(`select count(*) as n from email_outbox where status <> 'sent'`))[0]!.n) ===
        0,
      150_000,
    );
    const rows = await query<{ to_address: string; subject: string }>(`select to_address, subject from email_outbox`);
    const received = smtp.messages.map((m) => `${m.to.join(',')}|${m.subject}`).sort();
    expect(received).toEqual(rows.map((r) => `${r.to_address}|${r.subject}`).sort());
    const out = execFileSync('npx', ['tsx', 'src/server/cli/audit-verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...auditEnv, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    expect(out).toContain('Audit log intact');
  }, 200_000);
});
