import {
  BASIC_INFO_FORM_HEADING,
  NARRATIVE_TITLE,
  narrativeOutline,
  type BasicInfoDraft,
  type DraftContent,
  type NarrativeDraft,
  type OutlineHeading,
} from '../../domain/application.js';
import { applicantPledgeText } from '../../domain/pledges.js';
import { formatVerificationCode, verificationCode } from '../../domain/verification-code.js';
import { chineseDate, chineseDateTime, chineseNumeral, fileSize, isoDateTime } from './format.js';
import { renderBasicInfoForm } from './basicInfoFormPdf.js';
import { parseHtml } from './html.js';
import { A4, createPdf, drawInlines, drawQr, drawWatermark, Flow, pdfToBuffer, SIZES } from './pdf/flow.js';
import { drawTextTable } from './pdf/grid.js';
import { renderBlocks } from './pdf/richText.js';
import type { Doc, Inline } from './pdf/text.js';

/**
 * The application as printed and mailed (纸质一式两份): page 1 is attachment 2 laid out like the
 * official form, then the 申报书 in the outline of attachment 3, the list of uploaded files and the
 * signed attachment-4 pledge. Every page carries the application number, the verification code of the
 * snapshot (first 12 hex digits of its SHA-256) and a QR code to the public verification page. A
 * draft has no snapshot: it is watermarked 草稿 and carries no code.
 */

