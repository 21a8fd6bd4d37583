/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL: ids are text (UUID),
 * times are ISO-8601 UTC strings, booleans are 0/1 integers, structured data is JSON text.
 */
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
}

export interface AuditLogTable {
  seq: number;
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

export interface DB {
  orgs: OrgTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
}
