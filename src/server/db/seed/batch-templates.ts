import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { applicantPledgeText, supervisorPledgeText, type PledgeText } from '../../../domain/pledges.js';

/**
 * The downloadable templates of attachments 2–5 of 苏科高发〔2020〕174号, generated as Word files
 * from the notice's text (the pledges from src/domain/pledges.ts, the single copy of their wording).
 */

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const TABLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** Sizes in half-points: 三号 16 pt, 五号 10.5 pt, 二号 22 pt. */
const SIZE_BODY = 32;
const SIZE_TABLE = 21;
const SIZE_TITLE = 44;

const CHECK = '□';

const attachmentLabel = (n: string) =>
  new Paragraph({ children: [new TextRun({ text: n, font: { ...BODY_FONT, eastAsia: '黑体' }, size: SIZE_BODY })] });

const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 360 },
    children: [new TextRun({ text, font: TITLE_FONT, size: SIZE_TITLE })],
  });

const body = (text: string, opts: { indent?: boolean; align?: 'right' } = {}) =>
  new Paragraph({
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: BODY_FONT, size: SIZE_BODY })],
  });

const document = (children: (Paragraph | Table)[]) =>
  new Document({
    creator: '专业化众创空间备案申报推荐系统',
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_BODY } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } },
        children,
      },
    ],
  });

// ---- 附件2 基础信息表 ----

/** The table has six grid columns: label+value pairs span 1+2 (two per row), 1+1 (three) or 1+5 (one). */
const GRID = 6;
const COLUMN_TWIPS = 1490;

const cell = (text: string, span: number, opts: { bold?: boolean } = {}) =>
  new TableCell({
    columnSpan: span > 1 ? span : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: COLUMN_TWIPS * span, type: WidthType.DXA },
    margins: { left: 80, right: 80, top: 60, bottom: 60 },
    children: [
      new Paragraph({ children: [new TextRun({ text, bold: opts.bold, font: TABLE_FONT, size: SIZE_TABLE })] }),
    ],
  });

type Pair = [label: string, value: string];

/** One row of label/value pairs spread over the six columns; a long label alone on its row takes two. */
function row(...pairs: Pair[]): TableRow {
  const labelSpan = pairs.length === 1 && pairs[0]![0].length > 12 ? 2 : 1;
  const valueSpan = pairs.length === 1 ? GRID - labelSpan : pairs.length === 2 ? 2 : 1;
  return new TableRow({
    cantSplit: true,
    children: pairs.flatMap(([label, value]) => [cell(label, labelSpan, { bold: true }), cell(value, valueSpan)]),
  });
}

const YES_NO = `${CHECK}是（填写详细名称）  ${CHECK}否`;

/** The rows and labels of 专业化众创空间基础信息表, as printed in the notice. */
export const BASIC_INFO_FORM_ROWS: Pair[][] = [
  [
    ['众创空间名称', ''],
    ['成立时间', ''],
  ],
  [['运营主体名称', '（盖章）']],
  [
    [
      '运营主体性质',
      `${CHECK}1、事业单位，${CHECK}2、企业（${CHECK}国有、${CHECK}民营），${CHECK}3、投资机构，${CHECK}4、高校，${CHECK}5、其它社会组织`,
    ],
  ],
  [
    ['法人代表', ''],
    ['联系电话', ''],
  ],
  [
    ['负责人', ''],
    ['联系手机', ''],
  ],
  [
    ['联系人', ''],
    ['联系手机', ''],
  ],
  [
    ['单位地址', ''],
    ['Email', ''],
  ],
  [
    ['是否依托或由龙头骨干企业建立：', YES_NO],
    ['是否依托或由高校建立：', YES_NO],
  ],
  [
    ['是否依托或由科研院所建立：', YES_NO],
    ['是否依托或由新型研发机构建立：', YES_NO],
  ],
  [['主要专业方向（如互联网、新材料、生物医药、新能源等）', '']],
  [
    ['管理团队人员总数', ''],
    ['其中大专以上人数', ''],
    ['创业导师数', ''],
  ],
  [
    ['自主支配场地建筑面积（平方米）', ''],
    ['公共办公与服务场地面积（平方米）', ''],
    ['天使投资（种子）基金（资金）规模（万元）', ''],
  ],
  [
    ['入驻项目数', ''],
    ['入驻企业数', ''],
    ['举办创新创业活动次数', ''],
  ],
  [['是否建有线上服务平台', YES_NO]],
  [['是否建有公共技术服务平台', YES_NO]],
  [['管理制度', `${CHECK}入驻标准  ${CHECK}退出条件  ${CHECK}在孵项目或企业数据库  ${CHECK}其他：`]],
];

function basicInfoForm(): Document {
  const table = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: COLUMN_TWIPS * GRID, type: WidthType.DXA },
    columnWidths: Array.from({ length: GRID }, () => COLUMN_TWIPS),
    rows: BASIC_INFO_FORM_ROWS.map((pairs) => row(...pairs)),
  });
  return document([attachmentLabel('附件 2'), title('专业化众创空间基础信息表'), table]);
}

// ---- 附件3 编写提纲 ----

export const APPLICATION_OUTLINE: { heading: string; items: string[] }[] = [
  { heading: '一、专业化众创空间介绍', items: ['1. 建设主体基本情况', '2. 专业化众创空间现状'] },
  { heading: '二、取得成效', items: ['1. 总体成效', '2. 3-5个成功案例'] },
  { heading: '三、发展目标和重点任务', items: [] },
  { heading: '四、组织与保障', items: [] },
];

function outline(): Document {
  const children: Paragraph[] = [attachmentLabel('附件 3'), title('国家专业化众创空间备案申报书编写提纲')];
  for (const section of APPLICATION_OUTLINE) {
    children.push(
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: { line: 560 },
        children: [new TextRun({ text: section.heading, font: { ...BODY_FONT, eastAsia: '黑体' }, size: SIZE_BODY })],
      }),
    );
    for (const item of section.items) children.push(body(item));
  }
  return document(children);
}

// ---- 附件4、5 信用承诺书 ----

function pledge(p: PledgeText): Document {
  return document([
    attachmentLabel(p.attachment),
    title(p.title),
    body(p.body),
    ...p.items.map((item) => body(item)),
    new Paragraph({ spacing: { before: 480 }, children: [] }),
    ...p.signatureLines.map((line) => body(line, { indent: false, align: 'right' })),
    body(p.dateLine, { indent: false, align: 'right' }),
  ]);
}

export interface BatchTemplate {
  title: string;
  fileName: string;
  build(): Promise<Buffer>;
}

/** Attachments 2–5, in the order of the notice. */
export const BATCH_TEMPLATES: BatchTemplate[] = [
  { title: '附件2 国家专业化众创空间基础信息表', doc: basicInfoForm },
  { title: '附件3 国家专业化众创空间备案申报书编写提纲', doc: outline },
  { title: '附件4 申报单位信用承诺书', doc: () => pledge(applicantPledgeText) },
  { title: '附件5 主管部门信用承诺书', doc: () => pledge(supervisorPledgeText) },
].map((t) => ({ title: t.title, fileName: `${t.title}.docx`, build: () => Packer.toBuffer(t.doc()) }));