export interface ApplicationPdfFile {
  fileName: string;
  kindLabel: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface ApplicationPdfInput {
  /** 申报编号; null before the first submission. */
  number: string | null;
  batchName: string;
  unitName: string;
  cityName: string;
  content: DraftContent;
  /** The submitted version printed; null for a draft. */
  version: { seq: number; sha256: string; submittedAt: string } | null;
  /** Watermark 草稿 (the working copy, not a submission). */
  draft: boolean;
  files: readonly ApplicationPdfFile[];
  /** The attachment-4 signature bound to the printed version. */
  pledge: { signerName: string; signedAt: string } | null;
  /** Base of the public verification page, e.g. https://filing.example.cn (no trailing slash). */
  verifyBaseUrl: string;
  /** Written into the PDF's metadata; tests fix it so the output does not change. */
  generatedAt: Date;
  /** The narrative's uploaded images by file id (see loadNarrativeImages). */
  images?: ReadonlyMap<string, Buffer>;
  /**
   * Only one part, to print, sign and stamp before uploading its scan (issue 14, "下载打印"):
   * page 1 (attachment 2) or the attachment-4 pledge. Omitted: the whole application.
   */
  part?: 'basic_info' | 'pledge';
}

/** The verification page's address for a code. */
export const verifyUrl = (base: string, code: string) => `${base.replace(/\/+$/, '')}/verify/${code}`;

const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

export async function renderApplicationPdf(input: ApplicationPdfInput): Promise<Buffer> {
  const bi = input.content.basicInfo ?? {};
  const filing = input.content.provincialFiling ?? {};
  const code = input.version ? verificationCode(input.version.sha256) : null;
  const doc = await createPdf({
    title: `${str(bi.spaceName) || '专业化众创空间'} 申报材料`,
    subject: BASIC_INFO_FORM_HEADING,
    keywords: [input.number, code].filter(Boolean).join(' '),
    creationDate: input.generatedAt,
  });
  const flow = new Flow(doc);

  if (input.part === 'pledge') renderPledge(flow, input);
  else if (input.part === 'basic_info') renderBasicInfoForm(flow, bi, filing);
  else {
    renderBasicInfoForm(flow, bi, filing);
    flow.newPage();
    renderNarrative(flow, input.content.narrative ?? {}, bi, input.images);
    flow.newPage();
    renderFiles(flow, input.files);
    flow.newPage();
    renderPledge(flow, input);
  }

  decoratePages(doc, input, code);
  return pdfToBuffer(doc);
}

// ---- page 1: attachment 2 ----

// ---- the 申报书 (attachment 3) ----

function renderNarrative(
  flow: Flow,
  narrative: NarrativeDraft,
  bi: BasicInfoDraft,
  images: ReadonlyMap<string, Buffer> | undefined,
): void {
  flow.paragraph([{ text: NARRATIVE_TITLE, bold: true }], { size: SIZES.title, align: 'center', after: 4 });
  const name = str(bi.spaceName);
  if (name) flow.paragraph([{ text: name }], { size: SIZES.h2, align: 'center', after: 14 });
  else flow.gap(10);

  const missing = () => flow.paragraph([{ text: '（未填写）', color: '#888888' }], { indent: 2, after: 6 });
  const section = (html: string | null | undefined) => {
    const blocks = typeof html === 'string' ? parseHtml(html) : [];
    if (blocks.length) renderBlocks(flow, blocks, { images });
    else missing();
  };
  const heading = (h: OutlineHeading, level: 1 | 2) =>
    flow.paragraph([{ text: h.label, bold: true }], {
      size: level === 1 ? SIZES.h1 : SIZES.h2,
      align: 'left',
      after: 6,
      indent: level === 2 ? 2 : 0,
      keepWithNext: 40,
    });

  const write = (h: OutlineHeading, level: 1 | 2) => {
    heading(h, level);
    if (h.key === 'successCases') renderCases(flow, narrative.successCases, images);
    else if (h.key) section(narrative[h.key]);
    for (const child of h.children ?? []) write(child, 2);
    flow.gap(4);
  };
  for (const h of narrativeOutline) write(h, 1);
}

function renderCases(
  flow: Flow,
  cases: NarrativeDraft['successCases'],
  images: ReadonlyMap<string, Buffer> | undefined,
): void {
  const list = (cases ?? []).map((c) => c ?? {});
  if (!list.length) {
    flow.paragraph([{ text: '（未填写）', color: '#888888' }], { indent: 2, after: 6 });
    return;
  }
  list.forEach((c, i) => {
    flow.paragraph([{ text: `案例${chineseNumeral(i + 1)}：${str(c.title) || '（未填写标题）'}`, bold: true }], {
      size: SIZES.body,
      indent: 2,
      align: 'left',
      after: 2,
      keepWithNext: 36,
    });
    flow.paragraph([{ text: '案例主体：', bold: true }, { text: str(c.subject) || '（未填写）' }], {
      indent: 2,
      after: 4,
    });
    const blocks = typeof c.body === 'string' ? parseHtml(c.body) : [];
    if (blocks.length) renderBlocks(flow, blocks, { images });
    else flow.paragraph([{ text: '（未填写）', color: '#888888' }], { indent: 2 });
    flow.gap(6);
  });
}

// ---- uploaded files ----

function renderFiles(flow: Flow, files: readonly ApplicationPdfFile[]): void {
  flow.paragraph([{ text: '上传材料清单', bold: true }], { size: SIZES.h1, align: 'center', after: 12 });
  if (!files.length) {
    flow.paragraph([{ text: '未上传材料。' }], { size: SIZES.table, align: 'left' });
    return;
  }
  const W = flow.width;
  drawTextTable(
    flow,
    [
      { title: '序号', width: 34, align: 'center' },
      { title: '材料类别', width: 110 },
      { title: '文件名', width: W - 34 - 110 - 58 - 82 - 92 },
      { title: '大小', width: 58, align: 'right' },
      { title: 'SHA-256 指纹', width: 92, align: 'center' },
      { title: '上传时间', width: 82, align: 'center' },
    ],
    files.map((f, i) => [
      String(i + 1),
      f.kindLabel,
      f.fileName,
      fileSize(f.size),
      f.sha256.slice(0, 16),
      isoDateTime(f.uploadedAt),
    ]),
    SIZES.small + 0.5,
  );
  flow.gap(8);
  flow.paragraph(
    [
      {
        text: '说明：材料以电子文件形式随申报一并提交，可凭 SHA-256 指纹核对文件是否与系统中保存的一致。',
        color: '#444444',
      },
    ],
    { size: SIZES.small + 0.5, align: 'left' },
  );
}

// ---- attachment 4 ----

function renderPledge(flow: Flow, input: ApplicationPdfInput): void {
  const p = applicantPledgeText;
  flow.paragraph([{ text: p.attachment, bold: true }], { size: SIZES.body, align: 'left', after: 6 });
  flow.paragraph([{ text: p.title, bold: true }], { size: SIZES.title, align: 'center', after: 18 });
  flow.paragraph([{ text: p.body }], { size: 14, indent: 2, after: 6 });
  for (const item of p.items) flow.paragraph([{ text: item }], { size: 14, indent: 2, after: 6 });
  flow.gap(30);
  const signer = input.pledge?.signerName ?? '';
  const inset = flow.width * 0.3;
  flow.paragraph([{ text: p.signatureLines[0]! }, { text: signer }], { size: 14, inset, align: 'left', after: 18 });
  flow.paragraph([{ text: p.signatureLines[1]! }, { text: input.unitName }], {
    size: 14,
    inset,
    align: 'left',
    after: 18,
  });
  flow.paragraph([{ text: input.pledge ? chineseDate(input.pledge.signedAt) : p.dateLine }], {
    size: 14,
    inset,
    align: 'left',
    after: 24,
  });
  const bound = input.version
    ? `，与第 ${input.version.seq} 版申报内容绑定（校验码 ${formatVerificationCode(verificationCode(input.version.sha256))}）`
    : '';
  const note = input.pledge
    ? `本承诺由 ${signer} 于 ${chineseDateTime(input.pledge.signedAt)}（北京时间）在线签署${bound}。纸质件请签字并加盖公章。`
    : '尚未签署：提交申报时在线签署本承诺。';
  flow.paragraph([{ text: note, color: '#444444' }], { size: SIZES.small + 0.5, align: 'left' });
}

// ---- header, footer, QR, page numbers, watermark ----

function decoratePages(doc: Doc, input: ApplicationPdfInput, code: string | null): void {
  const range = doc.bufferedPageRange();
  const left = 62;
  const width = A4.width - 124;
  const grey = '#555555';
  const small = SIZES.small;
  const url = code ? verifyUrl(input.verifyBaseUrl, code) : null;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    if (input.draft) drawWatermark(doc, '草稿');
    // Header: number left, code right, a rule below.
    drawInlines(
      doc,
      [{ text: `申报编号：${input.number ?? '（提交后生成）'}`, color: grey }],
      left,
      36,
      width / 2,
      small,
    );
    drawInlines(
      doc,
      [{ text: code ? `校验码：${formatVerificationCode(code)}` : '草稿 · 无校验码', color: grey }],
      left + width / 2,
      36,
      width / 2,
      small,
      'right',
    );
    doc
      .save()
      .moveTo(left, 52)
      .lineTo(left + width, 52)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke()
      .restore();

    // Footer: verification text left, QR right, page number centred below (1 cm from the edge).
    const top = A4.height - 76;
    doc
      .save()
      .moveTo(left, top - 5)
      .lineTo(left + width, top - 5)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke()
      .restore();
    const qr = 48;
    const lines: Inline[] = url
      ? [
          {
            text: `第 ${input.version!.seq} 版，提交于 ${isoDateTime(input.version!.submittedAt)}（北京时间）；${input.batchName}；${input.cityName}`,
            color: grey,
          },
          { text: `\n核验：扫描右侧二维码或访问 ${url}`, color: grey },
        ]
      : [{ text: `草稿：内容尚未提交，不能作为申报材料报送。${input.batchName}；${input.cityName}`, color: grey }];
    drawInlines(doc, lines, left, top, width - qr - 12, small);
    if (url) drawQr(doc, url, left + width - qr, top - 1, qr);
    drawInlines(doc, [{ text: `第 ${i + 1} 页 共 ${range.count} 页` }], left, A4.height - 46, width, 9, 'center');
  }
}
