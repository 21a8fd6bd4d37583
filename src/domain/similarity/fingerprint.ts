/**
 * Character k-gram fingerprints chosen by winnowing (Schleimer, Wilkerson, Aiken 2003): of every
 * window of W consecutive k-gram hashes the smallest is kept, so any run of W + K − 1 = 13 characters
 * shared by two texts shares at least one fingerprint — the "13 consecutive characters" rule — while
 * only about 2/(W+1) of the positions are stored.
 */
import { normalizeText, type NormalizedText } from './normalize.js';

/** Characters per k-gram. */
export const K = 8;
/** K-grams per winnowing window. */
export const W = 6;
/** The shortest shared run that is certain to be found (and the shortest passage reported). */
export const MIN_RUN = W + K - 1;

/** Code point that separates sections in a document's concatenated text; never part of a k-gram. */
export const SEPARATOR = 0;

/** One text section of a document (a section of the 申报书, or one success case). */
export interface SectionText {
  key: string;
  text: string;
}

/** Code points of a text; a corpus keeps them in 16 bits when they fit (most texts: BMP only). */
export type CodePoints = Uint32Array | Uint16Array;

/** A document prepared for comparison: its sections normalised and concatenated. */
export interface PreparedDocument {
  sections: readonly SectionText[];
  norms: readonly NormalizedText[];
  /** Concatenation of the sections' code points, each section followed by SEPARATOR. */
  cps: Uint32Array;
  /** Start of each section in cps. */
  sectionStarts: Uint32Array;
  /** Normalised characters in all (separators not counted). */
  length: number;
}

export function prepareDocument(sections: readonly SectionText[]): PreparedDocument {
  const norms = sections.map((s) => normalizeText(s.text));
  const total = norms.reduce((n, x) => n + x.cps.length + 1, 0);
  const cps = new Uint32Array(total);
  const sectionStarts = new Uint32Array(sections.length);
  let at = 0;
  norms.forEach((norm, i) => {
    sectionStarts[i] = at;
    cps.set(norm.cps, at);
    at += norm.cps.length;
    cps[at++] = SEPARATOR;
  });
  return { sections, norms, cps, sectionStarts, length: total - sections.length };
}

/** The section index of a position in the concatenated text. */
export function sectionAt(doc: Pick<PreparedDocument, 'sectionStarts'>, pos: number): number {
  let lo = 0;
  let hi = doc.sectionStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.sectionStarts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const BASE = 0x01000193;
let BASE_POW = 1;
for (let i = 1; i < K; i++) BASE_POW = Math.imul(BASE_POW, BASE);

/** Scrambles a polynomial hash so that winnowing's minimum is not biased by the last characters. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The hash (a signed 32-bit integer) of every k-gram: hashes[i] is that of the k-gram starting at i;
 * valid[i] is 0 where the k-gram would cross a section separator.
 */
export function kgramHashes(cps: CodePoints): { hashes: Int32Array; valid: Uint8Array } {
  const n = Math.max(0, cps.length - K + 1);
  const hashes = new Int32Array(n);
  const valid = new Uint8Array(n);
  let h = 0;
  let lastSep = -1;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === SEPARATOR) lastSep = i;
    if (i >= K) h = (h - Math.imul(cps[i - K]!, BASE_POW)) | 0;
    h = (Math.imul(h, BASE) + c) | 0;
    const start = i - K + 1;
    if (start >= 0) {
      hashes[start] = mix(h);
      valid[start] = lastSep < start ? 1 : 0;
    }
  }
  return { hashes, valid };
}

/** A selected fingerprint: the hash of the k-gram at `pos`. */
export interface Fingerprint {
  hash: number;
  pos: number;
}

/**
 * Winnowing: the minimum hash of each window of W valid k-grams (the rightmost on ties), each
 * position once. Windows do not cross a separator, so every section is winnowed on its own.
 */
export function winnow(cps: CodePoints): { hashes: Int32Array; positions: Uint32Array } {
  const { hashes, valid } = kgramHashes(cps);
  // At most one fingerprint per k-gram; trimmed at the end.
  const outH = new Int32Array(hashes.length);
  const outP = new Uint32Array(hashes.length);
  let n = 0;
  let last = -1;
  let runStart = 0;
  for (let i = 0; i <= hashes.length; i++) {
    if (i < hashes.length && valid[i]) continue;
    // [runStart, i) is a run of valid k-grams within one section.
    const end = i;
    if (end - runStart > 0) {
      const windows = Math.max(1, end - runStart - W + 1);
      // The rightmost minimum of each window, kept as the window slides: only when it leaves the
      // window is the window scanned again; otherwise only the entering k-gram is compared.
      let min = -1;
      for (let w = 0; w < windows; w++) {
        const from = runStart + w;
        const to = Math.min(end, from + W);
        if (min < from) {
          min = from;
          for (let j = from + 1; j < to; j++) if (hashes[j]! <= hashes[min]!) min = j;
        } else if (hashes[to - 1]! <= hashes[min]!) min = to - 1;
        if (min !== last) {
          outH[n] = hashes[min]!;
          outP[n++] = min;
          last = min;
        }
      }
    }
    runStart = i + 1;
  }
  return { hashes: outH.slice(0, n), positions: outP.slice(0, n) };
}

/** The distinct fingerprints of a document (for the index). */
export function documentFingerprints(doc: PreparedDocument): Int32Array {
  return Int32Array.from(new Set(winnow(doc.cps).hashes));
}

/** Every k-gram hash of a set of texts (official wording): positions covered by one are excluded. */
export function officialHashes(texts: readonly string[]): Set<number> {
  const set = new Set<number>();
  for (const t of texts) {
    const { hashes, valid } = kgramHashes(normalizeText(t).cps);
    for (let i = 0; i < hashes.length; i++) if (valid[i]) set.add(hashes[i]!);
  }
  return set;
}
