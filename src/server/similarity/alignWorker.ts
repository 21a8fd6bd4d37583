/**
 * A worker thread of the cross-check (alignPool.ts): it receives the corpus's snapshot once (shared
 * arrays: nothing is copied) and then aligns the targets it is sent, posting back what the
 * in-process alignment would return. Built to dist/server/alignWorker.js (scripts/build-server.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FingerprintCorpus, type CorpusSnapshot } from '../../domain/similarity/index.js';
import { alignTargets } from './align.js';

export interface AlignWorkerData {
  snapshot: CorpusSnapshot;
  official: number[];
  boilerplateMinDocs: number;
}

const data = workerData as AlignWorkerData;
const corpus = FingerprintCorpus.fromSnapshot(data.snapshot);
const official = new Set(data.official);

parentPort!.on('message', (qs: number[]) => {
  try {
    const aligned = alignTargets(corpus, qs, official, data.boilerplateMinDocs);
    // The masks are this thread's own arrays: moved, not copied.
    parentPort!.postMessage(
      { aligned },
      aligned.flatMap((a) => [a.officialMask.buffer as ArrayBuffer, a.ignored.buffer as ArrayBuffer]),
    );
  } catch (err) {
    parentPort!.postMessage({ error: String(err) });
  }
});
