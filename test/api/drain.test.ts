import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 16, graceful shutdown, on the built server as `npm run serve` runs it: on SIGTERM the health
 * check turns 503 while a request already in flight (its body still arriving) and requests during
 * the notice period are answered, then the process exits 0.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('graceful shutdown of the built server', () => {
  it('on SIGTERM: health 503, the request in flight and those of the notice period answered, exit 0', async () => {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'ignore' });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-drain-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const logFile = path.join(dataDir, 'server.log');
    const out = fs.openSync(logFile, 'w');
    const server = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|S3_|AUDIT_)/.test(k))),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        DRAIN_NOTICE_MS: '2000',
      },
      stdio: ['ignore', out, out],
    });
    const exited = once(server, 'exit') as Promise<[number | null, string | null]>;
    try {
      const until = Date.now() + 90_000;
      for (;;) {
        if (Date.now() > until) throw new Error(`server did not start:\n${fs.readFileSync(logFile, 'utf8')}`);
        try {
          if ((await fetch(`${base}/api/health`)).ok) break;
        } catch {
          // not listening yet
        }
        await sleep(200);
      }
      // A login whose body arrives in two parts, the second after SIGTERM.
      const body = JSON.stringify({ username: 'nj-applicant', password: process.env.DEMO_PASSWORD ?? 'Demo@2020js' });
      const req = http.request(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const answered = once(req, 'response') as Promise<[http.IncomingMessage]>;
      req.write(body.slice(0, 10));
      await sleep(200);
      server.kill('SIGTERM');
      await sleep(500);
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ draining: true });
      // Still serving during the notice period: the balancer may send a last request.
      expect((await fetch(`${base}/api/public/filed`)).status).toBe(200);
      req.end(body.slice(10));
      const [res] = await answered;
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/msf_sid=/);
      res.resume();
      const [code, signal] = await Promise.race([
        exited,
        sleep(30_000).then(() => [null, 'timeout'] as [null, string]),
      ]);
      expect({ code, signal }, fs.readFileSync(logFile, 'utf8').slice(-2000)).toEqual({ code: 0, signal: null });
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      fs.closeSync(out);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
