import { AppError } from '../../../domain/errors.js';
import {
  DEFAULT_CRITERIA,
  DEFAULT_INTEGRITY_TEXT,
  DEFAULT_SAME_CITY_RECUSAL,
  type Criterion,
} from '../../../domain/schemas/review.js';
import {
  DEFAULT_ACCEPTANCE_CHECKLIST,
  DEFAULT_CHECKLIST,
  type ChecklistItem,
} from '../../../domain/schemas/checklistLevels.js';
import type { Executor } from '../../db/database.js';
import { findBatch } from '../../repositories/batches.js';
import { findOrg } from '../../repositories/orgs.js';
import { findReviewConfig, type ReviewConfigRow } from '../../repositories/reviewConfigs.js';

/** The version of the default integrity text (a saved configuration with another text is 2 or more). */
export const DEFAULT_INTEGRITY_VERSION = 1;

/** The configuration in force for a batch and province: the stored one, or the defaults. */
export interface EffectiveReviewConfig {
  row: ReviewConfigRow | null;
  checklist: ChecklistItem[];
  /** The acceptance centre's 形式审查 items. */
  acceptanceChecklist: ChecklistItem[];
  integrityText: string;
  integrityVersion: number;
  criteria: Criterion[];
  sameCityRecusal: boolean;
  /** 0 while the defaults apply. */
  version: number;
}

function parseList<T>(json: string, fallback: readonly T[]): T[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as T[]) : [...fallback];
  } catch {
    return [...fallback];
  }
}

export async function loadReviewConfig(
  db: Executor,
  batchId: string,
  provinceId: string,
): Promise<EffectiveReviewConfig> {
  const row = await findReviewConfig(db, batchId, provinceId);
  if (!row) {
    return {
      row: null,
      checklist: [...DEFAULT_CHECKLIST],
      acceptanceChecklist: [...DEFAULT_ACCEPTANCE_CHECKLIST],
      integrityText: DEFAULT_INTEGRITY_TEXT,
      integrityVersion: DEFAULT_INTEGRITY_VERSION,
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
      sameCityRecusal: DEFAULT_SAME_CITY_RECUSAL,
      version: 0,
    };
  }
  return {
    row,
    checklist: parseList(row.checklist, DEFAULT_CHECKLIST),
    acceptanceChecklist: row.acceptance_checklist
      ? parseList(row.acceptance_checklist, DEFAULT_ACCEPTANCE_CHECKLIST)
      : [...DEFAULT_ACCEPTANCE_CHECKLIST],
    integrityText: row.integrity_text,
    integrityVersion: Number(row.integrity_version),
    criteria: parseList(row.criteria, DEFAULT_CRITERIA),
    sameCityRecusal: Number(row.same_city_recusal) === 1,
    version: Number(row.version),
  };
}

/** The batch and the province (a provincial-level org), or 404. */
export async function loadBatchAndProvince(db: Executor, batchId: string, provinceId: string) {
  const [batch, province] = await Promise.all([findBatch(db, batchId), findOrg(db, provinceId)]);
  if (!batch) throw new AppError('not_found', '批次不存在');
  if (!province || province.kind !== 'province') throw new AppError('not_found', '省份不存在');
  return { batch, province };
}
