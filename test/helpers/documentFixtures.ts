/** Fixed inputs of the document unit tests: application PDF, dispatch papers and 汇总表 rows. */
import { PassThrough } from 'node:stream';
import { exampleContent } from '../../src/domain/example-content.js';
import { type ApplicationPdfInput } from '../../src/server/documents/applicationPdf.js';
import { type DispatchPaperInput } from '../../src/server/documents/letters.js';
import { writeSummaryXlsx, type SummaryRow } from '../../src/server/documents/summaryXlsx.js';

export const SHA = '3f2a9c0b7d41e5a86c1d2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2';
export const CODE = '3f2a9c0b7d41';

/** Fixed content, ids, times and fingerprint: the page-1 reference depends on nothing else. */
export const fixedApplication = (over: Partial<ApplicationPdfInput> = {}): ApplicationPdfInput => ({
  number: '2020-320100-0001',
  batchName: '第四批国家专业化众创空间备案示范',
  unitName: '南京芯创科技服务有限公司',
  cityName: '南京市',
  content: exampleContent,
  version: { seq: 2, sha256: SHA, submittedAt: '2026-06-01T02:00:00.000Z' },
  draft: false,
  files: [
    {
      fileName: '营业执照（副本）.pdf',
      kindLabel: '运营主体营业执照',
      size: 348_210,
      sha256: 'ab'.repeat(32),
      uploadedAt: '2026-05-30T03:00:00.000Z',
    },
    {
      fileName: '场地照片-1.jpg',
      kindLabel: '场地照片',
      size: 1_820_000,
      sha256: 'cd'.repeat(32),
      uploadedAt: '2026-05-30T03:05:00.000Z',
    },
  ],
  pledge: { signerName: '王建国', signedAt: '2026-06-01T02:00:00.000Z' },
  verifyBaseUrl: 'https://filing.example.cn',
  generatedAt: new Date('2026-06-01T02:00:00.000Z'),
  ...over,
});

export const paper = (over: Partial<DispatchPaperInput> = {}): DispatchPaperInput => ({
  level: 'city',
  fromOrgName: '南京市科学技术局',
  toOrgName: '江苏省科学技术厅',
  batchName: '第四批国家专业化众创空间备案示范',
  letter:
    '根据苏科高发〔2020〕174号通知要求，我局对辖区内申报材料进行了真实性审查。\n现推荐以下专业化众创空间，请予审核。',
  letterNo: '',
  contactName: '',
  contactPhone: '',
  supplementary: false,
  items: [
    {
      rank: 1,
      number: '2020-320100-0001',
      spaceName: '南京芯创集成电路专业化众创空间',
      unitName: '南京芯创科技服务有限公司',
      code: CODE,
    },
    {
      rank: 2,
      number: '2020-320100-0002',
      spaceName: '南京生物医药专业化众创空间',
      unitName: '南京药谷运营管理有限公司',
      code: 'aa11bb22cc33',
    },
  ],
  sentAt: '2026-06-20T02:00:00.000Z',
  pledge: { signerName: '周建华', signedAt: '2026-06-20T02:00:00.000Z' },
  generatedAt: new Date('2026-06-20T02:00:00.000Z'),
  ...over,
});

/** pdftotext keeps the order of drawing, not always of reading: compare without white space. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export const summaryRow = (i: number): SummaryRow => ({
  number: `2020-320100-${String(i + 1).padStart(4, '0')}`,
  statusLabel: '市局已推荐',
  cityName: '南京市',
  rank: i + 1,
  content: exampleContent,
  submittedAt: '2026-06-01T02:00:00.000Z',
  code: CODE,
});

export async function summaryBuffer(rows: Iterable<SummaryRow> | AsyncIterable<SummaryRow>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeSummaryXlsx(rows, out, { generatedAt: new Date('2026-06-01T00:00:00Z') });
  await new Promise((r) => setImmediate(r));
  return Buffer.concat(chunks);
}
