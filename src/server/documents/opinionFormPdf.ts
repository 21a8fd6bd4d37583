import { drawGridRow } from './pdf/grid.js';
import { drawTextTable } from './pdf/grid.js';
import { createPdf, Flow, pdfToBuffer, SIZES } from './pdf/flow.js';
import { chineseDate, isoDateTime } from './format.js';

/** One decision with its opinion, as printed on the form. */
export interface OpinionRow {
  action: string;
  opinion: string | null;
  by: string;
  at: string;
}

export interface OpinionFormInput {
  /** The form's heading under the title, e.g. 设区市科技局审核意见. */
  levelTitle: string;
  /** The body that gives the opinion, printed above the seal. */
  orgName: string;
  batchName: string;
  number: string | null;
  spaceName: string | null;
  unitName: string;
  cityName: string;
  verificationCode: string | null;
  checklistTitle: string | null;
  checklist: { label: string; checked: boolean; note: string | null }[];
  checklistComment: string | null;
  opinions: OpinionRow[];
  printedAt: Date;
}

/**
 * 审核意见表: one page per application and level (city, acceptance, province) with the application's
 * particulars, the level's checklist as ticked, every decision taken at that level with its opinion,
 * who took it and when (Beijing time), and the lines the officials sign and stamp.
 */
export async function renderOpinionFormPdf(input: OpinionFormInput): Promise<Buffer> {
  const doc = await createPdf({
    title: `审核意见表 ${input.number ?? ''} ${input.levelTitle}`.trim(),
    creationDate: input.printedAt,
  });
  const flow = new Flow(doc);
  const w = flow.width;
  flow.paragraph([{ text: '国家专业化众创空间备案申报审核意见表', bold: true }], {
    size: SIZES.title,
    align: 'center',
    after: 4,
  });
  flow.paragraph([{ text: `（${input.levelTitle}）` }], { size: SIZES.h2, align: 'center', after: 4 });
  flow.paragraph([{ text: input.batchName }], { size: SIZES.table, align: 'center', after: 12 });

  const size = SIZES.table;
  const label = (text: string, width: number) => ({
    width,
    inlines: [{ text, bold: true }],
    align: 'center' as const,
    valign: 'middle' as const,
    fill: '#f2f2f2',
  });
  const value = (text: string, width: number) => ({
    width,
    inlines: [{ text: text || '—' }],
    valign: 'middle' as const,
  });
  const row = { size, minHeight: size * 2.4 };
  drawGridRow(
    flow,
    [
      label('申报编号', w * 0.18),
      value(input.number ?? '', w * 0.32),
      label('校验码', w * 0.18),
      value(input.verificationCode ?? '', w * 0.32),
    ],
    { ...row, top: true },
  );
  drawGridRow(flow, [label('众创空间名称', w * 0.18), value(input.spaceName ?? '', w * 0.82)], row);
  drawGridRow(
    flow,
    [
      label('运营主体', w * 0.18),
      value(input.unitName, w * 0.5),
      label('所在设区市', w * 0.16),
      value(input.cityName, w * 0.16),
    ],
    row,
  );
  flow.gap(14);

  let n = 0;
  const heading = (text: string) =>
    flow.paragraph([{ text: `${['一', '二', '三'][n++]}、${text}`, bold: true }], {
      size: SIZES.h2,
      after: 6,
      keepWithNext: 40,
    });
  if (input.checklistTitle) {
    heading(input.checklistTitle);
    drawTextTable(
      flow,
      [
        { title: '序号', width: w * 0.08, align: 'center' },
        { title: '审查要点', width: w * 0.56 },
        { title: '结论', width: w * 0.1, align: 'center' },
        { title: '备注', width: w * 0.26 },
      ],
      input.checklist.map((c, i) => [String(i + 1), c.label, c.checked ? '符合' : '未确认', c.note ?? '']),
      size,
    );
    flow.gap(4);
    if (input.checklistComment)
      flow.paragraph([{ text: `审查意见：${input.checklistComment}` }], { size, after: 0, inset: 0 });
    flow.gap(14);
  }

  heading('审核意见');
  if (input.opinions.length === 0) {
    flow.paragraph([{ text: '本级尚无审核决定。' }], { size, after: 8 });
  } else {
    drawTextTable(
      flow,
      [
        { title: '审核决定', width: w * 0.16, align: 'center' },
        { title: '意见', width: w * 0.46 },
        { title: '经办人', width: w * 0.2 },
        { title: '时间', width: w * 0.18, align: 'center' },
      ],
      input.opinions.map((o) => [o.action, o.opinion ?? '（无）', o.by, isoDateTime(o.at)]),
      size,
    );
  }
  flow.gap(28);
  flow.ensure(110);
  // Two signature places side by side (the text layout would collapse the spaces between them).
  doc.font('regular').fontSize(SIZES.body).fillColor('#000000');
  doc.text('经办人（签字）：', flow.left, flow.y, { lineBreak: false });
  doc.text('审核人（签字）：', flow.left + w / 2, flow.y, { lineBreak: false });
  flow.y += SIZES.body * 1.5 + 28;
  flow.paragraph([{ text: `${input.orgName}（盖章）` }], { size: SIZES.body, align: 'right', after: 8 });
  flow.paragraph([{ text: chineseDate(input.printedAt) }], { size: SIZES.body, align: 'right' });

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc.font('regular').fontSize(SIZES.small).fillColor('#666666');
    doc.text(`第 ${i + 1} 页 共 ${pages.count} 页`, 0, 800, { width: 595.28, align: 'center', lineBreak: false });
  }
  return pdfToBuffer(doc);
}
