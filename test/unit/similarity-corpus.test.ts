import { describe, expect, it } from 'vitest';
import {
  CompactOffsets,
  FingerprintCorpus,
  kgramHashes,
  MAX_POSITIONS,
  normalizeText,
  officialHashes,
  originalSlice,
  prepareDocument,
  W,
  winnow,
  type CodePoints,
} from '../../src/domain/similarity/index.js';
import { plantedCorpus, rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';

/**
 * The cross-check's internals (issue 15, speed of the full cross-check) give what the plain
 * algorithm gives: the grouped corpus the matches of a scan over every document's fingerprints,
 * the incremental winnowing the minimum of every window, the compact offsets the full map.
 */

type Fingerprints = { hashes: Int32Array; positions: Uint32Array };

/** Every document's fingerprints by hash: [document, position], documents ascending, in text order. */
function plainIndex(all: readonly Fingerprints[]): Map<number, [number, number][]> {
  const index = new Map<number, [number, number][]>();
  all.forEach((f, d) =>
    f.hashes.forEach((h, i) => {
      const list = index.get(h) ?? [];
      list.push([d, f.positions[i]!]);
      index.set(h, list);
    }),
  );
  return index;
}

/** FingerprintCorpus.matches as specified, from a plain map of every document's fingerprints. */
function plainMatches(
  all: readonly Fingerprints[],
  index: Map<number, [number, number][]>,
  q: number,
  excluded: ReadonlySet<number>,
  minDocs: number,
) {
  const boilerplate = new Set<number>();
  const seeds = new Map<number, number[]>();
  const queried = new Map<number, number>();
  const own = all[q]!;
  for (let e = 0; e < own.hashes.length; e++) {
    const h = own.hashes[e]!;
    if (excluded.has(h) || boilerplate.has(h)) continue;
    const hits = index.get(h)!.filter(([d]) => d !== q);
    const df = new Set(hits.map(([d]) => d)).size;
    if (df === 0) continue;
    if (df >= minDocs) {
      boilerplate.add(h);
      continue;
    }
    const times = (queried.get(h) ?? 0) + 1;
    queried.set(h, times);
    if (times > MAX_POSITIONS) continue;
    const perDoc = new Map<number, number>();
    for (const [d, sp] of hits) {
      const n = perDoc.get(d) ?? 0;
      perDoc.set(d, n + 1);
      if (n >= MAX_POSITIONS) continue;
      const list = seeds.get(d);
      if (list) list.push(own.positions[e]!, sp);
      else seeds.set(d, [own.positions[e]!, sp]);
    }
  }
  return { boilerplate, seeds };
}

/** Winnowing as first written: every window scanned in full. */
function plainWinnow(cps: CodePoints): Fingerprints {
  const { hashes, valid } = kgramHashes(cps);
  const outH: number[] = [];
  const outP: number[] = [];
  let last = -1;
  let runStart = 0;
  for (let i = 0; i <= hashes.length; i++) {
    if (i < hashes.length && valid[i]) continue;
    if (i - runStart > 0)
      for (let w = 0; w < Math.max(1, i - runStart - W + 1); w++) {
        const from = runStart + w;
        let min = from;
        for (let j = from + 1; j < Math.min(i, from + W); j++) if (hashes[j]! <= hashes[min]!) min = j;
        if (min !== last) {
          outH.push(hashes[min]!);
          outP.push(min);
          last = min;
        }
      }
    runStart = i + 1;
  }
  return { hashes: Int32Array.from(outH), positions: Uint32Array.from(outP) };
}

describe('the grouped cross-check corpus', () => {
  it('finds the seeds and boilerplate of a plain scan, with excluded hashes, boilerplate and repeats', () => {
    const g = new TextGenerator(rng(31));
    const random = rng(32);
    const boilerplate = g.text(80);
    const repeated = g.text(30);
    const quote = g.text(60);
    const { texts } = plantedCorpus({
      seed: 17,
      docs: 24,
      chars: 2500,
      plantsPerDoc: 3,
      copyLength: () => 40 + Math.floor(random() * 500),
      editRate: 0.03,
    });
    // Boilerplate in half of them, a phrase repeated more than MAX_POSITIONS times, an official quote.
    const docs = texts.map((t, i) =>
      prepareDocument([
        { key: 'hostOverview', text: (i % 2 === 0 ? boilerplate : '') + t },
        { key: 'operation', text: (i % 5 === 0 ? (repeated + g.text(9)).repeat(MAX_POSITIONS + 4) : '') + quote },
      ]),
    );
    const corpus = new FingerprintCorpus();
    for (const d of docs) corpus.add(d);
    corpus.build();
    const all = docs.map((d) => winnow(d.cps));
    const index = plainIndex(all);
    const official = officialHashes([quote]);
    let seeded = 0;
    let common = 0;
    for (const excluded of [new Set<number>(), official])
      for (const minDocs of [3, 10, 100])
        for (let q = 0; q < docs.length; q++) {
          const expected = plainMatches(all, index, q, excluded, minDocs);
          const found = corpus.matches(q, excluded, minDocs);
          expect([...found.seeds]).toEqual([...expected.seeds]);
          expect([...found.boilerplate].sort()).toEqual([...expected.boilerplate].sort());
          seeded += expected.seeds.size;
          common += expected.boilerplate.size;
        }
    expect(seeded).toBeGreaterThan(100);
    expect(common).toBeGreaterThan(100);
  });
});

describe('incremental winnowing', () => {
  it('chooses the fingerprints of a full scan of every window, across sections', () => {
    const g = new TextGenerator(rng(41));
    for (let i = 0; i < 40; i++) {
      const doc = prepareDocument([
        { key: 'a', text: g.text(1 + i * 37) },
        { key: 'b', text: g.text(i % 7) },
        { key: 'c', text: g.text(400).repeat(1 + (i % 3)) },
      ]);
      expect(winnow(doc.cps)).toEqual(plainWinnow(doc.cps));
    }
  });
});

describe('compact offsets', () => {
  it('map every normalised range back as the full arrays do', () => {
    const g = new TextGenerator(rng(51));
    const odd = ['（Ａ）', '①', '，。', '㈱', 'Ⅻ', '、', '“ß”', '𠮷', '野家', ' abc ', 'Ⅷ号', '\n'];
    const random = rng(52);
    let text = '';
    while (text.length < 600) text += random() < 0.3 ? odd[Math.floor(random() * odd.length)]! : g.text(8);
    const norm = normalizeText(text);
    const compact = CompactOffsets.of(norm);
    for (let k = 0; k < norm.cps.length; k++) {
      expect(compact.start(k)).toBe(norm.starts[k]);
      expect(compact.end(k)).toBe(norm.ends[k]);
    }
    for (let from = 0; from < norm.cps.length; from += 7)
      for (let to = from; to <= norm.cps.length; to += 11)
        expect(originalSlice(text, compact, from, to)).toBe(originalSlice(text, norm, from, to));
  });
});
