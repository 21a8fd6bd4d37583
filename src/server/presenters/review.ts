import {
  INTEGRITY_RULES_TITLE,
  isPlaceholderIntegrityText,
  type Acknowledgement,
  type ChecklistResult,
  type ReviewConfig,
} from '../../domain/schemas/review.js';
import type { ChecklistView } from '../commands/review/reviewChecklist.js';
import type { ReviewConfigView } from '../queries/review/getReviewConfig.js';

export const presentReviewConfig = (v: ReviewConfigView): ReviewConfig => ({
  batchId: v.batch.id,
  batchName: v.batch.name,
  provinceId: v.province.id,
  provinceName: v.province.name,
  isDefault: v.config.row === null,
  version: v.config.version,
  checklist: v.config.checklist.map((c) => ({ key: c.key, label: c.label })),
  acceptanceChecklist: v.config.acceptanceChecklist.map((c) => ({ key: c.key, label: c.label })),
  integrity: {
    title: INTEGRITY_RULES_TITLE,
    text: v.config.integrityText,
    version: v.config.integrityVersion,
    placeholder: isPlaceholderIntegrityText(v.config.integrityText),
  },
  criteria: v.config.criteria.map((c) => ({
    key: c.key,
    label: c.label,
    weight: Number(c.weight),
    ...(c.description ? { description: c.description } : {}),
  })),
  sameCityRecusal: v.config.sameCityRecusal,
  updatedAt: v.config.row?.updated_at ?? null,
  updatedByName: v.config.row?.updated_by_name ?? null,
  canEdit: v.canEdit,
  acknowledgement: v.acknowledgement,
});

export const presentAcknowledgement = (a: {
  batch_id: string;
  province_id: string;
  text_version: number;
  acknowledged_at: string;
}): Acknowledgement => ({
  batchId: a.batch_id,
  provinceId: a.province_id,
  textVersion: Number(a.text_version),
  acknowledgedAt: a.acknowledged_at,
});

export const presentChecklist = (v: ChecklistView): ChecklistResult => ({
  applicationId: v.applicationId,
  items: v.items.map((i) => ({ key: i.key, label: i.label, checked: !!i.checked, note: i.note ?? null })),
  comment: v.row?.comment ?? null,
  reviewerName: v.row?.reviewer_name ?? null,
  updatedAt: v.row?.updated_at ?? null,
  version: Number(v.row?.version ?? 0),
  editable: v.editable,
  level: v.level,
  previousItems:
    v.previousItems?.map((i) => ({ key: i.key, label: i.label, checked: !!i.checked, note: i.note ?? null })) ?? null,
  pendingReconfirmation: v.pendingReconfirmation,
});
