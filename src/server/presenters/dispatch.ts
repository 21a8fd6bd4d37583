import type { DispatchAction, DispatchStatus } from '../../domain/workflow.js';
import { dispatchStatusLabels, statusLabels, type ApplicationStatus } from '../../domain/workflow.js';
import {
  codeStatusLabels,
  dispatchLevelLabels,
  type CodeStatus,
  type Dispatch,
  type DispatchSendNote,
} from '../../domain/schemas/dispatches.js';
import { arrivalMethodLabels, type ArrivalMethod } from '../../domain/schemas/arrival.js';
import { countsTowardCopies, PAPER_COPIES_EXPECTED } from '../../domain/verification-code.js';
import type { DispatchItemRow, DispatchRow, PaperCopyRow } from '../repositories/dispatches.js';

type Level = Dispatch['level'];

interface SummaryRow {
  id: string;
  level: string;
  batch_id: string;
  from_org_id: string;
  from_org_name: string;
  status: string;
  supplementary: number;
  created_at: string;
  sent_at: string | null;
  received_at: string | null;
  version: number;
  item_count?: number | string | null;
  arrival_method?: string | null;
  arrival_note?: string | null;
  electronic_copies?: number | null;
  paper_copies?: number | null;
  has_letter?: number | null;
  has_pledge?: number | null;
  late?: number | null;
}

const flag = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v) === 1);
const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));

const arrival = (d: SummaryRow) => ({
  method: (d.arrival_method as ArrivalMethod | null) ?? null,
  methodLabel: d.arrival_method ? (arrivalMethodLabels[d.arrival_method as ArrivalMethod] ?? null) : null,
  electronicCopies: num(d.electronic_copies),
  paperCopies: num(d.paper_copies),
  letter: flag(d.has_letter),
  pledge: flag(d.has_pledge),
  note: d.arrival_note ?? null,
  late: d.received_at ? flag(d.late ?? 0) : null,
});

const common = (d: SummaryRow) => ({
  id: d.id,
  level: d.level as Level,
  levelLabel: dispatchLevelLabels[d.level as Level],
  batchId: d.batch_id,
  fromOrg: { id: d.from_org_id, name: d.from_org_name },
  status: d.status as DispatchStatus,
  statusLabel: dispatchStatusLabels[d.status as DispatchStatus],
  supplementary: d.supplementary === 1,
  createdAt: d.created_at,
  sentAt: d.sent_at,
  receivedAt: d.received_at,
  version: d.version,
  arrival: arrival(d),
});

export const presentDispatchSummary = (d: SummaryRow) => ({ ...common(d), itemCount: Number(d.item_count ?? 0) });

/** Counted and flagged copies per application. */
export function paperCopyTotals(copies: PaperCopyRow[]): Map<string, { count: number; flagged: number }> {
  const totals = new Map<string, { count: number; flagged: number }>();
  for (const c of copies) {
    const t = totals.get(c.application_id) ?? { count: 0, flagged: 0 };
    if (countsTowardCopies(c.code_status)) t.count += c.count;
    else t.flagged += c.count;
    totals.set(c.application_id, t);
  }
  return totals;
}

const orgRef = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentDispatch(
  d: DispatchRow,
  items: DispatchItemRow[],
  copies: PaperCopyRow[],
  extra: { deadline: Date | null; allowedActions: ('edit' | DispatchAction)[]; sendNote: DispatchSendNote | null },
): Dispatch {
  const totals = paperCopyTotals(copies);
  return {
    ...common(d),
    letter: d.letter,
    letterNo: d.letter_no ?? '',
    contactName: d.contact_name ?? '',
    contactPhone: d.contact_phone ?? '',
    returned:
      d.returned_at && d.return_comment
        ? { comment: d.return_comment, at: d.returned_at, by: d.returned_by_name ?? '' }
        : null,
    items: items.map((i) => ({
      rank: i.rank,
      applicationId: i.id,
      number: i.number,
      spaceName: i.space_name,
      unitName: i.unit_name,
      status: i.status as ApplicationStatus,
      statusLabel: statusLabels[i.status as ApplicationStatus],
      paperCopies: totals.get(i.id) ?? { count: 0, flagged: 0 },
    })),
    createdBy: orgRef(d.created_by_org_id, d.created_by_org_name) ?? { id: '', name: '' },
    sentBy: orgRef(d.sent_by_org_id, d.sent_by_org_name),
    pledge: d.pledge_signer_name && d.sent_at ? { signerName: d.pledge_signer_name, signedAt: d.sent_at } : null,
    sendOpinion: d.send_opinion ?? null,
    receivedBy: orgRef(d.received_by_org_id, d.received_by_org_name),
    deadline: extra.deadline ? extra.deadline.toISOString() : null,
    allowedActions: extra.allowedActions,
    sendNote: extra.sendNote,
  };
}

export const presentPaperCopy = (c: PaperCopyRow) => ({
  id: c.id,
  applicationId: c.application_id,
  count: c.count,
  receivedOn: c.received_on,
  receivedBy: c.received_by,
  code: c.code,
  codeStatus: c.code_status as CodeStatus | null,
  codeStatusLabel: c.code_status ? codeStatusLabels[c.code_status as CodeStatus] : null,
  counted: countsTowardCopies(c.code_status),
  registeredAt: c.registered_at,
});

/** An application's copy totals against the two expected. */
export function presentPaperCopyTotals(copies: PaperCopyRow[], applicationId: string) {
  const t = paperCopyTotals(copies).get(applicationId) ?? { count: 0, flagged: 0 };
  return { ...t, expected: PAPER_COPIES_EXPECTED, complete: t.count >= PAPER_COPIES_EXPECTED };
}
