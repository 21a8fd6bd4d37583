import { runLogged, type JobRunner, type RunnerOptions } from './runner.js';

/**
 * The embedded mode's runner (SQLite, one instance): each job on its own timer; a run never overlaps
 * the previous run of the same job; an error is logged and the next run tries again.
 */
export function startInProcessRunner({ ctx, jobs }: RunnerOptions): JobRunner {
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const runOnce = (name: string): Promise<void> => {
    const job = jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job named ${name}`));
    if (stopped) return Promise.resolve();
    let p = running.get(name);
    if (!p) {
      p = runLogged(job, ctx)
        .catch(() => {})
        .finally(() => running.delete(name));
      running.set(name, p);
    }
    return p;
  };
  const timers = jobs.map((j) => {
    const t = setInterval(() => void runOnce(j.name), j.everyMs);
    t.unref();
    return t;
  });
  return {
    kind: 'in-process',
    send: runOnce,
    async stop() {
      stopped = true;
      timers.forEach(clearInterval);
      await Promise.all(running.values());
    },
  };
}
