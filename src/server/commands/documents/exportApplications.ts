import type { Writable } from 'node:stream';
import { AppError } from '../../../domain/errors.js';
import type { ApplicationListFilter } from '../../../domain/schemas/applications.js';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { writeSummaryXlsx, type SummaryRow } from '../../documents/summaryXlsx.js';
import { applicationListScope } from '../../policies/applications.js';
import { listApplications } from '../../repositories/applications.js';
import { dispatchRanks, findSummaryRows } from '../../repositories/documents.js';
import { parseContent } from '../applications/loadApplication.js';
import { statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { verificationCode } from '../../../domain/verification-code.js';

/**
 * Rows read per query while streaming: small enough to keep memory flat (each row carries one version
 * of ~12 KB of JSON), large enough to be quick.
 */
const PAGE = 50;

export type ExportFilter = ApplicationListFilter;

/**
 * The 汇总表 of every application the actor's list shows, with the list's filters. Checks and the
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
  await db.transaction().execute((trx) =>
    appendAudit(trx, ctx, {
      action: 'export.applications_xlsx',
      target: { type: 'application', id: '*' },
      summary: { filter },
    }),
  );
  // The unit's own editable applications print the working copy (chooseVersion).
  const viewerUnitId = actor.roles.includes('applicant') ? actor.orgId : null;
  const authority = actor.roles.some((r) => ['acceptance_clerk', 'province_officer', 'ministry_officer'].includes(r));

  async function* rows(): AsyncGenerator<SummaryRow> {
    let after: { updatedAt: string; id: string } | undefined;
    for (;;) {
      const fetched = await listApplications(db, { ...filter, scope: scope!, after, limit: PAGE });
      const page = fetched.slice(0, PAGE);
      if (page.length === 0) return;
      const ids = page.map((r) => r.id);
      const [details, cityRanks, provinceRanks] = await Promise.all([
        findSummaryRows(db, ids, viewerUnitId),
        dispatchRanks(db, ids, 'city'),
        authority ? dispatchRanks(db, ids, 'province') : Promise.resolve(new Map<string, number>()),
      ]);
      const byId = new Map(details.map((d) => [d.id, d]));
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        const rank = provinceRanks.get(id) ?? cityRanks.get(id) ?? null;
        yield {
          number: row.number,
          statusLabel: statusLabels[row.status as ApplicationStatus] ?? row.status,
          cityName: row.city_name,
          rank,
          content: parseContent(row.content),
          submittedAt: row.submitted_at,
          code: Number(row.official) === 1 && row.snapshot_sha256 ? verificationCode(row.snapshot_sha256) : null,
        };
      }
      if (fetched.length <= PAGE) return;
      const last = page.at(-1)!;
      after = { updatedAt: last.updated_at, id: last.id };
    }
  }

  return {
    fileName: `申报汇总表-${ctx.now.toISOString().slice(0, 10)}.xlsx`,
    write: (out: Writable) => writeSummaryXlsx(rows(), out, { generatedAt: ctx.now }),
  };
}
