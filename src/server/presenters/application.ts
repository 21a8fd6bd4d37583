import {
  applicationFileKindLabels,
  type ApplicationDetail,
  type ApplicationFile,
  type ApplicationListItem,
  type TimelineEntry,
} from '../../domain/schemas/applications.js';
import { narrativeForBrowser } from './narrativeImages.js';
import { todayInShanghai, type DraftContent } from '../../domain/application.js';
import { advisoryIndicators } from '../../domain/thresholds.js';
import { actionLabels, statusLabels, type ApplicationAction, type ApplicationStatus } from '../../domain/workflow.js';
import type { ApplicationView } from '../queries/applications/getApplicationView.js';
import type { ApplicationListRow, EventRow, FileRow } from '../repositories/applications.js';

/** Timeline actions that are not transitions of the workflow table. */
const EXTRA_ACTION_LABELS: Record<string, string> = { create: '创建申报' };

const statusLabel = (s: string | null) => (s ? (statusLabels[s as ApplicationStatus] ?? s) : null);

/** An application in a list (and the head of its detail); its working copy's last save only for the unit. */
export const presentApplicationListItem = (r: ApplicationListRow, viewerIsUnit: boolean): ApplicationListItem => ({
  id: r.id,
  number: r.number,
  batchId: r.batch_id,
  batchName: r.batch_name,
  unit: { id: r.unit_id, name: r.unit_name, uscc: r.uscc },
  cityId: r.city_id,
  cityName: r.city_name,
  spaceName: r.space_name,
  status: r.status as ApplicationStatus,
  statusLabel: statusLabels[r.status as ApplicationStatus] ?? r.status,
  version: Number(r.version),
  submittedAt: r.submitted_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  savedAt: viewerIsUnit ? r.saved_at : null,
});

export const presentFile = (f: FileRow): ApplicationFile => ({
  id: f.id,
  kind: f.kind,
  kindLabel: applicationFileKindLabels[f.kind as keyof typeof applicationFileKindLabels] ?? f.kind,
  fileName: f.file_name,
  mime: f.mime,
  size: Number(f.size),
  sha256: f.sha256,
  uploadedAt: f.uploaded_at,
});

/** One timeline entry; the applicant unit sees which organisation acted, never the person. */
export const presentEvent = (e: EventRow, viewerIsUnit: boolean): TimelineEntry => ({
  id: e.id,
  at: e.at,
  action: e.action,
  actionLabel: actionLabels[e.action as ApplicationAction] ?? EXTRA_ACTION_LABELS[e.action] ?? e.action,
  fromStatus: e.from_status,
  fromStatusLabel: statusLabel(e.from_status),
  toStatus: e.to_status,
  toStatusLabel: statusLabel(e.to_status)!,
  comment: e.comment,
  actorOrgName: e.actor_org_name ?? null,
  actorName: viewerIsUnit ? null : (e.actor_display_name ?? null),
});

/** The content as browsers receive it (the narrative's images only the application's own, see narrativeImages.ts). */
export function presentContent(content: DraftContent, applicationId: string): ApplicationDetail['content'] {
  return {
    basicInfo: content.basicInfo ?? null,
    narrative: narrativeForBrowser(content.narrative ?? null, applicationId),
    provincialFiling: content.provincialFiling ?? null,
  };
}

/**
 * The sections an autosave replaced, as stored and as browsers receive them (presentContent's
 * rules); a section cleared is null, a section not saved is absent.
 */
export function presentSavedSections(
  saved: DraftContent,
  applicationId: string,
): Partial<ApplicationDetail['content']> {
  const all = presentContent(saved, applicationId);
  return Object.fromEntries(Object.keys(saved).map((k) => [k, all[k as keyof typeof all]]));
}

function parseKinds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function presentApplicationDetail(v: ApplicationView): ApplicationDetail {
  const content = presentContent(v.content, v.app.id);
  return {
    ...presentApplicationListItem(v.app, v.viewerIsUnit),
    content,
    files: v.files.map(presentFile),
    requiredFileKinds: parseKinds(v.app.required_file_kinds),
    unitLegalRepresentative: v.unitLegalRepresentative,
    pledge: v.pledge
      ? { signerName: v.pledge.signer_name, signedAt: v.pledge.signed_at, snapshotSha256: v.pledge.snapshot_sha256 }
      : null,
    snapshot: v.snapshot ? { seq: v.snapshot.seq, sha256: v.snapshot.sha256, createdAt: v.snapshot.created_at } : null,
    deadline: v.deadline ? v.deadline.toISOString() : null,
    allowedActions: v.allowedActions,
    assessmentActions: v.assessmentActions,
    timeline: v.events.map((e) => presentEvent(e, v.viewerIsUnit)),
    indicators: advisoryIndicators(v.content.basicInfo, { today: todayInShanghai(v.now) }),
    lastSave: v.lastSave,
  };
}
