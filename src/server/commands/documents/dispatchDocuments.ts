import { AppError } from '../../../domain/errors.js';
import { statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { verificationCode } from '../../../domain/verification-code.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { MINISTRY_ID } from '../../db/seed/reference-orgs.js';
import type { DispatchPaperInput } from '../../documents/letters.js';
import type { SummaryRow } from '../../documents/summaryXlsx.js';
import { canSeeDispatch } from '../../policies/dispatches.js';
import {
  findApplicationsForDocuments,
  findBatchName,
  findOrgName,
  type DocumentApplicationRow,
} from '../../repositories/documents.js';
import { findDispatch, findDispatchItems, type DispatchRow } from '../../repositories/dispatches.js';
import { chooseVersion } from './applicationDocuments.js';

/**
 * A dispatch as its papers show it: the letter, the ranked applications with the codes of the
 * versions sent, the signature of the attachment-5 pledge. 404 when the actor may not see it.
 */
export async function loadDispatchForDocuments(db: Executor, actor: Actor, id: string, now: Date) {
  const d = await findDispatch(db, id);
  if (!d || !canSeeDispatch(actor, d)) throw new AppError('not_found');
  const items = await findDispatchItems(db, id);
  const rows = await findApplicationsForDocuments(
    db,
    items.map((i) => i.id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const applications = items.flatMap((i) => {
    const row = byId.get(i.id);
    return row ? [{ rank: Number(i.rank), row }] : [];
  });
  const paper = await dispatchPaperInput(db, d, applications, now);
  return { dispatch: d, applications, paper };
}

async function dispatchPaperInput(
  db: Executor,
  d: DispatchRow,
  applications: { rank: number; row: DocumentApplicationRow }[],
  now: Date,
): Promise<DispatchPaperInput> {
  const toOrgName =
    d.level === 'city'
      ? ((await findOrgName(db, d.province_id)) ?? '省科学技术厅')
      : ((await findOrgName(db, MINISTRY_ID)) ?? '科学技术部');
  return {
    level: d.level === 'province' ? 'province' : 'city',
    fromOrgName: d.from_org_name,
    toOrgName,
    batchName: await findBatchName(db, d.batch_id),
    letter: d.letter,
    letterNo: d.letter_no ?? '',
    contactName: d.contact_name ?? '',
    contactPhone: d.contact_phone ?? '',
    supplementary: Number(d.supplementary) === 1,
    items: applications.map(({ rank, row }) => ({
      rank,
      number: row.number,
      spaceName: row.space_name,
      unitName: row.unit_name,
      code: row.snapshot_sha256 ? verificationCode(row.snapshot_sha256) : null,
    })),
    sentAt: d.sent_at,
    pledge: d.pledge_signer_name && d.sent_at ? { signerName: d.pledge_signer_name, signedAt: d.sent_at } : null,
    generatedAt: now,
  };
}

/** A 汇总表 row for an application, in the version the viewer sees. */
export function summaryRow(row: DocumentApplicationRow, rank: number | null, viewerIsUnit: boolean): SummaryRow {
  const chosen = chooseVersion(row, viewerIsUnit);
  return {
    number: row.number,
    statusLabel: statusLabels[row.status as ApplicationStatus] ?? row.status,
    cityName: row.city_name,
    rank,
    content: chosen.content,
    submittedAt: row.submitted_at,
    code: chosen.official && row.snapshot_sha256 ? verificationCode(row.snapshot_sha256) : null,
  };
}
