/**
 * Normalisation for 查重: NFKC, then only Han characters, letters and digits are kept (letters in lower
 * case). Every kept code point remembers where it came from in the original text, so that a match
 * found in the normalised text can be shown as the reader wrote it.
 */

/** A text reduced to the characters that count, with a map back to the original. */
export interface NormalizedText {
  /** The kept code points. */
  readonly cps: Uint32Array;
  /** For each kept code point, the UTF-16 offset of the original character it came from. */
  readonly starts: Uint32Array;
  /** For each kept code point, the UTF-16 offset just after that original character. */
  readonly ends: Uint32Array;
}

const KEEP = /^[\p{Script=Han}\p{L}\p{N}]$/u;

/** Whether NFKC leaves the code point as it is and it is kept (the common case, without a regex). */
function fastKeep(cp: number): number {
  if (cp >= 0x4e00 && cp <= 0x9fff) return cp; // CJK Unified Ideographs
  if (cp >= 0x30 && cp <= 0x39) return cp;
  if (cp >= 0x61 && cp <= 0x7a) return cp;
  if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
  return -1;
}

/**
 * The kept code points NFKC makes of a code point outside the fast path, computed once per code point
 * (punctuation such as ，。、 recurs every few characters; its normalisation and the regex are slow).
 */
const slowCache = new Map<number, readonly number[]>();
function slowKeep(cp: number): readonly number[] {
  let kept = slowCache.get(cp);
  if (!kept) {
    const out: number[] = [];
    // NFKC may turn one character into several (① → 1, ㈱ → (株)); each kept one maps to the original.
    for (const ch of String.fromCodePoint(cp).normalize('NFKC'))
      if (KEEP.test(ch)) out.push(ch.toLowerCase().codePointAt(0)!);
    kept = out;
    // Bounded: a text of rare characters cannot grow the cache without end.
    if (slowCache.size < 65_536) slowCache.set(cp, kept);
  }
  return kept;
}

/** Normalises a plain text (see the module comment). */
export function normalizeText(text: string): NormalizedText {
  const cps = new Uint32Array(text.length);
  const starts = new Uint32Array(text.length);
  const ends = new Uint32Array(text.length);
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const fast = fastKeep(cp);
    if (fast >= 0) {
      cps[n] = fast;
      starts[n] = i;
      ends[n++] = i + width;
    } else if (cp > 0x7f) {
      for (const kept of slowKeep(cp)) {
        if (n >= cps.length) break;
        cps[n] = kept;
        starts[n] = i;
        ends[n++] = i + width;
      }
    }
    i += width;
  }
  return { cps: cps.subarray(0, n), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/**
 * Where each normalised character came from, kept compactly for a long-lived corpus: runs of
 * characters that map one to one onto consecutive original characters are stored as their first
 * (a new run begins after each character left out, at a surrogate pair or an NFKC expansion). A
 * Chinese text breaks a run at each punctuation mark: some 12 bytes per 15 characters instead of 8
 * bytes per character.
 */
export class CompactOffsets {
  private constructor(
    /** First normalised position of each run. */
    private readonly runs: Uint32Array,
    /** starts/ends of the run's first character; the others follow one by one. */
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
  ) {}

  static of(norm: Pick<NormalizedText, 'starts' | 'ends'>): CompactOffsets {
    const { starts, ends } = norm;
    const runs = new Uint32Array(starts.length);
    const s = new Uint32Array(starts.length);
    const e = new Uint32Array(starts.length);
    let n = 0;
    for (let k = 0; k < starts.length; k++)
      if (k === 0 || starts[k] !== starts[k - 1]! + 1 || ends[k] !== ends[k - 1]! + 1) {
        runs[n] = k;
        s[n] = starts[k]!;
        e[n++] = ends[k]!;
      }
    return new CompactOffsets(runs.slice(0, n), s.slice(0, n), e.slice(0, n));
  }

  /** The run holding normalised position k. */
  private run(k: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The UTF-16 offset of the original character behind normalised position k. */
  start(k: number): number {
    const r = this.run(k);
    return this.starts[r]! + k - this.runs[r]!;
  }

  /** The UTF-16 offset just after the original character behind normalised position k. */
  end(k: number): number {
    const r = this.run(k);
    return this.ends[r]! + k - this.runs[r]!;
  }
}

/** A map from normalised positions back to the original: a NormalizedText's arrays, or kept compactly. */
export type OriginalOffsets = Pick<NormalizedText, 'starts' | 'ends'> | CompactOffsets;

/** The original text behind the normalised range [from, to). */
export function originalSlice(text: string, norm: OriginalOffsets, from: number, to: number): string {
  if (to <= from) return '';
  if (norm instanceof CompactOffsets) return text.slice(norm.start(from), norm.end(to - 1));
  return text.slice(norm.starts[from], norm.ends[to - 1]);
}

/** The normalised code points as a string (for tests and debugging). */
export const normalizedString = (norm: NormalizedText): string => String.fromCodePoint(...norm.cps);
