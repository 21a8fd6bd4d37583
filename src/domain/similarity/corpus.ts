/**
 * An in-memory fingerprint index over many documents, for a full cross-check: every document's
 * winnowed fingerprints are grouped by hash once (a counting sort by the hash's top bits, then each
 * bucket ordered by hash), and only the groups held by two documents or more are kept: a fingerprint
 * no other document holds can seed nothing, and most fingerprints are such. Each document keeps its
 * shared fingerprints (position, group) in text order, so a query goes straight to each group (no
 * hash lookup) and finds the documents and positions holding it, and how many documents do (for
 * boilerplate). Seed pairs per source document are aligned with passagesFromSeeds without re-reading
 * or re-indexing the source. While building: about 20 bytes per fingerprint; afterwards 16 bytes per
 * shared one, plus 2 bytes per normalised character (4 for a text outside the BMP).
 */
import { winnow, type CodePoints, type PreparedDocument } from './fingerprint.js';
import { MAX_POSITIONS, passagesFromSeeds, type ComparedText, type Passage } from './passages.js';

const BUCKET_BITS = 22;
const BUCKET_SHIFT = 32 - BUCKET_BITS;

/** The code points in 16 bits when they all fit (half the memory of a corpus of BMP-only texts). */
function compact(cps: CodePoints): CodePoints {
  for (let i = 0; i < cps.length; i++) if (cps[i]! > 0xffff) return cps;
  return cps instanceof Uint16Array ? cps : Uint16Array.from(cps);
}

/** What a query found in the corpus: the fingerprints too common to count and the seeds per source. */
export interface CorpusMatches {
  /** Hashes held by `boilerplateMinDocs` or more other documents. */
  boilerplate: Set<number>;
  /** Source document → seed pairs [q0, s0, q1, s1, …]. */
  seeds: Map<number, number[]>;
}

/**
 * A document's fingerprints: as winnowed (hashes) until the corpus is built, then only those shared
 * with another document, `groups` giving each one's group.
 */
interface Part {
  positions: Uint32Array;
  hashes: Int32Array;
}

export class FingerprintCorpus {
  private readonly texts: ComparedText[] = [];
  private parts: Part[] = [];
  /** Group g (one shared hash) is groupDocs/groupPositions[groupStarts[g]..groupStarts[g + 1]). */
  private groupStarts = new Uint32Array(1);
  private groupHashes = new Int32Array(0);
  /** Distinct documents holding the group's hash. */
  private groupDocCounts = new Uint32Array(0);
  /** Documents in ascending order, each document's positions in text order. */
  private groupDocs = new Int32Array(0);
  private groupPositions = new Uint32Array(0);
  private built = false;

  get size(): number {
    return this.texts.length;
  }

  /** Adds a document (only its code points and section starts are kept); returns its number. */
  add(doc: ComparedText | PreparedDocument): number {
    if (this.built) throw new Error('corpus already built');
    const { hashes, positions } = winnow(doc.cps);
    this.texts.push({ cps: compact(doc.cps), sectionStarts: doc.sectionStarts });
    this.parts.push({ hashes, positions });
    return this.texts.length - 1;
  }

  text(d: number): ComparedText {
    return this.texts[d]!;
  }

  /** Groups the fingerprints by hash and keeps the shared ones; no document can be added afterwards. */
  build(): void {
    if (this.built) return;
    const total = this.parts.reduce((n, p) => n + p.hashes.length, 0);
    // Counting sort by bucket; stable, so each bucket lists its documents in ascending order.
    const buckets = new Uint32Array((1 << BUCKET_BITS) + 1);
    for (const { hashes } of this.parts)
      for (let e = 0; e < hashes.length; e++) buckets[(hashes[e]! >>> BUCKET_SHIFT) + 1]!++;
    for (let b = 1; b < buckets.length; b++) buckets[b]! += buckets[b - 1]!;
    const fill = buckets.slice(0, -1);
    const hashes = new Int32Array(total);
    const docs = new Int32Array(total);
    /** The fingerprint's index in its document's part. */
    const entries = new Uint32Array(total);
    this.parts.forEach((part, d) => {
      for (let e = 0; e < part.hashes.length; e++) {
        const h = part.hashes[e]!;
        const i = fill[h >>> BUCKET_SHIFT]!++;
        hashes[i] = h;
        docs[i] = d;
        entries[i] = e;
      }
    });
    for (let b = 0; b + 1 < buckets.length; b++)
      if (buckets[b + 1]! - buckets[b]! > 1) sortByHash(hashes, docs, entries, buckets[b]!, buckets[b + 1]!);

    // The groups held by two documents or more (documents ascend within a group).
    let groups = 0;
    let kept = 0;
    forEachGroup(hashes, docs, (from, to) => {
      groups++;
      kept += to - from;
    });
    this.groupStarts = new Uint32Array(groups + 1);
    this.groupHashes = new Int32Array(groups);
    this.groupDocCounts = new Uint32Array(groups);
    this.groupDocs = new Int32Array(kept);
    this.groupPositions = new Uint32Array(kept);
    // A part's hashes are not needed once bucketed: each shared fingerprint's slot takes its group.
    for (const part of this.parts) part.hashes.fill(-1);
    let g = 0;
    let at = 0;
    forEachGroup(hashes, docs, (from, to) => {
      this.groupHashes[g] = hashes[from]!;
      let distinct = 0;
      for (let i = from; i < to; i++) {
        const d = docs[i]!;
        if (i === from || docs[i - 1] !== d) distinct++;
        const part = this.parts[d]!;
        part.hashes[entries[i]!] = g;
        this.groupDocs[at] = d;
        this.groupPositions[at++] = part.positions[entries[i]!]!;
      }
      this.groupDocCounts[g++] = distinct;
      this.groupStarts[g] = at;
    });
    // Each document keeps its shared fingerprints only, in text order (`hashes` now holds groups).
    this.parts = this.parts.map(({ hashes: groupOf, positions }) => {
      let n = 0;
      for (let e = 0; e < groupOf.length; e++) if (groupOf[e]! >= 0) n++;
      const out = { hashes: new Int32Array(n), positions: new Uint32Array(n) };
      n = 0;
      for (let e = 0; e < groupOf.length; e++)
        if (groupOf[e]! >= 0) {
          out.hashes[n] = groupOf[e]!;
          out.positions[n++] = positions[e]!;
        }
      return out;
    });
    this.built = true;
  }

