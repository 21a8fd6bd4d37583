import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { pdfFont } from '../../src/server/documents/fonts.js';

/** The texts of a folder of earlier 申报书 built by `buildImportFolder`. */
export interface ImportFolderTexts {
  /** The docx's 建设主体基本情况 (hostOverview) and 发展目标和重点任务 (goalsAndTasks). */
  docxHost: string;
  docxGoals: string;
  /** The PDF's text (no headings: one section). */
  pdf: string;
  /** The text file's 总体成效 (overallResults). */
  txtResults: string;
}

/** A .docx in the outline of attachment 3 (headings as the outline writes them), generated with docx. */
async function outlineDocx(host: string, goals: string): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '国家专业化众创空间备案申报书', heading: HeadingLevel.TITLE }),
          new Paragraph('申报单位：南京往年示范科技有限公司'),
          new Paragraph({ text: '一、专业化众创空间介绍', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: '1. 建设主体基本情况', heading: HeadingLevel.HEADING_2 }),
          new Paragraph(host),
          new Paragraph({ text: '三、发展目标和重点任务', heading: HeadingLevel.HEADING_1 }),
          new Paragraph(goals),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A PDF with Chinese text (the platform's embedded font, as its own PDFs are made), generated with pdfkit. */
function chinesePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56 });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', pdfFont('regular') as unknown as Buffer);
    pdf.font('regular').fontSize(11).text(text);
    pdf.end();
  });
}

/**
 * A temporary folder of earlier 申报书 (a.docx, sub/b.pdf, c.txt) and its CSV (sources.csv) with one
 * more row naming a missing file and one with a bad year. Returns the folder, the texts and a cleanup.
 */
export async function buildImportFolder(texts: ImportFolderTexts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'similarity-import-'));
  fs.writeFileSync(path.join(dir, 'a.docx'), await outlineDocx(texts.docxHost, texts.docxGoals));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'b.pdf'), await chinesePdf(texts.pdf));
  fs.writeFileSync(path.join(dir, 'c.txt'), `二、取得成效\n1. 总体成效\n${texts.txtResults}\n`);
  const csv = [
    '文件名,年度,单位名称,统一社会信用代码,空间名称,所在城市,省份',
    'a.docx,2019,南京往年示范科技有限公司,91320100MA1MXXXX09,南京往年人工智能专业化众创空间,南京市,江苏省',
    'sub/b.pdf,2018年,"苏州旧档案有限公司","",苏州旧档案生物医药专业化众创空间,苏州市,江苏省',
    'c.txt,2017,无锡文本单位,,无锡文本物联网专业化众创空间,,',
    'missing.docx,2019,不存在单位,,不存在的专业化众创空间,南京市,江苏省',
    'a.docx,19,年度写错单位,,年度写错的专业化众创空间,南京市,江苏省',
  ].join('\r\n');
  fs.writeFileSync(path.join(dir, 'sources.csv'), '\uFEFF' + csv + '\r\n');
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
