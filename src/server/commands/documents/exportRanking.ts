import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { tableXlsx, type TableColumn } from '../../documents/tableXlsx.js';
import { statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { todayInShanghai } from '../../../domain/application.js';
import { getRanking, type RankingEntry } from '../experts/ranking.js';
import { auditDownload } from './auditDownload.js';

/**
 * The province's ranking as an Excel sheet: the same entries, in the same order and under the same
 * checks as GET /api/batches/:id/ranking, with the experts' mean per criterion beside the mean total.
 * The download is audited (it names units and their scores).
 */
export async function exportRanking(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  provinceId?: string;
}): Promise<{ body: Buffer; fileName: string }> {
  const { db, ctx } = opts;
  const ranking = await getRanking({ db, actor: ctx.actor, batchId: opts.batchId, provinceId: opts.provinceId });
  const batchName = ranking.entries[0]?.app.batch_name ?? '';
  const criteria: TableColumn<RankingEntry>[] = ranking.criteria.map((c, k) => ({
    header: `${c.label}（${Number(c.weight)} 分）`,
    width: 11,
    value: (e) => e.criteriaAverages[k]?.average ?? null,
    align: 'right',
    numFmt: '0.00',
  }));
  const columns: TableColumn<RankingEntry>[] = [
    { header: '排名', width: 8, value: (e) => e.rank, align: 'center' },
    { header: '申报编号', width: 18, value: (e) => e.app.number, align: 'center' },
    { header: '众创空间名称', width: 26, value: (e) => e.app.space_name },
    { header: '运营主体', width: 24, value: (e) => e.app.unit_name },
    { header: '所在市', width: 10, value: (e) => e.app.city_name, align: 'center' },
    {
      header: '状态',
      width: 14,
      value: (e) => statusLabels[e.app.status as ApplicationStatus] ?? e.app.status,
      align: 'center',
    },
    { header: '平均得分', width: 10, value: (e) => e.averageScore, align: 'right', numFmt: '0.00' },
    ...criteria,
    { header: '已评/应评', width: 10, value: (e) => `${e.scoredCount}/${e.assignedCount}`, align: 'center' },
    { header: '实地调研次数', width: 10, value: (e) => e.fieldVisitCount, align: 'center' },
  ];
  const stamp = todayInShanghai(ctx.now);
  const body = await tableXlsx({
    sheet: '评审排名',
    title: `${batchName ? `${batchName} ` : ''}专家评审排名`,
    subtitle: `导出时间：${stamp}；共 ${ranking.entries.length} 项；得分为已提交评分专家的平均分`,
    columns,
    rows: ranking.entries,
    generatedAt: ctx.now,
  });
  await auditDownload(db, ctx, {
    action: 'export.ranking_xlsx',
    target: { type: 'batch', id: ranking.batchId },
    summary: { provinceId: ranking.provinceId, count: ranking.entries.length },
  });
  return { body, fileName: `评审排名-${stamp}.xlsx` };
}
