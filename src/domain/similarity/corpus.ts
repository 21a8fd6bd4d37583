/**
 * An in-memory fingerprint index over many documents, for a full cross-check: every document's
 * winnowed fingerprints (hash, position) in flat typed arrays, bucketed by the hash's top bits (a
 * counting sort), so that looking a hash up scans a handful of entries and yields the documents and
 * positions holding it. A query document's shared fingerprints become seed pairs per source
 * document, aligned with passagesFromSeeds without re-reading or re-indexing the source. About 20
 * bytes per fingerprint (each document's own, and the bucketed copy; no third copy while building)
 * plus 2 per normalised character (4 for a text outside the BMP): 5,000 × 20,000 characters take
 * about 0.8 GB.
 */
import { winnow, type CodePoints, type PreparedDocument } from './fingerprint.js';
import { MAX_POSITIONS, passagesFromSeeds, type ComparedText, type Passage } from './passages.js';

const BUCKET_BITS = 22;

/** The code points in 16 bits when they all fit (half the memory of a corpus of BMP-only texts). */
function compact(cps: CodePoints): CodePoints {
  for (let i = 0; i < cps.length; i++) if (cps[i]! > 0xffff) return cps;
  return cps instanceof Uint16Array ? cps : Uint16Array.from(cps);
}
const BUCKET_SHIFT = 32 - BUCKET_BITS;

/** What a query found in the corpus: the fingerprints too common to count and the seeds per source. */
export interface CorpusMatches {
  /** Hashes held by `boilerplateMinDocs` or more other documents. */
  boilerplate: Set<number>;
  /** Source document → seed pairs [q0, s0, q1, s1, …]. */
  seeds: Map<number, number[]>;
}

export class FingerprintCorpus {
  private readonly texts: ComparedText[] = [];
  /** Each document's own fingerprints, in text order (kept as winnowed: no concatenated copy). */
  private readonly parts: { hashes: Int32Array; positions: Uint32Array }[] = [];
  /** The same fingerprints grouped by bucket (bucketStarts[b]..bucketStarts[b + 1]), scanned in a row. */
  private bucketHashes = new Int32Array(0);
  private bucketDocs = new Int32Array(0);
  private bucketPositions = new Uint32Array(0);
  private bucketStarts = new Uint32Array(0);
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

  /** Buckets the fingerprints; no document can be added afterwards. */
  build(): void {
    const total = this.parts.reduce((n, p) => n + p.hashes.length, 0);
    // Counting sort by bucket; stable, so each bucket lists its documents in ascending order.
    const buckets = new Uint32Array((1 << BUCKET_BITS) + 1);
    for (const { hashes } of this.parts)
      for (let e = 0; e < hashes.length; e++) buckets[(hashes[e]! >>> BUCKET_SHIFT) + 1]!++;
    for (let b = 1; b < buckets.length; b++) buckets[b]! += buckets[b - 1]!;
    const fill = buckets.slice(0, -1);
    this.bucketHashes = new Int32Array(total);
    this.bucketDocs = new Int32Array(total);
    this.bucketPositions = new Uint32Array(total);
    this.parts.forEach(({ hashes, positions }, d) => {
      for (let e = 0; e < hashes.length; e++) {
        const h = hashes[e]!;
        const i = fill[h >>> BUCKET_SHIFT]!++;
        this.bucketHashes[i] = h;
        this.bucketDocs[i] = d;
        this.bucketPositions[i] = positions[e]!;
      }
    });
    this.bucketStarts = buckets;
    this.built = true;
  }

  /**
   * The fingerprints document `q` shares with the others: hashes in `excluded` (official wording) are
   * skipped, hashes held by `boilerplateMinDocs` or more other documents are boilerplate, and every
   * other shared hash gives seed pairs (at most MAX_POSITIONS positions per hash and side).
   */
  matches(q: number, excluded: ReadonlySet<number>, boilerplateMinDocs: number): CorpusMatches {
    if (!this.built) this.build();
    const boilerplate = new Set<number>();
    const seeds = new Map<number, number[]>();
    const queried = new Map<number, number>();
    const hitDocs: number[] = [];
    const hitPositions: number[] = [];
    const own = this.parts[q]!;
    for (let e = 0; e < own.hashes.length; e++) {
      const h = own.hashes[e]!;
      if (excluded.has(h) || boilerplate.has(h)) continue;
      const qp = own.positions[e]!;
      hitDocs.length = 0;
      hitPositions.length = 0;
      let df = 0;
      let lastDoc = -1;
      const b = h >>> BUCKET_SHIFT;
      for (let i = this.bucketStarts[b]!, end = this.bucketStarts[b + 1]!; i < end; i++) {
        if (this.bucketHashes[i] !== h) continue;
        const d = this.bucketDocs[i]!;
        if (d === q) continue;
        if (d !== lastDoc) {
          // Boilerplate seeds nothing: no need to find all of its (often thousands of) documents.
          if (++df >= boilerplateMinDocs) break;
          lastDoc = d;
        }
        hitDocs.push(d);
        hitPositions.push(this.bucketPositions[i]!);
      }
      if (df === 0) continue;
      if (df >= boilerplateMinDocs) {
        boilerplate.add(h);
        continue;
      }
      // A phrase repeated very often: at most MAX_POSITIONS query positions per hash.
      const times = (queried.get(h) ?? 0) + 1;
      queried.set(h, times);
      if (times > MAX_POSITIONS) continue;
      let perDoc = 0;
      for (let i = 0; i < hitDocs.length; i++) {
        const d = hitDocs[i]!;
        perDoc = i > 0 && hitDocs[i - 1] === d ? perDoc + 1 : 0;
        if (perDoc >= MAX_POSITIONS) continue;
        const list = seeds.get(d);
        if (list) list.push(qp, hitPositions[i]!);
        else seeds.set(d, [qp, hitPositions[i]!]);
      }
    }
    return { boilerplate, seeds };
  }

  /** The passages of `q` copied from source `s` through the given seeds. */
  passages(q: number, s: number, seeds: readonly number[], ignored?: Uint8Array): Passage[] {
    return passagesFromSeeds(this.texts[q]!, this.texts[s]!, seeds, ignored);
  }
}
