import type { Migration } from 'kysely';
import * as m0001 from './20261128_0001_foundation.js';
import * as m0002 from './20261128_0002_workflow.js';
import * as m0010 from './20261128_0010_uniqueness.js';
import * as m0020 from './20261128_0020_applications.js';
import * as m0050 from './20261128_0050_review_experts.js';
import * as m0051 from './20261128_0051_notifications.js';
import * as m0070 from './20261128_0070_list_indexes.js';
import * as m0080 from './20261128_0080_application_search.js';
import * as m0081 from './20261128_0081_audit_chain_head.js';
import * as m1101 from './20261206_1101_retention_indexes.js';
import * as m1801 from './20261206_1801_rate_limits.js';
import * as m1301 from './20261206_1301_auth_hardening.js';
import * as m1700 from './20261206_1700_process.js';
import * as m1601 from './20261206_1601_similarity.js';
import * as m2301 from './20261206_2301_similarity_checks.js';
import * as m0301refresh from './20261207_0301_similarity_source_refresh.js';
import * as m0401recheck from './20261207_0401_similarity_recheck_requested.js';
import * as m0501fillfactor from './20261207_0501_applications_fillfactor.js';
import * as m1201 from './20261206_1201_audit_seals.js';
import * as m1901 from './20261206_1901_experts_progress.js';
import * as m1902 from './20261206_1902_progress_last_save.js';
import * as m1910 from './20261206_1910_opinions_resubmission.js';
import * as m1901login from './20261206_1901_login_names.js';
import * as m0101registration from './20261207_0101_registration_licence.js';
import * as m0101import from './20261207_0101_similarity_import.js';
import * as m0101simspeed from './20261207_0101_simspeed_run_heartbeat.js';
import * as m0201sections from './20261207_0201_application_sections.js';

/**
 * Every migration, in order. A landed migration is never edited: add a new file and list it here.
 */
export const migrations: Record<string, Migration> = {
  '20261128_0001_foundation': m0001,
  '20261128_0002_workflow': m0002,
  '20261128_0010_uniqueness': m0010,
  '20261128_0020_applications': m0020,
  '20261128_0050_review_experts': m0050,
  '20261128_0051_notifications': m0051,
  '20261128_0070_list_indexes': m0070,
  '20261128_0080_application_search': m0080,
  '20261128_0081_audit_chain_head': m0081,
  '20261206_1101_retention_indexes': m1101,
  '20261206_1801_rate_limits': m1801,
  '20261206_1301_auth_hardening': m1301,
  '20261206_1700_process': m1700,
  '20261206_1601_similarity': m1601,
  '20261206_1201_audit_seals': m1201,
  '20261206_1901_experts_progress': m1901,
  '20261206_1902_progress_last_save': m1902,
  '20261206_1910_opinions_resubmission': m1910,
  '20261206_1901_login_names': m1901login,
  '20261206_2301_similarity_checks': m2301,
  '20261207_0101_registration_licence': m0101registration,
  '20261207_0101_similarity_import': m0101import,
  '20261207_0101_simspeed_run_heartbeat': m0101simspeed,
  '20261207_0201_application_sections': m0201sections,
  '20261207_0301_similarity_source_refresh': m0301refresh,
  '20261207_0401_similarity_recheck_requested': m0401recheck,
  '20261207_0501_applications_fillfactor': m0501fillfactor,
};
