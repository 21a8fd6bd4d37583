/**
 * npm run test:e2e: builds the web app, starts the real server on a fresh SQLite database with
 * demo data, runs the browser journeys (vitest.e2e.config.ts) against it and stops it again.
 * Extra arguments go to vitest, e.g. `npm run test:e2e -- login`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** E2E_PORT when it is free, else (and by default) a port the system gives: two runs on one machine
 * (several worktrees) must not meet on a fixed port, where one run's health check would be answered by
 * the other run's server. */
async function choosePort(preferred: number | undefined): Promise<number> {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

/** Stops the server and everything it spawned (it leads its own process group). */
function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || !server.pid) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-server.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

async function main(): Promise<number> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  console.log('e2e: building the web app and the server (npm run build, as npm start does)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;

  const port = await choosePort(process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'makerspace-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(ARTIFACTS, 'server.log'), 'w');
  console.log(`e2e: starting the server on ${baseUrl} (DATA_DIR ${dataDir})`);
  // Always a fresh SQLite file: a DATABASE_URL from the environment must not leak in.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  env.NODE_ENV = 'development';
  delete env.DATABASE_URL;
  // The compiled server, as `npm start` runs it.
  const server = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    cwd: ROOT,
    // The journeys register many units from one address: lift the per-IP limits of the public routes.
    env: { ...env, SEED_DEMO: '1', LOG_LEVEL: 'warn', RATE_LIMIT_REGISTRATIONS: '10000', RATE_LIMIT_PUBLIC: '10000' },
    stdio: ['ignore', log, log],
    detached: true,
  });

  // Ctrl-C reaches vitest directly; the detached server must be stopped by us.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop(server).then(() => process.exit(130)));
  }

  let code = 1;
  try {
    await waitForHealth(baseUrl, server, 90_000);
    const vitest = spawn('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
      // E2E_DATA_DIR: for journeys that run a command-line tool on the server's data (similarity:import).
      env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_DATA_DIR: dataDir },
    });
    code = await new Promise<number>((resolve) => vitest.on('exit', (c) => resolve(c ?? 1)));
    if (server.exitCode !== null) {
      // Whatever answered was not this run's server (it exited: e.g. the port was taken meanwhile).
      console.error(`e2e: the server exited with code ${server.exitCode} during the run; see e2e/artifacts/server.log`);
      code = code || 1;
    }
  } catch (err) {
    console.error(`e2e: ${err instanceof Error ? err.message : String(err)}; server log in e2e/artifacts/server.log`);
  } finally {
    await stop(server);
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
