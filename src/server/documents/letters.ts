import { Paragraph } from 'docx';
import { letterParagraphs } from '../../domain/letters.js';
import { supervisorPledgeText } from '../../domain/pledges.js';
import { formatVerificationCode } from '../../domain/verification-code.js';
import {
  attachmentLabel,
  body,
  docxToBuffer,
  HALF_POINTS,
  officialDocument,
  run,
  textTable,
  TEXT_WIDTH_TWIPS,
  title,
} from './docx/common.js';
import { chineseDate, chineseDateTime } from './format.js';
import { A4, createPdf, drawInlines, drawWatermark, Flow, pdfToBuffer, SIZES } from './pdf/flow.js';
import { drawTextTable } from './pdf/grid.js';

/**
 * The papers that go with a dispatch (报送): the recommendation letter (推荐函) of the city bureau to
 * the province, or of the province to the Ministry, with the ranked list; and the attachment-5 pledge
 * of the supervising department (主管部门信用承诺书). Each as PDF (to print and stamp) and as Word
 * (to adapt to the bureau's letterhead).
 */

export interface DispatchPaperItem {
  rank: number;
  number: string | null;
  spaceName: string | null;
  unitName: string;
  /** Verification code of the submitted version in the package; null when it has none. */
  code: string | null;
}

export interface DispatchPaperInput {
  level: 'city' | 'province';
  fromOrgName: string;
  /** The addressee: 江苏省科学技术厅 for a city, 科学技术部 for a province. */
  toOrgName: string;
  batchName: string;
  /** The letter's body as stored; its salutation and signature, if typed, are printed only once. */
  letter: string;
  /** The letter's own 文号, e.g. 宁科函〔2020〕56号; '' when none. */
  letterNo: string;
  contactName: string;
  contactPhone: string;
  supplementary: boolean;
  items: readonly DispatchPaperItem[];
  /** When the dispatch was sent; null while it is a draft (the papers are then watermarked 草稿). */
  sentAt: string | null;
  pledge: { signerName: string; signedAt: string } | null;
  generatedAt: Date;
}

/** 关于推荐第四批国家专业化众创空间备案示范的函（补充） */
export const letterTitle = (input: Pick<DispatchPaperInput, 'batchName' | 'supplementary'>) =>
  `关于推荐${input.batchName}的函${input.supplementary ? '（补充）' : ''}`;

const paragraphs = (input: DispatchPaperInput) =>
  letterParagraphs(input.letter, { to: input.toOrgName, from: input.fromOrgName });

/** 联系人：陈静 and 联系电话：025-83379768, separated by a full-width space; '' when neither is given. */
export function contactLine(input: Pick<DispatchPaperInput, 'contactName' | 'contactPhone'>): string {
  const parts = [
    input.contactName.trim() ? `联系人：${input.contactName.trim()}` : '',
    input.contactPhone.trim() ? `联系电话：${input.contactPhone.trim()}` : '',
  ].filter(Boolean);
  return parts.join('\u3000');
}

const listColumns = (width: number) => [
  { title: '排序', width: width * 0.09, align: 'center' as const },
  { title: '申报编号', width: width * 0.21, align: 'center' as const },
  { title: '众创空间名称', width: width * 0.28 },
  { title: '运营主体名称', width: width * 0.24 },
  { title: '校验码', width: width * 0.18, align: 'center' as const },
];

const listRows = (items: readonly DispatchPaperItem[]) =>
  [...items]
    .sort((a, b) => a.rank - b.rank)
    .map((i) => [
      String(i.rank),
      i.number ?? '',
      i.spaceName ?? '',
      i.unitName,
      i.code ? formatVerificationCode(i.code) : '',
    ]);

const dateLine = (input: DispatchPaperInput) => (input.sentAt ? chineseDate(input.sentAt) : '____年____月____日');

function decorate(doc: PDFKit.PDFDocument, input: DispatchPaperInput, what: string): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    if (!input.sentAt) drawWatermark(doc, '草稿');
    const note = `${input.fromOrgName} · ${what} · ${input.sentAt ? `报送于 ${chineseDateTime(input.sentAt)}` : '草稿，尚未报送'}`;
    drawInlines(doc, [{ text: note, color: '#555555' }], 62, A4.height - 70, A4.width - 124, SIZES.small, 'center');
    drawInlines(
      doc,
      [{ text: `第 ${i + 1} 页 共 ${range.count} 页` }],
      62,
      A4.height - 52,
      A4.width - 124,
      9,
      'center',
    );
  }
}

// ---- 推荐函 ----

