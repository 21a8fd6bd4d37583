import { Worker } from 'node:worker_threads';
import type { FingerprintCorpus } from '../../domain/similarity/index.js';
import { alignTargets, type AlignedTarget } from './align.js';
import type { AlignWorkerData } from './alignWorker.js';

/** Aligns targets against a built corpus: in worker threads, or in process with one thread. */
export interface Aligner {
  align(qs: readonly number[]): Promise<AlignedTarget[]>;
  close(): Promise<void>;
}

/**
 * The worker's entry file: next to this module under tsx and vitest (TypeScript, run through tsx's
 * loader), next to the bundle dist/server/main.js in the built server.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  return import.meta.url.endsWith('.ts')
    ? { url: new URL('./alignWorker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
    : { url: new URL('./alignWorker.js', import.meta.url), execArgv: [] };
}

/**
 * `threads` workers over the corpus (which must be `shared`); with 1 the targets are aligned in
 * process. A batch of targets is split into one contiguous slice per worker and the results joined
 * in order, so the outcome is the in-process one.
 */
export function startAligner(
  corpus: FingerprintCorpus,
  official: ReadonlySet<number>,
  boilerplateMinDocs: number,
  threads: number,
): Aligner {
  if (threads <= 1)
    return {
      align: (qs) => Promise.resolve(alignTargets(corpus, qs, official, boilerplateMinDocs)),
      close: () => Promise.resolve(),
    };
  const { url, execArgv } = workerEntry();
  const workerData: AlignWorkerData = { snapshot: corpus.snapshot(), official: [...official], boilerplateMinDocs };
  const workers = Array.from({ length: threads }, () => new Worker(url, { workerData, execArgv }));
  // A worker that failed or stopped while idle (a missing entry file, say) fails the next batch
  // rather than leaving it waiting; its 'error' event never goes unhandled.
  const gone = new Map<Worker, Error>();
  for (const w of workers) {
    w.on('error', (err) => gone.set(w, err));
    w.on('exit', (code) => gone.has(w) || gone.set(w, new Error(`similarity worker exited (${code})`)));
  }
  const run = (w: Worker, qs: readonly number[]) =>
    new Promise<AlignedTarget[]>((resolve, reject) => {
      const failed = gone.get(w);
      if (failed) return reject(failed);
      const settle = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const onMessage = (m: { aligned?: AlignedTarget[]; error?: string }) => {
        settle();
        if (m.aligned) resolve(m.aligned);
        else reject(new Error(`similarity worker: ${m.error}`));
      };
      const onError = (err: Error) => {
        settle();
        reject(err);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`similarity worker exited (${code})`));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(qs);
    });
  return {
    async align(qs) {
      const per = Math.ceil(qs.length / workers.length);
      const parts = await Promise.all(
        workers.map((w, i) => (i * per < qs.length ? run(w, qs.slice(i * per, (i + 1) * per)) : [])),
      );
      return parts.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
