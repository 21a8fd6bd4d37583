/**
 * npm run bench -- similarity: 查重 quality and speed on a generated corpus with planted copies of
 * known length and edit rate (bench/lib/similarityCorpus.ts), figures printed beside the targets.
 *
 * Environment: SIM_DOCS (default 1000), SIM_CHARS (default 20000), SIM_EDIT (default 0.03), SIM_DBS
 * (default sqlite,postgres; none). In memory, with the code of the batch run (FingerprintCorpus):
 * the full cross-check, the slowest single check, recall of planted characters, precision of
 * passages and the score of a whole resubmission. Then on each database (bench/lib/similarityDb.ts),
 * with the server's code: the single check of a resubmission and the full cross-check with reports
 * stored. Single thread.
 */
import {
  buildReportFigures,
  comparePair,
  coverage,
  FingerprintCorpus,
  indexDocument,
  prepareDocument,
} from '../src/domain/similarity/index.js';
import { benchSimilarityDb, peakRss, type DbFigures } from './lib/similarityDb.js';
import { plantedCorpus, rng, TextGenerator, type Plant } from './lib/similarityCorpus.js';

const DOCS = Number(process.env.SIM_DOCS ?? 1000);
const CHARS = Number(process.env.SIM_CHARS ?? 20_000);
const EDIT = Number(process.env.SIM_EDIT ?? 0.03);
const BOILERPLATE_DOCS = 10;
/** SIM_DBS: the databases measured (default sqlite,postgres; "none" for the in-memory part only). */
const DBS = (process.env.SIM_DBS ?? 'sqlite,postgres')
  .split(',')
  .map((x) => x.trim())
  .filter((x): x is 'sqlite' | 'postgres' => x === 'sqlite' || x === 'postgres');

/** SIM_IN_MEMORY=0 skips the in-memory part (to measure a database's peak RSS on its own). */
const IN_MEMORY = process.env.SIM_IN_MEMORY !== '0';

const log = (...a: unknown[]) => console.log('[similarity]', ...a);
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};

export async function benchSimilarity(): Promise<void> {
  const random = rng(5);
  log(`corpus: ${DOCS} texts × ${CHARS} characters, copies of 40–2000 characters, ${EDIT * 100}% edited`);
  const { texts, plants } = plantedCorpus({
    seed: 99,
    docs: DOCS,
    chars: CHARS,
    plantsPerDoc: 2,
    copyLength: () => 40 + Math.floor(random() * random() * 2000),
    editRate: EDIT,
  });
  const rows: string[][] = [];
  if (IN_MEMORY) measureInMemory(texts, plants, rows);
  const figures: DbFigures[] = [];
  for (const dialect of DBS) figures.push(await benchSimilarityDb(dialect, texts, log));
  for (const f of figures)
    rows.push(
      [`${f.db}: index of ${DOCS} documents loaded in bulk`, `${f.indexSeconds.toFixed(1)} s`, '—'],
      [
        `${f.db}: single check of a resubmission against ${DOCS - 1} (re-index + lookup + compare + store)`,
        `median ${f.checkMedianMs} ms (re-indexing ${f.checkIndexMs} ms; CPU of this process ${f.checkCpuMedianMs} ms), slowest ${f.checkMaxMs} ms`,
        '≤ 1 s',
      ],
      [
        `${f.db}: full cross-check, ${DOCS} × ${CHARS}, reports stored`,
        `${f.crossCheckSeconds.toFixed(1)} s wall, ${f.crossCheckCpuSeconds.toFixed(1)} s CPU of this process`,
        '≤ 60 s for 5,000 × 20,000',
      ],
      [`${f.db}: peak RSS of the cross-check (a process of its own)`, `${f.peakRssMb} MB`, '≤ 2 GB'],
    );
  for (const [what, value, target] of rows) log(`${what}: ${value} (target ${target})`);
}

/** The in-memory figures: quality, and the cross-check without the database. */
function measureInMemory(texts: string[], plants: Plant[], rows: string[][]): void {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // The same code as the batch run (src/server/similarity/crossCheck.ts), without the database.
  const corpus = new FingerprintCorpus();
  for (const t of texts) corpus.add(prepareDocument([{ key: 'a', text: t }]));
  corpus.build();
  const t1 = performance.now();
  log(`winnowed and indexed in ${((t1 - t0) / 1000).toFixed(1)} s, rss ${mb()} MB`);

  let planted = 0;
  let found = 0;
  let passageChars = 0;
  let unexplained = 0;
  let slowest = 0;
  const none = new Set<number>();
  for (let q = 0; q < DOCS; q++) {
    const start = performance.now();
    const m = corpus.matches(q, none, BOILERPLATE_DOCS);
    const query = prepareDocument([{ key: 'a', text: texts[q]! }]);
    const ignored = coverage(query, m.boilerplate);
    const mask = new Uint8Array(texts[q]!.length);
    const norm = query.norms[0]!;
    for (const [s, seeds] of m.seeds) {
      const passages = corpus.passages(q, s, seeds, ignored);
      if (passages.length === 0) continue;
      const sn = prepareDocument([{ key: 'a', text: texts[s]! }]).norms[0]!;
      for (const p of passages) {
        const [qa, qb] = [norm.starts[p.qa]!, norm.ends[p.qb - 1]!];
        const [sa, sb] = [sn.starts[p.sa]!, sn.ends[p.sb - 1]!];
        mask.fill(1, qa, qb);
        passageChars += p.qb - p.qa;
        const explained =
          plants.some((x) => x.target === q && x.start < qb && qa < x.end) ||
          plants.some((x) => x.target === s && x.start < sb && sa < x.end);
        if (!explained) unexplained += p.qb - p.qa;
      }
    }
    slowest = Math.max(slowest, performance.now() - start);
    for (const x of plants)
      if (x.target === q)
        for (let i = 0; i < norm.cps.length; i++)
          if (norm.starts[i]! >= x.start && norm.ends[i]! <= x.end) {
            planted++;
            if (mask[norm.starts[i]!]) found++;
          }
  }
  const t2 = performance.now();
  const cpu2 = cpuSeconds(cpu0);
  const gen = new TextGenerator(rng(3));
  const original = gen.text(CHARS);
  const resubmitted = indexDocument(prepareDocument([{ key: 'a', text: gen.edit(original, EDIT) }]));
  const source = indexDocument(prepareDocument([{ key: 'a', text: original }]));
  const zero = new Uint8Array(resubmitted.doc.cps.length);
  const whole = buildReportFigures(resubmitted.doc, zero, zero, [
    { source: 0, sourceDoc: source.doc, sameUnit: true, passages: comparePair(resubmitted, source) },
  ]).overall;
  rows.push(
    ['recall of planted characters (≥ 40 chars, ≤ 3 % edited)', `${((found / planted) * 100).toFixed(2)} %`, '≥ 95 %'],
    ['unexplained passage characters', `${((unexplained / Math.max(1, passageChars)) * 100).toFixed(2)} %`, '≤ 1 %'],
    ['whole resubmission score', whole.toFixed(3), '≥ 0.9'],
    [
      `full cross-check, ${DOCS} × ${CHARS} (one thread, in memory)`,
      `${((t2 - t0) / 1000).toFixed(1)} s wall, ${cpu2.toFixed(1)} s CPU`,
      '≤ 60 s for 5,000 × 20,000',
    ],
    ['slowest single check against the corpus (in memory)', `${Math.round(slowest)} ms`, '≤ 1 s'],
    ['peak RSS after the in-memory part', `${peakRss()} MB`, '≤ 2 GB'],
  );
}
