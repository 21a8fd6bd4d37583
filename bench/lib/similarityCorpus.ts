/**
 * A generated corpus for 查重: Chinese-like texts from a Zipf-distributed vocabulary (so that short
 * phrases recur by chance, as in real 申报书), with planted copies of known length and edit rate.
 * Deterministic for a given seed. Used by the unit tests and by `npm run bench -- similarity`.
 */

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN_FROM = 0x4e00;
const HAN_COUNT = 3500;
const PUNCTUATION = ['，', '，', '，', '。', '。', '；', '、'];

export class TextGenerator {
  private readonly words: string[] = [];
  private readonly cumulative: number[] = [];
  constructor(
    readonly random: () => number,
    vocabulary = 8000,
  ) {
    let total = 0;
    for (let i = 0; i < vocabulary; i++) {
      const len = 1 + Math.floor(random() * random() * 4);
      let w = '';
      for (let j = 0; j < len; j++) w += this.han();
      this.words.push(w);
      total += 1 / (i + 1);
      this.cumulative.push(total);
    }
  }
  han(): string {
    return String.fromCodePoint(HAN_FROM + Math.floor(this.random() * HAN_COUNT));
  }
  word(): string {
    const x = this.random() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }
  /** About `chars` characters of text, with punctuation every few words. */
  text(chars: number): string {
    let out = '';
    while (out.length < chars) {
      out += this.word();
      if (this.random() < 0.12) out += PUNCTUATION[Math.floor(this.random() * PUNCTUATION.length)]!;
    }
    return out;
  }
  /** A copy of `text` with about `rate` of its characters substituted, deleted or followed by an insertion. */
  edit(text: string, rate: number): string {
    let out = '';
    for (const ch of text) {
      if (this.random() >= rate) {
        out += ch;
        continue;
      }
      const kind = this.random();
      if (kind < 0.6) out += this.han();
      else if (kind < 0.8) continue;
      else out += ch + this.han();
    }
    return out;
  }
}

/** Where a planted copy sits in its target text, and where it came from. */
export interface Plant {
  target: number;
  source: number;
  /** Range in the target's text (UTF-16 offsets; the generator uses BMP characters only). */
  start: number;
  end: number;
}

/**
 * `docs` texts of about `chars` characters; in some, copies of `copyLength` characters from another
 * text, with `editRate` of their characters changed.
 */
export function plantedCorpus(opts: {
  seed: number;
  docs: number;
  chars: number;
  plantsPerDoc: number;
  copyLength: () => number;
  editRate: number;
}): { texts: string[]; plants: Plant[] } {
  const random = rng(opts.seed);
  const gen = new TextGenerator(random);
  const texts = Array.from({ length: opts.docs }, () => gen.text(opts.chars));
  const plants: Plant[] = [];
  for (let target = 0; target < opts.docs; target++) {
    for (let p = 0; p < opts.plantsPerDoc; p++) {
      let source = Math.floor(random() * opts.docs);
      if (source === target) source = (source + 1) % opts.docs;
      const len = opts.copyLength();
      const from = Math.floor(random() * Math.max(1, texts[source]!.length - len));
      const copy = gen.edit(texts[source]!.slice(from, from + len), opts.editRate);
      const text = texts[target]!;
      // Insert at a random place that is not inside an earlier plant of this target.
      const mine = plants.filter((x) => x.target === target);
      let at = Math.floor(random() * text.length);
      for (const x of mine) if (at > x.start && at < x.end) at = x.end;
      for (const x of mine)
        if (x.start >= at) {
          x.start += copy.length;
          x.end += copy.length;
        }
      texts[target] = text.slice(0, at) + copy + text.slice(at);
      plants.push({ target, source, start: at, end: at + copy.length });
    }
  }
  return { texts, plants };
}
