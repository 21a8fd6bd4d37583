import { expect, it } from 'vitest';
import { plantedCorpus } from '../../bench/lib/similarityCorpus.js';
import { crossCheck, type CrossCheckReport } from '../../src/server/similarity/crossCheck.js';
import { officialHashesFor } from '../../src/server/similarity/official.js';
import { describeEachDb } from '../helpers/env.js';

/** Wording every document carries (boilerplate at the threshold below), and the official notice's. */
const COMMON = '本空间严格遵守国家法律法规，坚持服务创新创业主体，持续完善孵化服务体系和运营管理制度。';
const NOTICE = '申报单位应当如实填写申报材料，对材料的真实性负责，不得弄虚作假。';

describeEachDb('查重 cross-check in worker threads', (env) => {
  it('gives the same reports with 2 and 3 worker threads as in process (several chunks, copies, boilerplate, official wording)', async () => {
    const { db } = env();
    const { texts } = plantedCorpus({
      seed: 15,
      docs: 120,
      chars: 1_500,
      plantsPerDoc: 2,
      copyLength: () => 200,
      editRate: 0.05,
    });
    const at = new Date().toISOString();
    await db
      .insertInto('similarity_documents')
      .values(
        texts.map((text, i) => ({
          kind: 'import',
          application_id: null,
          snapshot_id: null,
          unit_id: `unit-${i % 40}`,
          uscc: null,
          unit_name: `单位${i % 40}`,
          space_name: `空间${i}`,
          number: null,
          city_id: null,
          city_name: '南京市',
          province_id: null,
          batch_id: null,
          batch_name: '2024年度',
          year: 2024,
          sections: JSON.stringify([
            { key: 'overview', text: i % 3 === 0 ? `${COMMON}${text.slice(0, 700)}` : text.slice(0, 700) },
            { key: 'plan', text: i % 4 === 0 ? `${text.slice(700)}${NOTICE}` : text.slice(700) },
          ]),
          char_count: text.length,
          source_file: `doc-${i}.docx`,
          indexed_at: at,
        })),
      )
      .execute();
    const ids = (await db.selectFrom('similarity_documents').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    const run = async (threads: number) => {
      const reports: CrossCheckReport[] = [];
      await crossCheck(db, {
        targets: ids,
        official: officialHashesFor(NOTICE),
        boilerplateMinDocs: 10,
        threads,
        save: async (r) => void reports.push(...r),
      });
      return reports;
    };
    const inProcess = await run(1);
    expect(inProcess.map((r) => Number(r.row.id))).toEqual(ids);
    // The planted copies are found (the comparison below is not between empty reports).
    const withSources = inProcess.filter((r) => r.report.sources.length > 0);
    expect(withSources.length).toBeGreaterThan(100);
    expect(inProcess.some((r) => r.report.passages.length > 0)).toBe(true);
    expect(await run(2)).toEqual(inProcess);
    expect(await run(3)).toEqual(inProcess);
  });
});