  /**
   * The fingerprints document `q` shares with the others: hashes in `excluded` (official wording) are
   * skipped, hashes held by `boilerplateMinDocs` or more other documents are boilerplate, and every
   * other shared hash gives seed pairs (at most MAX_POSITIONS positions per hash and side).
   */
  matches(q: number, excluded: ReadonlySet<number>, boilerplateMinDocs: number): CorpusMatches {
    this.build();
    const boilerplate = new Set<number>();
    const seeds = new Map<number, number[]>();
    const queried = new Map<number, number>();
    const own = this.parts[q]!;
    const checkExcluded = excluded.size > 0;
    for (let e = 0; e < own.hashes.length; e++) {
      const g = own.hashes[e]!;
      const h = this.groupHashes[g]!;
      if (checkExcluded && excluded.has(h)) continue;
      // q holds the hash too: the others are all the documents but q. Boilerplate seeds nothing.
      if (this.groupDocCounts[g]! - 1 >= boilerplateMinDocs) {
        boilerplate.add(h);
        continue;
      }
      // A phrase repeated very often: at most MAX_POSITIONS query positions per hash.
      const times = (queried.get(g) ?? 0) + 1;
      queried.set(g, times);
      if (times > MAX_POSITIONS) continue;
      const qp = own.positions[e]!;
      let perDoc = 0;
      let last = -1;
      for (let i = this.groupStarts[g]!, end = this.groupStarts[g + 1]!; i < end; i++) {
        const d = this.groupDocs[i]!;
        if (d === q) continue;
        perDoc = d === last ? perDoc + 1 : 0;
        last = d;
        if (perDoc >= MAX_POSITIONS) continue;
        const list = seeds.get(d);
        if (list) list.push(qp, this.groupPositions[i]!);
        else seeds.set(d, [qp, this.groupPositions[i]!]);
      }
    }
    return { boilerplate, seeds };
  }

  /** The passages of `q` copied from source `s` through the given seeds. */
  passages(q: number, s: number, seeds: readonly number[], ignored?: Uint8Array): Passage[] {
    return passagesFromSeeds(this.texts[q]!, this.texts[s]!, seeds, ignored);
  }
}

/** Calls `group(from, to)` for each run of equal hashes held by two documents or more. */
function forEachGroup(hashes: Int32Array, docs: Int32Array, group: (from: number, to: number) => void): void {
  for (let from = 0; from < hashes.length;) {
    let to = from + 1;
    while (to < hashes.length && hashes[to] === hashes[from]) to++;
    // Documents ascend within a run: two or more documents iff the first and the last differ.
    if (docs[to - 1] !== docs[from]) group(from, to);
    from = to;
  }
}

/** Orders [from, to) by hash, stably (documents stay ascending, each one's entries in text order). */
function sortByHash(hashes: Int32Array, docs: Int32Array, entries: Uint32Array, from: number, to: number): void {
  if (to - from <= 32) {
    for (let i = from + 1; i < to; i++) {
      const h = hashes[i]!;
      if (hashes[i - 1]! <= h) continue;
      const d = docs[i]!;
      const e = entries[i]!;
      let j = i - 1;
      while (j >= from && hashes[j]! > h) {
        hashes[j + 1] = hashes[j]!;
        docs[j + 1] = docs[j]!;
        entries[j + 1] = entries[j]!;
        j--;
      }
      hashes[j + 1] = h;
      docs[j + 1] = d;
      entries[j + 1] = e;
    }
    return;
  }
  // A large bucket (a hash in many documents): a stable sort of the indices.
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => hashes[a]! - hashes[b]!);
  const [h, d, e] = [order.map((i) => hashes[i]!), order.map((i) => docs[i]!), order.map((i) => entries[i]!)];
  hashes.set(h, from);
  docs.set(d, from);
  entries.set(e, from);
}
