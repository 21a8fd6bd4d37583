import type {
  Batch,
  BatchDocument,
  BatchStatus,
  Deadline,
  DeadlineKind,
  RecordedDates,
} from '../../domain/schemas/batches.js';
import type { Actor } from '../context.js';
import type { BatchDocumentTable, BatchTable } from '../db/schema.js';
import { batchActions, deadlineActions, deadlineScopesOf } from '../policies/batches.js';
import type { BatchRelations } from '../repositories/batches.js';

const KIND_ORDER: Record<DeadlineKind, number> = { province: 0, city: 1, applicant: 2 };

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export const presentBatchDocument = (d: BatchDocumentTable): BatchDocument => ({
  id: d.id,
  title: d.title,
  fileName: d.file_name,
  mime: d.mime,
  size: Number(d.size),
  sha256: d.file_sha256,
  url: `/api/batches/${d.batch_id}/documents/${d.id}`,
});

type DeadlineRow = BatchRelations['deadlines'][number];
type ExtensionRow = BatchRelations['extensions'][number];

/** A deadline with what the viewer (null: not logged in) may do with it; `batch` is the batch it belongs to. */
export const presentDeadline = (
  d: DeadlineRow,
  extensions: ExtensionRow[],
  viewer: Actor | null,
  batch: { status: string },
): Deadline => ({
  id: d.id,
  batchId: d.batch_id,
  kind: d.kind as DeadlineKind,
  scopeOrgId: d.scope_org_id,
  scopeOrgName: d.scope_org_name ?? null,
  dueAt: d.due_at,
  originalDueAt: d.original_due_at,
  setByOrgId: d.set_by_org_id,
  setByOrgName: d.set_by_org_name ?? null,
  // Who extended is shown by organisation only: the batch is public.
  extensions: extensions
    .filter((e) => e.deadline_id === d.id)
    .map((e) => ({
      id: e.id,
      fromDueAt: e.from_due_at,
      toDueAt: e.to_due_at,
      reason: e.reason,
      at: e.at,
      orgId: e.org_id,
      orgName: e.org_name ?? null,
    })),
  allowedActions: deadlineActions(viewer, d, batch),
});

/** A batch with its notice, documents and deadline cascade (national, then provinces, then cities). */
export function presentBatch(b: BatchTable, rel: BatchRelations, viewer: Actor | null): Batch {
  const deadlines = rel.deadlines
    .filter((d) => d.batch_id === b.id)
    .sort(
      (x, y) =>
        KIND_ORDER[x.kind as DeadlineKind] - KIND_ORDER[y.kind as DeadlineKind] ||
        Number(x.scope_sort ?? 0) - Number(y.scope_sort ?? 0) ||
        (x.scope_org_name ?? '').localeCompare(y.scope_org_name ?? ''),
    );
  return {
    id: b.id,
    name: b.name,
    year: Number(b.year),
    noticeText: b.notice_text,
    noticeTitle: b.notice_title ?? '',
    noticeNo: b.notice_no ?? '',
    status: b.status as BatchStatus,
    requiredFileKinds: parseJson<string[]>(b.required_file_kinds, []),
    recordedDates: parseJson<RecordedDates>(b.recorded_dates, {}),
    documents: rel.documents.filter((d) => d.batch_id === b.id).map(presentBatchDocument),
    deadlines: deadlines.map((d) => presentDeadline(d, rel.extensions, viewer, b)),
    createdAt: b.created_at,
    updatedAt: b.updated_at,
    version: Number(b.version),
    allowedActions: batchActions(viewer, b),
    deadlineScopes: deadlineScopesOf(viewer),
  };
}
