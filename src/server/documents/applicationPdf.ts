import {
  BASIC_INFO_FORM_HEADING,
  NARRATIVE_TITLE,
  narrativeOutline,
  provincialFilingFields,
  type BasicInfoDraft,
  type DraftContent,
  type NarrativeDraft,
  type OutlineHeading,
  type ProvincialFilingDraft,
} from '../../domain/application.js';
import { applicantPledgeText } from '../../domain/pledges.js';
import { formatVerificationCode, verificationCode } from '../../domain/verification-code.js';
import {
  chineseCalendarDate,
  chineseDate,
  chineseDateTime,
  chineseNumeral,
  fileSize,
  formNumber,
  isoDateTime,
} from './format.js';
import { parseHtml } from './html.js';
import { A4, createPdf, drawInlines, drawQr, drawWatermark, Flow, pdfToBuffer, SIZES } from './pdf/flow.js';
import { drawGridRow, drawTextTable, type GridCell } from './pdf/grid.js';
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

type YesNoAnswer = BasicInfoDraft['onlinePlatform'];
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

const T = SIZES.table;

function label(text: string, width: number, hint?: string): GridCell {
  const inlines: Inline[] = [{ text }];
  if (hint) inlines.push({ text: `\n${hint}`, size: T - 2 });
  return { width, inlines, align: 'center' };
}

const value = (width: number, inlines: Inline[] | string, extra: Partial<GridCell> = {}): GridCell => ({
  width,
  inlines: typeof inlines === 'string' ? [{ text: inlines }] : inlines,
  ...extra,
});

function yesNo(v: YesNoAnswer): Inline[] {
  const o = v ?? {};
  const yes = o.answer === 'yes';
  const name = str(o.name).trim();
  return [
    { box: yes },
    { text: `是（${yes && name ? name : '填写详细名称'}）` },
    { text: '  ' },
    { box: o.answer === 'no' },
    { text: '否' },
  ];
}

function operatorNature(bi: BasicInfoDraft): Inline[] {
  const n = bi.operatorNature;
  const own = n === 'enterprise' ? bi.enterpriseOwnership : undefined;
  // As printed: 2、企业 has no box of its own; its two boxes are 国有 and 民营.
  return [
    { box: n === 'public_institution' },
    { text: '1、事业单位，2、企业（' },
    { box: own === 'state_owned' },
    { text: '国有、' },
    { box: own === 'private' },
    { text: '民营），' },
    { box: n === 'investment_institution' },
    { text: '3、投资机构，' },
    { box: n === 'university' },
    { text: '4、高校，' },
    { box: n === 'other' },
    { text: '5、其它社会组织' },
  ];
}

function managementSystems(bi: BasicInfoDraft): Inline[] {
  const ms = bi.managementSystems ?? {};
  const other = str(bi.managementSystemsOther).trim();
  return [
    { box: ms.entryStandards === true },
    { text: '入驻标准  ' },
    { box: ms.exitConditions === true },
    { text: '退出条件  ' },
    { box: ms.incubateeDatabase === true },
    { text: '在孵项目或企业数据库  ' },
    { box: ms.other === true || other !== '' },
    { text: `其他：${other}` },
  ];
}

