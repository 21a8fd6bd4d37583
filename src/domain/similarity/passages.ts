/**
 * From shared fingerprints to passages: each shared fingerprint is a seed, checked character by
 * character and extended both ways into a maximal exact run; runs on nearly the same diagonal with a
 * small gap between them (a few characters changed, inserted or deleted) are merged into one passage,
 * so a lightly edited copy is one passage and not many fragments.
 */
import { K, MIN_RUN, SEPARATOR, sectionAt, winnow, type CodePoints, type PreparedDocument } from './fingerprint.js';

/** Largest gap (in characters, on either side) bridged between two runs of one passage. */
export const MAX_GAP = 30;
/** Largest difference between the two sides' gaps (characters inserted or deleted). */
export const MAX_SKEW = 8;
/** Seeds taken per fingerprint and side, against texts that repeat one phrase very often. */
export const MAX_POSITIONS = 16;

/** A document with its winnowed fingerprints, ready to be compared. */
export interface IndexedDocument {
  doc: PreparedDocument;
  /** Fingerprint hash → positions in doc.cps. */
  positions: Map<number, number[]>;
}

export function indexDocument(doc: PreparedDocument): IndexedDocument {
  const { hashes, positions: pos } = winnow(doc.cps);
  const positions = new Map<number, number[]>();
  for (let i = 0; i < hashes.length; i++) {
    const list = positions.get(hashes[i]!);
    if (list) {
      if (list.length < MAX_POSITIONS) list.push(pos[i]!);
    } else positions.set(hashes[i]!, [pos[i]!]);
  }
  return { doc, positions };
}

/** A maximal exact run shared by the query [qa, qb) and the source [sa, sb). */
interface Run {
  qa: number;
  qb: number;
  sa: number;
  sb: number;
}

/** A passage: the query's [qa, qb) copies the source's [sa, sb), both within one section. */
export interface Passage extends Run {
  /** Query characters of the passage that are not excluded (official wording, boilerplate). */
  matched: number;
}

function sameKgram(q: CodePoints, qa: number, s: CodePoints, sa: number): boolean {
  for (let i = 0; i < K; i++) if (q[qa + i] !== s[sa + i]) return false;
  return true;
}

/** The two texts compared: their concatenated code points and section starts. */
export type ComparedText = { cps: CodePoints; sectionStarts: Uint32Array };

/**
 * Seed pairs (query position, source position) of the fingerprints the two documents share, excluded
 * hashes left out, flat: [q0, s0, q1, s1, …].
 */
export function sharedSeeds(query: IndexedDocument, source: IndexedDocument, excluded: ReadonlySet<number>): number[] {
  const seeds: number[] = [];
  for (const [hash, qPositions] of query.positions) {
    const sPositions = source.positions.get(hash);
    if (!sPositions || excluded.has(hash)) continue;
    for (const qp of qPositions) for (const sp of sPositions) seeds.push(qp, sp);
  }
  return seeds;
}

/**
 * The same seed pairs as `sharedSeeds(query, indexDocument(source), excluded)` (in another order, which
 * does not change the runs found), from the source's winnowed fingerprints directly: the source's
 * hash → positions map is not built, only the counts of the hashes it shares with the query (at most
 * MAX_POSITIONS positions per hash, the first in text order, as indexDocument keeps them).
 */
export function seedsAgainst(
  query: IndexedDocument,
  source: { hashes: Int32Array; positions: Uint32Array },
  excluded: ReadonlySet<number>,
): number[] {
  const seeds: number[] = [];
  const taken = new Map<number, number>();
  for (let i = 0; i < source.hashes.length; i++) {
    const hash = source.hashes[i]!;
    const qPositions = query.positions.get(hash);
    if (!qPositions || excluded.has(hash)) continue;
    const times = taken.get(hash) ?? 0;
    if (times >= MAX_POSITIONS) continue;
    taken.set(hash, times + 1);
    const sp = source.positions[i]!;
    for (const qp of qPositions) seeds.push(qp, sp);
  }
  return seeds;
}

