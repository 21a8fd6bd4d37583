import { describe, expect, it } from 'vitest';
import {
  buildReportFigures,
  comparePair,
  coverage,
  documentFingerprints,
  indexDocument,
  MIN_RUN,
  narrativeSections,
  normalizedString,
  normalizeText,
  officialHashes,
  originalSlice,
  prepareDocument,
  winnow,
  type Passage,
} from '../../src/domain/similarity/index.js';
import { plantedCorpus, rng, TextGenerator } from '../../bench/lib/similarityCorpus.js';

const one = (text: string) => indexDocument(prepareDocument([{ key: 'hostOverview', text }]));
const gen = () => new TextGenerator(rng(7));

/** Original-text ranges of the query covered by passages. */
function covered(query: string, passages: Passage[]): Uint8Array {
  const norm = normalizeText(query);
  const mask = new Uint8Array(query.length);
  for (const p of passages) mask.fill(1, norm.starts[p.qa]!, norm.ends[p.qb - 1]!);
  return mask;
}

describe('normalisation', () => {
  it('keeps Han characters, letters and digits after NFKC, in lower case, with a map to the original', () => {
    const text = '众创空间（ＡＢＣ）：２０２０年，① Makerspace！';
    const norm = normalizeText(text);
    expect(normalizedString(norm)).toBe('众创空间abc2020年1makerspace');
    expect(originalSlice(text, norm, 4, 7)).toBe('ＡＢＣ');
    expect(originalSlice(text, norm, 0, norm.cps.length)).toBe(text.slice(0, -1));
  });

  it('counts a character outside the BMP once and maps it to both code units', () => {
    const norm = normalizeText('𠮷野家');
    expect(norm.cps.length).toBe(3);
    expect(originalSlice('𠮷野家', norm, 0, 1)).toBe('𠮷');
  });
});

describe('winnowing', () => {
  it('selects a shared fingerprint in every shared run of 13 characters, wherever it sits', () => {
    const g = gen();
    for (let trial = 0; trial < 200; trial++) {
      const shared = g
        .text(MIN_RUN)
        .replace(/[，。；、]/g, '')
        .slice(0, MIN_RUN);
      if ([...shared].length < MIN_RUN) continue;
      const a = prepareDocument([{ key: 'a', text: g.text(50) + shared + g.text(50) }]);
      const b = prepareDocument([{ key: 'b', text: g.text(30) + shared + g.text(70) }]);
      const fa = new Set(winnow(a.cps).hashes);
      expect(documentFingerprints(b).some((h) => fa.has(h))).toBe(true);
    }
  });

  it('stores about 2/(W+1) of the positions, and no k-gram across sections', () => {
    const g = gen();
    const doc = prepareDocument([
      { key: 'a', text: g.text(5000) },
      { key: 'b', text: g.text(5000) },
    ]);
    const { positions } = winnow(doc.cps);
    expect(positions.length / doc.length).toBeGreaterThan(0.2);
    expect(positions.length / doc.length).toBeLessThan(0.37);
    const sep = doc.sectionStarts[1]! - 1;
    for (const p of positions) expect(p <= sep - 8 || p > sep).toBe(true);
  });
});

