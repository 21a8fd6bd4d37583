/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL: ids are text (UUID),
 * times are ISO-8601 UTC strings, booleans are 0/1 integers, structured data is JSON text.
 */
import type { Generated } from 'kysely';
import type { ReviewTables } from './schema-review.js';
import type { AuditSealTables, GuardTables, ProcessTables, SimilarityTables } from './schema-later.js';

export type * from './schema-review.js';
export type * from './schema-later.js';

export interface OrgTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  region_code: string | null;
  uscc: string | null;
  /** The provincial-level org this org belongs to (itself for a province); null for the Ministry. */
  province_id: string | null;
  /** The city bureau this org belongs to (itself for a city); null above city level. */
  city_id: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
  /** Migration 0101 (issue 17): an applicant unit's 法定代表人 and address, from its registration. */
  legal_representative?: string | null;
  address?: string | null;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  org_id: string;
  status: string; // active | disabled | pending | refused
  must_change_password: number;
  failed_login_count: number;
  locked_until: string | null;
  password_changed_at: string;
  last_login_at: string | null;
  mobile: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** An expert's professional fields, a JSON array (migration 1901); null for other users. */
  expert_fields: string | null;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** Wrong current passwords given to the password change in this session (the fifth ends it). */
  failed_password_checks: Generated<number>;
}

