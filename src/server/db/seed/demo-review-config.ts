import { randomUUID } from 'node:crypto';
import { DEFAULT_ACCEPTANCE_CHECKLIST, DEFAULT_CHECKLIST } from '../../../domain/schemas/checklistLevels.js';
import {
  DEFAULT_CRITERIA,
  DEFAULT_INTEGRITY_TEXT,
  DEFAULT_SAME_CITY_RECUSAL,
  INTEGRITY_PLACEHOLDER_MARK,
} from '../../../domain/schemas/review.js';
import type { Executor } from '../database.js';
import { insertReviewConfig } from '../../repositories/reviewConfigs.js';

/**
 * The demo's integrity text. The official texts of 六项承诺 / 八个严禁 could not be found (DOMAIN §4),
 * and nobody can acknowledge the placeholder (the city review waits for the acknowledgement), so the
 * demo province has "entered" this text, which says plainly that it is demo data: the notice's own
 * requirement and the reviewer's confirmation, without the placeholder paragraph.
 */
export const DEMO_INTEGRITY_TEXT = [
  '（演示数据）本段由演示数据写入，正式使用时由省科技厅在“评审配置”中录入全省科技管理系统“六项承诺”和“八个严禁”规定的正式条文。',
  ...DEFAULT_INTEGRITY_TEXT.split('\n').filter((line) => !line.includes(INTEGRITY_PLACEHOLDER_MARK)),
].join('\n');

/** Saved texts are version 2 and up (1 is the default text). */
const DEMO_INTEGRITY_VERSION = 2;

/** The demo province's review configuration of the demo batch: the defaults with the demo integrity text. */
export async function seedDemoReviewConfig(
  db: Executor,
  c: { batchId: string; provinceId: string; userId: string; now: Date },
): Promise<void> {
  await insertReviewConfig(db, {
    id: randomUUID(),
    batchId: c.batchId,
    provinceId: c.provinceId,
    checklist: JSON.stringify(DEFAULT_CHECKLIST),
    acceptanceChecklist: JSON.stringify(DEFAULT_ACCEPTANCE_CHECKLIST),
    integrityText: DEMO_INTEGRITY_TEXT,
    integrityVersion: DEMO_INTEGRITY_VERSION,
    criteria: JSON.stringify(DEFAULT_CRITERIA),
    sameCityRecusal: DEFAULT_SAME_CITY_RECUSAL,
    userId: c.userId,
    now: c.now,
  });
}