function renderBasicInfoForm(flow: Flow, bi: BasicInfoDraft, filing: ProvincialFilingDraft): void {
  flow.paragraph([{ text: '附件 2', bold: true }], { size: SIZES.body, align: 'left', after: 2 });
  flow.paragraph([{ text: BASIC_INFO_FORM_HEADING, bold: true }], { size: SIZES.title, align: 'center', after: 10 });

  const W = flow.width;
  // The form's grid: a label column of the same width on every row; rows of two label/value pairs,
  // rows of three pairs (the counts and areas), and rows with one value across the rest.
  const L = 96;
  const V2 = W / 2 - L;
  const V3 = W / 3 - L;
  const VW = W - L;
  const opts = { size: T, minHeight: 26, pad: 3, leading: 1.35 };
  const fields = (bi.mainFields ?? []).map(str).filter(Boolean);
  const rows: GridCell[][] = [
    [
      label('众创空间名称', L),
      value(V2, str(bi.spaceName)),
      label('成立时间', L),
      value(V2, chineseCalendarDate(str(bi.establishedOn))),
    ],
    [label('运营主体名称', L), value(VW, str(bi.operatorName), { corner: '（盖章）' })],
    [label('运营主体性质', L), value(VW, operatorNature(bi))],
    [
      label('法人代表', L),
      value(V2, str(bi.legalRepresentative?.name)),
      label('联系电话', L),
      value(V2, str(bi.legalRepresentative?.phone)),
    ],
    [label('负责人', L), value(V2, str(bi.head?.name)), label('联系手机', L), value(V2, str(bi.head?.mobile))],
    [label('联系人', L), value(V2, str(bi.contact?.name)), label('联系手机', L), value(V2, str(bi.contact?.mobile))],
    [label('单位地址', L), value(V2, str(bi.address)), label('Email', L), value(V2, str(bi.email))],
    [
      label('是否依托或由龙头骨干企业建立：', L),
      value(V2, yesNo(bi.backing?.leadingEnterprise)),
      label('是否依托或由高校建立：', L),
      value(V2, yesNo(bi.backing?.university)),
    ],
    [
      label('是否依托或由科研院所建立：', L),
      value(V2, yesNo(bi.backing?.researchInstitute)),
      label('是否依托或由新型研发机构建立：', L),
      value(V2, yesNo(bi.backing?.newRdInstitution)),
    ],
    [label('主要专业方向', L, '（如互联网、新材料、生物医药、新能源等）'), value(VW, fields.join('、'))],
    [
      label('管理团队人员总数', L),
      value(V3, formNumber(bi.managementTeamSize), { align: 'center' }),
      label('其中大专以上人数', L),
      value(V3, formNumber(bi.collegeEducatedCount), { align: 'center' }),
      label('创业导师数', L),
      value(V3, formNumber(bi.mentorCount), { align: 'center' }),
    ],
    [
      label('自主支配场地建筑面积（平方米）', L),
      value(V3, formNumber(bi.selfControlledArea), { align: 'center' }),
      label('公共办公与服务场地面积（平方米）', L),
      value(V3, formNumber(bi.publicServiceArea), { align: 'center' }),
      label('天使投资（种子）基金（资金）规模（万元）', L),
      value(V3, formNumber(bi.angelFundSize), { align: 'center' }),
    ],
    [
      label('入驻项目数', L),
      value(V3, formNumber(bi.residentProjectCount), { align: 'center' }),
      label('入驻企业数', L),
      value(V3, formNumber(bi.residentCompanyCount), { align: 'center' }),
      label('举办创新创业活动次数', L),
      value(V3, formNumber(bi.eventCount), { align: 'center' }),
    ],
    [label('是否建有线上服务平台', L), value(VW, yesNo(bi.onlinePlatform))],
    [label('是否建有公共技术服务平台', L), value(VW, yesNo(bi.publicTechPlatform))],
    [label('管理制度', L), value(VW, managementSystems(bi))],
  ];
  rows.forEach((cells, i) => drawGridRow(flow, cells, { ...opts, top: i === 0 }));

  // Not on the printed form, but part of the filing: the operator's USCC and the provincial filing status.
  flow.gap(10);
  const small = SIZES.table;
  flow.paragraph([{ text: '运营主体统一社会信用代码：' }, { text: str(bi.operatorUscc) }], {
    size: small,
    align: 'left',
    after: 2,
  });
  const status = filing.status;
  const filed = provincialFilingFields.statusOptions[0];
  const planned = provincialFilingFields.statusOptions[1];
  const filedDetail =
    status === 'filed' && (filing.year || filing.documentNo)
      ? `（${[filing.year ? `${str(filing.year)}年` : '', str(filing.documentNo)].filter(Boolean).join('，')}）`
      : '';
  // One option per line, the second aligned under the first, as a filled-in form would have them.
  const lead = `${provincialFilingFields.label}：`;
  flow.paragraph([{ text: lead }, { box: status === 'filed' }, { text: `${filed.label}${filedDetail}` }], {
    size: small,
    align: 'left',
    after: 2,
  });
  flow.doc.font('regular').fontSize(small);
  flow.paragraph([{ box: status === 'planned' }, { text: planned.label }], {
    size: small,
    align: 'left',
    inset: flow.doc.widthOfString(lead),
  });
}

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
