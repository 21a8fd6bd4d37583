/** Tables of the review: configuration, checklists, experts, field visits, notifications, search. */
import type { Generated } from 'kysely';

export interface ReviewConfigTable {
  id: string;
  batch_id: string;
  province_id: string;
  /** JSON: [{ key, label }]. */
  checklist: string;
  integrity_text: string;
  integrity_version: number;
  /** JSON: [{ key, label, weight, description? }]. */
  criteria: string;
  same_city_recusal: number;
  /** Migration 1910: JSON [{ key, label }] of the acceptance centre's 形式审查; null: the defaults. */
  acceptance_checklist?: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface IntegrityAcknowledgementTable {
  id: string;
  user_id: string;
  batch_id: string;
  province_id: string;
  text_version: number;
  text_sha256: string;
  acknowledged_at: string;
}

export interface ReviewChecklistTable {
  id: string;
  application_id: string;
  /** JSON: [{ key, label, checked, note }]. */
  items: string;
  /** Migration 1910: city (真实性审查) or acceptance (形式审查); one checklist per application and level. */
  level: Generated<string>;
  /** Migration 1910: JSON items of the round before the last return (上一轮), or null. */
  previous_items?: string | null;
  comment: string | null;
  reviewer_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ExpertAssignmentTable {
  id: string;
  application_id: string;
  expert_id: string;
  batch_id: string;
  province_id: string;
  status: string; // assigned | submitted | withdrawn
  assigned_by: string;
  assigned_at: string;
  criteria: string | null;
  scores: string | null;
  total_score: number | null;
  comment: string | null;
  submitted_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  updated_at: string;
  version: number;
  /** The review deadline the province set (YYYY-MM-DD, Beijing time), null for none. */
  due_on: string | null;
  /** When the expert declared no conflict of interest with the unit (before scoring). */
  declared_at: string | null;
  draft_scores: string | null;
  draft_comment: string | null;
  draft_saved_at: string | null;
}

export interface FieldVisitTable {
  id: string;
  application_id: string;
  visited_on: string;
  visitors: string;
  findings: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version: number;
}

export interface FieldVisitPhotoTable {
  id: string;
  visit_id: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
  deleted_at: string | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
  application_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface EmailOutboxTable {
  id: string;
  notification_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  link: string | null;
  status: string; // pending | sent | failed
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ReminderSentTable {
  deadline_key: string;
  kind: string;
  user_id: string;
  sent_at: string;
}

export interface ReviewTables {
  review_configs: ReviewConfigTable;
  integrity_acknowledgements: IntegrityAcknowledgementTable;
  review_checklists: ReviewChecklistTable;
  expert_assignments: ExpertAssignmentTable;
  field_visits: FieldVisitTable;
  field_visit_photos: FieldVisitPhotoTable;
  notifications: NotificationTable;
  email_outbox: EmailOutboxTable;
  reminders_sent: ReminderSentTable;
  application_search: ApplicationSearchTable;
}

/** What the queue's search matches, per application; kept by triggers (migration 0080). */
export interface ApplicationSearchTable {
  id: Generated<number>;
  application_id: string;
  city_id: string;
  province_id: string;
  space_name: string | null;
  unit_name: string | null;
}
