import {
  assignmentStatusLabels,
  type Assignment,
  type AssignmentStatus,
  type FieldVisit,
} from '../../domain/schemas/experts.js';
import type { Paged } from '../../domain/schemas/pagination.js';
import type { Criterion } from '../../domain/schemas/review.js';
import { todayInShanghai } from '../../domain/application/dates.js';
import { statusLabels, type ApplicationStatus } from '../../domain/workflow.js';
import type { Actor } from '../context.js';
import type { RankingEntry } from '../commands/experts/ranking.js';
import { assignmentActions } from '../policies/experts.js';
import type { AssignmentRow, ExpertRow } from '../repositories/expertAssignments.js';
import type { FieldVisitRow, PhotoRow } from '../repositories/fieldVisits.js';

const presentApp = (a: {
  id: string;
  number: string | null;
  space_name: string | null;
  unit_name: string;
  city_name: string;
  batch_id: string;
  batch_name: string;
  status: string;
}) => ({
  id: a.id,
  number: a.number,
  spaceName: a.space_name,
  unitName: a.unit_name,
  cityName: a.city_name,
  batchId: a.batch_id,
  batchName: a.batch_name,
  status: a.status as ApplicationStatus,
  statusLabel: statusLabels[a.status as ApplicationStatus] ?? a.status,
});

const presentCriterion = (c: Criterion): Criterion => ({
  key: c.key,
  label: c.label,
  weight: Number(c.weight),
  ...(c.description ? { description: c.description } : {}),
});

/**
 * An assignment as the actor sees it. The province officer sees the scores once submitted; the
 * withdrawal reason is shown to the expert itself and the province officer.
 */
export function presentAssignment(r: AssignmentRow, criteria: Criterion[], actor: Actor, now: Date): Assignment {
  const submitted = r.status === 'submitted';
  return {
    id: r.id,
    application: presentApp({
      id: r.application_id,
      number: r.app_number,
      space_name: r.app_space_name,
      unit_name: r.unit_name,
      city_name: r.city_name,
      batch_id: r.batch_id,
      batch_name: r.batch_name,
      status: r.app_status,
    }),
    expert: { id: r.expert_id, displayName: r.expert_name, orgName: r.expert_org_name },
    status: r.status as AssignmentStatus,
    statusLabel: assignmentStatusLabels[r.status as AssignmentStatus] ?? r.status,
    assignedAt: r.assigned_at,
    assignedByName: r.assigned_by_name ?? null,
    submittedAt: r.submitted_at,
    withdrawnAt: r.withdrawn_at,
    withdrawReason: r.withdraw_reason,
    criteria: criteria.map(presentCriterion),
    scores: submitted && r.scores ? (JSON.parse(r.scores) as { key: string; score: number }[]) : null,
    totalScore: submitted && r.total_score !== null ? Number(r.total_score) : null,
    comment: submitted ? r.comment : null,
    dueOn: r.due_on,
    overdue: r.status === 'assigned' && !!r.due_on && r.due_on < todayInShanghai(now),
    declaredAt: r.declared_at,
    draft:
      !submitted && actor.userId === r.expert_id && r.draft_saved_at
        ? {
            scores: JSON.parse(r.draft_scores ?? '[]') as { key: string; score: number }[],
            comment: r.draft_comment ?? '',
            savedAt: r.draft_saved_at,
          }
        : null,
    allowedActions: assignmentActions(actor, r),
  };
}

export const presentCandidate = (c: {
  expert: ExpertRow;
  assigned: boolean;
  reasons: string[];
  fields: string[];
  fieldMatch: boolean;
}) => ({
  id: c.expert.id,
  displayName: c.expert.display_name,
  orgName: c.expert.org_name,
  cityName: c.expert.city_name ?? null,
  fields: c.fields,
  fieldMatch: c.fieldMatch,
  assigned: c.assigned,
  eligible: c.reasons.length === 0 && !c.assigned,
  reasons: c.reasons,
});

export const presentPhoto = (p: PhotoRow) => ({
  id: p.id,
  fileName: p.file_name,
  mime: p.mime,
  size: Number(p.size),
  uploadedAt: p.uploaded_at,
});

export const presentFieldVisit = (v: FieldVisitRow, photos: PhotoRow[], editable: boolean): FieldVisit => ({
  id: v.id,
  applicationId: v.application_id,
  visitedOn: v.visited_on,
  visitors: v.visitors,
  findings: v.findings,
  photos: photos.filter((p) => p.visit_id === v.id).map(presentPhoto),
  createdByName: v.created_by_name ?? null,
  createdAt: v.created_at,
  updatedAt: v.updated_at,
  version: Number(v.version),
  editable,
});

export const presentRankingEntry = (e: RankingEntry) => ({
  rank: e.rank,
  application: presentApp(e.app),
  averageScore: e.averageScore,
  scoredCount: e.scoredCount,
  assignedCount: e.assignedCount,
  criteriaAverages: e.criteriaAverages,
  fieldVisitCount: e.fieldVisitCount,
});

/** An application's field visits, and `create` in allowedActions when the viewer may record one (editable). */
export const presentFieldVisitList = (r: { list: Paged<FieldVisitRow>; photos: PhotoRow[]; editable: boolean }) => ({
  ...r.list,
  items: r.list.items.map((v) => presentFieldVisit(v, r.photos, r.editable)),
  allowedActions: r.editable ? ['create' as const] : [],
});