export interface AuditLogTable {
  /** Given by the database (migration 20261206_1201): increasing, with gaps where a transaction rolled back. */
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  org_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

export interface DB
  extends WorkflowTables, ReviewTables, GuardTables, ProcessTables, SimilarityTables, AuditSealTables {
  orgs: OrgTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
}

export interface BatchTable {
  id: string;
  name: string;
  year: number;
  notice_text: string;
  /** The notice the letters cite (migration 1700), e.g. 关于组织开展第四批…的通知 and 苏科高发〔2020〕174号. */
  notice_title?: string;
  notice_no?: string;
  status: string;
  required_file_kinds: string;
  recorded_dates: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface BatchDocumentTable {
  id: string;
  batch_id: string;
  title: string;
  file_sha256: string;
  file_name: string;
  mime: string;
  size: number;
  sort_order: number;
  created_at: string;
}

export interface DeadlineTable {
  id: string;
  batch_id: string;
  kind: string; // applicant | city | province
  scope_org_id: string | null;
  due_at: string;
  original_due_at: string;
  set_by_org_id: string;
  set_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeadlineExtensionTable {
  id: string;
  deadline_id: string;
  from_due_at: string;
  to_due_at: string;
  reason: string;
  user_id: string;
  org_id: string;
  at: string;
}

export interface RegistrationTable {
  id: string;
  unit_name: string;
  uscc: string;
  city_id: string;
  contact_name: string;
  mobile: string;
  email: string;
  username: string;
  password_hash: string;
  status: string; // pending | approved | refused
  comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  org_id: string | null;
  user_id: string | null;
  created_at: string;
  version: number;
  /** Migration 0101 (issue 17): null on registrations from before it. */
  legal_representative?: string | null;
  address?: string | null;
  licence_sha256?: string | null;
  licence_mime?: string | null;
  licence_name?: string | null;
  licence_size?: number | null;
}

/** A 营业执照 uploaded before its registration exists (migration 0101); bound once by the token. */
export interface RegistrationLicenceTable {
  id: string;
  token_hash: string;
  sha256: string;
  mime: string;
  file_name: string;
  size: number;
  created_at: string;
  registration_id: string | null;
  used_at: string | null;
}

export interface ApplicationTable {
  id: string;
  batch_id: string;
  unit_id: string;
  city_id: string;
  province_id: string;
  status: string;
  version: number;
  number: string | null;
  space_name: string | null;
  uscc: string;
  current_snapshot_id: string | null;
  submitted_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** From the submitted snapshot (migration 0050): basicInfo.operatorNature. */
  operator_nature: string | null;
  /** From the submitted snapshot (migration 0050): basicInfo.mainFields as a JSON array. */
  main_fields: string | null;
  /** The unit's own last save of the working copy, and who saved (migration 1902). */
  saved_at: string | null;
  saved_by: string | null;
}

/**
 * The working copy, one row per section (migration 0201): `section` is a key of DraftContent
 * (basicInfo, narrative, provincialFiling), `content` its JSON text; a section not stored is empty.
 * Read whole through workingCopyJson (repositories/sections.ts).
 */
export interface ApplicationSectionTable {
  application_id: string;
  section: string;
  content: string;
}

export interface ApplicationSnapshotTable {
  id: string;
  application_id: string;
  seq: number;
  content: string;
  sha256: string;
  created_by: string;
  created_at: string;
}

export interface PledgeTable {
  id: string;
  application_id: string;
  snapshot_id: string;
  snapshot_sha256: string;
  signer_name: string;
  user_id: string;
  signed_at: string;
  /** Which pledge wording was signed (domain/pledges.ts PledgeText.id); migration 0020. */
  text_id: string | null;
  /** Migration 1700: 1 when the applicant confirmed signing although the signer is not the 法人代表. */
  signer_mismatch_confirmed: Generated<number>;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_org_id: string | null;
  actor_role: string | null;
  comment: string | null;
  at: string;
  /** 1, 2, 3 … within the application: the timeline's order (migration 0020). */
  seq: number | null;
}

export interface ApplicationFileTable {
  id: string;
  application_id: string;
  kind: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
  deleted_at: string | null;
}

export interface DispatchTable {
  id: string;
  batch_id: string;
  level: string; // city | province
  from_org_id: string;
  province_id: string;
  status: string;
  supplementary: number;
  letter: string;
  created_by: string;
  created_at: string;
  sent_by: string | null;
  sent_at: string | null;
  pledge_signer_name: string | null;
  received_by: string | null;
  received_at: string | null;
  updated_at: string;
  version: number;
  /** Migration 1700: the letter's 文号, contact person and telephone; the approver's send-back. */
  letter_no?: string | null;
  contact_name?: string | null;
  contact_phone?: string | null;
  return_comment?: string | null;
  /** Migration 1910: the approver's opinion at 报送; the 接收登记 and whether it arrived late (1/0). */
  send_opinion?: string | null;
  arrival_method?: string | null;
  arrival_note?: string | null;
  electronic_copies?: number | null;
  paper_copies?: number | null;
  has_letter?: number | null;
  has_pledge?: number | null;
  late?: number | null;
  returned_by?: string | null;
  returned_at?: string | null;
}

export interface DispatchItemTable {
  dispatch_id: string;
  application_id: string;
  rank: number;
}

export interface PaperCopyTable {
  id: string;
  application_id: string;
  snapshot_id: string | null;
  count: number;
  received_on: string;
  received_by: string;
  code: string | null;
  code_status: string | null;
  registered_by: string;
  registered_at: string;
}

export interface ConflictTable {
  id: string;
  user_id: string;
  unit_id: string;
  reason: string;
  declared_at: string;
}

export interface CreditRecordTable {
  id: string;
  uscc: string;
  unit_name: string;
  unit_id: string | null;
  application_id: string | null;
  reason: string;
  source: string;
  recorded_by_org_id: string;
  province_id: string | null;
  valid_from: string;
  valid_to: string | null;
  created_by: string;
  created_at: string;
  /** Set when the record is ended early (migration 0020). */
  end_reason: string | null;
  ended_by: string | null;
  ended_at: string | null;
}

export interface IdempotencyKeyTable {
  key: string;
  user_id: string;
  route: string;
  status_code: number;
  body: string;
  created_at: string;
}

export interface WorkflowTables {
  batches: BatchTable;
  batch_documents: BatchDocumentTable;
  deadlines: DeadlineTable;
  deadline_extensions: DeadlineExtensionTable;
  registrations: RegistrationTable;
  registration_licences: RegistrationLicenceTable;
  applications: ApplicationTable;
  application_sections: ApplicationSectionTable;
  application_snapshots: ApplicationSnapshotTable;
  pledges: PledgeTable;
  application_events: ApplicationEventTable;
  application_files: ApplicationFileTable;
  dispatches: DispatchTable;
  dispatch_items: DispatchItemTable;
  paper_copies: PaperCopyTable;
  conflicts: ConflictTable;
  credit_records: CreditRecordTable;
  idempotency_keys: IdempotencyKeyTable;
}

// ---- review, province assessment and notifications (migrations 0050, 0051) ----