export async function renderLetterPdf(input: DispatchPaperInput): Promise<Buffer> {
  const t = letterTitle(input);
  const doc = await createPdf({ title: t, subject: '推荐函', creationDate: input.generatedAt });
  const flow = new Flow(doc);
  flow.gap(20);
  if (input.letterNo.trim())
    flow.paragraph([{ text: input.letterNo.trim() }], { size: 14, align: 'center', after: 12 });
  flow.paragraph([{ text: t, bold: true }], { size: SIZES.title, align: 'center', after: 20 });
  flow.paragraph([{ text: `${input.toOrgName}：` }], { size: 14, align: 'left', after: 6 });
  for (const p of paragraphs(input)) flow.paragraph([{ text: p }], { size: 14, indent: 2, after: 6 });
  flow.paragraph([{ text: `附：推荐名单（共 ${input.items.length} 项，按推荐排序）` }], {
    size: 14,
    indent: 2,
    after: 10,
  });
  drawTextTable(flow, listColumns(flow.width), listRows(input.items), SIZES.table - 0.5);
  const contact = contactLine(input);
  if (contact) {
    flow.gap(10);
    flow.paragraph([{ text: contact }], { size: 14, indent: 2, after: 6 });
  }
  flow.gap(36);
  const inset = flow.width * 0.55;
  flow.ensure(90);
  flow.paragraph([{ text: input.fromOrgName }], { size: 14, inset, align: 'center', after: 6 });
  flow.paragraph([{ text: dateLine(input) }], { size: 14, inset, align: 'center', after: 6 });
  flow.paragraph([{ text: '（公章）' }], { size: 14, inset, align: 'center' });
  decorate(doc, input, '推荐函');
  return pdfToBuffer(doc);
}

export async function renderLetterDocx(input: DispatchPaperInput): Promise<Buffer> {
  const t = letterTitle(input);
  const W = TEXT_WIDTH_TWIPS;
  const doc = officialDocument({
    title: t,
    children: [
      ...(input.letterNo.trim() ? [body(input.letterNo.trim(), { indent: false, align: 'center' })] : []),
      title(t),
      body(`${input.toOrgName}：`, { indent: false, align: 'left' }),
      ...paragraphs(input).map((p) => body(p)),
      body(`附：推荐名单（共 ${input.items.length} 项，按推荐排序）`, { spacingAfter: 120 }),
      textTable(
        listColumns(W).map((c) => ({ title: c.title, width: Math.round(c.width) })),
        listRows(input.items),
      ),
      ...(contactLine(input) ? [new Paragraph({ text: '' }), body(contactLine(input))] : []),
      new Paragraph({ text: '' }),
      body(input.fromOrgName, { indent: false, align: 'right' }),
      body(dateLine(input), { indent: false, align: 'right' }),
      body('（公章）', { indent: false, align: 'right' }),
    ],
  });
  return docxToBuffer(doc);
}

// ---- 附件5 主管部门信用承诺书 ----

const pledgeNote = (input: DispatchPaperInput) =>
  input.pledge
    ? `本承诺由 ${input.pledge.signerName} 代表${input.fromOrgName}于 ${chineseDateTime(input.pledge.signedAt)}（北京时间）在线签署，适用于本报送批中的全部 ${input.items.length} 项申报。纸质件请加盖公章。`
    : '尚未签署：报送时由审核人在线签署本承诺。';

export async function renderPledgePdf(input: DispatchPaperInput): Promise<Buffer> {
  const p = supervisorPledgeText;
  const doc = await createPdf({ title: p.title, subject: p.attachment, creationDate: input.generatedAt });
  const flow = new Flow(doc);
  flow.paragraph([{ text: p.attachment, bold: true }], { size: SIZES.body, align: 'left', after: 6 });
  flow.paragraph([{ text: p.title, bold: true }], { size: SIZES.title, align: 'center', after: 18 });
  flow.paragraph([{ text: p.body }], { size: 14, indent: 2, after: 6 });
  for (const item of p.items) flow.paragraph([{ text: item }], { size: 14, indent: 2, after: 6 });
  flow.gap(30);
  const inset = flow.width * 0.55;
  flow.paragraph([{ text: input.fromOrgName }], { size: 14, inset, align: 'center', after: 8 });
  flow.paragraph([{ text: p.signatureLines[0]! }], { size: 14, inset, align: 'center', after: 8 });
  flow.paragraph([{ text: dateLine(input) }], { size: 14, inset, align: 'center', after: 24 });
  flow.paragraph([{ text: pledgeNote(input), color: '#444444' }], {
    size: SIZES.small + 0.5,
    align: 'left',
    after: 12,
  });
  flow.paragraph([{ text: '本承诺适用的申报：', bold: true }], { size: SIZES.table, align: 'left', after: 6 });
  drawTextTable(flow, listColumns(flow.width), listRows(input.items), SIZES.table - 0.5);
  decorate(doc, input, p.title);
  return pdfToBuffer(doc);
}

export async function renderPledgeDocx(input: DispatchPaperInput): Promise<Buffer> {
  const p = supervisorPledgeText;
  const W = TEXT_WIDTH_TWIPS;
  const doc = officialDocument({
    title: p.title,
    children: [
      attachmentLabel(p.attachment),
      title(p.title),
      body(p.body),
      ...p.items.map((i) => body(i)),
      new Paragraph({ text: '' }),
      body(input.fromOrgName, { indent: false, align: 'right' }),
      body(p.signatureLines[0]!, { indent: false, align: 'right' }),
      body(dateLine(input), { indent: false, align: 'right', spacingAfter: 240 }),
      body([run(pledgeNote(input), { size: HALF_POINTS.small })], {
        indent: false,
        size: HALF_POINTS.small,
        spacingAfter: 120,
      }),
      body([run('本承诺适用的申报：', { size: HALF_POINTS.table, bold: true })], {
        indent: false,
        size: HALF_POINTS.table,
        spacingAfter: 60,
      }),
      textTable(
        listColumns(W).map((c) => ({ title: c.title, width: Math.round(c.width) })),
        listRows(input.items),
      ),
    ],
  });
  return docxToBuffer(doc);
}
