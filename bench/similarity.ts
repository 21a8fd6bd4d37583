/**
 * npm run bench -- similarity: 查重 quality and speed on a generated corpus with planted copies of
 * known length and edit rate (bench/lib/similarityCorpus.ts), figures printed beside the targets.
 *
 * Environment: SIM_DOCS (default 1000), SIM_CHARS (default 20000), SIM_EDIT (default 0.03).
 * Measures the in-memory full cross-check (winnow everything, invert, compare candidate pairs), the
 * per-document check against the whole corpus, recall of planted characters, precision of passages
 * and the score of a whole resubmission. Single thread; the database round trips are not included.
 */
import {
  buildReportFigures,
  comparePair,
  indexDocument,
  prepareDocument,
  winnow,
  type IndexedDocument,
} from '../src/domain/similarity/index.js';
import { plantedCorpus, rng, TextGenerator } from './lib/similarityCorpus.js';

const DOCS = Number(process.env.SIM_DOCS ?? 1000);
const CHARS = Number(process.env.SIM_CHARS ?? 20_000);
const EDIT = Number(process.env.SIM_EDIT ?? 0.03);
const BOILERPLATE_DOCS = 10;

const log = (...a: unknown[]) => console.log('[similarity]', ...a);
const mb = () => Math.round(process.memoryUsage().rss / 1e6);

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
  const t0 = performance.now();
  const fingerprints = texts.map((t) => new Set(winnow(prepareDocument([{ key: 'a', text: t }]).cps).hashes));
  const index = new Map<number, number[]>();
  fingerprints.forEach((set, d) => {
    for (const h of set) {
      const l = index.get(h);
      if (l) l.push(d);
      else index.set(h, [d]);
    }
  });
  const t1 = performance.now();
  log(`winnowed and inverted in ${((t1 - t0) / 1000).toFixed(1)} s, rss ${mb()} MB`);
  const boilerplate = new Set<number>();
  for (const [h, l] of index) if (l.length > BOILERPLATE_DOCS) boilerplate.add(h);

  let planted = 0;
  let found = 0;
  let passageChars = 0;
  let unexplained = 0;
  let slowest = 0;
  const prepared = new Map<number, IndexedDocument>();
  const get = (d: number) => {
    let x = prepared.get(d);
    if (!x) {
      x = indexDocument(prepareDocument([{ key: 'a', text: texts[d]! }]));
      if (prepared.size > 200) prepared.delete(prepared.keys().next().value!);
      prepared.set(d, x);
    }
    return x;
  };
  for (let q = 0; q < DOCS; q++) {
    const start = performance.now();
    const candidates = new Set<number>();
    for (const h of fingerprints[q]!) {
      if (boilerplate.has(h)) continue;
      for (const d of index.get(h)!) if (d !== q) candidates.add(d);
    }
    const query = get(q);
    const mask = new Uint8Array(texts[q]!.length);
    const norm = query.doc.norms[0]!;
    for (const s of candidates) {
      const source = get(s);
      for (const p of comparePair(query, source, { excluded: boilerplate })) {
        const [qa, qb] = [norm.starts[p.qa]!, norm.ends[p.qb - 1]!];
        const sn = source.doc.norms[0]!;
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
  const gen = new TextGenerator(rng(3));
  const original = gen.text(CHARS);
  const resubmitted = indexDocument(prepareDocument([{ key: 'a', text: gen.edit(original, EDIT) }]));
  const source = indexDocument(prepareDocument([{ key: 'a', text: original }]));
  const none = new Uint8Array(resubmitted.doc.cps.length);
  const whole = buildReportFigures(resubmitted.doc, none, none, [
    { source: 0, sourceDoc: source.doc, sameUnit: true, passages: comparePair(resubmitted, source) },
  ]).overall;
  const rows = [
    ['recall of planted characters (≥ 40 chars, ≤ 3 % edited)', `${((found / planted) * 100).toFixed(2)} %`, '≥ 95 %'],
    ['unexplained passage characters', `${((unexplained / Math.max(1, passageChars)) * 100).toFixed(2)} %`, '≤ 1 %'],
    ['whole resubmission score', whole.toFixed(3), '≥ 0.9'],
    [
      `full cross-check, ${DOCS} × ${CHARS} (one thread, in memory)`,
      `${((t2 - t0) / 1000).toFixed(1)} s`,
      '≤ 60 s for 5,000 × 20,000',
    ],
    ['slowest single check against the corpus', `${Math.round(slowest)} ms`, '≤ 1 s'],
    ['peak RSS', `${mb()} MB`, '≤ 2 GB'],
  ];
  for (const [what, value, target] of rows) log(`${what}: ${value} (target ${target})`);
}