/** The maximal exact runs through the seeds (a seed whose k-grams differ, a hash collision, is dropped). */
function findRuns(q: CodePoints, s: CodePoints, seeds: ArrayLike<number>): Run[] {
  const byDiagonal = new Map<number, Run[]>();
  const runs: Run[] = [];
  for (let i = 0; i + 1 < seeds.length; i += 2) {
    const qp = seeds[i]!;
    const sp = seeds[i + 1]!;
    const diagonal = qp - sp;
    const known = byDiagonal.get(diagonal);
    if (known?.some((r) => r.qa <= qp && qp < r.qb)) continue;
    if (!sameKgram(q, qp, s, sp)) continue; // a hash collision
    let qa = qp;
    let sa = sp;
    while (qa > 0 && sa > 0 && q[qa - 1] === s[sa - 1] && q[qa - 1] !== SEPARATOR) {
      qa--;
      sa--;
    }
    let qb = qp + K;
    let sb = sp + K;
    while (qb < q.length && sb < s.length && q[qb] === s[sb] && q[qb] !== SEPARATOR) {
      qb++;
      sb++;
    }
    const run = { qa, qb, sa, sb };
    runs.push(run);
    if (known) known.push(run);
    else byDiagonal.set(diagonal, [run]);
  }
  return runs.sort((a, b) => a.qa - b.qa || a.sa - b.sa);
}

/**
 * The passages of `query` copied from `source`. `ignored[i]` marks query positions that do not count
 * (official wording, boilerplate); `excluded` holds the fingerprints that seed nothing. A passage is
 * kept when it holds an exact run of at least MIN_RUN characters and at least MIN_RUN characters of
 * its own (not ignored).
 */
export function comparePair(
  query: IndexedDocument,
  source: IndexedDocument,
  opts: { ignored?: Uint8Array; excluded?: ReadonlySet<number> } = {},
): Passage[] {
  const seeds = sharedSeeds(query, source, opts.excluded ?? new Set());
  return passagesFromSeeds(query.doc, source.doc, seeds, opts.ignored);
}

/**
 * The passages through the given seeds (see comparePair); the seeds come from the two documents'
 * shared fingerprints, whether found by comparing two indexed documents or in a corpus index.
 */
export function passagesFromSeeds(
  query: ComparedText,
  source: ComparedText,
  seeds: ArrayLike<number>,
  ignored?: Uint8Array,
): Passage[] {
  const runs = findRuns(query.cps, source.cps, seeds);
  // Chance seeds (common short phrases) give only short runs: no chain of them can make a passage.
  if (!runs.some((r) => r.qb - r.qa >= MIN_RUN)) return [];
  interface Chain {
    runs: Run[];
    qSection: number;
    sSection: number;
    longest: number;
  }
  const chains: Chain[] = [];
  const open: Chain[] = [];
  for (const run of runs) {
    const qSection = sectionAt(query, run.qa);
    const sSection = sectionAt(source, run.sa);
    let best: Chain | undefined;
    let bestGap = Infinity;
    for (const c of open) {
      const last = c.runs[c.runs.length - 1]!;
      if (c.qSection !== qSection || c.sSection !== sSection) continue;
      const gq = run.qa - last.qb;
      const gs = run.sa - last.sb;
      if (gq < 0 || gs < 0 || gq > MAX_GAP || gs > MAX_GAP || Math.abs(gq - gs) > MAX_SKEW) continue;
      if (gq + gs < bestGap) {
        best = c;
        bestGap = gq + gs;
      }
    }
    const length = run.qb - run.qa;
    if (best) {
      best.runs.push(run);
      best.longest = Math.max(best.longest, length);
    } else {
      const chain = { runs: [run], qSection, sSection, longest: length };
      chains.push(chain);
      open.push(chain);
    }
    // Chains that can no longer be extended leave the open list (runs come in query order).
    for (let i = open.length - 1; i >= 0; i--) {
      const last = open[i]!.runs[open[i]!.runs.length - 1]!;
      if (run.qa - last.qb > MAX_GAP) open.splice(i, 1);
    }
  }
  const passages: Passage[] = [];
  for (const c of chains) {
    if (c.longest < MIN_RUN) continue;
    const first = c.runs[0]!;
    const qb = Math.max(...c.runs.map((r) => r.qb));
    const sb = Math.max(...c.runs.map((r) => r.sb));
    let matched = 0;
    for (let i = first.qa; i < qb; i++) if (!ignored?.[i]) matched++;
    if (matched < MIN_RUN) continue;
    passages.push({ qa: first.qa, qb, sa: first.sa, sb, matched });
  }
  return passages;
}
