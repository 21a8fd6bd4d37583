import type { Writable } from 'node:stream';
import { AppError } from '../../../domain/errors.js';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { renderApplicationPdf } from '../../documents/applicationPdf.js';
import { writeDispatchZip } from '../../documents/dispatchZip.js';
import { safeFileName } from '../../documents/format.js';
import { renderLetterPdf, renderPledgePdf } from '../../documents/letters.js';
import { writeSummaryXlsx } from '../../documents/summaryXlsx.js';
import type { FileStore } from '../../files/fileStore.js';
import { applicationPdfInput, chooseVersion, snapshotFiles } from './applicationDocuments.js';
import { loadDispatchForDocuments, summaryRow } from './dispatchDocuments.js';

/** About what one application's PDF, and the 推荐函, pledge and 汇总表 together, add to a package (compressed). */
const PDF_ESTIMATE = 130_000;
const LETTERS_ESTIMATE = 70_000;

/**
 * The dispatch package (报送材料包): checks that the actor may see the dispatch and that every file
 * it names is in the store, records the download of personal data, then returns `write`, which
 * streams the ZIP — each application's PDF in the version that was submitted, with the files that
 * version froze.
 */
export async function packageDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  files: FileStore;
  publicBaseUrl: string;
}) {
  const { db, ctx, id } = opts;
  const { dispatch, applications, paper } = await loadDispatchForDocuments(db, ctx.actor, id, ctx.now);
  // The versions in a package are the submitted ones, whoever downloads it.
  const versions = applications.map(({ rank, row }) => ({ rank, row, chosen: chooseVersion(row, false) }));
  const wanted = versions.flatMap(({ row, chosen }) =>
    snapshotFiles(chosen.content).map((f) => ({ f, owner: row.space_name ?? row.number })),
  );
  const present = await Promise.all(wanted.map(({ f }) => opts.files.has(f.sha256)));
  const missing = wanted.filter((_, i) => !present[i]).map(({ f, owner }) => `${owner}：${f.fileName}`);
  if (missing.length) {
    throw new AppError('conflict', `材料包无法生成：以下上传文件在存储中缺失，请联系系统管理员：${missing.join('；')}`);
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, ctx, {
      action: 'export.dispatch_package',
      target: { type: 'dispatch', id },
      summary: { applications: applications.length, level: dispatch.level, status: dispatch.status },
    }),
  );
  // The package is produced while it is sent, so its length is not known; the uploaded files' sizes
  // are, and the PDFs vary little: an estimate the client shows progress against.
  const expectedLength =
    LETTERS_ESTIMATE +
    versions.reduce(
      (n, { chosen }) => n + PDF_ESTIMATE + snapshotFiles(chosen.content).reduce((k, f) => k + f.size, 0),
      0,
    );
  const fileName = `${safeFileName(dispatch.from_org_name)}-报送材料-${(dispatch.sent_at ?? ctx.now.toISOString()).slice(0, 10)}.zip`;
  const write = (out: Writable) =>
    writeDispatchZip(
      {
        letterPdf: () => renderLetterPdf(paper),
        pledgePdf: () => renderPledgePdf(paper),
        summary: (o) =>
          writeSummaryXlsx(
            versions.map(({ rank, row }) => summaryRow(row, rank, false)),
            o,
            { generatedAt: ctx.now },
          ),
        applications: versions.map(({ rank, row, chosen }) => ({
          rank,
          spaceName: row.space_name ?? '',
          number: row.number,
          pdf: async () =>
            renderApplicationPdf(
              await applicationPdfInput(db, row, chosen, {
                now: ctx.now,
                publicBaseUrl: opts.publicBaseUrl,
                files: opts.files,
              }),
            ),
          files: snapshotFiles(chosen.content).map((f) => ({
            name: f.fileName,
            open: async () => (await opts.files.open(f.sha256)).stream,
          })),
        })),
        date: new Date(dispatch.sent_at ?? ctx.now.toISOString()),
      },
      out,
    );
  return { fileName, write, expectedLength };
}
