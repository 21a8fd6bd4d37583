/**
 * The full cross-check of `npm run bench -- similarity`, in a process of its own (forked by
 * bench/lib/similarityDb.ts), so that its peak RSS and CPU time are those of the server's code alone
 * (the generated corpus and the in-memory part stay in the parent). It opens the database given
 * (argv: sqlite <file> | postgres <url>), runs src/server/similarity/crossCheck.ts over every
 * document with the reports stored, and sends its figures to the parent.
 */
import fs from 'node:fs';
import { openDatabase } from '../../src/server/db/database.js';
import { storeReadyMany } from '../../src/server/similarity/check.js';
import { crossCheck } from '../../src/server/similarity/crossCheck.js';

export interface CrossCheckFigures {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

const BOILERPLATE_DOCS = 10;

function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1e6);
}

async function main(): Promise<void> {
  const [dialect, where] = process.argv.slice(2);
  const database = openDatabase(dialect === 'postgres' ? { url: where! } : { sqlitePath: where! });
  const { db } = database;
  try {
    const ids = (await db.selectFrom('similarity_documents').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let lastLog = Date.now();
    await crossCheck(db, {
      targets: ids,
      official: new Set(),
      boilerplateMinDocs: BOILERPLATE_DOCS,
      save: (reports) =>
        storeReadyMany(
          db,
          reports.map(({ row, report }) => ({
            applicationId: row.application_id!,
            snapshotId: row.snapshot_id!,
            report,
          })),
          new Date().toISOString(),
        ),
      progress: async (done, total) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        console.log(
          `[similarity] ${dialect}: cross-check ${done}/${total} after ${((performance.now() - t0) / 1000).toFixed(0)} s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
        );
      },
    });
    const cpu = process.cpuUsage(cpu0);
    const m = process.memoryUsage();
    console.log(
      `[similarity] ${dialect}: at the end of the cross-check: heap ${Math.round(m.heapUsed / 1e6)} of ${Math.round(m.heapTotal / 1e6)} MB, array buffers ${Math.round(m.arrayBuffers / 1e6)} MB, rss ${Math.round(m.rss / 1e6)} MB`,
    );
    const figures: CrossCheckFigures = {
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: peakRss(),
    };
    console.log(
      `[similarity] ${dialect}: full cross-check in ${figures.seconds.toFixed(1)} s (CPU ${figures.cpuSeconds.toFixed(1)} s), peak RSS ${figures.peakRssMb} MB`,
    );
    // Forked by the bench: the figures go to the parent (run on its own: printed only).
    process.send?.(figures);
  } finally {
    await database.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
