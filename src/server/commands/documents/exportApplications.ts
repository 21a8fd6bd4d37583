import type { Writable } from 'node:stream';
import { AppError } from '../../../domain/errors.js';
import type { ExportApplicationsQuery } from '../../../domain/schemas/exportSelection.js';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { writeSummaryXlsx, type SummaryRow } from '../../documents/summaryXlsx.js';
import { applicationListScope, exportingUnitOf, seesProvinceRanks } from '../../policies/applications.js';
import { authorizeSimilarityQuery } from '../../policies/similarity.js';
import { listApplications } from '../../repositories/applications.js';
import { selectedInScope } from '../../repositories/applicationSelection.js';
import { dispatchRanks, findSummaryRows } from '../../repositories/documents.js';
import { statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { isUnitOnlyScope, maskUnpublished } from '../applications/applicantStatus.js';
import { verificationCode } from '../../../domain/verification-code.js';

/**
 * Rows read per query while streaming: small enough to keep memory flat (each row carries one version
 * of ~12 KB of JSON), large enough to be quick.
 */
const PAGE = 50;

export type ExportFilter = ExportApplicationsQuery;

/**
 * The 汇总表 of every application the actor's list shows, with the list's filters, in recommendation
 * order (recommendationOrder). Checks and the
 * audit record (the export of personal data) come first; the returned `write` then streams the
 * workbook page by page — through the same scoped query as GET /api/applications, so the two never
 * disagree about what the actor may see.
 */
export async function exportApplications(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  filter: ExportFilter;
}) {
  const { db, ctx, filter } = opts;
  const actor = ctx.actor;
  const scope = applicationListScope(actor);
  if (!scope) throw new AppError('forbidden', '管理员账号不处理申报业务');
  authorizeSimilarityQuery(actor, filter);
  // 导出所选: every selected application must be within reach, or nothing is exported.
  const selected = filter.ids ? await selectedInScope(db, scope, filter.ids) : null;
  if (selected && filter.ids && selected.length < filter.ids.length) {
    const found = new Set(selected.map((r) => r.id));
    const outside = filter.ids.filter((id) => !found.has(id));
    throw new AppError(
      'forbidden',
      `所选申报中有 ${outside.length} 份不存在或不在您的管辖范围内，未导出`,
      outside.map((id) => ({ path: 'ids', message: id })),
    );
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, ctx, {
      action: 'export.applications_xlsx',
      target: { type: 'application', id: '*' },
      summary: { filter },
    }),
  );
  // The unit's own editable applications print the working copy (chooseVersion).
  const viewerUnitId = exportingUnitOf(actor);
  const authority = seesProvinceRanks(actor);

  /**
   * Every application of the list, in recommendation order: by the province's rank where it has
   * dispatched them, then per city by the city's rank, then the rest as the list orders them. Only
   * ids and ranks are held; the rows themselves are then read a page at a time in that order.
   */
  async function recommendationOrder(): Promise<string[]> {
    // The selection in the order given; otherwise the whole list.
    const listed: { id: string; cityId: string }[] = selected
      ? filter.ids!.map((id) => ({ id, cityId: selected.find((r) => r.id === id)!.city_id }))
      : [];
    let after: { updatedAt: string; id: string } | undefined;
    for (; !selected;) {
      const { ids: _ids, ...listFilter } = filter;
      const fetched = await listApplications(db, { ...listFilter, scope: scope!, after, limit: PAGE * 10 });
      const page = fetched.slice(0, PAGE * 10);
      listed.push(...page.map((r) => ({ id: r.id, cityId: r.city_id })));
      if (fetched.length <= PAGE * 10 || page.length === 0) break;
      const last = page.at(-1)!;
      after = { updatedAt: last.updated_at, id: last.id };
    }
    const cityRanks = new Map<string, number>();
    const provinceRanks = new Map<string, number>();
    for (let k = 0; k < listed.length; k += 500) {
      const ids = listed.slice(k, k + 500).map((r) => r.id);
      const [c, p] = await Promise.all([
        dispatchRanks(db, ids, 'city'),
        authority ? dispatchRanks(db, ids, 'province') : Promise.resolve(new Map<string, number>()),
      ]);
      c.forEach((v, id) => cityRanks.set(id, v));
      p.forEach((v, id) => provinceRanks.set(id, v));
    }
    const order = listed.map((r, i) => ({ ...r, i, p: provinceRanks.get(r.id), c: cityRanks.get(r.id) }));
    const last = Number.MAX_SAFE_INTEGER;
    order.sort(
      (x, y) =>
        (x.p ?? last) - (y.p ?? last) ||
        (x.p === undefined ? Number(x.c === undefined) - Number(y.c === undefined) : 0) ||
        (x.p === undefined && x.c !== undefined ? x.cityId.localeCompare(y.cityId) || x.c - (y.c ?? last) : 0) ||
        x.i - y.i,
    );
    rankOf = (id) => provinceRanks.get(id) ?? cityRanks.get(id) ?? null;
    return order.map((r) => r.id);
  }
  let rankOf: (id: string) => number | null = () => null;

  async function* rows(): AsyncGenerator<SummaryRow> {
    const ids = await recommendationOrder();
    for (let k = 0; k < ids.length; k += PAGE) {
      const page = ids.slice(k, k + PAGE);
      const details = await findSummaryRows(db, page, viewerUnitId);
      // The unit's own workbook shows an unpublished decision as 已报送科技部 (issue 14).
      const shown = isUnitOnlyScope(scope!) ? await maskUnpublished(db, details) : details;
      const byId = new Map(shown.map((d) => [d.id, d]));
      for (const id of page) {
        const row = byId.get(id);
        if (!row) continue;
        yield {
          number: row.number,
          statusLabel: statusLabels[row.status as ApplicationStatus] ?? row.status,
          cityName: row.city_name,
          rank: rankOf(id),
          content: row.content,
          submittedAt: row.submitted_at,
          code: Number(row.official) === 1 && row.snapshot_sha256 ? verificationCode(row.snapshot_sha256) : null,
        };
      }
    }
  }

  return {
    fileName: `申报汇总表-${ctx.now.toISOString().slice(0, 10)}.xlsx`,
    write: (out: Writable) => writeSummaryXlsx(rows(), out, { generatedAt: ctx.now }),
  };
}
