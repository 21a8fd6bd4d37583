import { describe, expect, it } from 'vitest';
import {
  comparePair,
  FingerprintCorpus,
  indexDocument,
  MAX_POSITIONS,
  normalizedString,
  normalizeText,
  officialHashes,
  passagesFromSeeds,
  prepareDocument,
  seedsAgainst,
  winnow,
  type IndexedDocument,
} from '../../src/domain/similarity/index.js';
import { plantedCorpus, rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';

/** The single check's shortcuts (issue 15, speed) give the results of the plain algorithm. */
const one = (text: string) => indexDocument(prepareDocument([{ key: 'hostOverview', text }]));

/** The passages of a source as the single check finds them: winnowed, not indexed. */
const fromWinnowed = (query: IndexedDocument, source: IndexedDocument, excluded: ReadonlySet<number>) =>
  passagesFromSeeds(query.doc, source.doc, seedsAgainst(query, winnow(source.doc.cps), excluded));

describe('seeds from a winnowed source', () => {
  it('gives the passages of comparePair for every pair of a planted corpus', () => {
    const random = rng(21);
    const { texts } = plantedCorpus({
      seed: 8,
      docs: 25,
      chars: 3000,
      plantsPerDoc: 3,
      copyLength: () => 40 + Math.floor(random() * 600),
      editRate: 0.03,
    });
    const docs = texts.map(one);
    const none = new Set<number>();
    let compared = 0;
    for (const q of docs)
      for (const s of docs) {
        if (q === s) continue;
        const expected = comparePair(q, s);
        expect(fromWinnowed(q, s, none)).toEqual(expected);
        compared += expected.length;
      }
    expect(compared).toBeGreaterThan(20);
  });

  it('leaves out excluded hashes and takes at most MAX_POSITIONS positions of a repeated phrase', () => {
    const g = new TextGenerator(rng(4));
    const phrase = g.text(40);
    const quote = g.text(60);
    const repeated = Array.from({ length: MAX_POSITIONS * 2 }, () => phrase + g.text(30)).join('');
    const q = one(quote + g.text(100) + repeated);
    const s = one(g.text(50) + repeated + quote);
    const official = officialHashes([quote]);
    const expected = comparePair(q, s, { excluded: official });
    expect(expected.length).toBeGreaterThan(0);
    expect(fromWinnowed(q, s, official)).toEqual(expected);
    expect(fromWinnowed(q, s, new Set())).toEqual(comparePair(q, s));
  });
});

describe('the cross-check corpus (code points kept in 16 bits when they fit)', () => {
  it('gives the passages of comparePair, for BMP texts and for a text outside the BMP', () => {
    const g = new TextGenerator(rng(12));
    const shared = g.text(300);
    const texts = [g.text(500) + shared, shared + g.text(400), g.text(200) + '𠮷𠮷' + shared.slice(50) + g.text(100)];
    const corpus = new FingerprintCorpus();
    const docs = texts.map((t) => one(t));
    for (const d of docs) corpus.add(d.doc);
    corpus.build();
    const none = new Set<number>();
    let compared = 0;
    for (let q = 0; q < docs.length; q++) {
      const { seeds } = corpus.matches(q, none, 10);
      for (let s = 0; s < docs.length; s++) {
        if (s === q) continue;
        const expected = comparePair(docs[q]!, docs[s]!);
        const found = seeds.has(s) ? corpus.passages(q, s, seeds.get(s)!) : [];
        expect(found).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBe(6);
    expect(corpus.text(0).cps).toBeInstanceOf(Uint16Array);
    expect(corpus.text(2).cps).toBeInstanceOf(Uint32Array);
  });
});

describe('normalisation of characters outside the fast path', () => {
  it('gives the same code points on every call (each character normalised once and remembered)', () => {
    const text = '（Ａ）①，。㈱Ⅻ、“ß”';
    const first = normalizedString(normalizeText(text));
    expect(first).toBe('a1株xiiß');
    expect(normalizedString(normalizeText(text))).toBe(first);
    expect(normalizedString(normalizeText(text.repeat(3)))).toBe(first.repeat(3));
  });
});
