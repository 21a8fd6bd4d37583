import { describe, expect, it } from 'vitest';
import { similarityReportPdf } from '../../src/server/documents/similarityPdf.js';
import { pdfText } from '../helpers/documents.js';

/** The printable 查重报告 as a reader of the file sees it (issue 15). */
describe('查重报告 PDF', () => {
  it('gives the time in Beijing time and each source number on one line', async () => {
    const pdf = await similarityReportPdf({
      number: '2020-320100-0002',
      spaceName: '南京乙（集成电路）专业化众创空间',
      unitName: '南京乙科技服务有限公司',
      printedAt: new Date('2026-12-06T13:20:00Z'),
      report: {
        status: 'ready',
        computedAt: '2026-12-06T13:11:30.643Z',
        overall: 0.5,
        overallExcludingSameUnit: 0.5,
        maxSingleSource: 0.5,
        sections: [{ key: 'goalsAndTasks', ratio: 0.5 }],
        sources: [
          {
            applicationId: 'a',
            number: '2020-320100-0001',
            spaceName: '南京甲（集成电路）专业化众创空间',
            unitName: '南京甲（集成电路）科技服务有限公司',
            cityName: '南京市',
            batchName: '第四批',
            year: 2020,
            sameUnit: false,
            ratio: 0.5,
            matchedChars: 800,
            canOpen: true,
          },
        ],
        passages: [],
      },
    });
    const text = pdfText(pdf, { page: 1 });
    expect(text).toContain('生成时间：2026-12-06 21:11（北京时间）');
    expect(text).not.toContain('T13:11');
    expect(text).toMatch(/^2020-320100-0001/m);
  });
});