describe('passages', () => {
  it('finds an exact copy as one passage, with its text in both documents', () => {
    const g = gen();
    const copy = g.text(300);
    const q = g.text(1000) + copy + g.text(1000);
    const s = g.text(500) + copy + g.text(500);
    const passages = comparePair(one(q), one(s));
    expect(passages).toHaveLength(1);
    const norm = normalizeText(q);
    expect(originalSlice(q, norm, passages[0]!.qa, passages[0]!.qb)).toBe(
      copy.replace(/^[，。；、]+|[，。；、]+$/g, ''),
    );
  });

  it('merges a lightly edited copy into one passage rather than fragments', () => {
    const g = gen();
    const original = g.text(600);
    const edited = g.edit(original, 0.03);
    const passages = comparePair(one(g.text(200) + edited + g.text(200)), one(original));
    expect(passages.length).toBeLessThanOrEqual(2);
    const span = passages.reduce((n, p) => n + p.qb - p.qa, 0);
    expect(span).toBeGreaterThan(normalizeText(edited).cps.length * 0.95);
  });

  it('finds a 13-character copy and drops a 12-character one', () => {
    const g = gen();
    const base = '专业化众创空间孵化服务平台建设方案落地实施';
    const q13 = g.text(100) + base.slice(0, 13) + g.text(100);
    const q12 = g.text(100) + base.slice(0, 12) + g.text(100);
    const s = g.text(100) + base + g.text(100);
    expect(comparePair(one(q13), one(s)).map((p) => p.qb - p.qa)).toEqual([13]);
    expect(comparePair(one(q12), one(s))).toEqual([]);
  });

  it('does not count official wording: a shared quote of the notice seeds nothing and counts nothing', () => {
    const g = gen();
    const notice = '各设区市科技局要严格审核把关，对申报材料的真实性负责，弄虚作假的取消备案资格';
    const q = g.text(300) + notice + g.text(300);
    const s = g.text(300) + notice + g.text(300);
    const official = officialHashes([notice]);
    const qd = one(q);
    const mask = coverage(qd.doc, official);
    expect(comparePair(qd, one(s), { ignored: mask, excluded: official })).toEqual([]);
    const figures = buildReportFigures(qd.doc, mask, mask, []);
    expect(figures.totalChars).toBe(qd.doc.length - normalizeText(notice).cps.length);
  });

  it('keeps passages in their sections and reports per-section ratios', () => {
    const g = gen();
    const copied = g.text(400);
    const query = indexDocument(
      prepareDocument([
        { key: 'hostOverview', text: g.text(400) },
        { key: 'successCases.0', text: copied },
      ]),
    );
    const source = indexDocument(prepareDocument([{ key: 'goalsAndTasks', text: g.text(100) + copied }]));
    const none = new Uint8Array(query.doc.cps.length);
    const passages = comparePair(query, source);
    const figures = buildReportFigures(query.doc, none, none, [
      { source: 'S', sourceDoc: source.doc, sameUnit: true, passages },
    ]);
    expect(figures.sections.find((s) => s.key === 'hostOverview')!.ratio).toBe(0);
    expect(figures.sections.find((s) => s.key === 'successCases.0')!.ratio).toBeGreaterThan(0.99);
    expect(figures.overall).toBeGreaterThan(0.45);
    expect(figures.overallExcludingSameUnit).toBe(0);
    expect(figures.maxSingleSource).toBe(figures.overall);
    expect(figures.passages[0]).toMatchObject({ section: 'successCases.0', sourceSection: 'goalsAndTasks' });
  });
});

describe('recall and precision on a planted corpus', () => {
  it('finds ≥ 95 % of planted characters (copies ≥ 40 characters, 3 % edited), ≥ 99 % of passages explained', () => {
    const random = rng(11);
    const { texts, plants } = plantedCorpus({
      seed: 42,
      docs: 40,
      chars: 4000,
      plantsPerDoc: 3,
      copyLength: () => 40 + Math.floor(random() * random() * 800),
      editRate: 0.03,
    });
    const docs = texts.map(one);
    let planted = 0;
    let found = 0;
    let passageChars = 0;
    let unexplained = 0;
    for (let t = 0; t < texts.length; t++) {
      const mine = plants.filter((p) => p.target === t);
      const all: Passage[] = [];
      for (let s = 0; s < texts.length; s++) {
        if (s === t) continue;
        for (const p of comparePair(docs[t]!, docs[s]!)) {
          all.push(p);
          const qn = docs[t]!.doc.norms[0]!;
          const sn = docs[s]!.doc.norms[0]!;
          const [qa, qb] = [qn.starts[p.qa]!, qn.ends[p.qb - 1]!];
          const [sa, sb] = [sn.starts[p.sa]!, sn.ends[p.sb - 1]!];
          passageChars += p.qb - p.qa;
          const explained =
            mine.some((x) => x.start < qb && qa < x.end) ||
            plants.some((x) => x.target === s && x.start < sb && sa < x.end);
          if (!explained) unexplained += p.qb - p.qa;
        }
      }
      const mask = covered(texts[t]!, all);
      const norm = normalizeText(texts[t]!);
      for (const x of mine)
        for (let i = 0; i < norm.cps.length; i++)
          if (norm.starts[i]! >= x.start && norm.ends[i]! <= x.end) {
            planted++;
            if (mask[norm.starts[i]!]) found++;
          }
    }
    expect(found / planted).toBeGreaterThanOrEqual(0.95);
    expect(unexplained / passageChars).toBeLessThanOrEqual(0.01);
  });

  it('scores a whole resubmission (3 % edited) ≥ 0.9', () => {
    const g = gen();
    const original = g.text(20_000);
    const q = one(g.edit(original, 0.03));
    const none = new Uint8Array(q.doc.cps.length);
    const s = one(original);
    const figures = buildReportFigures(q.doc, none, none, [
      { source: 1, sourceDoc: s.doc, sameUnit: true, passages: comparePair(q, s) },
    ]);
    expect(figures.overall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('narrative sections', () => {
  it('reads the five sections and each success case as plain text', () => {
    const sections = narrativeSections({
      hostOverview: '<p>甲&amp;乙</p><p>丙&#x4E01;</p>',
      successCases: [{ title: '案例一', subject: '某公司', body: '<p>正文<strong>加粗</strong></p>' }, null],
      goalsAndTasks: '',
    });
    expect(sections).toEqual([
      { key: 'hostOverview', text: '甲&乙\n丙丁\n' },
      { key: 'successCases.0', text: '案例一\n某公司\n正文加粗\n' },
    ]);
  });
});
