import { parseArgs } from 'node:util';
import {
  importEarlierApplications,
  ImportRunError,
  type ImportRowResult,
} from '../commands/similarity/importEarlierApplications.js';
import { migrateToLatest } from '../db/migrate.js';
import { openConfiguredDatabase } from './db.js';

const USAGE = `Usage: npm run similarity:import -- DIR [--csv FILE]
Imports earlier years' 申报书 (.docx, .pdf, .txt) from DIR as 查重 sources, with their year and unit
from the CSV beside them (DIR's only .csv file, or FILE). Columns (header row, any order):
文件名/file, 年度/year, 单位名称/unit, 空间名称/space, and optionally 统一社会信用代码/uscc,
所在城市/city, 省份/province. A document already imported (same text) is skipped; a bad row is
reported and the others imported; the exit code is 1 if any row failed. Audited.`;

const STATUS: Record<ImportRowResult['status'], string> = {
  imported: '导入 imported',
  skipped: '跳过 skipped',
  failed: '失败 FAILED',
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { csv: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const database = openConfiguredDatabase();
  try {
    await migrateToLatest(database.db);
    const result = await importEarlierApplications(database.db, {
      dir: positionals[0]!,
      csv: values.csv,
      now: new Date(),
    });
    console.log(`CSV: ${result.csv}`);
    for (const r of result.rows)
      console.log(`第 ${r.line} 行 line ${r.line} · ${r.file || '（无文件名）'} · ${STATUS[r.status]} · ${r.message}`);
    console.log(
      `共 ${result.rows.length} 行：导入 ${result.imported}，跳过 ${result.skipped}，失败 ${result.failed} · ` +
        `${result.rows.length} rows: ${result.imported} imported, ${result.skipped} skipped, ${result.failed} failed (run ${result.runId})`,
    );
    return result.failed > 0 ? 1 : 0;
  } finally {
    await database.destroy();
  }
}

/** Imports earlier years' 申报书 from files as 查重 sources (issue 15). */
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ImportRunError || err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
