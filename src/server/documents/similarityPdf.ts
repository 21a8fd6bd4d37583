import { narrativeSectionLabels, type NarrativeSection } from '../../domain/application/labels.js';
import type { SimilarityReport } from '../../domain/schemas/similarity.js';
import { importedSectionLabels, type ImportedSectionKey } from '../../domain/similarity/importSections.js';
import { isoDateTime } from './format.js';
import { drawTextTable } from './pdf/grid.js';
import { createPdf, Flow, pdfToBuffer, SIZES } from './pdf/flow.js';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function sectionLabel(key: string): string {
  const c = /^successCases\.(\d+)$/.exec(key);
  if (c) return `成功案例 ${Number(c[1]) + 1}`;
  return narrativeSectionLabels[key as NarrativeSection] ?? importedSectionLabels[key as ImportedSectionKey] ?? key;
}

/**
 * The printable 查重报告 of an application, for the file: overall figures, per-section ratios, the
 * sources (as the viewer may see them) and the matched passages with their sources' text.
 */
export async function similarityReportPdf(input: {
  number: string | null;
  spaceName: string | null;
  unitName: string;
  report: SimilarityReport;
  printedAt: Date;
}): Promise<Buffer> {
  const { report } = input;
  const doc = await createPdf({ title: `查重报告 ${input.number ?? ''}`.trim(), creationDate: input.printedAt });
  const flow = new Flow(doc);
  flow.paragraph([{ text: '专业化众创空间备案申报书查重报告', bold: true }], {
    size: SIZES.title,
    align: 'center',
    after: 12,
  });
  flow.paragraph([{ text: `申报编号：${input.number ?? '—'}；空间名称：${input.spaceName ?? '—'}` }], { after: 4 });
  const computed = report.computedAt ? `${isoDateTime(report.computedAt)}（北京时间）` : '—';
  flow.paragraph([{ text: `运营主体：${input.unitName}；生成时间：${computed}` }], { after: 10 });
  flow.paragraph(
    [
      {
        text:
          `总文字复制比 ${percent(report.overall)}；去除本单位往年申报 ${percent(report.overallExcludingSameUnit)}；` +
          `单篇最大复制比 ${percent(report.maxSingleSource)}。（官方通知、附件模板与编写提纲文字不计入）`,
      },
    ],
    { after: 10 },
  );
  flow.paragraph([{ text: '一、各部分复制比', bold: true }], { size: SIZES.h1, after: 6, keepWithNext: 40 });
  drawTextTable(
    flow,
    [
      { title: '部分', width: flow.width * 0.7 },
      { title: '复制比', width: flow.width * 0.3, align: 'right' },
    ],
    report.sections.map((s) => [sectionLabel(s.key), percent(s.ratio)]),
    SIZES.table,
  );
  flow.gap(12);
  flow.paragraph([{ text: '二、相似来源', bold: true }], { size: SIZES.h1, after: 6, keepWithNext: 40 });
  const w = flow.width;
  drawTextTable(
    flow,
    [
      // Wide enough for a number such as 2020-320100-0001 on one line.
      { title: '申报编号', width: w * 0.23 },
      { title: '空间名称', width: w * 0.23 },
      { title: '运营主体', width: w * 0.18 },
      { title: '城市', width: w * 0.08 },
      { title: '年度', width: w * 0.08 },
      { title: '复制比', width: w * 0.1, align: 'right' },
      { title: '本单位', width: w * 0.1, align: 'center' },
    ],
    report.sources.map((s) => [
      s.number ?? '—',
      s.spaceName,
      s.unitName ?? '—',
      s.cityName,
      s.year ? String(s.year) : '—',
      percent(s.ratio),
      s.sameUnit ? '是' : '否',
    ]),
    SIZES.table,
  );
  flow.gap(12);
  flow.paragraph([{ text: '三、相似片段', bold: true }], { size: SIZES.h1, after: 6, keepWithNext: 40 });
  const names = report.sources.map((s) => `${s.number ?? ''} ${s.spaceName}`);
  report.passages.forEach((p, i) => {
    flow.paragraph([{ text: `${i + 1}. 本申报 · ${sectionLabel(p.section)}`, bold: true }], {
      size: SIZES.table,
      keepWithNext: 30,
    });
    flow.paragraph([{ text: p.text }], { size: SIZES.table, inset: 12, after: 4 });
    flow.paragraph(
      [{ text: `来源 · ${names[p.source.index] ?? ''} · ${sectionLabel(p.source.section)}`, bold: true }],
      { size: SIZES.table, keepWithNext: 30 },
    );
    flow.paragraph([{ text: p.source.text }], { size: SIZES.table, inset: 12, after: 8 });
  });
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc.font('regular').fontSize(SIZES.small).fillColor('#666666');
    doc.text(`第 ${i + 1} 页 共 ${pages.count} 页`, 0, 800, { width: 595.28, align: 'center', lineBreak: false });
  }
  return pdfToBuffer(doc);
}
