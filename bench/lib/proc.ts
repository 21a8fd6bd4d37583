import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DurationResult, DurationSpec, OnceResult, OnceSpec } from './loadgen.js';

const CLK_TCK = 100; // Linux USER_HZ, as /proc reports times

/** Starts an entry point (TypeScript or the compiled server) as its own Node process (no tsx wrapper, so the pid is the server's). */
export function startNode(
  script: string,
  opts: { env: NodeJS.ProcessEnv; logFile: string; cpuProfDir?: string },
): ChildProcess {
  const log = fs.openSync(opts.logFile, 'a');
  // TypeScript through tsx's loader; the compiled server (.js) as plain Node with its source maps.
  const args = script.endsWith('.ts') ? ['--import', 'tsx'] : ['--enable-source-maps'];
  if (opts.cpuProfDir) args.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`);
  const child = spawn(process.execPath, [...args, script], { env: opts.env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  return child;
}

/** Stops a child with SIGTERM and waits for it to exit (SIGKILL after the grace period). */
export async function stop(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitHealthy(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode}); log:\n${tail(logFile)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; log:\n${tail(logFile)}`);
}

const tail = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used, in ms; NaN when it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every `everyMs` and keeps the highest value (MB). */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  peakMb = 0;
  constructor(
    private readonly pid: number,
    private readonly everyMs = 50,
  ) {}
  start(): this {
    this.peakMb = 0;
    const take = () => {
      try {
        this.peakMb = Math.max(this.peakMb, memoryOf(this.pid).rssMb);
      } catch {
        // process gone
      }
    };
    take();
    this.timer = setInterval(take, this.everyMs);
    return this;
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      this.peakMb = Math.max(this.peakMb, memoryOf(this.pid).rssMb);
    } catch {
      // process gone
    }
    return this.peakMb;
  }
}

/** The load generator in its own process; one request at a time from the orchestrator. */
export class LoadGenerator {
  private child: ChildProcess;
  private seq = 0;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'loadgen.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
    });
    this.child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (msg.error) w?.reject(new Error(msg.error));
      else w?.resolve(msg.result);
    });
    this.child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`load generator exited (${code})`));
      this.waiting.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  run(spec: DurationSpec): Promise<DurationResult>;
  run(spec: OnceSpec): Promise<OnceResult>;
  run(spec: DurationSpec | OnceSpec): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, spec });
    });
  }

  close(): void {
    this.child.kill();
  }
}
