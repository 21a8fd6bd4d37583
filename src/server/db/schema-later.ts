/** Tables added later: rate limits, publication, 查重, audit seals and security events. */
import type { Generated } from 'kysely';

/** Shared rate-limit counters (issue 16, PostgreSQL). */
export interface RateLimitTable {
  key: string;
  hits: number;
  /** Milliseconds since the epoch at which the window ends. */
  expires_at: number;
}

/** Failed logins under a name that belongs to no account (migration 1901), counted as an account's are. */
export interface LoginNameFailureTable {
  username: string;
  failed_count: number;
  locked_until: string | null;
  updated_at: string;
}

export interface GuardTables {
  rate_limits: RateLimitTable;
  login_name_failures: LoginNameFailureTable;
}

// ---- Issue 14 (migration 1700): publication of the Ministry's decisions ----

export interface PublicationTable {
  id: string;
  batch_id: string;
  document_no: string;
  published_on: string;
  count: number;
  published_by: string;
  created_at: string;
}

export interface PublicationItemTable {
  application_id: string;
  publication_id: string;
  decision: string; // filed | not_filed
}

export interface ProcessTables {
  publications: PublicationTable;
  publication_items: PublicationItemTable;
}

// ---- 查重 (migration 20261206_1601) ----

export interface SimilarityDocumentTable {
  id: Generated<number>;
  /** 'application' (a submitted snapshot) or 'import' (an earlier year's 申报书 from a file). */
  kind: string;
  application_id: string | null;
  snapshot_id: string | null;
  unit_id: string | null;
  uscc: string | null;
  unit_name: string;
  space_name: string;
  number: string | null;
  city_id: string | null;
  city_name: string;
  province_id: string | null;
  batch_id: string | null;
  batch_name: string;
  year: number;
  /** JSON: [{ key, text }], the sections as plain text. */
  sections: string;
  char_count: number;
  /** Imports: the file's name in the imported folder. */
  source_file: string | null;
  indexed_at: string;
}

export interface SimilarityFingerprintTable {
  hash: number;
  doc_id: number;
}

export interface SimilarityReportTable {
  application_id: string;
  snapshot_id: string;
  /** 'pending' | 'running' | 'ready' | 'failed'. */
  status: string;
  computed_at: string | null;
  overall: number | null;
  overall_excluding_same_unit: number | null;
  max_single_source: number | null;
  /** JSON: StoredSimilarityReport. */
  report: string | null;
  error: string | null;
  updated_at: string;
  /** Checks tried for this snapshot (migration 20261206_2301). */
  attempts: Generated<number>;
  /** When a pending check is due (ISO); null: now. */
  next_attempt_at: string | null;
  /** 1: a re-check because a later check found this application as a source (no cascade; 20261207_0301). */
  source_refresh: Generated<number>;
  /** 1: a later check found this application while its own check was running: check it again (20261207_0401). */
  recheck_requested: Generated<number>;
}

export interface SimilaritySettingsTable {
  batch_id: string;
  pair_threshold: number;
  boilerplate_min_docs: number;
  updated_by: string;
  updated_at: string;
}

export interface SimilarityRunTable {
  id: string;
  batch_id: string;
  province_id: string | null;
  /** 'queued' | 'running' | 'done' | 'failed'. */
  status: string;
  total: number;
  done: number;
  error: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Last sign of life of the worker running it (ISO); stale: the worker is gone. */
  heartbeat_at: string | null;
  /** The current claim (a random id per worker that took the run up); its writes are guarded by it. */
  claim_id: string | null;
  /** How many times the run was claimed. */
  attempts: number;
}

/** An earlier year's 申报书 imported from a file (migration 20261207_0101, npm run similarity:import). */
export interface SimilarityExternalSourceTable {
  /** The import id ("imp-" and the start of the content hash). */
  id: string;
  /** SHA-256 (hex) of the extracted text: the same document is imported once. */
  content_hash: string;
  /** Its similarity_documents row (kind 'import'). */
  doc_id: number;
  /** The file's path in the imported folder, as the CSV names it. */
  file_name: string;
  /** 'docx' | 'pdf' | 'txt'. */
  file_type: string;
  year: number;
  unit_name: string;
  uscc: string | null;
  space_name: string;
  city_name: string;
  province_name: string | null;
  char_count: number;
  /** Sections recognised (1 when the outline's headings were not found). */
  sections: number;
  /** The import run that brought it (its audit record's target). */
  import_run: string;
  imported_at: string;
}

export interface SimilarityTables {
  similarity_documents: SimilarityDocumentTable;
  similarity_external_sources: SimilarityExternalSourceTable;
  similarity_fingerprints: SimilarityFingerprintTable;
  similarity_reports: SimilarityReportTable;
  similarity_settings: SimilaritySettingsTable;
  similarity_runs: SimilarityRunTable;
}

/** A signed Merkle tree head over audit_log records first_seq..last_seq (migration 20261206_1201). */
export interface AuditSealTable {
  id: number;
  first_seq: number;
  last_seq: number;
  leaf_count: number;
  root: string;
  prev_hash: string;
  sealed_at: string;
  key_id: string;
  signature: string;
  hash: string;
}

/** Anonymous refusals, counted per client address, minute, method, path (≤ 200 characters) and code. */
export interface SecurityEventTable {
  minute: string;
  ip: string;
  method: string;
  path: string;
  code: string;
  count: number;
  last_at: string;
}

export interface AuditSealTables {
  audit_seals: AuditSealTable;
  security_events: SecurityEventTable;
}
